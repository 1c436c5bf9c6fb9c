package io.tracksearch.http;

import io.tracksearch.testing.Backend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link RawHttpFuzzer} in CI: 10,000 hostile requests per backend (20,000 in a run on both), then the server
 * still answers.
 * {@code bench/fuzz.sh --requests 1000000} is the long run. Seed: {@code -Dfuzz.seed=N}, printed with any failure.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.tracksearch.testing.Backend#enabled")
class RawHttpFuzzTest {
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(2);
    private static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());
    private static final int REQUESTS = Integer.getInteger("fuzz.requests", 10_000);

    @Parameter
    Backend backend;
    private static TestServer server;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        server = TestServer.start(backend, TestServer.LIMITS.withIdleTimeout(IDLE_TIMEOUT));
        server.createQueue("FUZZ");
        server.post("/v2/issues/", "{\"queue\":\"FUZZ\",\"summary\":\"target\"}");
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    @Test
    void hostileRequestsNeverGetA5xxNorHang() throws Exception {
        RawHttpFuzzer fuzzer = new RawHttpFuzzer(server.port(), server.adminToken, TestServer.ORGANIZATION, server.routes(),
                HttpSettings.DEFAULT_MAX_BODY_BYTES, IDLE_TIMEOUT.toMillis());
        RawHttpFuzzer.Result result = fuzzer.run(REQUESTS, 8, SEED);
        System.out.println("RawHttpFuzzTest " + backend + " seed " + SEED + ": " + result);
        assertEquals(java.util.List.of(), result.failures(), "seed " + SEED + ": " + result);
        assertEquals(REQUESTS, result.requests());
        assertEquals(200, server.get("/health/live").status(), "server alive after the fuzz");
        assertEquals(200, server.post("/v2/issues/_search", "{\"filter\":{\"queue\":\"FUZZ\"}}").status());
        assertTrue(result.statuses().keySet().stream().allMatch(status -> status < 500), result.toString());
    }
}
