package io.tracksearch.http;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hostile HTTP/1.1 over raw sockets against every route of a running server: malformed request lines and
 * headers, broken chunked bodies, bodies over the limit, bodies cut short, plus slowloris clients that
 * stall mid-headers. Each request has its own connection and half-closes it after sending, as a client
 * that gives up would. Counts statuses; a failure is a status of 500 or more, an answer that is not the
 * Tracker error body, or a wait over {@link #HANG_MILLIS}. Seeded: worker {@code w} uses {@code seed + w}.
 */
final class RawHttpFuzzer {
    static final int HANG_MILLIS = 5_000;

    /** What a run saw. {@code closed}: connections the server ended without an answer (hopeless input). */
    record Result(long requests, Map<Integer, Long> statuses, long closed, long slowlorisCutOff, long slowestMillis, List<String> failures) {
        @Override
        public String toString() {
            return requests + " requests, statuses " + statuses + ", closed without answer " + closed + ", slowloris cut off "
                    + slowlorisCutOff + ", slowest " + slowestMillis + " ms, failures " + failures.size();
        }
    }

    private static final String[] IDS = {"FUZZ-1", "FUZZ", "1", "x", "%00", "..", "FUZZ-999999999999", "%E2%82%AC", "a".repeat(300)};
    private static final String[] BODIES = {"{}", "{\"queue\":\"FUZZ\",\"summary\":\"raw\"}", "{\"filter\":{\"queue\":\"FUZZ\"}}",
            "{\"query\":\"Queue: FUZZ\"}", "[", "{\"a\":", "null", "\u0000", "{\"queue\":\"FUZZ\",\"summary\":\"" + "s".repeat(2000) + "\"}",
            "{\"key\":\"FUZ\",\"name\":\"n\",\"defaultType\":\"task\",\"defaultPriority\":\"normal\"}", "{\"queue\":\"FUZZ\",\"key\":\"FUZZ-77\",\"summary\":\"i\"}\n"};
    private static final String[] METHODS = {"GET", "POST", "PATCH", "PUT", "DELETE", "HEAD", "OPTIONS", "TRACE", "G\u0001T", "POST ", "", "BREW"};

    private final int port;
    private final String authorization;
    private final List<TrackerServer.Route> routes;
    private final long maxBodyBytes;
    private final long idleTimeoutMillis;

    RawHttpFuzzer(int port, String token, String organization, List<TrackerServer.Route> routes, long maxBodyBytes, long idleTimeoutMillis) {
        this.port = port;
        this.authorization = "Authorization: OAuth " + token + "\r\nX-Org-ID: " + organization + "\r\n";
        this.routes = List.copyOf(routes);
        this.maxBodyBytes = maxBodyBytes;
        this.idleTimeoutMillis = idleTimeoutMillis;
    }

    Result run(long requests, int workers, long seed) throws Exception {
        Map<Integer, Long> statuses = Collections.synchronizedMap(new TreeMap<>());
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicLong done = new AtomicLong();
        AtomicLong closed = new AtomicLong();
        AtomicLong slowloris = new AtomicLong();
        AtomicLong slowest = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                long workerSeed = seed + w;
                futures.add(pool.submit(() -> {
                    Random random = new Random(workerSeed);
                    for (long i = done.getAndIncrement(); i < requests && failures.size() < 20; i = done.getAndIncrement()) {
                        boolean stall = random.nextInt(2_000) == 0;
                        String request = stall ? null : request(random);
                        long started = System.nanoTime();
                        String context = "seed " + workerSeed + " (worker seed), request #" + i + ": ";
                        try {
                            if (stall) {
                                slowloris(random, context, failures);
                                slowloris.incrementAndGet();
                                continue;
                            }
                            RawHttp.Response response = send(request);
                            long millis = (System.nanoTime() - started) / 1_000_000;
                            slowest.accumulateAndGet(millis, Math::max);
                            statuses.merge(response.status(), 1L, Long::sum);
                            if (response.status() == 0) {
                                closed.incrementAndGet();
                            }
                            String problem = problem(response, millis);
                            if (problem != null) {
                                failures.add(context + problem + "\n  request: " + abbreviate(request) + "\n  response: " + response);
                            }
                        }
                        catch (IOException | RuntimeException e) {   // an unreadable answer is a failure with its seed, too
                            failures.add(context + e + "\n  request: " + abbreviate(request));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        }
        finally {
            pool.shutdownNow();
        }
        return new Result(Math.min(done.get(), requests), new TreeMap<>(statuses), closed.get(), slowloris.get(), slowest.get(), List.copyOf(failures));
    }

    private RawHttp.Response send(String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), HANG_MILLIS);
            socket.setSoTimeout(HANG_MILLIS);
            try {
                OutputStream out = socket.getOutputStream();
                out.write(request.getBytes(StandardCharsets.UTF_8));
                out.flush();
                socket.shutdownOutput();
            }
            catch (IOException e) {
                // answered and closed before reading all of it (413, 431): read the answer
            }
            return RawHttp.read(socket.getInputStream());
        }
    }

    private static String problem(RawHttp.Response response, long millis) {
        if (millis > HANG_MILLIS) {
            return "took " + millis + " ms";
        }
        if (response.status() >= 500) {
            return "server error";
        }
        if (response.status() >= 400 && !response.body().isEmpty()) {
            try {
                JettyErrorsTest.assertTrackerError(response.status(), response.header("Content-Type"), response.body());
            }
            catch (AssertionError e) {
                return "not a Tracker error: " + e.getMessage();
            }
        }
        return null;
    }

    /** A client that sends part of its headers and stops: the server must close it within the idle timeout. */
    private void slowloris(Random random, String context, List<String> failures) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), HANG_MILLIS);
            socket.setSoTimeout((int) idleTimeoutMillis + HANG_MILLIS);
            String partial = "POST " + path(random) + " HTTP/1.1\r\nHost: x\r\n" + authorization.substring(0, random.nextInt(authorization.length()));
            socket.getOutputStream().write(partial.getBytes(StandardCharsets.UTF_8));
            long started = System.nanoTime();
            try {
                RawHttp.Response response = RawHttp.read(socket.getInputStream());
                if (response.status() >= 500) {
                    failures.add(context + "slowloris answered " + response);
                }
            }
            catch (SocketTimeoutException e) {
                failures.add(context + "slowloris not cut off after " + (System.nanoTime() - started) / 1_000_000 + " ms");
            }
        }
    }

    private String request(Random random) {
        TrackerServer.Route route = routes.get(random.nextInt(routes.size()));
        String method = random.nextInt(10) == 0 ? METHODS[random.nextInt(METHODS.length)] : route.method();
        String target = route.path().replaceAll("\\{[^}]+}", IDS[random.nextInt(IDS.length)]);
        StringBuilder headers = new StringBuilder("Host: localhost\r\n");
        if (random.nextInt(8) != 0) {
            headers.append(authorization);
        }
        String body = BODIES[random.nextInt(BODIES.length)];
        String line = method + " " + target + " HTTP/1.1";
        return switch (random.nextInt(12)) {
            case 0 -> mutate(random, line) + "\r\n" + headers + "\r\n";
            case 1 -> line + "\r\n" + mutate(random, headers.toString()) + "Content-Length: " + body.length() + "\r\n\r\n" + body;
            case 2 -> line + "\r\n" + headers + badHeader(random) + "\r\n\r\n";
            case 3 -> line + "\r\n" + headers + "Transfer-Encoding: chunked\r\n\r\n" + badChunks(random, body);
            case 4 -> line + "\r\n" + headers + "Content-Length: " + (maxBodyBytes + 1 + random.nextInt(1_000_000)) + "\r\n\r\n" + body;
            case 5 -> line + "\r\n" + headers + "Content-Length: " + (body.length() + 1 + random.nextInt(100)) + "\r\n\r\n" + body;
            case 6 -> line + "\r\n" + headers + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(body.length()) + "\r\n" + body + "\r\n";
            case 7 -> line + "\r\n" + headers + "Content-Type: " + mutate(random, "application/json; charset=UTF-8") + "\r\nContent-Length: "
                    + body.length() + "\r\n\r\n" + body;
            default -> line + "\r\n" + headers + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
        };
    }

    private static String path(Random random) {
        return "/v2/issues/" + IDS[random.nextInt(IDS.length)];
    }

    private static String badHeader(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> "NoColonHere";
            case 1 -> "Bad Name: x";
            case 2 -> "X-Big: " + "b".repeat(9_000 + random.nextInt(20_000));
            case 3 -> "Content-Length: -5";
            case 4 -> "Content-Length: 12abc";
            case 5 -> "Content-Length: 2\r\nContent-Length: 3";
            case 6 -> "Transfer-Encoding: gzip, chunked, identity";
            default -> " folded: line";
        };
    }

    private static String badChunks(Random random, String body) {
        return switch (random.nextInt(6)) {
            case 0 -> "ZZ\r\n" + body + "\r\n0\r\n\r\n";
            case 1 -> "FFFFFFFFFFFFFFFFFFFF\r\n" + body + "\r\n0\r\n\r\n";
            case 2 -> "2\r\n" + body + "\r\n0\r\n\r\n";
            case 3 -> Integer.toHexString(body.length()) + ";ext=\u0001\r\n" + body + "\r\n0\r\n\r\n";
            case 4 -> Integer.toHexString(body.length() + 50) + "\r\n" + body;
            default -> Integer.toHexString(body.length()) + "\r\n" + body + "0\r\n\r\n";
        };
    }

    private static String mutate(Random random, String text) {
        StringBuilder mutated = new StringBuilder(text);
        for (int n = 1 + random.nextInt(3); n > 0 && !mutated.isEmpty(); n--) {
            int at = random.nextInt(mutated.length());
            switch (random.nextInt(3)) {
                case 0 -> mutated.deleteCharAt(at);
                case 1 -> mutated.insert(at, (char) random.nextInt(0x80));
                default -> mutated.setCharAt(at, (char) (0x20 + random.nextInt(0x5f)));
            }
        }
        return mutated.toString();
    }

    private static String abbreviate(String request) {
        return request == null ? "(slowloris)" : request.length() <= 400 ? request : request.substring(0, 400) + "... (" + request.length() + " chars)";
    }
}
