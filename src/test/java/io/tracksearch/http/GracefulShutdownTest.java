package io.tracksearch.http;

import io.tracksearch.testing.TracksearchProcess;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGTERM to a real server process while a bulk import streams in: the server stops accepting connections,
 * lets the import finish and answer, commits, and exits 0; after a restart every imported issue is there.
 */
class GracefulShutdownTest {
    private static final String TOKEN = "graceful-token";
    private static final String ORGANIZATION = "graceful";
    private static final int LINES = 200;

    @Test
    void sigtermFinishesRequestsInFlightCommitsAndExitsZero() throws Exception {
        Path data = Files.createTempDirectory("tracksearch-graceful");
        TracksearchProcess server = TracksearchProcess.start(data, Map.of("TRACKSEARCH_ADMIN_TOKEN", TOKEN), "--org-id", ORGANIZATION,
                "--shutdown-timeout-ms", "30000");
        try (Socket inFlight = new Socket()) {
            int port = server.port();
            RawHttp.Response queue = RawHttp.exchange(port, request("POST", "/v2/queues/",
                    "{\"key\":\"GR\",\"name\":\"Graceful\",\"defaultType\":\"task\",\"defaultPriority\":\"normal\"}"), 10_000);
            assertEquals(201, queue.status(), queue.toString());

            inFlight.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            inFlight.setSoTimeout(60_000);
            OutputStream out = inFlight.getOutputStream();
            out.write(("POST /v2/issues/_bulkImport HTTP/1.1\r\nHost: x\r\nAuthorization: OAuth " + TOKEN + "\r\nX-Org-ID: " + ORGANIZATION
                    + "\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            chunk(out, lines(1, LINES / 2));
            Thread.sleep(300); // the import is running: its first lines are being read

            server.terminate();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline && canConnect(port)) {
                Thread.sleep(50);
            }
            assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close(), "still accepting after SIGTERM");
            assertTrue(server.process().isAlive(), "exited before the request in flight finished:\n" + server.output());

            chunk(out, lines(LINES / 2 + 1, LINES));
            out.write("0\r\n\r\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            RawHttp.Response imported = RawHttp.read(inFlight.getInputStream());
            assertEquals(200, imported.status(), imported + "\n" + server.output());
            assertEquals(LINES, imported.json().path("imported").asInt(), imported.toString());
            inFlight.close();

            assertTrue(server.process().waitFor(30, TimeUnit.SECONDS), "did not exit:\n" + server.output());
            assertEquals(0, server.process().exitValue(), server.output());
        }
        finally {
            server.kill();
        }

        TracksearchProcess restarted = TracksearchProcess.start(data, Map.of("TRACKSEARCH_ADMIN_TOKEN", TOKEN), "--org-id", ORGANIZATION);
        try {
            RawHttp.Response count = RawHttp.exchange(restarted.port(), request("POST", "/v2/issues/_count", "{\"filter\":{\"queue\":\"GR\"}}"), 10_000);
            assertEquals(Integer.toString(LINES), count.body().strip(), count.toString());
        }
        finally {
            restarted.kill();
        }
    }

    private static boolean canConnect(int port) {
        try (Socket probe = new Socket("127.0.0.1", port)) {
            return true;
        }
        catch (IOException e) {
            return false;
        }
    }

    private static String lines(int from, int to) {
        StringBuilder lines = new StringBuilder();
        for (int n = from; n <= to; n++) {
            lines.append("{\"key\":\"GR-").append(n).append("\",\"summary\":\"graceful ").append(n).append("\"}\n");
        }
        return lines.toString();
    }

    private static void chunk(OutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.write(bytes);
        out.write("\r\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String request(String method, String path, String body) {
        return method + " " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: OAuth " + TOKEN + "\r\nX-Org-ID: " + ORGANIZATION
                + "\r\nConnection: close\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }
}
