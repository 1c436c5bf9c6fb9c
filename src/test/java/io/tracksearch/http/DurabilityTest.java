package io.tracksearch.http;

import io.tracksearch.testing.TracksearchProcess;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kills a real server process with SIGKILL while clients write, restarts it on the same data
 * directory, and checks that every acknowledged write is there and keys (ids) are not reused: issues,
 * and the stored objects (versions, sprints).
 */
class DurabilityTest {
    private static final String TOKEN = "durability-token";
    private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void acknowledgedWritesSurviveKillMinusNine() throws Exception {
        Path data = Files.createTempDirectory("tracksearch-durability");
        TracksearchProcess first = start(data);
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        try {
            assertEquals(201, send(first.url(), "POST", "/v2/queues/", "{\"key\":\"DUR\",\"name\":\"Durable\",\"defaultType\":\"task\",\"defaultPriority\":\"normal\"}").statusCode());
            killWhileWriting(first, acknowledged::size, 150, (writer, i) -> {
                String summary = "writer " + writer + " issue " + i;
                HttpResponse<String> response = send(first.url(), "POST", "/v2/issues/", "{\"queue\":\"DUR\",\"summary\":\"" + summary + "\"}");
                if (response.statusCode() == 201) {
                    Matcher key = Pattern.compile("\"key\":\"(DUR-\\d+)\"").matcher(response.body());
                    assertTrue(key.find());
                    acknowledged.put(key.group(1), summary);
                }
            });
        }
        finally {
            first.kill();
        }
        assertTrue(acknowledged.size() >= 50, "too few writes before the kill: " + acknowledged.size());

        TracksearchProcess second = start(data);
        try {
            for (Map.Entry<String, String> entry : acknowledged.entrySet()) {
                HttpResponse<String> response = send(second.url(), "GET", "/v2/issues/" + entry.getKey(), null);
                assertEquals(200, response.statusCode(), entry.getKey() + " was acknowledged but is lost");
                assertTrue(response.body().contains(entry.getValue()), response.body());
            }
            HttpResponse<String> next = send(second.url(), "POST", "/v2/issues/", "{\"queue\":\"DUR\",\"summary\":\"after restart\"}");
            Matcher key = Pattern.compile("\"key\":\"DUR-(\\d+)\"").matcher(next.body());
            assertTrue(key.find(), next.body());
            long number = Long.parseLong(key.group(1));
            for (String existing : acknowledged.keySet()) {
                assertTrue(number > Long.parseLong(existing.substring(4)), "key DUR-" + number + " reused");
            }
        }
        finally {
            second.kill();
        }
    }

    /**
     * The same for versions and sprints (stored objects): every acknowledged one is there after the kill,
     * and new ids go on above every acknowledged one.
     */
    @Test
    void acknowledgedObjectsSurviveKillMinusNine() throws Exception {
        Path data = Files.createTempDirectory("tracksearch-agile-durability");
        TracksearchProcess first = start(data);
        Map<Long, String> versions = new ConcurrentHashMap<>();
        Map<Long, String> sprints = new ConcurrentHashMap<>();
        try {
            assertEquals(201, send(first.url(), "POST", "/v2/queues/",
                    "{\"key\":\"DUR\",\"name\":\"Durable\",\"defaultType\":\"task\",\"defaultPriority\":\"normal\"}").statusCode());
            HttpResponse<String> board = send(first.url(), "POST", "/v2/boards", "{\"name\":\"Board\",\"defaultQueue\":\"DUR\"}");
            assertEquals(201, board.statusCode(), board.body());
            long boardId = id(board.body());
            killWhileWriting(first, () -> versions.size() + sprints.size(), 120, (writer, i) -> {
                String name = "w" + writer + "-" + i;
                boolean version = i % 2 == 0;
                HttpResponse<String> response = version
                        ? send(first.url(), "POST", "/v2/versions", "{\"queue\":\"DUR\",\"name\":\"" + name + "\"}")
                        : send(first.url(), "POST", "/v2/sprints", "{\"name\":\"" + name + "\",\"board\":{\"id\":" + boardId
                                + "},\"startDate\":\"2025-01-01\",\"endDate\":\"2025-01-14\"}");
                if (response.statusCode() == 201) {
                    (version ? versions : sprints).put(id(response.body()), name);
                }
            });
        } finally {
            first.kill();
        }
        assertTrue(versions.size() + sprints.size() >= 40, "too few writes before the kill: " + versions.size() + sprints.size());

        TracksearchProcess second = start(data);
        try {
            check(second.url(), "versions", versions);
            check(second.url(), "sprints", sprints);
            HttpResponse<String> next = send(second.url(), "POST", "/v2/versions", "{\"queue\":\"DUR\",\"name\":\"after restart\"}");
            assertEquals(201, next.statusCode(), next.body());
            long id = id(next.body());
            assertTrue(versions.keySet().stream().allMatch(existing -> id > existing), "version id " + id + " reused");
        } finally {
            second.kill();
        }
    }

    private void check(String url, String path, Map<Long, String> acknowledged) throws IOException, InterruptedException {
        for (Map.Entry<Long, String> entry : acknowledged.entrySet()) {
            HttpResponse<String> response = send(url, "GET", "/v2/" + path + "/" + entry.getKey(), null);
            assertEquals(200, response.statusCode(), path + " " + entry.getKey() + " was acknowledged but is lost");
            assertTrue(response.body().contains("\"name\":\"" + entry.getValue() + "\""), response.body());
        }
    }

    private static long id(String body) {
        Matcher matcher = ID.matcher(body);
        assertTrue(matcher.find(), body);
        return Long.parseLong(matcher.group(1));
    }

    /** One write of a writer thread; an IOException means the server went away mid-request (not acknowledged). */
    @FunctionalInterface
    private interface Write {
        void run(int writer, int attempt) throws IOException, InterruptedException;
    }

    /** Four writers write until {@code wanted} writes are acknowledged (or 20 s passed); then the server is killed. */
    private static void killWhileWriting(TracksearchProcess process, IntSupplier acknowledged, int wanted, Write write) throws Exception {
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService writers = Executors.newFixedThreadPool(4);
        for (int w = 0; w < 4; w++) {
            int writer = w;
            writers.submit(() -> {
                for (int i = 0; writing.get(); i++) {
                    try {
                        write.run(writer, i);
                    }
                    catch (IOException e) {
                        return null;
                    }
                }
                return null;
            });
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (acknowledged.getAsInt() < wanted && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        process.kill();
        writing.set(false);
        writers.shutdown();
        assertTrue(writers.awaitTermination(30, TimeUnit.SECONDS));
    }

    private HttpResponse<String> send(String url, String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "OAuth " + TOKEN).header("X-Org-ID", "durable").build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static TracksearchProcess start(Path data) throws IOException {
        return TracksearchProcess.start(data, Map.of("TRACKSEARCH_ADMIN_TOKEN", TOKEN), "--org-id", "durable");
    }
}
