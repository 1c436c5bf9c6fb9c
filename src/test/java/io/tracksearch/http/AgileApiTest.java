package io.tracksearch.http;

import com.fasterxml.jackson.databind.JsonNode;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Versions, boards, sprints and projects end to end: Tracker's documented example requests and response
 * shapes under /v2 and /v3, bad input answered in the Tracker error format, issues naming the objects by id
 * or name on create and edit (unknown: 422; import keeps them as given), the query fields that name them,
 * and the objects surviving a restart.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.tracksearch.testing.Backend#enabled")
class AgileApiTest {
    @Parameter
    Backend backend;
    private static TestServer server;
    private static String annToken;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        server = TestServer.start(backend);
        annToken = server.addUser("ann", "Ann", "Archer");
        server.addUser("boris", "Boris", "Bell");
        server.createQueue("TREK");
        server.createQueue("SIDE");
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    @Test
    void versionsFollowTrackersShapes() {
        JsonNode version = created(server.post("/v2/versions/", """
                {"queue": "TREK", "name": "version 0.1", "description": "First public build",
                 "startDate": "2020-11-01", "dueDate": "2020-12-01"}"""));
        long id = version.get("id").asLong();
        assertEquals(server.url() + "/v2/versions/" + id, version.get("self").asText());
        assertEquals(1, version.get("version").asInt());
        assertEquals("TREK", version.at("/queue/key").asText());
        assertEquals(server.url() + "/v2/queues/TREK", version.at("/queue/self").asText());
        assertEquals("version 0.1", version.get("name").asText());
        assertEquals("First public build", version.get("description").asText());
        assertEquals("2020-11-01", version.get("startDate").asText());
        assertEquals("2020-12-01", version.get("dueDate").asText());
        assertFalse(version.get("released").asBoolean());
        assertFalse(version.get("archived").asBoolean());
        assertEquals(version, server.get("/v2/versions/" + id).json());
        assertEquals(server.url() + "/v3/versions/" + id, server.get("/v3/versions/" + id).json().get("self").asText());

        JsonNode side = created(server.post("/v3/versions", "{\"queue\": \"SIDE\", \"name\": \"side 1\"}"));
        assertEquals(server.url() + "/v3/versions/" + side.get("id").asLong(), side.get("self").asText());
        assertFalse(side.has("description"));
        assertEquals(List.of("version 0.1"), names(server.get("/v2/queues/TREK/versions")));
        assertEquals(List.of("version 0.1"), names(server.get("/v2/versions?queue=TREK")));
        assertEquals(List.of("side 1"), names(server.get("/v3/queues/SIDE/versions")));
        assertTrue(names(server.get("/v2/versions")).containsAll(List.of("version 0.1", "side 1")));

        JsonNode released = server.send("PATCH", "/v2/versions/" + id, "{\"released\": true, \"dueDate\": \"2020-12-15\"}",
                server.adminToken, "If-Match", "\"1\"").json();
        assertEquals(2, released.get("version").asInt(), released.toString());
        assertTrue(released.get("released").asBoolean());
        assertEquals("2020-12-15", released.get("dueDate").asText());
        assertEquals("First public build", released.get("description").asText());
        assertEquals(released, server.get("/v2/versions/" + id).json());
        assertStatus(409, server.send("PATCH", "/v2/versions/" + id, "{\"archived\": true}", server.adminToken, "If-Match", "\"1\""));
        // Tracker's example renames; tracksearch refuses, since issues keep the name they were given
        assertFieldError("name", server.patch("/v2/versions/" + id, "{\"name\": \"Version 1.1\"}"));
        assertFieldError("dueDate", server.patch("/v2/versions/" + id, "{\"dueDate\": \"2020-10-01\"}"));
        assertFieldError("released", server.patch("/v2/versions/" + id, "{\"released\": 1}"));
        assertStatus(404, server.patch("/v2/versions/999999", "{\"released\": true}"));
        assertStatus(409, server.post("/v2/versions", "{\"queue\": \"TREK\", \"name\": \"VERSION 0.1\"}"));
        assertFieldError("name", server.post("/v2/versions", "{\"queue\": \"TREK\"}"));
        assertFieldError("queue", server.post("/v2/versions", "{\"name\": \"x\"}"));
        assertFieldError("queue", server.post("/v2/versions", "{\"queue\": \"NOPE\", \"name\": \"x\"}"));
        assertFieldError("queue", server.post("/v2/versions", "{\"queue\": [1], \"name\": \"x\"}"));
        assertFieldError("name", server.post("/v2/versions", "{\"queue\": \"TREK\", \"name\": 5}"));
        assertFieldError("startDate", server.post("/v2/versions", "{\"queue\": \"TREK\", \"name\": \"x\", \"startDate\": \"2020-13-01\"}"));
        assertFieldError("dueDate", server.post("/v2/versions",
                "{\"queue\": \"TREK\", \"name\": \"x\", \"startDate\": \"2020-02-01\", \"dueDate\": \"2020-01-01\"}"));
        assertFieldError("released", server.post("/v2/versions", "{\"queue\": \"TREK\", \"name\": \"x\", \"released\": \"yes\"}"));
        assertFieldError("colour", server.post("/v2/versions", "{\"queue\": \"TREK\", \"name\": \"x\", \"colour\": \"red\"}"));
        assertStatus(400, server.post("/v2/versions", "{\"queue\": "));
        assertStatus(400, server.post("/v2/versions", "[]"));
        assertStatus(404, server.get("/v2/versions/999999"));
        assertStatus(404, server.get("/v2/versions/abc"));
        assertStatus(404, server.get("/v2/queues/NOPE/versions"));
    }

