package io.tracksearch.bench;

import io.tracksearch.http.TestServer;
import io.tracksearch.testing.BulkImport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The load run of bench/load.sh at CI size: 200 concurrent keep-alive clients for 20 s against a few
 * thousand generated issues on the embedded store. No error and no answer >= 500 (503 overload answers
 * are retried and reported apart); no timing assertion, the figures are printed.
 */
class LoadTest {
    private static final int ISSUES = 3_000;
    private static final int CLIENTS = Integer.getInteger("tracksearch.load.clients", 200);
    private static final int SECONDS = Integer.getInteger("tracksearch.load.seconds", 20);

    @TempDir
    Path work;

    @Test
    void manyClientsGetNoErrors() throws Exception {
        IssueGenerator.generate(42, ISSUES, work);
        try (TestServer server = TestServer.start()) {
            TestServer.Response imported = server.post(BulkImport.PATH,
                    Files.readString(work.resolve(IssueGenerator.TRACKSEARCH_FILE), StandardCharsets.UTF_8));
            assertEquals(200, imported.status(), imported.toString());
            LoadRun.Results results = LoadRun.run(new LoadRun.Settings(server.url(), server.adminToken, TestServer.ORGANIZATION,
                    CLIENTS, Duration.ofSeconds(SECONDS), 7));
            System.out.println("load at CI size (" + ISSUES + " issues, embedded store):\n" + results.markdown());
            assertEquals(0, results.errors(), "errors, e.g. " + results.examples());
            assertEquals(0, results.serverErrors(), "answers >= 500 other than 503");
            assertTrue(results.closedUnanswered() <= results.requests() / 1_000, "connections closed before an answer: " + results.closedUnanswered());
            results.latencies().forEach((operation, latencies) -> assertTrue(latencies.size() > 0, operation + " never ran"));
        }
    }
}
