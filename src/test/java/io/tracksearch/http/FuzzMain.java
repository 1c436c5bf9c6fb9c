package io.tracksearch.http;

import io.tracksearch.testing.Backend;

/**
 * The long run of {@link RawHttpFuzzer} ({@code bench/fuzz.sh}): starts a server on the embedded store
 * with a 2-second idle timeout, sends the hostile requests, then checks that the server still answers.
 * Arguments: {@code [--requests N] [--workers N] [--seed N]}. Exits 1 on any failure.
 */
public final class FuzzMain {
    private FuzzMain() {
    }

    public static void main(String[] arguments) throws Exception {
        long requests = 1_000_000;
        int workers = 4;
        long seed = System.nanoTime();
        for (int i = 0; i + 1 < arguments.length; i += 2) {
            switch (arguments[i]) {
                case "--requests" -> requests = Long.parseLong(arguments[i + 1]);
                case "--workers" -> workers = Integer.parseInt(arguments[i + 1]);
                case "--seed" -> seed = Long.parseLong(arguments[i + 1]);
                default -> throw new IllegalArgumentException("unknown argument " + arguments[i]);
            }
        }
        int exit;
        try (TestServer server = TestServer.start(Backend.LUCENE, TestServer.LIMITS.withIdleTimeout(RawHttpFuzzTest.IDLE_TIMEOUT))) {
            server.createQueue("FUZZ");
            server.post("/v2/issues/", "{\"queue\":\"FUZZ\",\"summary\":\"target\"}");
            long started = System.nanoTime();
            RawHttpFuzzer.Result result = new RawHttpFuzzer(server.port(), server.adminToken, TestServer.ORGANIZATION, server.routes(),
                    HttpSettings.DEFAULT_MAX_BODY_BYTES, RawHttpFuzzTest.IDLE_TIMEOUT.toMillis()).run(requests, workers, seed);
            long seconds = Math.max(1, (System.nanoTime() - started) / 1_000_000_000L);
            boolean alive = server.get("/health/live").status() == 200
                    && server.post("/v2/issues/_search", "{\"filter\":{\"queue\":\"FUZZ\"}}").status() == 200;
            System.out.println("seed " + seed + ": " + result + " in " + seconds + " s (" + result.requests() / seconds
                    + " requests/s); server alive after: " + alive);
            result.failures().forEach(System.out::println);
            exit = result.failures().isEmpty() && alive ? 0 : 1;
        }
        System.exit(exit);
    }
}
