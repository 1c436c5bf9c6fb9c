package io.tracksearch.crash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tracksearch.testing.TracksearchProcess;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The full-disk behaviour on a real filesystem: the server runs on a 20 MiB tmpfs that a filler file then
 * fills up. Writes answer 507 in the Tracker format, reads go on, writes work again once the filler is
 * deleted, and after a SIGKILL every acknowledged issue is there and the index checks clean. Needs root
 * and a kernel that lets it mount tmpfs; skipped otherwise ({@code DiskFullTest} covers the same through
 * a Directory wrapper anywhere).
 */
class FullDiskProcessTest {
    private static final String TOKEN = "full-disk-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void realFullFilesystemRefusesWritesKeepsReadsAndRecovers() throws Exception {
        Path mount = Files.createTempDirectory("tracksearch-full-disk");
        Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=20m", "tmpfs", mount.toString()),
                "cannot mount a tmpfs here (not root, or not permitted)");
        try {
            Path data = mount.resolve("data");
            List<String> acknowledged = new ArrayList<>();
            Path filler = mount.resolve("filler");
            try (TracksearchProcess server = start(data)) {
                assertEquals(201, send(server, "POST", "/v2/queues/", "{\"key\":\"DISK\",\"name\":\"Disk\",\"defaultType\":\"task\","
                        + "\"defaultPriority\":\"normal\"}").statusCode());
                for (int i = 0; i < 10; i++) {
                    acknowledged.add(create(server, "before " + i));
                }
                fill(filler);
                for (int i = 0; i < 3; i++) {
                    HttpResponse<String> refused = send(server, "POST", "/v2/issues/", "{\"queue\":\"DISK\",\"summary\":\"while full\"}");
                    assertEquals(507, refused.statusCode(), refused.body());
                    JsonNode body = JSON.readTree(refused.body());
                    assertEquals(507, body.get("statusCode").asInt(), "Tracker error format: " + refused.body());
                    assertTrue(body.get("errorMessages").get(0).asText().startsWith("Not enough storage space"), refused.body());
                    assertEquals(200, send(server, "GET", "/v2/issues/" + acknowledged.getFirst(), null).statusCode(), "reads go on");
                    assertEquals(200, send(server, "POST", "/v2/issues/_search", "{\"filter\":{\"queue\":\"DISK\"}}").statusCode());
                }
                Files.delete(filler);
                acknowledged.add(create(server, "after space was freed"));
                server.kill();
            }
            assertIndexIsClean(data.resolve("index"));
            try (TracksearchProcess server = start(data)) {
                for (String key : acknowledged) {
                    assertEquals(200, send(server, "GET", "/v2/issues/" + key, null).statusCode(), key + " was acknowledged but is lost");
                }
                String next = create(server, "after restart");
                assertTrue(acknowledged.stream().noneMatch(next::equals), "key reused: " + next);
            }
        } finally {
            run("umount", "-l", mount.toString());
        }
    }

    private static TracksearchProcess start(Path data) throws IOException {
        return TracksearchProcess.start(data, Map.of("TRACKSEARCH_ADMIN_TOKEN", TOKEN), "--org-id", "disk");
    }

    private String create(TracksearchProcess server, String summary) throws Exception {
        HttpResponse<String> response = send(server, "POST", "/v2/issues/", "{\"queue\":\"DISK\",\"summary\":\"" + summary + "\"}");
        assertEquals(201, response.statusCode(), response.body());
        return JSON.readTree(response.body()).get("key").asText();
    }

    /** Writes the filler file until the filesystem refuses: ENOSPC. */
    private static void fill(Path filler) {
        byte[] block = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException expected) {
            assertTrue(String.valueOf(expected.getMessage()).contains("No space left on device"), expected.toString());
        }
    }

    private static void assertIndexIsClean(Path index) throws IOException {
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        try (FSDirectory directory = FSDirectory.open(index); CheckIndex check = new CheckIndex(directory)) {
            check.setInfoStream(new PrintStream(report, true, StandardCharsets.UTF_8));
            assertTrue(check.checkIndex().clean, report.toString(StandardCharsets.UTF_8));
        }
    }

    private HttpResponse<String> send(TracksearchProcess server, String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "OAuth " + TOKEN).header("X-Org-ID", "disk").build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static boolean run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    }
}
