package io.tracksearch.cli;

import io.tracksearch.http.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code tracksearch sync} from the command line: a pass into a data directory, and the errors a user meets first. */
class SyncCommandTest {
    private static TestServer source;

    @TempDir
    Path data;

    @BeforeAll
    static void start() {
        source = TestServer.start();
        source.createQueue("CLI");
        for (int i = 0; i < 5; i++) {
            assertEquals(201, source.post("/v2/issues/", "{\"queue\":\"CLI\",\"summary\":\"issue " + i + "\"}").status());
        }
    }

    @AfterAll
    static void stop() {
        source.close();
    }

    /** Runs the command; returns exit code, standard output and standard error. */
    private static String[] run(String... arguments) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(arguments);
            return new String[] {Integer.toString(code), outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8)};
        }
        finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void aPassCopiesTheIssuesAndTheNextIsIncremental() {
        String[] first = run("sync", "--source", source.url(), "--source-token", source.adminToken, "--source-org", TestServer.ORGANIZATION,
                "--rate", "0", "--data", data.toString());
        assertEquals("0", first[0], first[2]);
        assertTrue(first[1].contains("sync: full pass, 5 issues listed, 5 copied"), first[1]);
        assertTrue(Files.exists(data.resolve("sync-checkpoint.json")));
        String[] second = run("sync", "--source", source.url(), "--source-token", source.adminToken, "--source-org", TestServer.ORGANIZATION,
                "--data", data.toString());
        assertEquals("0", second[0], second[2]);
        assertTrue(second[1].contains("sync: incremental pass, 5 issues listed, 0 copied"), second[1]);
    }

    @Test
    void aWrongTokenOrOrganizationStopsWithAClearMessage() {
        String[] token = run("sync", "--source", source.url(), "--source-token", "wrong", "--source-org", TestServer.ORGANIZATION,
                "--data", data.toString());
        assertEquals(Integer.toString(SyncCommand.REJECTED), token[0]);
        assertTrue(token[2].contains("error: the source " + source.url() + " refused the token (401"), token[2]);
        String[] organization = run("sync", "--source", source.url(), "--source-token", source.adminToken, "--source-cloud-org", "other",
                "--data", data.toString());
        assertEquals(Integer.toString(SyncCommand.REJECTED), organization[0]);
        assertTrue(organization[2].contains("refused the token or organization 'other' (403"), organization[2]);
        assertFalse(Files.exists(data.resolve("sync-checkpoint.json")), "a refused pass leaves no checkpoint");
    }

    @Test
    void bothOrNeitherOrganizationIsAUsageError() {
        assertEquals("2", run("sync", "--source", source.url(), "--source-token", "t", "--data", data.toString())[0]);
        assertEquals("2", run("sync", "--source", source.url(), "--source-token", "t", "--source-org", "a", "--source-cloud-org", "b",
                "--data", data.toString())[0]);
    }
}
