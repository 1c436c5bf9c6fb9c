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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST /v2/issues/{key}/_move?queue=KEY} end to end: the moved issue (new key, id kept, old key in
 * aliases, version and updatedAt moved), the old key still answering reads and writes, history under the
 * new key, "Old Queue", other issues' parent, epic and links following the new key in queries and GETs,
 * Tracker's options, and errors in Tracker's format.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.tracksearch.testing.Backend#enabled")
class MoveApiTest {
    @Parameter
    Backend backend;
    private static TestServer server;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        server = TestServer.start(backend);
        for (String queue : List.of("FROM", "TO", "OPTS", "KEEP", "SAME")) {
            server.createQueue(queue);
        }
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    private static JsonNode ok(TestServer.Response response, int status) {
        assertEquals(status, response.status(), response.toString());
        return response.json();
    }

    private static String create(String body) {
        return ok(server.post("/v2/issues/", body), 201).get("key").asText();
    }

    private static JsonNode get(String key) {
        return ok(server.get("/v2/issues/" + key), 200);
    }

    private static JsonNode move(String key, String parameters) {
        return ok(server.post("/v2/issues/" + key + "/_move?" + parameters, null), 200);
    }

    @Test
    void theIssueKeepsItsIdAndAnswersUnderItsOldKey() {
        String key = create("{\"queue\":\"FROM\",\"summary\":\"Payment page times out\",\"tags\":[\"hot\"]}");
        String child = create("{\"queue\":\"FROM\",\"summary\":\"Find the slow query\",\"parent\":\"" + key + "\"}");
        String member = create("{\"queue\":\"KEEP\",\"summary\":\"Epic member\",\"epic\":\"" + key + "\"}");
        String dependent = create("{\"queue\":\"KEEP\",\"summary\":\"Checkout depends on it\"}");
        ok(server.post("/v2/issues/" + dependent + "/links", "{\"relationship\":\"depends on\",\"issue\":\"" + key + "\"}"), 201);
        ok(server.post("/v2/issues/" + key + "/comments", "{\"text\":\"seen on mobile too\"}"), 201);
        ok(server.patch("/v2/issues/" + key, "{\"priority\":\"critical\"}"), 200);
        JsonNode before = get(key);
        JsonNode childBefore = get(child);
        JsonNode dependentBefore = get(dependent);

        JsonNode moved = move(key, "queue=TO");
        String newKey = moved.get("key").asText();
        assertEquals("TO-1", newKey);
        assertEquals("TO", moved.at("/queue/key").asText());
        assertEquals(before.get("id").asText(), moved.get("id").asText(), "the id stays");
        assertEquals(List.of(key), strings(moved.get("aliases")));
        assertEquals(before.get("version").asLong() + 1, moved.get("version").asLong());
        assertNotEquals(before.get("updatedAt").asText(), moved.get("updatedAt").asText());
        assertEquals(server.url() + "/v2/issues/" + newKey, moved.get("self").asText());
        assertEquals(List.of("hot"), strings(moved.get("tags")), "fields of no queue move along");
        assertEquals(moved, get(newKey));
        assertEquals(moved, get(key), "Tracker answers the old key with the moved issue");
        assertEquals(moved, get(moved.get("id").asText()));

        assertEquals(List.of(newKey), server.queryKeys("\"Old Queue\": FROM"));
        assertEquals(List.of(newKey), server.queryKeys("Key: " + newKey));
        assertFalse(server.queryKeys("Queue: FROM").contains(key), "one issue, under one key");
        assertEquals(1, server.queryKeys("Summary: \"Payment page times out\"").size());

        assertEquals(List.of(child), server.queryKeys("Parent: " + newKey));
        assertEquals(List.of(), server.queryKeys("Parent: " + key));
        assertEquals(List.of(member), server.queryKeys("Epic: " + newKey));
        assertEquals(List.of(child), server.queryKeys("\"Subtasks For Queue\": TO"));
        JsonNode childAfter = get(child);
        assertEquals(newKey, childAfter.at("/parent/key").asText());
        assertEquals(childBefore.get("version"), childAfter.get("version"), "a renamed reference is no change of the child");
        assertEquals(childBefore.get("updatedAt"), childAfter.get("updatedAt"));
        assertEquals(newKey, get(member).at("/epic/key").asText());

        assertEquals(List.of(dependent), server.queryKeys("\"Depends On\": " + newKey));
        assertEquals(List.of(dependent), server.queryKeys("\"Depend On Queue\": TO"));
        assertEquals(List.of(newKey), server.queryKeys("\"Is Dependent By\": " + dependent));
        assertEquals(newKey, ok(server.get("/v2/issues/" + dependent + "/links"), 200).at("/0/object/key").asText());
        assertEquals(dependentBefore.get("version"), get(dependent).get("version"));
        JsonNode ownLinks = ok(server.get("/v2/issues/" + newKey + "/links"), 200);
        List<String> linked = new ArrayList<>();
        ownLinks.forEach(link -> linked.add(link.at("/object/key").asText()));
        assertTrue(linked.containsAll(List.of(child, member, dependent)), ownLinks.toString());

        JsonNode history = ok(server.get("/v2/issues/" + newKey + "/changelog"), 200);
        List<String> types = new ArrayList<>();
        history.forEach(entry -> types.add(entry.get("type").asText()));
        assertEquals(List.of("IssueCreated", "IssueLinked", "IssueCommentAdded", "IssueUpdated", "IssueMoved"), types);
        assertEquals(moved.get("version").asLong(), Long.parseLong(history.get(4).get("id").asText().substring(12), 16));
        assertEquals(history, ok(server.get("/v2/issues/" + key + "/changelog"), 200));
        assertEquals(List.of(newKey), server.queryKeys("Priority: changed(to: critical) \"Old Queue\": FROM"), "history before the move counts");

        JsonNode edited = ok(server.patch("/v2/issues/" + key, "{\"summary\":\"Payment page times out on mobile\"}"), 200);
        assertEquals(newKey, edited.get("key").asText(), "a write to the old key edits the moved issue");
        ok(server.post("/v2/issues/" + key + "/comments", "{\"text\":\"fixed by the index\"}"), 201);
        assertEquals(2, ok(server.get("/v2/issues/" + newKey + "/comments"), 200).size());

        String next = create("{\"queue\":\"FROM\",\"summary\":\"After the move\"}");
        assertFalse(next.equals(key) || next.equals(child), next + ": numbers of the old queue are not handed out again");
    }

