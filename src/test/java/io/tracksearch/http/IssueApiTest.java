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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Queue and issue CRUD over HTTP against a real server: the shapes of spec 3 and 9. */
@ParameterizedClass(name = "{0}")
@MethodSource("io.tracksearch.testing.Backend#enabled")
class IssueApiTest {
    @Parameter
    Backend backend;
    private static TestServer server;
    private static String bobToken;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        server = TestServer.start(backend);
        bobToken = server.addUser("bob", "Bob", "Brown");
        server.createQueue("TREK");
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    /** Racing creates with one unique value on one node: one 201, the losers 409, and they spend no number. */
    @Test
    void uniqueRaceLeavesNoGapInKeys() throws Exception {
        server.createQueue("UNIQ");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<TestServer.Response>> racing = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                racing.add(pool.submit(() -> server.post("/v2/issues/", "{\"queue\":\"UNIQ\",\"summary\":\"once\",\"unique\":\"race-1\"}")));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<TestServer.Response> response : racing) {
                statuses.add(response.get().status());
            }
            assertEquals(1, statuses.stream().filter(status -> status == 201).count(), statuses.toString());
            assertEquals(7, statuses.stream().filter(status -> status == 409).count(), statuses.toString());
        }
        finally {
            pool.shutdown();
        }
        assertEquals("UNIQ-1", server.post("/v2/issues/_findByUnique?unique=race-1", null).json().get("key").asText());
        assertEquals("UNIQ-2", server.post("/v2/issues/", "{\"queue\":\"UNIQ\",\"summary\":\"next\"}").json().get("key").asText());
    }

    @Test
    void queueIsCreatedAndRead() {
        TestServer.Response created = server.post("/v2/queues/", "{\"key\":\"qa\",\"name\":\"Quality\",\"defaultType\":\"bug\",\"defaultPriority\":{\"key\":\"minor\"}}");
        assertEquals(201, created.status(), created.toString());
        JsonNode queue = created.json();
        assertEquals("QA", queue.get("key").asText());
        assertTrue(queue.get("id").isNumber());
        assertEquals(server.url() + "/v2/queues/QA", queue.get("self").asText());
        assertEquals("bug", queue.at("/defaultType/key").asText());
        assertEquals("minor", queue.at("/defaultPriority/key").asText());
        assertEquals("admin", server.get("/v2/users/" + queue.at("/lead/id").asText()).json().get("login").asText());

        assertEquals("Quality", server.get("/v2/queues/qa").json().get("name").asText());
        assertEquals("Quality", server.get("/v3/queues/QA/").json().get("name").asText());
        assertTrue(server.get("/v2/queues").json().findValuesAsText("key").contains("QA"));
        assertEquals(409, server.post("/v2/queues/", "{\"key\":\"QA\",\"name\":\"Again\",\"defaultType\":\"bug\",\"defaultPriority\":\"minor\"}").status());
        assertEquals(404, server.get("/v2/queues/NOPE").status());
        assertEquals("Queue does not exist.", server.get("/v2/queues/NOPE").json().at("/errorMessages/0").asText());
    }

    @Test
    void issueIsCreatedWithTheSpecShape() {
        TestServer.Response response = server.post("/v2/issues/", """
                {"queue":"TREK","summary":"Crash on export","description":"Export fails","type":{"name":"Bug"},
                 "priority":"critical","assignee":"bob","followers":["admin","bob"],"tags":["backend","ui","backend"],
                 "components":["Export"],"deadline":"2030-01-20","storyPoints":3}""");
        assertEquals(201, response.status(), response.toString());
        JsonNode issue = response.json();
        String key = issue.get("key").asText();
        assertTrue(key.matches("TREK-\\d+"), key);
        assertEquals(server.url() + "/v2/issues/" + key, issue.get("self").asText());
        assertEquals(response.header("Location"), issue.get("self").asText());
        assertTrue(issue.get("id").asText().matches("[0-9a-f]{24}"));
        assertEquals(1, issue.get("version").asInt());
        assertEquals("bug", issue.at("/type/key").asText());
        assertEquals("Bug", issue.at("/type/display").asText());
        assertEquals("1", issue.at("/type/id").asText());
        assertEquals("critical", issue.at("/priority/key").asText());
        assertEquals("open", issue.at("/status/key").asText());
        assertEquals("Bob Brown", issue.at("/assignee/display").asText());
        assertEquals(2, issue.get("followers").size());
        assertEquals(List.of("backend", "ui"), texts(issue.get("tags")));
        assertEquals("Export", issue.at("/components/0/display").asText());
        assertEquals("2030-01-20", issue.get("deadline").asText());
        assertEquals(3, issue.get("storyPoints").asInt());
        assertEquals("TREK", issue.at("/queue/key").asText());
        assertEquals("Queue TREK", issue.at("/queue/display").asText());
        assertEquals(0, issue.get("votes").asInt());
        assertFalse(issue.get("favorite").asBoolean());
        assertTrue(issue.get("createdAt").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000"));
        assertEquals(issue.get("createdAt"), issue.get("updatedAt"));
        assertEquals(issue.get("createdAt"), issue.get("statusStartTime"));
        assertFalse(issue.has("resolution"), "absent values are omitted");
        assertFalse(issue.has("parent"));

        JsonNode read = server.get("/v2/issues/" + key.toLowerCase()).json();
        assertEquals(issue, read);
        assertEquals(issue.get("id"), server.get("/v2/issues/" + issue.get("id").asText()).json().get("id"));
        assertEquals(server.url() + "/v3/issues/" + key, server.get("/v3/issues/" + key).json().get("self").asText());
        assertEquals(404, server.get("/v2/issues/TREK-99999").status());
        assertEquals("Issue does not exist.", server.get("/v2/issues/TREK-99999").json().at("/errorMessages/0").asText());
    }

    @Test
    void keysCountFromOnePerQueue() {
        server.createQueue("KEYS");
        for (int i = 1; i <= 3; i++) {
            assertEquals("KEYS-" + i, server.post("/v2/issues", "{\"queue\":\"KEYS\",\"summary\":\"n" + i + "\"}").json().get("key").asText());
        }
    }

    @Test
    void concurrentCreatesGetDistinctKeys() throws Exception {
        server.createQueue("RACE");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> keys = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int n = i;
                keys.add(pool.submit(() -> server.post("/v2/issues", "{\"queue\":\"RACE\",\"summary\":\"r" + n + "\"}").json().get("key").asText()));
            }
            List<String> all = new ArrayList<>();
            for (Future<String> key : keys) {
                all.add(key.get());
            }
            assertEquals(40, all.stream().distinct().count());
            for (int i = 1; i <= 40; i++) {
                assertTrue(all.contains("RACE-" + i), "missing RACE-" + i);
            }
        }
        finally {
            pool.shutdown();
        }
    }

    @Test
    void repeatedUniqueConflictsAndCanBeFound() {
        String body = "{\"queue\":\"TREK\",\"summary\":\"Once\",\"unique\":\"u-123\"}";
        TestServer.Response first = server.post("/v2/issues/", body);
        assertEquals(201, first.status());
        TestServer.Response second = server.post("/v2/issues/", body);
        assertEquals(409, second.status());
        String key = first.json().get("key").asText();
        assertEquals("Issue with unique 'u-123' already exists: " + key, second.json().at("/errorMessages/0").asText());
        assertTrue(second.json().get("errors").isObject());
        assertEquals(409, second.json().get("statusCode").asInt());
        TestServer.Response found = server.post("/v2/issues/_findByUnique?unique=u-123", null);
        assertEquals(200, found.status());
        assertEquals(key, found.json().get("key").asText());
        assertEquals("u-123", found.json().get("unique").asText());
        assertEquals(404, server.post("/v2/issues/_findByUnique?unique=nope", null).status());
    }

    @Test
    void patchChangesValuesAndVersion() {
        JsonNode issue = server.post("/v2/issues/", "{\"queue\":\"TREK\",\"summary\":\"Edit me\",\"tags\":[\"a\",\"b\"]}").json();
        String path = "/v2/issues/" + issue.get("key").asText();

        JsonNode edited = server.send("PATCH", path, "{\"summary\":\"Edited\",\"tags\":{\"add\":[\"c\"],\"remove\":\"a\"},\"followers\":{\"add\":\"bob\"}}",
                bobToken, "If-Match", "\"1\"").json();
        assertEquals("Edited", edited.get("summary").asText());
        assertEquals(List.of("b", "c"), texts(edited.get("tags")));
        assertEquals(2, edited.get("version").asInt());
        assertEquals("Bob Brown", edited.at("/updatedBy/display").asText());
        assertEquals("Admin Adminson", edited.at("/createdBy/display").asText());
        assertTrue(edited.get("updatedAt").asText().compareTo(issue.get("updatedAt").asText()) >= 0);

        TestServer.Response stale = server.send("PATCH", path, "{\"summary\":\"Stale\"}", server.adminToken, "If-Match", "\"1\"");
        assertEquals(409, stale.status());
        assertEquals("Version conflict: current version is 2", stale.json().at("/errorMessages/0").asText());
        assertEquals(409, server.patch(path + "?version=1", "{\"summary\":\"Stale\"}").status());

        JsonNode unchanged = server.patch(path, "{}").json();
        assertEquals(2, unchanged.get("version").asInt(), "an empty patch changes nothing");
        JsonNode noOp = server.patch(path, "{\"summary\":\"Edited\"}").json();
        assertEquals(2, noOp.get("version").asInt(), "a no-op patch changes nothing");

        JsonNode replaced = server.patch(path, "{\"tags\":{\"replace\":[{\"target\":\"b\",\"replacement\":\"x\"}]},\"assignee\":\"bob\"}").json();
        assertEquals(List.of("x", "c"), texts(replaced.get("tags")));
        assertEquals(3, replaced.get("version").asInt());
        JsonNode cleared = server.patch(path, "{\"tags\":null,\"assignee\":null,\"description\":{\"set\":\"text\"}}").json();
        assertFalse(cleared.has("tags"));
        assertFalse(cleared.has("assignee"));
        assertEquals("text", cleared.get("description").asText());
        JsonNode set = server.patch(path, "{\"tags\":{\"set\":[\"one\"]}}").json();
        assertEquals(List.of("one"), texts(set.get("tags")));

        assertEquals(422, server.patch(path, "{\"status\":\"closed\"}").status());
        assertEquals(422, server.patch(path, "{\"queue\":\"OTHER\"}").status());
        assertEquals(404, server.patch("/v2/issues/TREK-424242", "{\"summary\":\"x\"}").status());
    }

    @Test
    void transitionsMoveThroughTheWorkflow() {
        JsonNode issue = server.post("/v2/issues/", "{\"queue\":\"TREK\",\"summary\":\"Flow\"}").json();
        String path = "/v2/issues/" + issue.get("key").asText();
        JsonNode transitions = server.get(path + "/transitions").json();
        assertEquals(List.of("start_progress", "resolve", "close"), transitions.findValuesAsText("id").stream().filter(id -> !id.matches("\\d+")).toList());
        assertEquals(200, server.post(path + "/transitions/resolve/_execute", "{\"resolution\":\"wontFix\"}").status());
        JsonNode resolved = server.get(path + "?expand=transitions").json();
        assertEquals("resolved", resolved.at("/status/key").asText());
        assertEquals("open", resolved.at("/previousStatus/key").asText());
        assertEquals("wontFix", resolved.at("/resolution/key").asText());
        assertNotNull(resolved.get("resolvedAt"));
        assertEquals("admin", server.get("/v2/users/" + resolved.at("/resolvedBy/id").asText()).json().get("login").asText());
        assertEquals(2, resolved.get("version").asInt());
        assertTrue(resolved.get("transitions").findValuesAsText("id").contains("reopen"));
        assertEquals(409, server.post(path + "/transitions/start_progress/_execute", null).status());
        assertEquals(404, server.post(path + "/transitions/fly/_execute", null).status());
        server.post(path + "/transitions/reopen/_execute", null);
        JsonNode reopened = server.get(path).json();
        assertFalse(reopened.has("resolution"));
        assertEquals("open", reopened.at("/status/key").asText());
    }

    @Test
    void parentAndLinksAreRendered() {
        JsonNode parent = server.post("/v2/issues/", "{\"queue\":\"TREK\",\"summary\":\"Parent task\"}").json();
        String parentKey = parent.get("key").asText();
        JsonNode child = server.post("/v2/issues/", "{\"queue\":\"TREK\",\"summary\":\"Child\",\"parent\":\"" + parentKey.toLowerCase() + "\"}").json();
        assertEquals(parentKey, child.at("/parent/key").asText());
        assertEquals("Parent task", child.at("/parent/display").asText());
        JsonNode withLinks = server.get("/v2/issues/" + parentKey + "?expand=links,attachments").json();
        assertEquals(0, withLinks.get("attachments").size());
        assertEquals("outward", withLinks.at("/links/0/direction").asText());
        assertEquals(child.get("key").asText(), withLinks.at("/links/0/object/key").asText());
        assertEquals(422, server.post("/v2/issues/", "{\"queue\":\"TREK\",\"summary\":\"Orphan\",\"parent\":\"TREK-999999\"}").status());
        // an empty key names no issue (OpenSearch once read the lookup as a malformed request: a 500)
        assertEquals(422, server.send("PATCH", "/v2/issues/" + parentKey, "{\"parent\":\"\"}", server.adminToken).status());
        assertEquals(422, server.post("/v2/issues/", "{\"queue\":\"TREK\",\"summary\":\"Orphan\",\"epic\":\" \"}").status());
    }

    @Test
    void directoryEndpointsServeClients() {
        JsonNode myself = server.get("/v2/myself").json();
        assertEquals("admin", myself.get("login").asText());
        assertTrue(myself.isObject());
        TestServer.Response users = server.get("/v2/users/?perPage=1");
        assertEquals(1, users.json().size());
        assertEquals("2", users.header("X-Total-Pages"));
        assertTrue(users.header("Link").contains("rel=\"next\""));
        JsonNode fields = server.get("/v2/fields").json();
        assertTrue(fields.size() > 20);
        for (JsonNode field : fields) {
            assertNotNull(field.get("self"));
            assertNotNull(field.at("/schema/type").textValue(), field.toString());
        }
        assertEquals(5, server.get("/v2/priorities").json().size());
        assertEquals(5, server.get("/v2/statuses").json().size());
        assertEquals("blocker", server.get("/v2/priorities/5").json().get("key").asText());
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
