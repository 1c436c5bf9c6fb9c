package io.tracksearch.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracksearch.testing.Backend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Comments, links and worklog end to end, in Tracker's request and response shapes: each endpoint, the
 * query fields that name them (answered from the index at once after a write or a delete), paging of
 * comments, Tracker's import endpoints, bad input, and the export → import round trip carrying them.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.tracksearch.testing.Backend#enabled")
class IssueObjectsApiTest {
    @Parameter
    Backend backend;
    private static TestServer server;
    private static String annToken;
    private static String annUid;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        server = TestServer.start(backend);
        annToken = server.addUser("ann", "Ann", "Archer");
        server.addUser("boris", "Boris", "Bell");
        annUid = server.get("/v2/users/ann").json().get("uid").asText();
        for (String queue : List.of("COM", "CMT", "LNK", "DEP", "WRK", "HIER", "KIDS")) {
            server.createQueue(queue);
        }
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    private static String create(String queue, String summary) {
        TestServer.Response created = server.post("/v2/issues/", "{\"queue\":\"" + queue + "\",\"summary\":\"" + summary + "\"}");
        assertEquals(201, created.status(), created.toString());
        return created.json().get("key").asText();
    }

    private static JsonNode ok(TestServer.Response response, int status) {
        assertEquals(status, response.status(), response.toString());
        return status == 204 ? null : response.json();
    }

    // ---- comments ----

    @Test
    void commentsAreKeptSearchedAndDeleted() {
        String key = create("CMT", "Release notes");
        String other = create("CMT", "Unrelated");
        JsonNode comment = ok(server.post("/v2/issues/" + key + "/comments",
                "{\"text\":\"The deploy pipeline broke twice\",\"summonees\":[\"ann\"]}"), 201);
        long id = comment.get("id").asLong();
        assertEquals(server.url() + "/v2/issues/" + key + "/comments/" + id, comment.get("self").asText());
        assertTrue(comment.get("longId").asText().matches("[0-9a-f]{24}"), comment.toString());
        assertEquals("The deploy pipeline broke twice", comment.get("text").asText());
        assertEquals("admin", server.get("/v2/myself").json().get("login").asText());
        assertEquals(annUid, comment.at("/summonees/0/id").asText());
        assertEquals(1, comment.get("version").asInt());
        assertTrue(comment.get("createdAt").asText().matches("\\d{4}-\\d{2}-\\d{2}T.*\\+0000"));

        JsonNode issue = server.get("/v2/issues/" + key).json();
        assertTrue(issue.has("lastCommentUpdatedAt"), issue.toString());
        assertFalse(issue.has("comments"), "comments are not issue fields");
        assertEquals(2, issue.get("version").asInt(), "a comment is a change of the issue");
        assertTrue(issue.toString().contains("\"followers\""), "the author follows the issue");

        assertEquals(List.of(key), server.queryKeys("Queue: CMT Comment: pipelines"), "stemmed");
        assertEquals(List.of(key), server.queryKeys("Queue: CMT Comment: #\"deploy pipeline\""));
        assertEquals(List.of(), server.queryKeys("Queue: CMT Comment: #\"pipeline deploy\""));
        assertEquals(List.of(key), server.queryKeys("Queue: CMT \"Comment Author\": me()"));
        assertEquals(List.of(key), server.queryKeys("Queue: CMT \"Pending Reply From\": ann"));
        assertEquals(List.of(key), server.queryKeys("Queue: CMT \"Last comment\": notEmpty()"));
        List<String> uncommented = server.queryKeys("Queue: CMT \"Last comment\": empty()");
        assertTrue(uncommented.contains(other) && !uncommented.contains(key), uncommented.toString());

        ok(server.send("POST", "/v2/issues/" + key + "/comments?isAddToFollowers=false", "{\"text\":\"On it\"}", annToken), 201);
        assertEquals(List.of(), server.queryKeys("Queue: CMT \"Pending Reply From\": ann"), "ann replied");
        assertEquals(List.of(key), server.queryKeys("Queue: CMT \"Comment Author\": ann"));

        JsonNode edited = ok(server.patch("/v2/issues/" + key + "/comments/" + id, "{\"text\":\"The build is green again\"}"), 200);
        assertEquals(2, edited.get("version").asInt());
        assertEquals(List.of(key), server.queryKeys("Queue: CMT Comment: green"));
        assertEquals(List.of(), server.queryKeys("Queue: CMT Comment: pipeline"));
        assertEquals("The build is green again", ok(server.get("/v2/issues/" + key + "/comments/" + comment.get("longId").asText()), 200)
                .get("text").asText(), "a comment is found by its longId too");

        JsonNode changelog = server.get("/v2/issues/" + key + "/changelog").json();
        JsonNode added = changelog.get(1);
        assertEquals("IssueCommentAdded", added.get("type").asText(), changelog.toString());
        assertEquals(id, added.at("/comments/added/0/id").asLong());
        assertEquals("IssueCommentUpdated", changelog.get(changelog.size() - 1).get("type").asText());

        ok(server.send("DELETE", "/v2/issues/" + key + "/comments/" + id, null, server.adminToken), 204);
        JsonNode removal = server.get("/v2/issues/" + key + "/changelog").json();
        assertEquals(id, removal.get(removal.size() - 1).at("/comments/removed/0/id").asLong(), removal.toString());
        assertEquals(List.of(), server.queryKeys("Queue: CMT Comment: green"), "gone from search at once");
        assertEquals(404, server.get("/v2/issues/" + key + "/comments/" + id).status());
        assertEquals(1, server.get("/v2/issues/" + key + "/comments").json().size());
    }

