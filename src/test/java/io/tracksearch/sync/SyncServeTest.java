package io.tracksearch.sync;

import io.tracksearch.http.TestServer;
import io.tracksearch.testing.Backend;
import io.tracksearch.testing.TracksearchProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * {@code serve --sync-from}: a server that mirrors another in the background. It answers while it copies,
 * and an edit at the source reaches it by the next pass.
 */
class SyncServeTest {
    private static final String TOKEN = "mirror-admin-token";

    @TempDir
    Path data;

    @Test
    void aServerMirrorsItsSourceAndFollowsItsEdits() throws Exception {
        try (TestServer source = TestServer.start(Backend.LUCENE)) {
            SourceData sourceData = new SourceData(source, System.nanoTime()).fill(300);
            try (TracksearchProcess mirror = TracksearchProcess.start(data, Map.of("TRACKSEARCH_ADMIN_TOKEN", TOKEN),
                    "--org-id", TestServer.ORGANIZATION, "--sync-from", source.url(), "--sync-token", source.adminToken,
                    "--sync-org", TestServer.ORGANIZATION, "--sync-every", "1s", "--sync-rate", "0")) {
                eventually(() -> MirrorAssertions.assertMirrors(source, mirror.url(), TOKEN));
                sourceData.edit(15);
                eventually(() -> MirrorAssertions.assertMirrors(source, mirror.url(), TOKEN));
            }
        }
    }

    /** Retries an assertion for up to a minute: the job copies in the background. */
    private static void eventually(Runnable assertion) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (true) {
            try {
                assertion.run();
                return;
            }
            catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }
}
