package io.tracksearch.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracksearch.http.TestServer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A source tracksearch filled like a team's Tracker: two queues, users, a global and a local custom
 * field, issues with parents, comments, links and worklog (bulk-imported: fast, and with past timestamps),
 * and edits through the ordinary API as a team makes them while a mirror copies.
 * {@code -Dtracksearch.sync.issues=10000} runs the suites at the size the issue asks for.
 */
final class SourceData {
    static final int ISSUES = Integer.getInteger("tracksearch.sync.issues", 2000);
    static final List<String> QUEUES = List.of("SRC", "OPS");
    static final List<String> LOGINS = List.of("ann", "boris", "carol");
    private static final String[] WORDS = {"deploy", "pipeline", "broken", "login", "page", "slow", "cache", "report", "export", "search"};

    private final TestServer source;
    private final Random random;
    private final List<String> keys = new ArrayList<>();
    private String localField;

    SourceData(TestServer source, long seed) {
        this.source = source;
        this.random = new Random(seed);
        System.out.println("SourceData seed " + seed);
    }

    List<String> keys() {
        return List.copyOf(keys);
    }

    /** Users, queues, fields, then {@code count} issues in one bulk import. */
    SourceData fill(int count) {
        LOGINS.forEach(login -> source.addUser(login, Character.toUpperCase(login.charAt(0)) + login.substring(1), "Tester"));
        QUEUES.forEach(source::createQueue);
        ok(source.post("/v2/fields", """
                {"id":"cost","name":{"en":"Cost","ru":"Стоимость"},"type":"ru.yandex.startrek.core.fields.FloatFieldType"}"""), 201);
        localField = ok(source.post("/v2/queues/SRC/localFields", """
                {"id":"tester","name":{"en":"Tester"},"type":"ru.yandex.startrek.core.fields.UserFieldType"}"""), 201).get("id").asText();
        StringBuilder lines = new StringBuilder();
        int[] numbers = new int[QUEUES.size()];
        long start = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();
        for (int i = 0; i < count; i++) {
            int queue = random.nextInt(QUEUES.size());
            String key = QUEUES.get(queue) + "-" + ++numbers[queue];
            long createdAt = start + i * 60_000L;
            ObjectNode line = TestServer.JSON.createObjectNode();
            line.put("key", key).put("summary", words(3)).put("description", words(12))
                    .put("createdAt", Instant.ofEpochMilli(createdAt).toString())
                    .put("updatedAt", Instant.ofEpochMilli(createdAt + random.nextInt(86_400_000)).toString())
                    .put("createdBy", login()).put("assignee", login())
                    .put("status", List.of("open", "inProgress", "closed").get(random.nextInt(3)));
            line.putArray("tags").add(WORDS[random.nextInt(WORDS.length)]);
            line.put("cost", random.nextInt(1000) / 4.0);
            if (queue == 0) {
                line.put(localField, login());
            }
            if (numbers[queue] > 1 && random.nextInt(5) == 0) {
                line.put("parent", QUEUES.get(queue) + "-" + (1 + random.nextInt(numbers[queue] - 1)));
            }
            ArrayNode comments = line.putArray("comments");
            for (int c = random.nextInt(4); c > 0; c--) {
                comments.addObject().put("text", words(6)).put("createdBy", login())
                        .put("createdAt", Instant.ofEpochMilli(createdAt + c * 1000L).toString());
            }
            if (!keys.isEmpty() && random.nextInt(3) == 0) {
                ObjectNode link = line.putArray("links").addObject();
                link.putObject("type").put("id", "relates");
                link.put("direction", "outward").put("createdBy", login());
                link.putObject("object").put("key", keys.get(random.nextInt(keys.size())));
            }
            if (random.nextInt(3) == 0) {
                line.putArray("worklog").addObject().put("duration", "PT" + (1 + random.nextInt(8)) + "H").put("comment", words(2))
                        .put("createdBy", login()).put("start", Instant.ofEpochMilli(createdAt).toString());
            }
            lines.append(line).append('\n');
            keys.add(key);
        }
        JsonNode result = ok(source.post("/v2/issues/_bulkImport", lines.toString()), 200);
        assertEquals(count, result.get("imported").asLong(), result.toString());
        return this;
    }

    /**
     * {@code count} edits through the API as people make them: summaries, comments (added and edited),
     * worklog, links, transitions, and new issues. Returns the keys it touched.
     */
    List<String> edit(int count) {
        List<String> touched = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String key = keys.get(random.nextInt(keys.size()));
            switch (random.nextInt(6)) {
                case 0 -> ok(source.patch("/v2/issues/" + key, "{\"summary\":\"" + words(4) + "\",\"cost\":" + random.nextInt(99) + "}"), 200);
                case 1 -> ok(source.post("/v2/issues/" + key + "/comments", "{\"text\":\"" + words(5) + "\"}"), 201);
                case 2 -> ok(source.post("/v2/issues/" + key + "/worklog", "{\"start\":\"2026-01-02T10:00:00.000+0000\",\"duration\":\"PT30M\"}"), 201);
                case 3 -> {
                    String other = keys.get(random.nextInt(keys.size()));
                    if (other.equals(key)) {
                        continue;
                    }
                    TestServer.Response linked = source.post("/v2/issues/" + key + "/links", "{\"relationship\":\"depends on\",\"issue\":\"" + other + "\"}");
                    if (linked.status() != 201 && linked.status() != 409) {   // 409: these two are linked already
                        throw new AssertionError(linked.toString());
                    }
                    touched.add(other);
                }
                case 4 -> ok(source.patch("/v2/issues/" + key, "{\"tags\":{\"add\":[\"edited\"]},\"assignee\":\"" + login() + "\"}"), 200);
                default -> {
                    String queue = QUEUES.get(random.nextInt(QUEUES.size()));
                    key = ok(source.post("/v2/issues/", "{\"queue\":\"" + queue + "\",\"summary\":\"" + words(3) + "\",\"assignee\":\"" + login() + "\"}"), 201)
                            .get("key").asText();
                    keys.add(key);
                }
            }
            touched.add(key);
        }
        return touched;
    }

    /**
     * Moves issues to the other queue through the API ({@code _move}): each gets a new key, keeps its id and
     * has the old key among its aliases; the issues naming it (parents, links) now name the new key without
     * being changed themselves. Returns the new keys.
     */
    List<String> move(int count) {
        List<String> moved = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String key = keys.get(random.nextInt(keys.size()));
            moved.add(moveOne(key, key.startsWith(QUEUES.get(0) + "-") ? QUEUES.get(1) : QUEUES.get(0)));
        }
        return moved;
    }

    /** Moves one issue to the queue; returns its new key. */
    String moveOne(String key, String queue) {
        String newKey = ok(source.post("/v2/issues/" + key + "/_move?queue=" + queue, null), 200).get("key").asText();
        keys.set(keys.indexOf(key), newKey);
        return newKey;
    }

    /** Deletes issues at the source, as a hosted Tracker's admin may (tracksearch has no delete endpoint: through its store). */
    List<String> delete(int count) {
        List<String> deleted = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String key = keys.remove(random.nextInt(keys.size()));
            source.store().delete(key);
            deleted.add(key);
        }
        return deleted;
    }

    private String login() {
        return LOGINS.get(random.nextInt(LOGINS.size()));
    }

    private String words(int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return text.toString();
    }

    static JsonNode ok(TestServer.Response response, int status) {
        assertEquals(status, response.status(), response.toString());
        return response.json();
    }
}
