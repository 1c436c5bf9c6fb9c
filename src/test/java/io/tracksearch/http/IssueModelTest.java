package io.tracksearch.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracksearch.model.Catalog;
import io.tracksearch.model.IssueField;
import io.tracksearch.testing.Backend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole Tracker issue over HTTP: Tracker's own single-issue import with its documented example,
 * the standard fields beyond the basics (votes, durations, versions, sprints, access...) searched by
 * filter and query and sorted, and the lossless round trip: issues with every standard field exported
 * from one server and bulk-imported into a fresh one come back from GET identical but for the host.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.tracksearch.testing.Backend#enabled")
class IssueModelTest {
    private static final String[] LOGINS = {"ann", "boris", "clara"};
    /** The local field "owner" of queue ROUND, the first queue of a fresh server (id 1). */
    private static final String LOCAL_OWNER = io.tracksearch.model.CustomField.localId(1, "owner");
    @Parameter
    Backend backend;
    private static TestServer server;
    private static final List<Long> uids = new ArrayList<>();

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        server = startWithUsers(backend);
        uids.clear();
        for (String login : LOGINS) {
            uids.add(server.get("/v2/users/" + login).json().get("uid").asLong());
        }
        server.createQueue("TEST");
    }

    private static TestServer startWithUsers(Backend backend) {
        TestServer started = TestServer.start(backend);
        started.addUser("ann", "Ann", "Archer");
        started.addUser("boris", "Boris", "Bell");
        started.addUser("clara", "Clara", "Cole");
        return started;
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    @Test
    void trackersDocumentedImportExampleIsAccepted() {
        long ann = uids.get(0);
        long boris = uids.get(1);
        // the example of Tracker's "Importing an issue" page, with this server's users and catalogue ids
        String body = """
                {"queue": "TEST", "summary": "Test", "key": "TEST-101",
                 "createdAt": "2017-08-29T12:34:41.740+0000", "createdBy": %1$d,
                 "updatedAt": "2017-09-09T11:24:31.140+0000", "updatedBy": %1$d,
                 "resolvedAt": "2017-09-08T09:33:42.250+0000", "resolvedBy": %1$d,
                 "status": 3, "deadline": "2017-09-07", "resolution": 1, "type": 2, "description": "Test",
                 "start": "2017-09-04", "end": "2017-09-07", "assignee": %1$d, "priority": 3,
                 "affectedVersions": [1, 2, 3], "fixVersions": [4, 5, 6], "components": ["Backend"],
                 "tags": ["test", "tag"], "sprint": [1, 2, 3], "followers": [%1$d, %2$d], "access": [%1$d, %2$d],
                 "unique": "issue_5182786599824772824459",
                 "followingMaillists": ["test@test.yaconnect.com", "mail@test.yaconnect.com"],
                 "originalEstimation": 3600000, "estimation": 3600000, "spent": 3600000, "storyPoints": 1.0,
                 "votedBy": [%1$d, %2$d], "favoritedBy": [%1$d, %2$d]}
                """.formatted(ann, boris);
        TestServer.Response created = server.post("/v2/issues/_import", body);
        assertEquals(201, created.status(), created.toString());
        JsonNode issue = created.json();
        assertEquals("TEST-101", issue.get("key").asText());
        assertEquals("2017-08-29T12:34:41.740+0000", issue.get("createdAt").asText());
        assertEquals(Long.toString(ann), issue.at("/createdBy/id").asText());
        assertEquals("closed", issue.at("/status/key").asText());
        assertEquals("fixed", issue.at("/resolution/key").asText());
        assertEquals("PT1H", issue.get("spent").asText());
        assertEquals("4", issue.at("/fixVersions/0/id").asText());
        assertEquals(server.url() + "/v2/versions/4", issue.at("/fixVersions/0/self").asText());
        assertEquals(2, issue.get("votedBy").size());
        assertEquals("Backend", issue.at("/components/0/display").asText());
        assertEquals(issue, server.get("/v2/issues/TEST-101").json());

        TestServer.Response again = server.post("/v2/issues/_import", body.replace("TEST-101", "TEST-102"));
        assertEquals(409, again.status(), again.toString());
        TestServer.Response sameKey = server.post("/v2/issues/_import", body.replace("issue_518", "other_518"));
        assertEquals(409, sameKey.status(), sameKey.toString());
        TestServer.Response missing = server.post("/v2/issues/_import", "{\"queue\":\"TEST\",\"summary\":\"x\",\"createdBy\":" + ann + "}");
        assertEquals(422, missing.status());
        assertEquals("Field is required", missing.json().at("/errors/createdAt").asText());
        TestServer.Response badDuration = server.post("/v2/issues/_import",
                "{\"queue\":\"TEST\",\"summary\":\"x\",\"createdBy\":" + ann + ",\"createdAt\":\"2020-01-01T00:00:00.000+0000\",\"spent\":\"soon\"}");
        assertEquals(422, badDuration.status(), badDuration.toString());
        assertTrue(badDuration.json().at("/errors/spent").asText().contains("duration"), badDuration.toString());
    }

    @Test
    void newStandardFieldsAreSearchedAndSorted() {
        String lines = String.join("\n",
                "{\"key\":\"VOTE-1\",\"summary\":\"one\",\"votes\":7,\"spent\":\"P1D\",\"fixVersions\":[{\"id\":\"11\",\"display\":\"Release 1.0\"}],\"votedBy\":[\"ann\"]}",
                "{\"key\":\"VOTE-2\",\"summary\":\"two\",\"votes\":2,\"spent\":\"PT4H\",\"sprint\":[{\"id\":\"5\",\"display\":\"Sprint 5\"}]}",
                "{\"key\":\"VOTE-3\",\"summary\":\"three\",\"spent\":\"P1W\",\"previousStatus\":\"inProgress\"}");
        TestServer.Response imported = server.post("/v2/issues/_bulkImport", lines);
        assertEquals(3, imported.json().get("imported").asInt(), imported.toString());

        assertEquals(List.of("VOTE-1"), keys(query("Queue: VOTE Votes: >= 5")));
        assertEquals(List.of("VOTE-3"), keys(query("Queue: VOTE Votes: 0")));
        assertEquals(List.of("VOTE-1", "VOTE-3"), keys(query("Queue: VOTE \"Time Spent\": > 4h")));
        assertEquals(List.of("VOTE-3"), keys(query("Queue: VOTE \"Time Spent\": >= 1w")));
        assertEquals(List.of("VOTE-1"), keys(query("\"Fix Version\": \"release 1.0\"")));
        assertEquals(List.of("VOTE-2"), keys(query("Sprint: 5")));
        assertEquals(List.of("VOTE-1"), keys(query("\"Voted by\": ann")));
        assertEquals(List.of("VOTE-3"), keys(query("Queue: VOTE \"Previous Status\": \"In Progress\"")));
        assertEquals(List.of("VOTE-2", "VOTE-1", "VOTE-3"), keys(query("Queue: VOTE \"Sort by\": \"Time Spent\" ASC")));
        assertEquals(List.of("VOTE-1", "VOTE-2", "VOTE-3"), keys(query("Queue: VOTE \"Sort by\": Votes DESC")));
        assertEquals(List.of("VOTE-1", "VOTE-3"), keys(server.post("/v2/issues/_search",
                "{\"filter\":{\"queue\":\"VOTE\",\"spent\":{\"from\":\"1d\"}}}")));
        assertEquals(List.of("VOTE-1"), keys(server.post("/v2/issues/_search", "{\"filter\":{\"votedBy\":\"ann\"}}")));
        assertEquals(7, server.get("/v2/issues/VOTE-1").json().get("votes").asInt());
        assertEquals(0, server.get("/v2/issues/VOTE-3").json().get("votes").asInt());

        JsonNode fields = server.get("/v2/fields").json();
        List<String> ids = new ArrayList<>();
        fields.forEach(field -> ids.add(field.get("id").asText()));
        for (IssueField field : IssueField.standardFields()) {
            assertTrue(ids.contains(field.id()) != field.isDerived(), "GET /v2/fields lists every stored field and no derived one: " + field.id());
        }
    }

    @Test
    void everyStandardFieldSurvivesExportAndImport() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        StringBuilder lines = new StringBuilder();
        int count = 60;
        for (int i = 1; i <= count; i++) {
            lines.append(randomIssue(random, i)).append('\n');
        }
        // queues, users and field definitions are not part of an export: both servers get the same ones first
        try (TestServer source = withCustomFields(startWithUsers(backend)); TestServer fresh = withCustomFields(startWithUsers(backend))) {
            roundTrip(source, fresh, lines.toString(), count, seed);
        }
    }

    /** The queue ROUND with a local user field, and global number, date, user-list and option fields. */
    private static TestServer withCustomFields(TestServer server) {
        server.createQueue("ROUND");
        for (String body : List.of(
                "{\"name\":{\"en\":\"Budget\"},\"id\":\"budget\",\"category\":\"c\",\"type\":\"FloatFieldType\"}",
                "{\"name\":{\"en\":\"Due\"},\"id\":\"due\",\"category\":\"c\",\"type\":\"DateFieldType\"}",
                "{\"name\":{\"en\":\"Testers\"},\"id\":\"testers\",\"category\":\"c\",\"type\":\"UserFieldType\",\"container\":true}",
                "{\"name\":{\"en\":\"Stage\"},\"id\":\"stage\",\"category\":\"c\",\"type\":\"StringFieldType\","
                        + "\"optionsProvider\":{\"type\":\"FixedListOptionsProvider\",\"values\":[\"a\",\"b\"]}}")) {
            assertEquals(201, server.post("/v2/fields", body).status());
        }
        assertEquals(201, server.post("/v2/queues/ROUND/localFields",
                "{\"name\":{\"en\":\"Owner\"},\"id\":\"owner\",\"category\":\"c\",\"type\":\"UserFieldType\"}").status());
        return server;
    }

    private static void roundTrip(TestServer source, TestServer fresh, String lines, int count, long seed) {
        TestServer.Response imported = source.post("/v2/issues/_bulkImport", lines);
        assertEquals(count, imported.json().get("imported").asInt(), "seed " + seed + ": " + imported);

        TestServer.Response export = source.post("/v2/issues/_export", "{\"query\":\"Queue: ROUND\"}");
        assertEquals(200, export.status(), export.toString());
        assertEquals(Integer.toString(count), export.header("X-Total-Count"));
        String[] exported = export.body().split("\n");
        assertEquals(count, exported.length);
        for (String customId : List.of("\"budget\"", "\"testers\"", "\"" + LOCAL_OWNER + "\"", "\"checklistDone\"")) {
            assertTrue(export.body().contains(customId), "no exported issue has " + customId + ", seed " + seed);
        }

        TestServer.Response again = fresh.post("/v2/issues/_bulkImport", export.body());
        assertEquals(count, again.json().get("imported").asInt(), "seed " + seed + ": " + again);
        for (String line : exported) {
            JsonNode original = parse(line);
            String key = original.get("key").asText();
            assertEquals(original, source.get("/v2/issues/" + key).json(), "export equals GET, seed " + seed);
            JsonNode copy = fresh.get("/v2/issues/" + key).json();
            assertEquals(withoutHost(original, source.url()), withoutHost(copy, fresh.url()), "seed " + seed + ", " + key);
        }
    }

    /** An issue in the flat import form with a random subset of every standard field a client can give. */
    private static String randomIssue(Random random, int number) {
        ObjectNode issue = TestServer.JSON.createObjectNode();
        issue.put("key", "ROUND-" + number);
        issue.put("summary", "round trip " + random.nextInt(1000));
        Map<String, Runnable> optional = new LinkedHashMap<>();
        optional.put("description", () -> issue.put("description", "text " + random.nextInt()));
        optional.put("type", () -> issue.put("type", pick(random, Catalog.ISSUE_TYPES.entries()).key()));
        optional.put("priority", () -> issue.put("priority", pick(random, Catalog.PRIORITIES.entries()).key()));
        optional.put("status", () -> issue.put("status", pick(random, Catalog.STATUSES.entries()).key()));
        optional.put("previousStatus", () -> issue.put("previousStatus", pick(random, Catalog.STATUSES.entries()).key()));
        optional.put("resolution", () -> issue.put("resolution", pick(random, Catalog.RESOLUTIONS.entries()).key()));
        optional.put("assignee", () -> issue.put("assignee", pick(random, List.of(LOGINS))));
        optional.put("createdBy", () -> issue.put("createdBy", pick(random, List.of(LOGINS))));
        optional.put("resolvedBy", () -> issue.put("resolvedBy", pick(random, List.of(LOGINS))));
        optional.put("createdAt", () -> issue.put("createdAt", 1_600_000_000_000L + random.nextInt(1_000_000_000)));
        optional.put("resolvedAt", () -> issue.put("resolvedAt", "2024-03-0" + (1 + random.nextInt(9)) + "T10:00:00.123+0000"));
        optional.put("lastCommentUpdatedAt", () -> issue.put("lastCommentUpdatedAt", "2024-05-01T08:00:00.000+0000"));
        optional.put("followers", () -> strings(issue.putArray("followers"), random, LOGINS));
        optional.put("access", () -> strings(issue.putArray("access"), random, LOGINS));
        optional.put("votedBy", () -> strings(issue.putArray("votedBy"), random, LOGINS));
        optional.put("favoritedBy", () -> strings(issue.putArray("favoritedBy"), random, LOGINS));
        optional.put("tags", () -> strings(issue.putArray("tags"), random, "red", "Green", "тег"));
        optional.put("aliases", () -> issue.putArray("aliases").add("OLD-" + number));
        optional.put("followingMaillists", () -> strings(issue.putArray("followingMaillists"), random, "a@x.org", "b@x.org"));
        optional.put("components", () -> strings(issue.putArray("components"), random, "Core", "Web"));
        optional.put("parent", () -> issue.put("parent", "ROUND-" + (1 + random.nextInt(number))));
        optional.put("epic", () -> issue.put("epic", "ROUND-" + (1 + random.nextInt(number))));
        optional.put("deadline", () -> issue.put("deadline", "2025-0" + (1 + random.nextInt(9)) + "-15"));
        optional.put("start", () -> issue.put("start", "2025-01-0" + (1 + random.nextInt(9))));
        optional.put("end", () -> issue.put("end", "2025-12-2" + random.nextInt(9)));
        optional.put("storyPoints", () -> issue.put("storyPoints", random.nextInt(3) == 0 ? 0.5 : random.nextInt(13)));
        optional.put("votes", () -> issue.put("votes", random.nextInt(20)));
        optional.put("originalEstimation", () -> issue.put("originalEstimation", "P" + (1 + random.nextInt(3)) + "D"));
        optional.put("estimation", () -> issue.put("estimation", 60_000L * random.nextInt(10_000)));
        optional.put("spent", () -> issue.put("spent", "PT" + (1 + random.nextInt(30)) + "H15M"));
        optional.put("affectedVersions", () -> issue.putArray("affectedVersions").addObject().put("id", "7").put("display", "2.0"));
        optional.put("fixVersions", () -> issue.putArray("fixVersions").add(8));
        optional.put("sprint", () -> issue.putArray("sprint").addObject().put("id", "3").put("display", "Sprint 3"));
        optional.put("boards", () -> issue.putArray("boards").addObject().put("id", "1").put("display", "Team board"));
        optional.put("project", () -> issue.putObject("project").put("id", "9").put("display", "Apollo"));
        optional.put("unique", () -> issue.put("unique", "round-" + number));
        optional.put("checklistDone", () -> issue.put("checklistDone", random.nextInt(5)));   // no registry entry: kept as given
        optional.put("emailFrom", () -> issue.put("emailFrom", "someone@example.org"));
        optional.put("budget", () -> issue.put("budget", random.nextInt(100) / 4.0));
        optional.put("due", () -> issue.put("due", "2026-0" + (1 + random.nextInt(9)) + "-01"));
        optional.put("testers", () -> strings(issue.putArray("testers"), random, LOGINS));
        optional.put("stage", () -> issue.put("stage", random.nextBoolean() ? "a" : "b"));
        optional.put("owner", () -> issue.put(LOCAL_OWNER, pick(random, List.of(LOGINS))));
        optional.forEach((name, setter) -> {
            if (random.nextInt(3) > 0) {
                setter.run();
            }
        });
        return issue.toString();
    }

    private static void strings(ArrayNode array, Random random, String... values) {
        for (String value : values) {
            if (random.nextBoolean()) {
                array.add(value);
            }
        }
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static JsonNode withoutHost(JsonNode issue, String url) {
        return parse(issue.toString().replace(url, "<host>"));
    }

    private static JsonNode parse(String json) {
        try {
            return TestServer.JSON.readTree(json);
        }
        catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static TestServer.Response query(String query) {
        ObjectNode body = TestServer.JSON.createObjectNode().put("query", query);
        return server.post("/v2/issues/_search", body.toString());
    }

    private static List<String> keys(TestServer.Response response) {
        assertEquals(200, response.status(), response.toString());
        List<String> keys = new ArrayList<>();
        response.json().forEach(issue -> keys.add(issue.get("key").asText()));
        assertFalse(keys.contains(null));
        return keys;
    }
}
