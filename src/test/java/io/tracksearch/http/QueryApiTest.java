package io.tracksearch.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.tracksearch.testing.Backend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.tracksearch.http.SearchApiTest.keys;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The query language through POST /v2/issues/_search, _count and _validateQuery (spec 8). */
@ParameterizedClass(name = "{0}")
@MethodSource("io.tracksearch.testing.Backend#enabled")
class QueryApiTest {
    @Parameter
    Backend backend;

    private static TestServer server;
    private static String parent;
    private static String epic;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        server = TestServer.start(backend);
        server.addUser("ivan", "Ivan", "Ivanov", "Sales department");
        server.addUser("petr", "Petr", "Petrov");
        server.createQueue("TREK");
        epic = create("{\"queue\":\"TREK\",\"summary\":\"Big epic\",\"type\":\"epic\"}");                      // TREK-1
        parent = create("{\"queue\":\"TREK\",\"summary\":\"Parent of things\"}");                            // TREK-2
        create("{\"queue\":\"TREK\",\"summary\":\"Export crashes on large boards\",\"assignee\":\"ivan\",\"parent\":\"TREK-2\",\"epic\":\"TREK-1\","
                + "\"description\":\"Make lists of all exported boards\",\"priority\":\"blocker\",\"tags\":[\"backend\"]}");     // TREK-3
        create("{\"queue\":\"TREK\",\"summary\":\"Ошибки при экспорте отчётов\",\"assignee\":\"petr\",\"description\":\"Version 2.0 is affected\","
                + "\"priority\":\"critical\",\"storyPoints\":5}");                                                               // TREK-4
        create("{\"queue\":\"TREK\",\"summary\":\"UI Update 2.0\",\"deadline\":\"2030-01-15\",\"followers\":[\"ivan\"]}");    // TREK-5
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    private static String create(String body) {
        TestServer.Response response = server.post("/v2/issues/", body);
        assertEquals(201, response.status(), response.toString());
        return response.json().get("key").asText();
    }

    private static List<String> search(String query) {
        TestServer.Response response = server.post("/v2/issues/_search", body(query));
        assertEquals(200, response.status(), query + " -> " + response);
        return keys(response.json());
    }

    private static String body(String query) {
        return JsonNodeFactory.instance.objectNode().put("query", query).toString();
    }

    @Test
    void textSearchFindsInflectedForms() {
        assertEquals(List.of("TREK-3"), search("Summary: crash"));
        assertEquals(List.of("TREK-3"), search("crashing board"));
        assertEquals(List.of("TREK-4"), search("Summary: ошибка"));
        assertEquals(List.of("TREK-4"), search("отчёт"));
        assertEquals(List.of("TREK-3"), search("Description: export"), "exported is a form of export");
        assertEquals(List.of("TREK-4"), search("Description: #\"Version 2.0\""));
        assertEquals(List.of(), search("Description: #\"version 3.0\""));
        assertEquals(List.of("TREK-3"), search("Description: #\"Make ||\""));
        assertEquals(List.of("TREK-1", "TREK-2", "TREK-4", "TREK-5"), search("Summary: !crash"));
        assertEquals(List.of("TREK-1", "TREK-2", "TREK-3", "TREK-4"), search("Summary: ~\"ui update 2.0\""));
    }

