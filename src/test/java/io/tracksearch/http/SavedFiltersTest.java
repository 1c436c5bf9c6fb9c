package io.tracksearch.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracksearch.testing.Backend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Saved filters ({@code /v2/filters}, Tracker's shapes) and the query field {@code Filter: <id>}: a query
 * or a filter object kept by name, checked when saved, found by id in any query, changed by PATCH.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.tracksearch.testing.Backend#enabled")
class SavedFiltersTest {
    @Parameter
    Backend backend;
    private static TestServer server;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        server = TestServer.start(backend);
        server.createQueue("FLT");
        for (String issue : List.of(
                "{\"queue\":\"FLT\",\"summary\":\"one\",\"priority\":\"critical\",\"tags\":[\"ops\"]}",
                "{\"queue\":\"FLT\",\"summary\":\"two\",\"priority\":\"minor\",\"tags\":[\"ops\"]}",
                "{\"queue\":\"FLT\",\"summary\":\"three\",\"priority\":\"critical\"}")) {
            assertEquals(201, server.post("/v2/issues/", issue).status());
        }
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    private static JsonNode created(String body) {
        TestServer.Response response = server.post("/v2/filters", body);
        assertEquals(201, response.status(), response.toString());
        return response.json();
    }

    @Test
    void savedQueriesAndFilterObjectsAreFoundByFilterField() {
        JsonNode critical = created("{\"name\":\"Critical in FLT\",\"query\":\"Queue: FLT Priority: Critical \\\"Sort by\\\": Key DESC\"}");
        long id = critical.get("id").asLong();
        assertEquals("Critical in FLT", critical.get("name").asText());
        assertEquals(server.url() + "/v2/filters/" + id, critical.get("self").asText());
        assertEquals("admin", server.get("/v2/users/" + critical.at("/owner/id").asText()).json().get("login").asText());
        assertEquals(List.of("FLT-1", "FLT-3"), server.queryKeys("Filter: " + id), "the saved sort clause is not the caller's");
        assertEquals(List.of("FLT-1"), server.queryKeys("Filter: " + id + " Tags: ops"));
        assertEquals(List.of("FLT-2"), server.queryKeys("Queue: FLT Filter: !" + id));

        JsonNode tagged = created("{\"name\":\"Ops\",\"filter\":{\"queue\":\"FLT\",\"tags\":\"ops\"}}");
        assertEquals(List.of("FLT-1", "FLT-2"), server.queryKeys("Filter: " + tagged.get("id").asLong()));
        assertEquals(List.of("FLT-1", "FLT-2", "FLT-3"), server.queryKeys("Filter: " + id + ", " + tagged.get("id").asLong()));
        JsonNode nested = created("{\"name\":\"Nested\",\"query\":\"Filter: " + tagged.get("id").asLong() + " Priority: minor\"}");
        assertEquals(List.of("FLT-2"), server.queryKeys("Filter: " + nested.get("id").asLong()));

        TestServer.Response edited = server.patch("/v2/filters/" + id, "{\"query\":\"Queue: FLT Priority: minor\"}");
        assertEquals(200, edited.status(), edited.toString());
        assertEquals(2, edited.json().get("version").asInt());
        assertEquals("Critical in FLT", edited.json().get("name").asText());
        assertEquals(List.of("FLT-2"), server.queryKeys("Filter: " + id));
        assertEquals("Queue: FLT Priority: minor", server.get("/v3/filters/" + id).json().get("query").asText());
        assertTrue(server.get("/v2/filters").json().size() >= 3);
    }

    @Test
    void badFiltersGetTrackerErrors() {
        assertError(server.post("/v2/filters", "{\"query\":\"Queue: FLT\"}"), 422);
        assertError(server.post("/v2/filters", "{\"name\":\"nothing\"}"), 422);
        assertError(server.post("/v2/filters", "{\"name\":\"both\",\"query\":\"Queue: FLT\",\"filter\":{\"queue\":\"FLT\"}}"), 422);
        assertError(server.post("/v2/filters", "{\"name\":\"typo\",\"query\":\"Queue: FLT Priorty: minor\"}"), 400);
        assertError(server.post("/v2/filters", "{\"name\":\"bad\",\"filter\":{\"colour\":\"red\"}}"), 400);
        assertError(server.post("/v2/filters", "{\"name\":\"x\",\"query\":\"Queue: FLT\",\"shared\":true}"), 422);
        assertError(server.get("/v2/filters/999999"), 404);
        assertError(server.get("/v2/filters/abc"), 404);
        TestServer.Response unknown = server.post("/v2/issues/_search", "{\"query\":\"Filter: 999999\"}");
        assertError(unknown, 400);
        assertEquals("Invalid query: filter '999999' does not exist at position 9", unknown.json().at("/errorMessages/0").asText());

        long self = created("{\"name\":\"Self\",\"query\":\"Queue: FLT\"}").get("id").asLong();
        assertEquals(200, server.patch("/v2/filters/" + self, "{\"query\":\"Filter: " + self + "\"}").status(),
                "it resolved when saved: the old definition was still there");
        assertError(server.post("/v2/issues/_search", "{\"query\":\"Filter: " + self + "\"}"), 400);
        assertError(server.send("PATCH", "/v2/filters/" + self, "{\"name\":\"x\"}", server.adminToken, "If-Match", "\"1\""), 409);
    }

    private static void assertError(TestServer.Response response, int status) {
        assertEquals(status, response.status(), response.toString());
        assertEquals(status, response.json().get("statusCode").asInt(), response.toString());
    }
}