    @Test
    void localFieldsComponentsAndVersionsStayBehindUnlessAsked() {
        String tester = ok(server.post("/v2/queues/OPTS/localFields", "{\"name\":{\"en\":\"Tester\"},\"id\":\"tester\","
                + "\"category\":\"0000000000000003\",\"type\":\"ru.yandex.startrek.core.fields.StringFieldType\"}"), 201)
                .get("id").asText();
        ok(server.post("/v2/components", "{\"queue\":\"OPTS\",\"name\":\"Engine\"}"), 201);
        ok(server.post("/v2/components", "{\"queue\":\"OPTS\",\"name\":\"Wheels\"}"), 201);
        ok(server.post("/v2/components", "{\"queue\":\"KEEP\",\"name\":\"engine\"}"), 201);
        String plain = create("{\"queue\":\"OPTS\",\"summary\":\"Plain move\",\"components\":[\"Engine\"],\"" + tester + "\":\"Ann\"}");
        assertEquals("Ann", get(plain).get(tester).asText());
        JsonNode moved = move(plain, "queue=KEEP");
        assertNull(moved.get("components"), moved.toString());
        assertNull(moved.get(tester), "the old queue's local field is dropped: " + moved);

        String kept = create("{\"queue\":\"OPTS\",\"summary\":\"Keep all\",\"components\":[\"Engine\",\"Wheels\"],"
                + "\"tags\":[\"legacy\"],\"priority\":\"critical\"}");
        ok(server.post("/v2/issues/" + kept + "/transitions/start_progress/_execute", "{}"), 200);
        JsonNode all = move(kept, "queue=KEEP&move_all_fields=true&initialStatus=true&notMovedFields=tags,%20priority&notify=false");
        assertEquals(List.of("engine"), names(all.get("components")), "those the target has, in its spelling");
        assertEquals("open", all.at("/status/key").asText());
        assertEquals("inProgress", all.at("/previousStatus/key").asText());
        assertNull(all.get("tags"), all.toString());
        assertNull(all.get("priority"), all.toString());
        assertEquals(List.of(all.get("key").asText()), server.queryKeys("Components: engine \"Old Queue\": OPTS"));
        JsonNode expanded = move(all.get("key").asText(), "queue=OPTS&expand=transitions");
        assertTrue(expanded.get("transitions").isArray(), expanded.toString());
        assertEquals(List.of(kept, all.get("key").asText()), strings(expanded.get("aliases")),
                "every old key stays an alias");
    }

