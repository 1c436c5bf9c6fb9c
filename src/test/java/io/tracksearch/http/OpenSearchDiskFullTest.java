package io.tracksearch.http;

import io.tracksearch.testing.Backend;
import io.tracksearch.testing.OpenSearchNodes;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A full disk under tracksearch on OpenSearch: past its flood-stage watermark OpenSearch puts the
 * read-only-allow-delete block on the node's indices. The test sets that block itself (filling the test
 * node's disk is not an option): writes answer 507 in the Tracker format, reads go on, and writes work
 * again once the block is lifted, as OpenSearch does when space is freed.
 */
class OpenSearchDiskFullTest {
    @Test
    void floodStageBlockIsA507AndReadsGoOn() throws Exception {
        Assumptions.assumeTrue(Backend.enabled().anyMatch(backend -> backend == Backend.OPENSEARCH),
                "OpenSearch backend not enabled (-Dtracksearch.backends)");
        try (TestServer server = TestServer.start(Backend.OPENSEARCH)) {
            server.createQueue("FLOOD");
            String key = server.post("/v2/issues/", "{\"queue\":\"FLOOD\",\"summary\":\"before\"}").json().get("key").asText();
            block(server, true);
            try {
                TestServer.Response refused = server.post("/v2/issues/", "{\"queue\":\"FLOOD\",\"summary\":\"while full\"}");
                assertEquals(507, refused.status(), refused.toString());
                assertEquals(507, refused.json().get("statusCode").asInt());
                assertTrue(refused.json().at("/errorMessages/0").asText().startsWith("Not enough storage space"), refused.toString());
                assertEquals(507, server.patch("/v2/issues/" + key, "{\"summary\":\"edited while full\"}").status());
                assertEquals(200, server.get("/v2/issues/" + key).status(), "reads go on");
                assertEquals(200, server.post("/v2/issues/_search", "{\"filter\":{\"queue\":\"FLOOD\"}}").status());
            } finally {
                block(server, false);
            }
            TestServer.Response after = server.post("/v2/issues/", "{\"queue\":\"FLOOD\",\"summary\":\"after\"}");
            assertEquals(201, after.status(), after.toString());
            assertEquals("before", server.get("/v2/issues/" + key).json().get("summary").asText());
        }
    }

    private static void block(TestServer server, boolean blocked) throws Exception {
        URI settings = OpenSearchNodes.shared().urls().getFirst().resolve("/" + server.openSearchIndex() + "*/_settings");
        HttpRequest request = HttpRequest.newBuilder(settings).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"index.blocks.read_only_allow_delete\":" + (blocked ? "true" : "null") + "}"))
                .build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
        }
    }
}