    @Test
    void aTransitionCarriesItsCommentAndMovedIssuesAreFoundByTheirOldQueue() {
        String key = create("COM", "Transition with a comment");
        ok(server.post("/v2/issues/" + key + "/transitions/start_progress/_execute", "{\"comment\":\"starting the rollout\"}"), 200);
        JsonNode comments = server.get("/v2/issues/" + key + "/comments").json();
        assertEquals(1, comments.size());
        assertEquals("starting the rollout", comments.at("/0/text").asText());
        assertEquals(List.of(key), server.queryKeys("Queue: COM Comment: rollout"));
        assertError(server.post("/v2/issues/" + key + "/transitions/stop_progress/_execute", "{\"comment\":\" \"}"), 422);

        JsonNode moved = ok(server.post("/v2/issues/_import", "{\"queue\":\"COM\",\"summary\":\"Moved here\","
                + "\"createdAt\":\"2021-05-05T10:00:00.000+0000\",\"createdBy\":\"ann\",\"aliases\":[\"LEGACY-7\"]}"), 201);
        assertEquals(List.of(moved.get("key").asText()), server.queryKeys("\"Old Queue\": legacy"));
    }

    @Test
    void commentListIsPagedByIdWithLinkHeaders() {
        String key = create("COM", "Chatty");
        for (int i = 1; i <= 5; i++) {
            ok(server.post("/v2/issues/" + key + "/comments", "{\"text\":\"comment " + i + "\"}"), 201);
        }
        List<String> texts = new ArrayList<>();
        String next = "/v2/issues/" + key + "/comments?perPage=2";
        int pages = 0;
        while (next != null) {
            TestServer.Response page = server.get(next);
            assertEquals(200, page.status(), page.toString());
            page.json().forEach(comment -> texts.add(comment.get("text").asText()));
            next = SearchApiTest.relation(page.header("Link"), "next");
            pages++;
        }
        assertEquals(List.of("comment 1", "comment 2", "comment 3", "comment 4", "comment 5"), texts);
        assertEquals(3, pages);
        assertEquals(5, server.get("/v2/issues/" + key + "/comments").json().size());
        assertEquals(400, server.get("/v2/issues/" + key + "/comments?perPage=0").status());
    }

    @Test
    void importedCommentsKeepTheirAuthorAndTime() {
        String key = create("COM", "Migrated");
        JsonNode imported = ok(server.post("/v2/issues/" + key + "/comments/_import",
                "{\"text\":\"from the old tracker\",\"createdAt\":\"2020-01-02T03:04:05.000+0000\",\"createdBy\":\"ann\"}"), 201);
        assertEquals("2020-01-02T03:04:05.000+0000", imported.get("createdAt").asText());
        assertEquals(annUid, imported.at("/createdBy/id").asText());
        assertEquals("2020-01-02T03:04:05.000+0000", server.get("/v2/issues/" + key).json().get("lastCommentUpdatedAt").asText());
        assertEquals(422, server.post("/v2/issues/" + key + "/comments/_import", "{\"text\":\"no author\"}").status());
    }

