package io.tracksearch.http;

import io.tracksearch.testing.Backend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Past its capacity the server answers 503 with Retry-After in the Tracker format instead of queueing
 * without bound: one request slot and one queue place, held by imports whose bodies do not finish.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.tracksearch.testing.Backend#enabled")
class OverloadTest {
    @Parameter
    Backend backend;

    @Test
    void pastTheQueueTheServerAnswers503WithRetryAfter() throws Exception {
        try (TestServer server = TestServer.start(backend, TestServer.LIMITS.withRequests(1, 1, Duration.ofSeconds(2)));
                Socket active = new Socket(); Socket queued = new Socket()) {
            server.createQueue("LOAD");
            startImport(server, active);
            Thread.sleep(300); // the first import holds the one slot
            startImport(server, queued);
            Thread.sleep(300); // the second waits in the queue's one place

            TestServer.Response rejected = server.get("/v2/myself");
            assertEquals(503, rejected.status(), rejected.toString());
            assertNotNull(rejected.header("Retry-After"));
            JettyErrorsTest.assertTrackerError(503, rejected.header("Content-Type"), rejected.body());
            assertEquals(200, server.send("GET", "/health/live", null, null).status(), "probes bypass the queue");

            queued.setSoTimeout(10_000);
            RawHttp.Response expired = RawHttp.read(queued.getInputStream());
            assertEquals(503, expired.status(), "a request waits at most maxQueueWait: " + expired);
            assertNotNull(expired.header("Retry-After"));

            OutputStream out = active.getOutputStream();
            out.write("0\r\n\r\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            active.setSoTimeout(10_000);
            RawHttp.Response finished = RawHttp.read(active.getInputStream());
            assertEquals(200, finished.status(), finished.toString());
            assertEquals(200, server.get("/v2/myself").status(), "capacity is back");
        }
    }

    /** Starts a bulk import whose chunked body stays open, so the request keeps its slot. */
    private static void startImport(TestServer server, Socket socket) throws IOException {
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
        String line = "{\"key\":\"LOAD-1\",\"summary\":\"held\"}\n";
        socket.getOutputStream().write(("POST /v2/issues/_bulkImport HTTP/1.1\r\nHost: x\r\nAuthorization: OAuth " + server.adminToken
                + "\r\nX-Org-ID: " + TestServer.ORGANIZATION + "\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(line.length()) + "\r\n" + line + "\r\n").getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
    }
}
