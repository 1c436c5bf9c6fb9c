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

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules of POST /v2/issues/_search and _count over HTTP (spec 2.3, 4, 7). */
@ParameterizedClass(name = "{0}")
@MethodSource("io.tracksearch.testing.Backend#enabled")
class SearchApiTest {
    @Parameter
    Backend backend;
    private static TestServer server;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        server = TestServer.start(backend);
        server.addUser("bob", "Bob", "Brown");
        server.createQueue("TREK");
        server.createQueue("MISC");
        // TREK-1..12 with varied fields; summaries chosen so that keys-mode ordering is visible.
        String[] summaries = {"delta", "Alpha", "charlie", "bravo", "echo", "Foxtrot", "golf", "hotel", "India", "juliet", "kilo", "Lima"};
        for (int i = 0; i < summaries.length; i++) {
            String assignee = i % 3 == 0 ? "\"bob\"" : i % 3 == 1 ? "\"admin\"" : "null";
            String priority = i % 2 == 0 ? "critical" : "minor";
            server.post("/v2/issues/", "{\"queue\":\"TREK\",\"summary\":\"" + summaries[i] + "\",\"assignee\":" + assignee
                    + ",\"priority\":\"" + priority + "\",\"tags\":[\"t" + (i % 4) + "\"]}");
        }
        server.post("/v2/issues/", "{\"queue\":\"MISC\",\"summary\":\"misc one\"}");
        server.post("/v2/issues/", "{\"queue\":\"MISC\",\"summary\":\"misc two\",\"assignee\":\"bob\"}");
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    @Test
    void queueModeSortsByKeyNumber() {
        TestServer.Response response = server.post("/v2/issues/_search?perPage=100", "{\"queue\":\"TREK\"}");
        assertEquals(200, response.status(), response.toString());
        List<String> keys = keys(response.json());
        assertEquals(12, keys.size());
        for (int i = 0; i < 12; i++) {
            assertEquals("TREK-" + (i + 1), keys.get(i));
        }
        assertEquals("12", response.header("X-Total-Count"));
        assertEquals(404, server.post("/v2/issues/_search", "{\"queue\":\"NOPE\"}").status());
        assertEquals(404, server.post("/v2/issues/_search", "{\"queue\":\"\"}").status());
    }

    @Test
    void keysModeSortsBySummaryAndSkipsUnknownKeys() {
        List<String> keys = keys(server.post("/v2/issues/_search", "{\"keys\":[\"TREK-1\",\"trek-2\",\"TREK-3\",\"TREK-4\",\"TREK-999\"]}").json());
        assertEquals(List.of("TREK-2", "TREK-4", "TREK-3", "TREK-1"), keys); // Alpha, bravo, charlie, delta
        assertEquals(List.of("TREK-2", "TREK-1"), keys(server.post("/v2/issues/_search", "{\"keys\":\"TREK-1, TREK-2\"}").json()));
        assertEquals(0, server.post("/v2/issues/_search", "{\"keys\":[]}").json().size());
    }

    @Test
    void pythonClientBodyWithNullsWorks() {
        TestServer.Response response = server.post("/v2/issues/_search",
                "{\"filter\":null,\"filterId\":null,\"query\":null,\"keys\":null,\"queue\":\"MISC\",\"order\":null}");
        assertEquals(List.of("MISC-1", "MISC-2"), keys(response.json()));
    }

    @Test
    void modePriorityAndCombinations() {
        assertEquals(List.of("MISC-1", "MISC-2"), keys(server.post("/v2/issues/_search", "{\"queue\":\"MISC\",\"keys\":[\"TREK-1\"]}").json()));
        assertEquals(List.of("TREK-1"), keys(server.post("/v2/issues/_search", "{\"keys\":[\"TREK-1\"],\"filter\":{\"queue\":\"MISC\"}}").json()));
        TestServer.Response three = server.post("/v2/issues/_search", "{\"queue\":\"MISC\",\"keys\":\"TREK-1\",\"filter\":{}}");
        assertEquals(400, three.status());
        assertEquals("You can only use keys, a queue or a search query.", three.json().at("/errorMessages/0").asText());
        TestServer.Response russian = server.send("POST", "/v2/issues/_count", "{\"queue\":\"MISC\",\"keys\":\"TREK-1\",\"filter\":{},\"query\":\"\"}",
                server.adminToken, "Accept-Language", "ru");
        assertEquals("Вы можете использовать только ключи, очередь или поисковый запрос.", russian.json().at("/errorMessages/0").asText());
        assertEquals(400, server.post("/v2/issues/_search", "{\"filterId\":12}").status());
    }

    @Test
    void noModeSearchesEverything() {
        assertEquals("14", server.post("/v2/issues/_search", "").header("X-Total-Count"));
        assertEquals("14", server.post("/v2/issues/_count", "").body());
        assertEquals("14", server.post("/v2/issues/_count", "{\"filter\":{}}").body());
    }

