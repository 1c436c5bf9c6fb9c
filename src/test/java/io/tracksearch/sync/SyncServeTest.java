package io.tracksearch.sync;

import io.tracksearch.http.TestServer;
import io.tracksearch.testing.Backend;
import io.tracksearch.testing.TracksearchProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
            try (TracksearchProcess mirror = startMirror(source)) {
                eventually(() -> MirrorAssertions.assertMirrors(source, mirror.url(), TOKEN));
                sourceData.edit(15);
                eventually(() -> MirrorAssertions.assertMirrors(source, mirror.url(), TOKEN));
                String metrics = metrics(mirror.url());
                assertTrue(metrics.matches("(?s).*\\ntracksearch_sync_passes [1-9][0-9.E]*\\n.*"), metrics);
                assertTrue(metrics.matches("(?s).*\\ntracksearch_sync_issues_copied [1-9][0-9.E]*\\n.*"), metrics);
                assertTrue(metrics.matches("(?s).*\\ntracksearch_sync_lag_seconds [0-9][0-9.E]*\\n.*"), "lag after a pass: " + metrics);
            }
        }
    }

    /** {@code --sync-full-every} with {@code --sync-delete}: issues deleted at the source leave the mirror by the next full pass. */
    @Test
    void aPeriodicFullPassRemovesWhatTheSourceDeleted() throws Exception {
        try (TestServer source = TestServer.start(Backend.LUCENE)) {
            SourceData sourceData = new SourceData(source, System.nanoTime()).fill(100);
            try (TracksearchProcess mirror = startMirror(source, "--sync-full-every", "2s", "--sync-delete")) {
                eventually(() -> MirrorAssertions.assertMirrors(source, mirror.url(), TOKEN));
                for (String key : sourceData.delete(2)) {
                    eventually(() -> assertEquals(404, status(mirror.url() + "/v2/issues/" + key), key + " deleted at the source"));
                }
                MirrorAssertions.assertMirrors(source, mirror.url(), TOKEN);
                String metrics = metrics(mirror.url());
                assertTrue(metrics.contains("\ntracksearch_sync_issues_gone "), metrics);
            }
        }
    }

    /** A server on {@code data} mirroring {@code source} with a pass every second, plus {@code options}. */
    private TracksearchProcess startMirror(TestServer source, String... options) throws java.io.IOException {
        List<String> arguments = new ArrayList<>(List.of("--org-id", TestServer.ORGANIZATION, "--sync-from", source.url(),
                "--sync-token", source.adminToken, "--sync-org", TestServer.ORGANIZATION, "--sync-every", "1s", "--sync-rate", "0"));
        arguments.addAll(List.of(options));
        return TracksearchProcess.start(data, Map.of("TRACKSEARCH_ADMIN_TOKEN", TOKEN), arguments.toArray(String[]::new));
    }

    private static int status(String url) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "OAuth " + TOKEN)
                    .header("X-Org-ID", TestServer.ORGANIZATION).build();
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String metrics(String url) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/metrics")).header("Authorization", "OAuth " + TOKEN).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
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
