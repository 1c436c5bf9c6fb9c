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
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Connections that arrive while the server is not accepting (here: at its connection limit) wait in the
 * kernel's accept queue and are answered once it accepts again, instead of having their SYNs dropped
 * (the JDK's default queue of 50 would make the 52nd client wait 1 s, 3 s, 7 s... for a retry).
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.tracksearch.testing.Backend#enabled")
class ConnectionBurstTest {
    /** More than the JDK's default accept queue (50) and fewer than the oldest kernels' cap (128). */
    private static final int BURST = 100;
    private static final int LIMIT = 2;
    private static final int TIMEOUT_MILLIS = 30_000;
    private static final byte[] LIVE = ("GET /health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

    @Parameter
    Backend backend;

    @Test
    void connectionsPastTheLimitWaitInTheAcceptQueueAndAreAnswered() throws IOException {
        List<Socket> held = new ArrayList<>();
        List<Socket> burst = new ArrayList<>();
        try (TestServer server = TestServer.start(backend, TestServer.LIMITS.withMaxConnections(LIMIT))) {
            for (int i = 0; i < LIMIT; i++) {
                Socket socket = connect(server.port(), TIMEOUT_MILLIS);
                held.add(socket);
                // a keep-alive exchange: the connection is open and counted when its answer arrives
                socket.getOutputStream().write("GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                assertEquals(200, RawHttp.read(socket.getInputStream()).status());
            }
            // Jetty accepts no more: every further connection is completed (or refused) by the kernel alone.
            // A connect that outlives 5 s had its SYN dropped at least three times: the queue was full.
            for (int i = 0; i < BURST; i++) {
                Socket socket = connect(server.port(), 5_000);
                burst.add(socket);
                OutputStream out = socket.getOutputStream();
                out.write(LIVE);
                out.flush();
            }
            for (Socket socket : held) {
                socket.close();   // under the limit again: Jetty accepts the queued connections one by one
            }
            for (int i = 0; i < burst.size(); i++) {
                try (Socket socket = burst.get(i)) {   // closed once answered, as a client of Connection: close does
                    assertEquals(200, RawHttp.read(socket.getInputStream()).status(), "queued connection " + i);
                }
            }
        }
        finally {
            for (Socket socket : held) {
                socket.close();
            }
            for (Socket socket : burst) {
                socket.close();
            }
        }
    }

    private static Socket connect(int port, int timeoutMillis) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress("127.0.0.1", port), timeoutMillis);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            return socket;
        }
        catch (IOException e) {
            socket.close();
            throw e;
        }
    }
}
