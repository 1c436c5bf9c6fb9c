package io.tracksearch.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracksearch.auth.UserRegistry;
import io.tracksearch.http.TestServer;
import io.tracksearch.testing.Backend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code tracksearch sync} as a separate JVM, killed with SIGKILL at random moments of a first pass and of
 * an incremental one, then run again: after the last run the mirror answers exactly as the source, each
 * issue once, and the checkpoint was never torn. The command writes the embedded store, so this runs on
 * Lucene; the serve job shares the code path on OpenSearch. {@code -Dtracksearch.sync.seed} replays a run.
 */
class SyncKillTest {
    private static final long SEED = Long.getLong("tracksearch.sync.seed", System.nanoTime());
    private static final int KILLS = Integer.getInteger("tracksearch.sync.kills", 3);

    @TempDir
    Path data;

    @Test
    void killedPassesConvergeOnRestart() throws Exception {
        System.out.println("SyncKillTest seed " + SEED);
        Random random = new Random(SEED);
        try (TestServer source = TestServer.start(Backend.LUCENE)) {
            SourceData sourceData = new SourceData(source, random.nextLong()).fill(SourceData.ISSUES);
            for (int kill = 1; kill <= KILLS; kill++) {
                Process sync = start(source);
                // the JVM starts in about a second; the first pass of 2,000 issues takes several more
                boolean finished = sync.waitFor(1000 + random.nextInt(5000), TimeUnit.MILLISECONDS);
                if (!finished) {
                    sync.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                }
                System.out.println("kill " + kill + ": " + (finished ? "the pass had finished, exit " + sync.exitValue() : "killed mid-pass"));
                assertCheckpointReadable();
            }
            assertEquals(0, runToEnd(source), output());
            sourceData.edit(30);
            Process incremental = start(source);
            if (!incremental.waitFor(random.nextInt(400), TimeUnit.MILLISECONDS)) {
                incremental.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            assertCheckpointReadable();
            assertEquals(0, runToEnd(source), output());
            assertTrue(output().contains("sync: incremental pass"), output());

            String token = new UserRegistry(data).addToken("admin", "mirror-token");
            try (TestServer mirror = TestServer.startOn(data, token)) {
                MirrorAssertions.assertMirrors(source, mirror);
            }
        }
    }

    private Process start(TestServer source) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"), "io.tracksearch.cli.Main", "sync",
                "--source", source.url(), "--source-token", source.adminToken, "--source-org", TestServer.ORGANIZATION, "--rate", "0",
                "--data", data.toString()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.to(data.resolve("sync.log").toFile())).start();
    }

    private int runToEnd(TestServer source) throws Exception {
        Process sync = start(source);
        assertTrue(sync.waitFor(5, TimeUnit.MINUTES), "sync did not finish");
        return sync.exitValue();
    }

    private String output() throws IOException {
        return Files.readString(data.resolve("sync.log"));
    }

    /** Absent (no pass got that far) or whole: never a torn file. */
    private void assertCheckpointReadable() throws IOException {
        Path checkpoint = data.resolve(CheckpointFile.NAME);
        if (Files.exists(checkpoint)) {
            JsonNode parsed = TestServer.JSON.readTree(checkpoint.toFile());
            assertTrue(parsed.has("watermark"), parsed.toString());
        }
        List<String> leftovers = new ArrayList<>();
        try (var files = Files.list(data)) {
            files.filter(file -> file.getFileName().toString().endsWith(".tmp") && !file.getFileName().toString().startsWith("users"))
                    .forEach(file -> leftovers.add(file.toString()));
        }
        // a temporary file may stay behind after a kill between write and rename; the next write replaces it
        System.out.println("temporary files after the kill: " + leftovers);
    }
}