    @Test
    void fieldsFunctionsAndSorting() {
        assertEquals(List.of("TREK-3"), search("Assignee: ivan@"));
        assertEquals(List.of("TREK-3", "TREK-5"), search("Related: \"Ivan Ivanov\""));
        assertEquals(List.of("TREK-3"), search("Assignee: group(value: \"Sales department\")"));
        assertEquals(List.of("TREK-1", "TREK-2", "TREK-5"), search("Assignee: empty()"));
        assertEquals(List.of("TREK-3", "TREK-4"), search("(Assignee: ivan@ OR Assignee: petr@) AND Priority: Blocker, Critical"));
        assertEquals(List.of("TREK-4", "TREK-3"), search("Priority: Blocker, Critical \"Sort by\": \"Story Points\" DESC"));
        assertEquals(List.of("TREK-3"), search("Tags: BACKEND Resolution: unresolved()"));
        assertEquals(List.of("TREK-5"), search("Deadline: 15.01.2030"));
        assertEquals(List.of("TREK-5"), search("Deadline: > today() + 1w"));
        assertEquals(List.of("TREK-1", "TREK-2", "TREK-3", "TREK-4", "TREK-5"), search("Created: >now()-12h"));
        assertEquals(List.of(), search("Created: < today()"));
        assertEquals(List.of("TREK-4"), search("\"Story Points\": >=5"));
        assertEquals(List.of("TREK-1", "TREK-2", "TREK-3", "TREK-4", "TREK-5"), search("Author: me() Resolution: empty()"));
        assertEquals(List.of("TREK-3"), search("epic: notEmpty() Queue: TREK \"Sort by\": Updated DESC"));
        assertEquals(List.of("TREK-3"), search("\"Is Subtask For\": " + parent));
        assertEquals(List.of(parent), search("\"Is Parent Task For\": TREK-3"));
        assertEquals(List.of(epic), search("\"Is Epic Of\": trek-3"));
        assertEquals(List.of("TREK-3"), search("Исполнитель: ivan@"));
        assertEquals("2", server.post("/v2/issues/_count", body("Priority: Blocker, Critical")).body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Assignee: (ivan@", "Asignee: ivan@", "Created: nowww()", "Status: >open", "Summary: \"a ||\"",
            "Queue: TREK \"Sort by\": Created Queue: TREK", "DEVS.tester: ivan@", "\"Time Spent\": >\"5 days\"", "\"Depends On\": >TREK-1", "Status: spaceship"})
    void invalidQueriesAre400WithAPosition(String query) {
        TestServer.Response response = server.post("/v2/issues/_search", body(query));
        assertEquals(400, response.status(), response.toString());
        String message = response.json().at("/errorMessages/0").asText();
        assertTrue(message.startsWith("Invalid query: ") && message.matches(".* at position \\d+"), message);
        TestServer.Response validated = server.post("/v2/issues/_validateQuery", body(query));
        assertEquals(400, validated.status());
        assertEquals(message, validated.json().at("/errorMessages/0").asText(), "validate gives the search's error");
    }

    /** A phrase of thousands of gaps is refused at once (it once held a server thread for minutes); 32 are searched. */
    @Test
    void aPhraseWithThousandsOfGapsIs400() {
        TestServer.Response refused = server.post("/v2/issues/_search", body("Summary: #\"" + "x || ".repeat(3_000) + "x\""));
        assertEquals(400, refused.status(), refused.toString());
        assertEquals("Invalid query: a '#' phrase may hold at most 32 '||' gaps, not 3000 at position 11",
                refused.json().at("/errorMessages/0").asText());
        TestServer.Response searched = server.post("/v2/issues/_search", body("Summary: #\"" + "x || ".repeat(32) + "x\""));
        assertEquals(200, searched.status(), searched.toString());
    }

    @Test
    void validateQueryAnswersTheResolvedTree() {
        TestServer.Response response = server.post("/v2/issues/_validateQuery", body("Status: open, \"In Progress\" Assignee: ivan@ \"Sort by\": Updated DESC"));
        assertEquals(200, response.status(), response.toString());
        JsonNode answer = response.json();
        assertEquals("query", answer.get("mode").asText());
        assertEquals("and", answer.at("/condition/type").asText());
        assertEquals("anyOf", answer.at("/condition/conditions/0/type").asText());
        assertEquals("status", answer.at("/condition/conditions/0/field").asText());
        assertEquals("[\"open\",\"inProgress\"]", answer.at("/condition/conditions/0/values").toString());
        assertEquals("[{\"field\":\"updatedAt\",\"direction\":\"desc\"},{\"field\":\"key\",\"direction\":\"asc\"}]", answer.get("sort").toString());
        assertTrue(answer.get("compiled").asText().contains("status"), answer.toString());
        JsonNode filter = server.post("/v2/issues/_validateQuery", "{\"filter\":{\"tags\":\"X\"},\"order\":\"-created\"}").json();
        assertEquals("filter", filter.get("mode").asText());
        assertEquals("x", filter.at("/condition/values/0").asText());
        assertEquals("createdAt", filter.at("/sort/0/field").asText());
    }
}