    @Test
    void badMovesAreTrackerErrors() {
        String key = create("{\"queue\":\"SAME\",\"summary\":\"Stays\"}");
        assertError(server.post("/v2/issues/" + key + "/_move", null), 400);
        assertError(server.post("/v2/issues/" + key + "/_move?queue=", null), 400);
        assertError(server.post("/v2/issues/" + key + "/_move?queue=NOPE", null), 404);
        assertError(server.post("/v2/issues/" + key + "/_move?queue=SAME", null), 422);
        assertError(server.post("/v2/issues/" + key + "/_move?queue=same", null), 422);
        assertError(server.post("/v2/issues/SAME-999/_move?queue=TO", null), 404);
        assertError(server.post("/v2/issues/" + key + "/_move?queue=TO&notMovedFields=nonsense", null), 422);
        assertError(server.post("/v2/issues/" + key + "/_move?queue=TO&notMovedFields=createdAt", null), 422);
        assertError(server.post("/v2/issues/" + key + "/_move?queue=TO&initialStatus=maybe", null), 400);
        assertError(server.send("POST", "/v2/issues/" + key + "/_move?queue=TO", null, "not-a-token"), 401);
        assertEquals("SAME", get(key).at("/queue/key").asText(), "nothing moved");
        assertEquals(1, get(key).get("version").asLong());
        assertEquals(405, server.get("/v2/issues/" + key + "/_move?queue=TO").status());
    }

    @Test
    void aRestartKeepsTheOldNumbersTaken() {
        TestServer own = TestServer.start(backend);
        try {
            own.createQueue("OLD");
            own.createQueue("NEW");
            assertEquals(201, own.post("/v2/issues/", "{\"queue\":\"OLD\",\"summary\":\"first\"}").status());
            assertEquals(201, own.post("/v2/issues/", "{\"queue\":\"OLD\",\"summary\":\"last\"}").status());
            assertEquals(200, own.post("/v2/issues/OLD-2/_move?queue=NEW", null).status());
            own = own.restarted();
            JsonNode created = own.post("/v2/issues/", "{\"queue\":\"OLD\",\"summary\":\"after\"}").json();
            assertEquals("OLD-3", created.get("key").asText(), "OLD-2 is the moved issue's alias");
            assertEquals("NEW-1", own.get("/v2/issues/OLD-2").json().get("key").asText());
        } finally {
            own.close();
        }
    }

    /**
     * A mirror may hold issues naming a key its source has since moved without ever holding the moved issue
     * under that key, and may copy an issue as the source had it before the move after the moved issue
     * arrived. Either way the references follow the moved issue, as they do at the source.
     */
    @Test
    void anImportedMovedIssueIsFollowedByTheIssuesNamingItsOldKey() {
        String link = "{\"type\":{\"id\":\"relates\"},\"direction\":\"outward\",\"object\":{\"key\":\"MIRA-2\"}}";
        ok(server.post("/v2/issues/_bulkImport", "{\"key\":\"MIRA-1\",\"summary\":\"copied before the move\",\"parent\":\"MIRA-2\","
                + "\"links\":[" + link + "]}\n"), 200);
        JsonNode before = get("MIRA-1");
        assertEquals("MIRA-2", before.at("/parent/key").asText(), before.toString());

        ok(server.post("/v2/issues/_bulkImport", "{\"key\":\"MIRB-1\",\"id\":\"0123456789abcdef01234567\",\"summary\":\"moved\","
                + "\"aliases\":[\"MIRA-2\"]}\n"), 200);
        JsonNode after = get("MIRA-1");
        assertEquals("MIRB-1", after.at("/parent/key").asText(), after.toString());
        assertEquals("MIRB-1", ok(server.get("/v2/issues/MIRA-1/links"), 200).at("/0/object/key").asText());
        assertEquals(before.get("version"), after.get("version"), "a renamed reference is no change");
        assertEquals(before.get("updatedAt"), after.get("updatedAt"));
        assertEquals(List.of("MIRA-1"), server.queryKeys("Parent: MIRB-1"));
        assertEquals(List.of("MIRA-1"), server.queryKeys("\"Relates\": MIRB-1"));

        ok(server.post("/v2/issues/_bulkImport", "{\"key\":\"MIRA-3\",\"summary\":\"copied before the move, stored after it\","
                + "\"parent\":\"MIRA-2\"}\n"), 200);
        assertEquals("MIRB-1", get("MIRA-3").at("/parent/key").asText());
        assertEquals(List.of("MIRA-1", "MIRA-3"), server.queryKeys("Parent: MIRB-1 \"Sort By\": Key"));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array != null) {
            array.forEach(value -> values.add(value.asText()));
        }
        return values;
    }

    private static List<String> names(JsonNode references) {
        List<String> values = new ArrayList<>();
        if (references != null) {
            references.forEach(value -> values.add(value.get("display").asText()));
        }
        return values;
    }

    private static void assertError(TestServer.Response response, int status) {
        assertEquals(status, response.status(), response.toString());
        JsonNode body = response.json();
        assertTrue(body.get("errorMessages").isArray() && body.get("errors").isObject(), response.toString());
        assertEquals(status, body.get("statusCode").asInt(), response.toString());
    }
}
