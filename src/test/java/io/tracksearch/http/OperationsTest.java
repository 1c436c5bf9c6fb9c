package io.tracksearch.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracksearch.testing.Backend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Health probes, Prometheus metrics and the access-log line. */
@ParameterizedClass(name = "{0}")
@MethodSource("io.tracksearch.testing.Backend#enabled")
class OperationsTest {
    @Parameter
    Backend backend;
    private static TestServer server;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        server = TestServer.start(backend);
        server.createQueue("OPS");
        server.post("/v2/issues/", "{\"queue\":\"OPS\",\"summary\":\"measured\"}");
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    @Test
    void healthProbesNeedNoToken() {
        TestServer.Response live = server.send("GET", "/health/live", null, null);
        assertEquals(200, live.status(), live.toString());
        TestServer.Response ready = server.send("GET", "/health/ready", null, null);
        assertEquals(200, ready.status(), ready.toString());
        assertEquals("ready", ready.json().path("status").asText());
        assertNotNull(ready.header("X-Request-Id"));
    }

    @Test
    void metricsNeedATokenAndShowRequestsSearchesScrollsDocumentsAndTheJvm() {
        assertEquals(401, server.send("GET", "/metrics", null, null).status());
        server.post("/v2/issues/_search", "{\"filter\":{\"queue\":\"OPS\"}}");
        server.post("/v2/issues/_search?scrollType=unsorted&perScroll=1", "{\"filter\":{\"queue\":\"OPS\"}}");
        TestServer.Response metrics = server.send("GET", "/metrics", null, null, "Authorization", "OAuth " + server.adminToken);
        assertEquals(200, metrics.status(), metrics.toString());
        assertTrue(metrics.header("Content-Type").startsWith("text/plain"), metrics.header("Content-Type"));
        String text = metrics.body();
        for (String expected : new String[] {
                "http_server_requests_seconds_count{method=\"POST\",route=\"/v2/issues/_search\",status=\"200\"}",
                "http_server_requests_seconds_bucket{method=\"POST\",route=\"/v2/issues/_search\",status=\"200\",le=\"0.1\"}",
                "tracksearch_searches_total", "tracksearch_scroll_contexts_open", "tracksearch_index_documents 1.0",
                "tracksearch_requests_queued", "jetty_threads_busy", "jvm_memory_used_bytes", "jvm_gc_", "process_uptime_seconds"}) {
            assertTrue(text.contains(expected), "missing " + expected + " in\n" + text);
        }
    }

    @Test
    void accessLogLinesAreJson() throws IOException {
        AccessLog.Entry entry = new AccessLog.Entry(Instant.parse("2026-01-02T03:04:05Z"), "id-1", "admin", "POST",
                "/v2/issues/_search", "/v2/issues/_search", 200, 12.3456);
        JsonNode line = TestServer.JSON.readTree(entry.json());
        assertEquals("2026-01-02T03:04:05Z", line.path("time").asText());
        assertEquals("id-1", line.path("requestId").asText());
        assertEquals("admin", line.path("user").asText());
        assertEquals("/v2/issues/_search", line.path("route").asText());
        assertEquals(200, line.path("status").asInt());
        assertEquals(12.346, line.path("durationMs").asDouble(), 1e-9);
    }
}