    @Test
    void badCommentsGetTrackerErrors() {
        String key = create("COM", "Strict");
        assertError(server.post("/v2/issues/" + key + "/comments", "{\"text\":\"  \"}"), 422);
        assertError(server.post("/v2/issues/" + key + "/comments", "{}"), 422);
        assertError(server.post("/v2/issues/" + key + "/comments", "{\"text\":42}"), 422);
        assertError(server.post("/v2/issues/" + key + "/comments", "{\"text\":\"x\",\"summonees\":[\"nobody\"]}"), 422);
        assertError(server.post("/v2/issues/COM-99999/comments", "{\"text\":\"x\"}"), 404);
        assertError(server.patch("/v2/issues/" + key + "/comments/12345", "{\"text\":\"x\"}"), 404);
        assertError(server.get("/v2/issues/" + key + "/comments/abc"), 404);
        assertError(server.post("/v2/issues/" + key + "/comments", "[1]"), 400);
        assertError(server.post("/v2/issues/" + key + "/comments", "{\"text\":\"x\",\"colour\":\"red\"}"), 422);
        assertError(server.post("/v2/issues/" + key + "/comments", "{\"text\":\"x\",\"attachmentIds\":[1]}"), 422);
        assertError(server.post("/v2/issues/" + key + "/links", "{\"relationship\":\"relates\",\"issue\":\"" + key + "\",\"x\":1}"), 422);
        assertError(server.post("/v2/issues/" + key + "/worklog", "{\"duration\":\"PT1H\",\"minutes\":5}"), 422);
        // Tracker's documented example body
        JsonNode documented = ok(server.post("/v2/issues/" + key + "/comments",
                "{\"text\":\"<comment text>\",\"summonees\":[\"ann\",\"boris\"],\"maillistSummonees\":[\"team@example.org\"]}"), 201);
        assertEquals(2, documented.get("summonees").size());
        assertEquals("team@example.org", documented.at("/maillistSummonees/0").asText());
    }

    // ---- links ----

    @Test
    void linksAreSeenFromBothSidesAndSearchedByEveryLinkField() {
        String app = create("LNK", "App");
        String lib = create("DEP", "Library");
        String copy = create("LNK", "Copy of the app");
        JsonNode link = ok(server.post("/v2/issues/" + app + "/links", "{\"relationship\":\"depends on\",\"issue\":\"" + lib + "\"}"), 201);
        assertEquals("depends", link.at("/type/id").asText());
        assertEquals("outward", link.get("direction").asText());
        assertEquals(lib, link.at("/object/key").asText());
        assertEquals("Library", link.at("/object/display").asText());
        assertEquals("open", link.at("/status/key").asText());
        JsonNode fromLib = server.get("/v2/issues/" + lib + "/links").json();
        assertEquals(1, fromLib.size());
        assertEquals("inward", fromLib.at("/0/direction").asText());
        assertEquals(app, fromLib.at("/0/object/key").asText());
        assertEquals(link.get("id").asLong(), fromLib.at("/0/id").asLong(), "one link, one id on both sides");
        ok(server.post("/v2/issues/" + copy + "/links", "{\"relationship\":\"clone\",\"issue\":\"" + app + "\"}"), 201);

        JsonNode linked = server.get("/v2/issues/" + lib + "/changelog").json();
        assertEquals("IssueLinked", linked.get(linked.size() - 1).get("type").asText(), linked.toString());
        assertEquals(app, linked.get(linked.size() - 1).at("/links/0/to/object/key").asText());
        assertEquals(List.of(app), server.queryKeys("\"Depends On\": " + lib));
        assertEquals(List.of(lib), server.queryKeys("\"Is Dependent By\": " + app));
        assertEquals(List.of(app), server.queryKeys("\"Depend On Queue\": DEP"));
        assertEquals(List.of(lib), server.queryKeys("\"Block Queue\": LNK"));
        assertEquals(List.of(app, copy), server.queryKeys("Queue: LNK \"Have Links To Queue\": LNK, DEP"));
        assertEquals(List.of(lib, app, copy), server.queryKeys("\"Linked to\": " + app.toLowerCase() + " OR \"Linked to\": " + lib));
        assertEquals(List.of(copy), server.queryKeys("Clone: " + app));
        assertEquals(List.of(app), server.queryKeys("Original: " + copy));
        assertEquals(List.of(copy), server.queryKeys("\"Clones Of Queue\": LNK"));
        assertEquals(List.of(), server.queryKeys("Relates: " + app));
        JsonNode expanded = server.get("/v2/issues/" + app + "?expand=links").json();
        assertEquals(2, expanded.get("links").size(), expanded.toString());

        assertError(server.post("/v2/issues/" + lib + "/links", "{\"relationship\":\"relates\",\"issue\":\"" + app + "\"}"), 409);
        assertError(server.post("/v2/issues/" + app + "/links", "{\"relationship\":\"relates\",\"issue\":\"" + app + "\"}"), 422);
        assertError(server.post("/v2/issues/" + app + "/links", "{\"relationship\":\"blocks forever\",\"issue\":\"" + lib + "\"}"), 422);
        assertError(server.post("/v2/issues/" + app + "/links", "{\"relationship\":\"relates\",\"issue\":\"LNK-9999\"}"), 422);
        assertError(server.post("/v2/issues/" + app + "/links", "{\"relationship\":\"relates\"}"), 422);
        assertError(server.post("/v2/issues/LNK-9999/links", "{\"relationship\":\"relates\",\"issue\":\"" + app + "\"}"), 404);

        ok(server.send("DELETE", "/v2/issues/" + lib + "/links/" + link.get("id").asLong(), null, server.adminToken), 204);
        assertEquals(List.of(), server.queryKeys("\"Depends On\": " + lib), "gone from both sides at once");
        assertEquals(List.of(), server.queryKeys("\"Block Queue\": LNK"));
        assertEquals(0, server.get("/v2/issues/" + lib + "/links").json().size());
        assertError(server.send("DELETE", "/v2/issues/" + lib + "/links/" + link.get("id").asLong(), null, server.adminToken), 404);
    }

