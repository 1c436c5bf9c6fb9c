package io.tracksearch.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracksearch.testing.Backend;
import io.tracksearch.testing.OpenSearchNodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** GET /v2/issues/{key}/changelog (Tracker's get-changelog) and History: text over the recorded history. */
@ParameterizedClass(name = "{0}")
@MethodSource("io.tracksearch.testing.Backend#enabled")
class ChangelogTest {
    @Parameter
    Backend backend;

    private static TestServer server;
    private static String ivanToken;
    private static String ivanUid;
    private static String petrUid;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        server = TestServer.start(backend);
        ivanToken = server.addUser("ivan", "Ivan", "Ivanov");
        server.addUser("petr", "Petr", "Petrov");
        ivanUid = server.get("/v2/users/ivan").json().path("uid").asText();
        petrUid = server.get("/v2/users/petr").json().path("uid").asText();
        server.createQueue("LOG");
        assertEquals(201, server.post("/v2/issues/", "{\"queue\":\"LOG\",\"summary\":\"Login crashes on startup\","
                + "\"description\":\"stack trace attached\"}").status());
        assertEquals(201, server.post("/v2/issues/", "{\"queue\":\"LOG\",\"summary\":\"Unrelated issue\"}").status());
        edit("PATCH", "/v2/issues/LOG-1", "{\"summary\":\"Sign-in fails\"}");
        edit("PATCH", "/v2/issues/LOG-1", "{\"assignee\":\"ivan\"}");
        edit("POST", "/v2/issues/LOG-1/transitions/start_progress/_execute", "{}");
        edit("PATCH", "/v2/issues/LOG-1", "{\"tags\":{\"add\":[\"hot\",\"ui\"]}}");
        edit("PATCH", "/v2/issues/LOG-1", "{\"followers\":{\"add\":\"petr\"}}");
        edit("PATCH", "/v2/issues/LOG-1", "{\"tags\":{\"add\":\"hot\"}}");   // changes nothing: no entry
    }

    private static void edit(String method, String path, String body) {
        TestServer.Response response = server.send(method, path, body, ivanToken);
        assertEquals(200, response.status(), path + " -> " + response);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    private static JsonNode changelog(String path) {
        TestServer.Response response = server.get(path);
        assertEquals(200, response.status(), path + " -> " + response);
        return response.json();
    }

    private static List<String> types(JsonNode entries) {
        List<String> types = new ArrayList<>();
        entries.forEach(entry -> types.add(entry.path("type").asText()));
        return types;
    }

    private static JsonNode field(JsonNode entry, String id) {
        for (JsonNode change : entry.path("fields")) {
            if (change.path("field").path("id").asText().equals(id)) {
                return change;
            }
        }
        throw new AssertionError("no change of " + id + " in " + entry);
    }

    private static List<String> search(String query) {
        return server.queryKeys(query);
    }

    @Test
    void everyWriteIsOneEntryInTrackersShape() {
        JsonNode entries = changelog("/v2/issues/LOG-1/changelog");
        assertEquals(List.of("IssueCreated", "IssueUpdated", "IssueUpdated", "IssueWorkflow", "IssueUpdated", "IssueUpdated"),
                types(entries));
        String base = server.url() + "/v2/";
        JsonNode created = entries.get(0);
        assertTrue(created.path("id").asText().matches("[0-9a-f]{24}"), created.toString());
        assertEquals(base + "issues/LOG-1/changelog/" + created.path("id").asText(), created.path("self").asText());
        assertEquals("LOG-1", created.path("issue").path("key").asText());
        assertEquals("Sign-in fails", created.path("issue").path("display").asText());
        assertEquals(base + "issues/LOG-1", created.path("issue").path("self").asText());
        assertEquals("admin", server.get("/v2/users/" + created.path("updatedBy").path("id").asText()).json().path("login").asText());
        assertTrue(created.path("updatedAt").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000"));
        assertEquals("api", created.path("transport").asText());
        JsonNode status = field(created, "status");
        assertEquals(base + "fields/status", status.path("field").path("self").asText());
        assertEquals("Status", status.path("field").path("display").asText());
        assertTrue(status.path("from").isNull());
        assertEquals("open", status.path("to").path("key").asText());
        assertEquals(base + "statuses/1", status.path("to").path("self").asText());
        assertEquals("Login crashes on startup", field(created, "summary").path("to").asText());
        assertEquals("LOG", field(created, "queue").path("to").path("key").asText());

        JsonNode renamed = entries.get(1);
        assertEquals(1, renamed.path("fields").size(), "updatedAt and updatedBy are the entry's own: " + renamed);
        assertEquals("Login crashes on startup", field(renamed, "summary").path("from").asText());
        assertEquals("Sign-in fails", field(renamed, "summary").path("to").asText());
        assertEquals(ivanUid, renamed.path("updatedBy").path("id").asText());
        assertEquals("Ivan Ivanov", renamed.path("updatedBy").path("display").asText());

        JsonNode assigned = field(entries.get(2), "assignee");
        assertTrue(assigned.path("from").isNull());
        assertEquals(ivanUid, assigned.path("to").path("id").asText());
        assertEquals("Ivan Ivanov", assigned.path("to").path("display").asText());

        JsonNode workflow = entries.get(3);
        assertEquals("open", field(workflow, "status").path("from").path("key").asText());
        assertEquals("inProgress", field(workflow, "status").path("to").path("key").asText());
        assertEquals("open", field(workflow, "previousStatus").path("to").path("key").asText());
        assertTrue(field(workflow, "statusStartTime").path("to").isTextual());
        assertEquals("start_progress", workflow.path("transition").path("id").asText());

        JsonNode tags = field(entries.get(4), "tags");
        assertTrue(tags.path("from").isNull());
        assertEquals("[\"hot\",\"ui\"]", tags.path("to").toString());

        JsonNode followers = field(entries.get(5), "followers");
        assertEquals(1, followers.path("to").size());
        assertEquals(petrUid, followers.path("to").get(0).path("id").asText());
        assertEquals("Petr Petrov", followers.path("to").get(0).path("display").asText());
        assertFalse(entries.get(5).has("transition"));

        JsonNode one = changelog("/v2/issues/LOG-1/changelog/" + renamed.path("id").asText());
        assertEquals(renamed, one);
    }

    @Test
    void pagesFollowTheNextLinkById() {
        List<JsonNode> seen = new ArrayList<>();
        String path = "/v2/issues/LOG-1/changelog?perPage=4";
        int pages = 0;
        while (path != null) {
            TestServer.Response response = server.get(path);
            assertEquals(200, response.status(), path + " -> " + response);
            response.json().forEach(seen::add);
            String link = response.header("Link");
            assertTrue(link.contains("<" + server.url() + "/v2/issues/LOG-1/changelog?perPage=4>; rel=\"first\""), link);
            String next = SearchApiTest.relation(link, "next");
            path = next == null ? null : URI.create(next).getRawPath() + "?" + URI.create(next).getRawQuery();
            pages++;
        }
        assertEquals(2, pages);
        assertEquals(types(changelog("/v2/issues/LOG-1/changelog")), seen.stream().map(entry -> entry.path("type").asText()).toList());
        JsonNode all = changelog("/v2/issues/LOG-1/changelog?perPage=1000");
        assertEquals(6, all.size());
        JsonNode afterSecond = changelog("/v2/issues/LOG-1/changelog?perPage=2&id=" + all.get(1).path("id").asText());
        assertEquals(all.get(2), afterSecond.get(0));
        assertEquals(all.get(3), afterSecond.get(1));
        assertEquals(0, changelog("/v2/issues/LOG-1/changelog?id=" + all.get(5).path("id").asText()).size());
        assertNull(SearchApiTest.relation(server.get("/v2/issues/LOG-1/changelog").header("Link"), "next"));
    }

    @Test
    void v3AndFilters() {
        JsonNode v3 = changelog("/v3/issues/LOG-1/changelog");
        assertEquals(6, v3.size());
        assertTrue(v3.get(0).path("self").asText().startsWith(server.url() + "/v3/issues/LOG-1/changelog/"));
        assertEquals(List.of("IssueWorkflow"), types(changelog("/v3/issues/LOG-1/changelog?type=IssueWorkflow")));
        assertEquals(List.of("IssueCreated", "IssueWorkflow"), types(changelog("/v2/issues/LOG-1/changelog?field=status")));
        String id = changelog("/v2/issues/log-1/changelog").get(0).path("issue").path("id").asText();
        assertEquals(6, changelog("/v2/issues/" + id + "/changelog").size(), "by issue id too");
        assertEquals(1, changelog("/v2/issues/LOG-2/changelog").size());
    }

    @Test
    void badInputIsTrackerErrorsNever500() {
        assertError(404, "/v2/issues/NOPE-1/changelog");
        assertError(404, "/v2/issues/LOG-1/changelog/" + "0".repeat(12) + "00000000ffff");
        assertError(400, "/v2/issues/LOG-1/changelog?perPage=0");
        assertError(400, "/v2/issues/LOG-1/changelog?perPage=abc");
        assertError(400, "/v2/issues/LOG-1/changelog?perPage=100000");
        assertError(400, "/v2/issues/LOG-1/changelog?id=zzz");
        assertError(400, "/v2/issues/LOG-1/changelog?id=" + "0".repeat(24));
        assertError(400, "/v2/issues/LOG-1/changelog?type=Bogus");
        assertError(400, "/v2/issues/LOG-1/changelog?field=noSuchField");
        assertError(400, "/v2/issues/LOG-1/changelog/not-an-id");
    }

    private static void assertError(int status, String path) {
        TestServer.Response response = server.get(path);
        assertEquals(status, response.status(), path + " -> " + response);
        assertEquals(status, response.json().path("statusCode").asInt(), response.toString());
        assertTrue(response.json().path("errorMessages").isArray(), response.toString());
    }

    @Test
    void historyFindsOldWordsOfSummaryAndDescription() {
        assertEquals(List.of(), search("Queue: LOG Summary: crashes"), "no longer in the summary");
        assertEquals(List.of("LOG-1"), search("History: crashes"));
        assertEquals(List.of("LOG-1"), search("History: crash"), "word forms, as for Summary");
        assertEquals(List.of("LOG-1"), search("History: #\"login crashes\""));
        assertEquals(List.of(), search("History: #\"crashes login\""));
        assertEquals(List.of("LOG-1"), search("History: \"stack trace\""), "description values count");
        assertEquals(List.of("LOG-1"), search("History: \"sign-in\""), "new values count");
        assertEquals(List.of(), search("History: banana"));
        assertEquals(List.of(), search("History: \"Ivan\""), "only summary and description values (S9)");
        assertEquals(List.of("LOG-2"), search("Queue: LOG History: !crashes"));
        assertEquals(List.of("LOG-1"), search("Status: changed(to: \"In Progress\" by: ivan@) History: crashes"));
    }

    /** An OpenSearch store made before the changelog: its history index still answers changed(). */
    @Test
    void historyIndexOfAnEarlierVersionStillAnswersChanged() throws Exception {
        assumeTrue(backend == Backend.OPENSEARCH, "the embedded store's upgrade is LuceneHistoryUpgradeTest");
        assertEquals(List.of(), search("Priority: changed(to: blocker)"));
        String earlier = server.openSearchIndex() + "-changes";
        // the mapping and a document exactly as the previous version wrote them
        openSearch("PUT", "/" + earlier, """
                {"settings":{"index":{"number_of_shards":1,"number_of_replicas":0}},
                 "mappings":{"dynamic":"strict","properties":{"issue":{"type":"keyword"},"field":{"type":"keyword"},
                 "from":{"type":"keyword"},"to":{"type":"keyword"},"by":{"type":"keyword"},"at":{"type":"long"}}}}""");
        openSearch("POST", "/" + earlier + "/_doc?refresh=true", """
                {"issue":"LOG-2","field":"priority","by":"%s","at":1700000000000,"from":["normal"],"to":["blocker"]}"""
                .formatted(petrUid));
        try {
            assertEquals(List.of("LOG-2"), search("Priority: changed(to: blocker)"));
            assertEquals(List.of("LOG-2"), search("Priority: changed(from: normal to: blocker by: petr@)"));
            assertEquals(List.of(), search("Priority: changed(to: blocker by: ivan@)"));
            assertEquals(List.of("LOG-1"), search("Status: changed(to: \"In Progress\")"), "events beside it");
        } finally {
            openSearch("DELETE", "/" + earlier, null);
        }
    }

    private static void openSearch(String method, String path, String body) throws Exception {
        URI node = OpenSearchNodes.shared().urls().getFirst();
        HttpRequest request = HttpRequest.newBuilder(node.resolve(path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            assertTrue(response.statusCode() < 300, path + " -> " + response.body());
        }
    }
}