    @Test
    void filterModeWithOrderAndFunctions() {
        TestServer.Response response = server.post("/v2/issues/_search",
                "{\"filter\":{\"queue\":\"TREK\",\"assignee\":\"bob\"},\"order\":[\"-summary\"]}");
        assertEquals(List.of("TREK-10", "TREK-7", "TREK-1", "TREK-4"), keys(response.json())); // juliet, golf, delta, bravo
        TestServer.Response unassigned = server.post("/v2/issues/_search?perPage=100", "{\"filter\":{\"queue\":\"TREK\",\"assignee\":\"Empty()\"}}");
        assertEquals(List.of("TREK-3", "TREK-6", "TREK-9", "TREK-12"), keys(unassigned.json()));
        TestServer.Response mine = server.post("/v2/issues/_search", "{\"filter\":{\"assignee\":\"me()\",\"tags\":[\"T1\",\"t3\"]}}");
        assertEquals(List.of("TREK-2", "TREK-8"), keys(mine.json())); // admin is assignee of i%3==1; tags t1 (i=1,5,9) or t3 (i=3,7,11)
        TestServer.Response orderParameter = server.post("/v2/issues/_search?order=-priority", "{\"filter\":{\"queue\":\"MISC\"}}");
        assertEquals(List.of("MISC-1", "MISC-2"), keys(orderParameter.json()));
    }

    @Test
    void countAnswersABareNumber() {
        TestServer.Response response = server.post("/v2/issues/_count", "{\"filter\":{\"queue\":\"TREK\",\"priority\":\"critical\"}}");
        assertEquals(200, response.status());
        assertEquals("6", response.body());
        assertTrue(response.header("Content-Type").startsWith("application/json"));
        assertEquals("2", server.post("/v2/issues/_count", "{\"queue\":\"MISC\"}").body());
    }

    @Test
    void paginationHeadersAndLinks() {
        TestServer.Response first = server.post("/v2/issues/_search?perPage=5&expand=transitions", "{\"queue\":\"TREK\"}");
        assertEquals("12", first.header("X-Total-Count"));
        assertEquals("3", first.header("X-Total-Pages"));
        String link = first.header("Link");
        String base = server.url() + "/v2/issues/_search?perPage=5&expand=transitions";
        assertEquals("<" + base + "&page=1>; rel=\"first\", <" + base + "&page=2>; rel=\"next\", <" + base + "&page=3>; rel=\"last\"", link);
        assertTrue(first.json().get(0).has("transitions"));

        // follow rel="next" verbatim, resending the body, until it is absent
        List<String> all = new ArrayList<>();
        String next = server.url() + "/v2/issues/_search?perPage=5";
        int requests = 0;
        while (next != null) {
            TestServer.Response page = server.post(next, "{\"queue\":\"TREK\"}");
            all.addAll(keys(page.json()));
            next = relation(page.header("Link"), "next");
            requests++;
        }
        assertEquals(3, requests);
        assertEquals(12, all.size());
        assertEquals(12, all.stream().distinct().count());

        TestServer.Response middle = server.post("/v2/issues/_search?page=2&perPage=5", "{\"queue\":\"TREK\"}");
        assertTrue(middle.header("Link").contains("page=1&perPage=5>; rel=\"prev\""), middle.header("Link"));
        TestServer.Response past = server.post("/v2/issues/_search?page=9&perPage=5", "{\"queue\":\"TREK\"}");
        assertEquals(200, past.status());
        assertEquals(0, past.json().size());
        assertNull(relation(past.header("Link"), "next"));
        TestServer.Response none = server.post("/v2/issues/_search", "{\"keys\":[]}");
        assertEquals("0", none.header("X-Total-Pages"));
        assertFalse(none.header("Link").contains("rel=\"last\""));
    }

    @Test
    void badPagingAndOrderAre400() {
        assertEquals(400, server.post("/v2/issues/_search?perPage=1001", "{}").status());
        assertEquals(400, server.post("/v2/issues/_search?perPage=0", "{}").status());
        assertEquals(400, server.post("/v2/issues/_search?page=0", "{}").status());
        assertEquals(400, server.post("/v2/issues/_search?page=x", "{}").status());
        TestServer.Response order = server.post("/v2/issues/_search", "{\"filter\":{},\"order\":\"+staus\"}");
        assertEquals(400, order.status());
        assertEquals("Unknown field in order: staus", order.json().at("/errorMessages/0").asText());
        TestServer.Response field = server.post("/v2/issues/_search", "{\"filter\":{\"colour\":\"red\"}}");
        assertEquals(400, field.status());
        assertEquals("Unknown field in filter: colour", field.json().at("/errorMessages/0").asText());
        assertEquals(400, server.post("/v2/issues/_search", "{\"keys\":42}").status());
        assertEquals(400, server.post("/v2/issues/_search", "{\"query\":42}").status());
        assertEquals(400, server.post("/v2/issues/_search", "{\"filter\":\"queue: TREK\"}").status());
    }

    /** The keys a query-language search finds (asserting it answers 200), in the default order. */
    static List<String> keys(JsonNode issues) {
        List<String> keys = new ArrayList<>();
        issues.forEach(issue -> keys.add(issue.get("key").asText()));
        return keys;
    }

    static String relation(String link, String relation) {
        if (link == null) {
            return null;
        }
        Matcher matcher = Pattern.compile("<([^>]*)>; rel=\"" + relation + "\"").matcher(link);
        return matcher.find() ? matcher.group(1) : null;
    }
}