    @Test
    void subIssueAndEpicLinksAreTheParentAndEpicFields() {
        String parent = create("HIER", "Parent");
        String child = create("KIDS", "Child");
        JsonNode link = ok(server.post("/v2/issues/" + parent + "/links",
                "{\"relationship\":\"is parent task for\",\"issue\":\"" + child + "\"}"), 201);
        assertEquals("subtask", link.at("/type/id").asText());
        assertEquals("outward", link.get("direction").asText());
        assertEquals(parent, server.get("/v2/issues/" + child).json().at("/parent/key").asText());
        JsonNode fromChild = server.get("/v2/issues/" + child + "/links").json();
        assertEquals("inward", fromChild.at("/0/direction").asText());
        assertEquals(link.get("id").asLong(), fromChild.at("/0/id").asLong());

        assertEquals(List.of(parent), server.queryKeys("\"Is Parent Task For\": " + child));
        assertEquals(List.of(child), server.queryKeys("\"Is Subtask For\": " + parent));
        assertEquals(List.of(parent), server.queryKeys("\"Parent Tasks For Queue\": KIDS"));
        assertEquals(List.of(child), server.queryKeys("\"Subtasks For Queue\": HIER"));
        assertEquals(List.of(parent), server.queryKeys("Queue: HIER \"Have Links To Queue\": KIDS"));
        assertEquals(List.of(parent), server.queryKeys("Queue: HIER \"Linked to\": " + child));
        assertError(server.post("/v2/issues/" + child + "/links", "{\"relationship\":\"is subtask for\",\"issue\":\"" + parent + "\"}"), 409);

        ok(server.send("DELETE", "/v2/issues/" + child + "/links/" + link.get("id").asLong(), null, server.adminToken), 204);
        assertFalse(server.get("/v2/issues/" + child).json().has("parent"));
        assertEquals(List.of(), server.queryKeys("\"Parent Tasks For Queue\": KIDS"));
    }

    // ---- worklog ----