    @Test
    void boardsAndSprintsFollowTrackersShapes() {
        JsonNode board = created(server.post("/v2/boards/", """
                {"name": "Testing", "defaultQueue": {"id": 1, "key": "trek"}}"""));
        long boardId = board.get("id").asLong();
        assertEquals(server.url() + "/v2/boards/" + boardId, board.get("self").asText());
        assertEquals("Testing", board.get("name").asText());
        assertEquals("TREK", board.at("/defaultQueue/key").asText());
        assertEquals(board, server.get("/v2/boards/" + boardId).json());
        assertTrue(names(server.get("/v2/boards")).contains("Testing"));
        JsonNode kanban = created(server.post("/v2/boards", """
                {"name": "Kanban", "defaultQueue": "SIDE", "boardType": "kanban", "orderBy": "updated", "orderAsc": false}"""));
        assertEquals("kanban", kanban.get("boardType").asText());
        assertFalse(kanban.get("orderAsc").asBoolean());

        // the example of Tracker's "Creating a sprint" page, on the board just made
        JsonNode sprint = created(server.post("/v2/sprints", """
                {"name": "New Sprint", "board": {"id": "%d"}, "startDate": "2018-10-21", "endDate": "2018-10-24"}""".formatted(boardId)));
        long sprintId = sprint.get("id").asLong();
        assertEquals(server.url() + "/v2/sprints/" + sprintId, sprint.get("self").asText());
        assertEquals("New Sprint", sprint.get("name").asText());
        assertEquals(Long.toString(boardId), sprint.at("/board/id").asText());
        assertEquals("Testing", sprint.at("/board/display").asText());
        assertEquals("draft", sprint.get("status").asText());
        assertFalse(sprint.get("archived").asBoolean());
        assertEquals("admin", server.get("/v2/users/" + sprint.at("/createdBy/id").asText()).json().get("login").asText());
        assertTrue(sprint.get("createdAt").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000"), sprint.toString());
        assertEquals("2018-10-21", sprint.get("startDate").asText());
        assertEquals("2018-10-24", sprint.get("endDate").asText());
        assertEquals(sprint, server.get("/v2/sprints/" + sprintId).json());
        JsonNode second = created(server.post("/v3/boards/" + boardId + "/sprints", """
                {"name": "Second", "startDate": "2018-10-25", "endDate": "2018-11-07", "status": "in_progress"}"""));
        assertEquals("in_progress", second.get("status").asText());
        assertEquals(List.of("New Sprint", "Second"), names(server.get("/v2/boards/" + boardId + "/sprints")));
        assertEquals(List.of(), names(server.get("/v2/boards/" + kanban.get("id").asLong() + "/sprints")));

        assertFieldError("name", server.post("/v2/boards", "{\"defaultQueue\": \"TREK\"}"));
        assertFieldError("defaultQueue", server.post("/v2/boards", "{\"name\": \"x\"}"));
        assertFieldError("defaultQueue", server.post("/v2/boards", "{\"name\": \"x\", \"defaultQueue\": \"NOPE\"}"));
        assertFieldError("boardType", server.post("/v2/boards", "{\"name\": \"x\", \"defaultQueue\": \"TREK\", \"boardType\": \"list\"}"));
        assertFieldError("orderAsc", server.post("/v2/boards", "{\"name\": \"x\", \"defaultQueue\": \"TREK\", \"orderAsc\": \"no\"}"));
        assertFieldError("filter", server.post("/v2/boards", "{\"name\": \"x\", \"defaultQueue\": \"TREK\", \"filter\": \"all\"}"));
        String dates = "\"startDate\": \"2018-10-21\", \"endDate\": \"2018-10-24\"";
        assertFieldError("board", server.post("/v2/sprints", "{\"name\": \"x\", " + dates + "}"));
        assertFieldError("board", server.post("/v2/sprints", "{\"name\": \"x\", \"board\": {\"id\": \"999999\"}, " + dates + "}"));
        assertFieldError("board", server.post("/v2/sprints", "{\"name\": \"x\", \"board\": true, " + dates + "}"));
        assertFieldError("board", server.post("/v2/boards/" + boardId + "/sprints",
                "{\"name\": \"x\", \"board\": {\"id\": \"" + (boardId + 1000) + "\"}, " + dates + "}"));
        assertFieldError("startDate", server.post("/v2/sprints", "{\"name\": \"x\", \"board\": {\"id\": \"" + boardId
                + "\"}, \"endDate\": \"2018-10-24\"}"));
        assertFieldError("endDate", server.post("/v2/sprints", "{\"name\": \"x\", \"board\": {\"id\": \"" + boardId
                + "\"}, \"startDate\": \"2018-10-21\", \"endDate\": \"21.10.2018\"}"));
        assertFieldError("status", server.post("/v2/sprints", "{\"name\": \"x\", \"board\": {\"id\": \"" + boardId + "\"}, "
                + dates + ", \"status\": \"running\"}"));
        assertStatus(404, server.get("/v2/sprints/999999"));
        assertStatus(404, server.get("/v2/boards/999999"));
        assertStatus(404, server.get("/v2/boards/999999/sprints"));
        assertStatus(404, server.post("/v2/boards/999999/sprints", "{\"name\": \"x\", " + dates + "}"));
    }

    @Test
    void projectsFollowTrackersShapes() {
        JsonNode project = created(server.post("/v2/projects/", "{\"name\": \"Apollo\", \"queues\": \"TREK\"}"));
        long id = project.get("id").asLong();
        assertEquals(server.url() + "/v2/projects/" + id, project.get("self").asText());
        assertEquals("Apollo", project.get("name").asText());
        assertEquals("draft", project.get("status").asText());
        assertEquals(project, server.get("/v2/projects/" + id).json());
        JsonNode full = created(server.post("/v3/projects", """
                {"name": "Gemini", "queues": ["TREK", "SIDE"], "description": "Second one", "lead": "ann",
                 "status": "in_progress", "startDate": "2021-05-31", "endDate": "2021-06-30"}"""));
        assertEquals("Ann Archer", full.at("/lead/display").asText());
        assertEquals("in_progress", full.get("status").asText());
        assertEquals("2021-06-30", full.get("endDate").asText());
        assertTrue(names(server.get("/v2/projects")).containsAll(List.of("Apollo", "Gemini")));

        assertFieldError("queues", server.post("/v2/projects", "{\"name\": \"x\"}"));
        assertFieldError("queues", server.post("/v2/projects", "{\"name\": \"x\", \"queues\": []}"));
        assertFieldError("queues", server.post("/v2/projects", "{\"name\": \"x\", \"queues\": \"NOPE\"}"));
        assertFieldError("name", server.post("/v2/projects", "{\"name\": \" \", \"queues\": \"TREK\"}"));
        assertFieldError("lead", server.post("/v2/projects", "{\"name\": \"x\", \"queues\": \"TREK\", \"lead\": \"nobody\"}"));
        assertFieldError("status", server.post("/v2/projects", "{\"name\": \"x\", \"queues\": \"TREK\", \"status\": \"done\"}"));
        assertStatus(404, server.get("/v2/projects/999999"));
    }

    @Test
    void issuesNameTheObjectsAndQueriesFindThem() {
        server.post("/v2/queues/", "{\"key\":\"REFS\",\"name\":\"References\",\"lead\":\"ann\",\"defaultType\":\"task\",\"defaultPriority\":\"normal\"}");
        server.post("/v2/queues/", "{\"key\":\"MORE\",\"name\":\"More\",\"lead\":\"boris\",\"defaultType\":\"task\",\"defaultPriority\":\"normal\"}");
        long one = created(server.post("/v2/versions", "{\"queue\": \"REFS\", \"name\": \"1.0\"}")).get("id").asLong();
        created(server.post("/v2/versions", "{\"queue\": \"REFS\", \"name\": \"2.0\"}"));
        long other = created(server.post("/v2/versions", "{\"queue\": \"MORE\", \"name\": \"1.0\"}")).get("id").asLong();
        long board = created(server.post("/v2/boards", "{\"name\": \"Team board\", \"defaultQueue\": \"REFS\"}")).get("id").asLong();
        long otherBoard = created(server.post("/v2/boards", "{\"name\": \"Other board\", \"defaultQueue\": \"MORE\"}")).get("id").asLong();
        String dates = "\"startDate\": \"2025-01-01\", \"endDate\": \"2025-01-14\"";
        long planned = created(server.post("/v2/boards/" + board + "/sprints", "{\"name\": \"Sprint A\", " + dates + "}")).get("id").asLong();
        created(server.post("/v2/boards/" + board + "/sprints", "{\"name\": \"Sprint B\", \"status\": \"in_progress\", " + dates + "}"));
        created(server.post("/v2/boards/" + otherBoard + "/sprints", "{\"name\": \"Sprint C\", \"status\": \"in_progress\", " + dates + "}"));
        long apollo = created(server.post("/v2/projects", "{\"name\": \"Rocket\", \"queues\": \"REFS\"}")).get("id").asLong();
        created(server.post("/v2/components", "{\"queue\": \"REFS\", \"name\": \"Engine\", \"lead\": \"boris\"}"));
        created(server.post("/v2/components", "{\"queue\": \"MORE\", \"name\": \"Engine\"}"));
        assertStatus(409, server.post("/v2/components", "{\"queue\": \"MORE\", \"name\": \"engine\"}"));
        assertFieldError("queue", server.post("/v2/components", "{\"name\": \"Wheels\"}"));
        assertFieldError("name", server.post("/v2/components", "{\"queue\": \"MORE\"}"));
        assertFieldError("lead", server.post("/v2/components", "{\"queue\": \"MORE\", \"name\": \"Wheels\", \"lead\": \"nobody\"}"));
        assertStatus(404, server.post("/v2/components", "{\"queue\": \"NOPE\", \"name\": \"Wheels\"}"));

        JsonNode first = created(server.post("/v2/issues", """
                {"queue": "REFS", "summary": "first", "fixVersions": ["1.0"], "affectedVersions": [%d],
                 "sprint": [{"id": "%d"}], "boards": ["team BOARD"], "project": %d, "components": ["Engine"]}"""
                .formatted(one, planned, apollo)));   // REFS-1
        assertEquals(Long.toString(one), first.at("/fixVersions/0/id").asText());
        assertEquals("1.0", first.at("/fixVersions/0/display").asText());
        assertEquals(server.url() + "/v2/versions/" + one, first.at("/fixVersions/0/self").asText());
        assertEquals("1.0", first.at("/affectedVersions/0/display").asText());
        assertEquals("Sprint A", first.at("/sprint/0/display").asText());
        assertEquals("Team board", first.at("/boards/0/display").asText());
        assertEquals("Rocket", first.at("/project/display").asText());
        created(server.post("/v2/issues", "{\"queue\": \"REFS\", \"summary\": \"second\", \"sprint\": [\"Sprint B\"], \"fixVersions\": \"2.0\"}"));
        created(server.post("/v2/issues", "{\"queue\": \"MORE\", \"summary\": \"third\", \"sprint\": [\"Sprint C\"], \"fixVersions\": [\"1.0\"],"
                + " \"components\": [\"Engine\"]}"));   // MORE-1: the other queue's 1.0 and Engine
        created(server.post("/v2/issues", "{\"queue\": \"REFS\", \"summary\": \"fourth\"}"));   // REFS-3: nothing

        JsonNode edited = server.patch("/v2/issues/REFS-3", "{\"fixVersions\": {\"add\": [\"2.0\"]}, \"project\": \"rocket\"}").json();
        assertEquals("2.0", edited.at("/fixVersions/0/display").asText(), edited.toString());
        assertEquals(Long.toString(apollo), edited.at("/project/id").asText());

        assertFieldError("fixVersions", server.post("/v2/issues", "{\"queue\": \"REFS\", \"summary\": \"x\", \"fixVersions\": [\"9.9\"]}"));
        assertFieldError("fixVersions", server.post("/v2/issues", "{\"queue\": \"REFS\", \"summary\": \"x\", \"fixVersions\": [" + other + "]}"));
        assertFieldError("sprint", server.post("/v2/issues", "{\"queue\": \"REFS\", \"summary\": \"x\", \"sprint\": [999999]}"));
        assertFieldError("boards", server.post("/v2/issues", "{\"queue\": \"REFS\", \"summary\": \"x\", \"boards\": [true]}"));
        assertFieldError("project", server.patch("/v2/issues/REFS-3", "{\"project\": \"Nonexistent\"}"));
        TestServer.Response imported = server.post("/v2/issues/_import", """
                {"queue": "REFS", "summary": "imported", "createdAt": "2020-01-01T00:00:00.000+0000", "createdBy": "admin",
                 "fixVersions": [{"id": "777", "display": "7.7.7"}]}""");
        assertEquals(201, imported.status(), imported.toString());
        assertEquals("7.7.7", imported.json().at("/fixVersions/0/display").asText());   // kept as given: import is lossless
        String importedKey = imported.json().get("key").asText();

        assertEquals(List.of("MORE-1", "REFS-1"), keys("\"Fix Version\": \"1.0\""));
        assertEquals(List.of("REFS-1"), keys("Queue: REFS \"Fix Version\": \"1.0\""));
        assertEquals(List.of("REFS-2", "REFS-3"), keys("\"Fix Version\": \"2.0\""));
        assertEquals(List.of("REFS-1"), keys("\"Affected Version\": " + one));
        assertEquals(List.of(importedKey), keys("\"Fix Version\": \"7.7.7\""));
        assertEquals(List.of("REFS-1"), keys("Sprint: \"Sprint A\""));
        assertEquals(List.of("REFS-1"), keys("Boards: \"Team board\""));
        assertEquals(List.of("REFS-1", "REFS-3"), keys("Project: Rocket"));
        assertEquals(List.of("REFS-1", "REFS-2"), keys("\"Sprints By Board\": \"Team board\""));
        assertEquals(List.of("MORE-1", "REFS-1", "REFS-2"), keys("\"Sprints By Board\": \"Team board\", " + otherBoard));
        assertEquals(List.of("REFS-2"), keys("\"Sprint In Progress By Board\": " + board));
        assertEquals(List.of("MORE-1", "REFS-2"), keys("\"Sprint In Progress By Board\": \"team board\", \"Other board\""));
        assertEquals(List.of(), keys("\"Sprints By Board\": \"No such board\""));
        assertEquals(List.of("MORE-1"), keys("\"Queue Owner\": boris"));
        assertEquals(List.of("REFS-1"), keys("\"Component Owner\": boris"));
        assertEquals(List.of(), keys("\"Component Owner\": ann"));
        for (String notApplicable : List.of("\"Queue Owner\": empty()", "\"Sprints By Board\": notEmpty()", "\"Sprints By Board\": me()",
                "\"Component Owner\": today()", "\"Sprint In Progress By Board\": > 5")) {
            TestServer.Response refused = server.post("/v2/issues/_search", TestServer.JSON.createObjectNode().put("query", notApplicable).toString());
            assertStatus(400, refused);
            assertTrue(refused.json().at("/errorMessages/0").asText().contains("position"), refused.toString());
        }
        assertEquals(List.of("REFS-1", "REFS-2", "REFS-3", importedKey), keysAs(annToken, "\"Queue Owner\": me()"));
        assertEquals(List.of("MORE-1", "REFS-1", "REFS-2", "REFS-3", importedKey), keys("\"Queue Owner\": ann, boris"));

        JsonNode started = server.patch("/v2/sprints/" + planned, "{\"status\": \"in_progress\"}").json();
        assertEquals("in_progress", started.get("status").asText(), started.toString());
        assertEquals(2, started.get("version").asInt());
        assertEquals(List.of("REFS-1", "REFS-2"), keys("\"Sprint In Progress By Board\": " + board));
        assertFieldError("status", server.patch("/v2/sprints/" + planned, "{\"status\": \"done\"}"));
        assertFieldError("name", server.patch("/v2/sprints/" + planned, "{\"name\": \"Renamed\"}"));
        assertStatus(404, server.patch("/v2/sprints/999999", "{\"status\": \"released\"}"));

        JsonNode removed = server.patch("/v3/issues/REFS-3", "{\"fixVersions\": {\"remove\": [\"2.0\"]}, \"project\": null}").json();
        assertFalse(removed.has("fixVersions") || removed.has("project"), removed.toString());
        assertEquals(List.of("REFS-2"), keys("\"Fix Version\": \"2.0\""));
        assertEquals(List.of("REFS-1"), keys("Project: " + apollo));
    }

    @Test
    void objectsSurviveARestart() {
        long version = created(server.post("/v2/versions", "{\"queue\": \"SIDE\", \"name\": \"durable\"}")).get("id").asLong();
        long board = created(server.post("/v2/boards", "{\"name\": \"Durable board\", \"defaultQueue\": \"SIDE\"}")).get("id").asLong();
        long sprint = created(server.post("/v2/sprints", "{\"name\": \"Durable sprint\", \"board\": {\"id\": " + board
                + "}, \"startDate\": \"2025-01-01\", \"endDate\": \"2025-01-14\"}")).get("id").asLong();
        long project = created(server.post("/v2/projects", "{\"name\": \"Durable project\", \"queues\": \"SIDE\"}")).get("id").asLong();
        assertEquals(200, server.patch("/v2/sprints/" + sprint, "{\"status\": \"released\"}").status());
        String before = server.get("/v2/sprints/" + sprint).body();
        String oldUrl = server.url();

        server = server.restarted();

        assertEquals("durable", server.get("/v2/versions/" + version).json().get("name").asText());
        assertEquals("Durable board", server.get("/v2/boards/" + board).json().get("name").asText());
        // the restarted server listens on another port
        assertEquals(before.replace(oldUrl, server.url()), server.get("/v2/sprints/" + sprint).body());
        assertEquals("Durable project", server.get("/v2/projects/" + project).json().get("name").asText());
        // ids go on after the highest stored one
        long next = created(server.post("/v2/versions", "{\"queue\": \"SIDE\", \"name\": \"after restart\"}")).get("id").asLong();
        assertTrue(next > version, next + " after " + version);
    }

    private static List<String> keys(String query) {
        return server.queryKeys(query + " \"Sort by\": Key");
    }

    private static List<String> keysAs(String token, String query) {
        String body = TestServer.JSON.createObjectNode().put("query", query + " \"Sort by\": Key").toString();
        TestServer.Response response = server.send("POST", "/v2/issues/_search?perPage=100", body, token);
        assertEquals(200, response.status(), query + ": " + response);
        List<String> keys = new ArrayList<>();
        response.json().forEach(issue -> keys.add(issue.get("key").asText()));
        return keys;
    }

    private static List<String> names(TestServer.Response response) {
        assertEquals(200, response.status(), response.toString());
        List<String> names = new ArrayList<>();
        response.json().forEach(object -> names.add(object.get("name").asText()));
        return names;
    }

    private static JsonNode created(TestServer.Response response) {
        assertEquals(201, response.status(), response.toString());
        return response.json();
    }

    private static void assertStatus(int status, TestServer.Response response) {
        assertEquals(status, response.status(), response.toString());
        assertEquals(status, response.json().get("statusCode").asInt(), response.toString());
        assertTrue(response.json().get("errorMessages").isArray(), response.toString());
    }

    private static void assertFieldError(String field, TestServer.Response response) {
        assertStatus(422, response);
        assertTrue(response.json().at("/errors").has(field), response.toString());
    }
}
