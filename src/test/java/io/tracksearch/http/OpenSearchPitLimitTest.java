package io.tracksearch.http;

import io.tracksearch.testing.Backend;
import io.tracksearch.testing.OpenSearchNodes;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** OpenSearch's own limit on open points in time reaches the client as the scroll limit's 429, not a 5xx. */
class OpenSearchPitLimitTest {
    @Test
    void pitLimitIsA429() throws Exception {
        if (Backend.enabled().noneMatch(backend -> backend == Backend.OPENSEARCH)) {
            return; // a Lucene-only local run (-Dtracksearch.backends=lucene)
        }
        URI node = OpenSearchNodes.shared().urls().getFirst();
        try (TestServer server = TestServer.start(Backend.OPENSEARCH)) {
            server.createQueue("PIT");
            server.post("/v2/issues/", "{\"queue\":\"PIT\",\"summary\":\"one\"}");
            server.post("/v2/issues/", "{\"queue\":\"PIT\",\"summary\":\"two\"}");
            setPitLimit(node, "2");
            try {
                int opened = 0;
                TestServer.Response response;
                do {
                    response = server.post("/v2/issues/_search?scrollType=sorted&perScroll=1", "{\"filter\":{\"queue\":\"PIT\"}}");
                    opened++;
                } while (response.status() == 200 && opened < 10);
                assertEquals(429, response.status(), response.toString());
                assertEquals("Too many open scroll contexts", response.json().at("/errorMessages/0").asText());
            }
            finally {
                setPitLimit(node, null);
            }
        }
    }

    private static void setPitLimit(URI node, String value) throws Exception {
        String body = "{\"transient\":{\"search.max_open_pit_context\":" + (value == null ? "null" : value) + "}}";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(node.resolve("/_cluster/settings"))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
    }
}