    @Test
    void worklogKeepsSpentTheSumAndIsSearchable() {
        String key = create("WRK", "Timed");
        String quiet = create("WRK", "Untimed");
        JsonNode first = ok(server.post("/v2/issues/" + key + "/worklog",
                "{\"start\":\"2024-03-01T10:00:00.000+0000\",\"duration\":\"PT1H\",\"comment\":\"analysis\"}"), 201);
        assertEquals("PT1H", first.get("duration").asText());
        assertEquals(key, first.at("/issue/key").asText());
        assertEquals("2024-03-01T10:00:00.000+0000", first.get("start").asText());
        JsonNode second = ok(server.send("POST", "/v2/issues/" + key + "/worklog", "{\"duration\":\"30m\"}", annToken), 201);
        assertEquals("PT1H30M", server.get("/v2/issues/" + key).json().get("spent").asText());
        assertEquals(List.of(key), server.queryKeys("Queue: WRK \"Time Spent\": > 1h"));
        assertEquals(List.of(quiet), server.queryKeys("Queue: WRK \"Time Spent\": empty()"));

        ok(server.patch("/v2/issues/" + key + "/worklog/" + second.get("id").asLong(), "{\"duration\":\"PT2H\"}"), 200);
        assertEquals("PT3H", server.get("/v2/issues/" + key).json().get("spent").asText());
        assertEquals(2, server.get("/v2/issues/" + key + "/worklog").json().size());

        JsonNode byAnn = ok(server.get("/v2/worklog?createdBy=ann"), 200);
        assertEquals(1, byAnn.size());
        assertEquals(second.get("id").asLong(), byAnn.at("/0/id").asLong());
        assertEquals(2, ok(server.post("/v2/worklog/_search", "{\"createdAt\":{\"from\":\"2000-01-01\"}}"), 200).size() >= 2 ? 2 : -1);
        assertEquals(0, ok(server.post("/v2/worklog/_search", "{\"createdBy\":\"ann\",\"createdAt\":{\"to\":\"2000-01-01\"}}"), 200).size());

        ok(server.send("DELETE", "/v2/issues/" + key + "/worklog/" + first.get("id").asLong(), null, server.adminToken), 204);
        assertEquals("PT2H", server.get("/v2/issues/" + key).json().get("spent").asText());
        assertError(server.post("/v2/issues/" + key + "/worklog", "{\"duration\":\"-PT1H\"}"), 422);
        assertError(server.post("/v2/issues/" + key + "/worklog", "{\"duration\":\"PT0S\"}"), 422);
        assertError(server.post("/v2/issues/" + key + "/worklog", "{}"), 422);
        assertError(server.get("/v2/worklog?createdAt=yesterday"), 400);
        assertError(server.send("DELETE", "/v2/issues/" + key + "/worklog/1", null, server.adminToken), 404);
    }

    // ---- export and import ----

    @Test
    void exportAndImportCarryCommentsLinksAndWorklog() {
        String a = create("LNK", "Round trip A");
        String b = create("LNK", "Round trip B");
        ok(server.post("/v2/issues/" + a + "/comments", "{\"text\":\"first words\",\"summonees\":[\"boris\"]}"), 201);
        ok(server.post("/v2/issues/" + a + "/links", "{\"relationship\":\"duplicates\",\"issue\":\"" + b + "\"}"), 201);
        ok(server.post("/v2/issues/" + b + "/worklog", "{\"duration\":\"P1D\",\"comment\":\"a day\"}"), 201);
        ObjectNode query = TestServer.JSON.createObjectNode().put("query", "Key: " + a + ", " + b);
        TestServer.Response export = server.post("/v2/issues/_export", query.toString());
        assertEquals(200, export.status(), export.toString());

        try (TestServer fresh = TestServer.start(backend)) {
            fresh.addUser("ann", "Ann", "Archer");
            fresh.addUser("boris", "Boris", "Bell");
            TestServer.Response imported = fresh.post("/v2/issues/_bulkImport", export.body());
            assertEquals(2, imported.json().get("imported").asInt(), imported.toString());
            for (String key : List.of(a, b)) {
                for (String path : List.of("", "/comments", "/links", "/worklog")) {
                    String url = "/v2/issues/" + key + path;
                    // queues are not exported: the importing server made its own, with its own id and name
                    assertEquals(withoutQueue(server.get(url).json(), server.url()), withoutQueue(fresh.get(url).json(), fresh.url()), url);
                }
            }
            assertEquals(List.of(a), fresh.queryKeys("Duplicates: " + b));
            assertEquals(List.of(a), fresh.queryKeys("Comment: words"));
        }
    }

    private static String withoutQueue(JsonNode body, String url) {
        if (body.isObject()) {
            ((ObjectNode) body).remove("queue");
        }
        return body.toString().replace(url, "");
    }

    private static void assertError(TestServer.Response response, int status) {
        assertEquals(status, response.status(), response.toString());
        JsonNode body = response.json();
        assertTrue(body.get("errorMessages").isArray() && body.get("errors").isObject(), response.toString());
        assertEquals(status, body.get("statusCode").asInt(), response.toString());
        assertNull(body.get("trace"));
    }
}
