package io.tracksearch.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracksearch.model.IssueField;
import io.tracksearch.testing.Backend;
import io.tracksearch.testing.BulkImport;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Every standard field a client can set, straight from the registry: set by create and by import,
 * rendered, edited, found by the filter object (by id) and by the query language (by its display name
 * or id), and sorted where it is sortable; an issue without the value is never found. A new registry
 * entry is covered here without a new test, as long as its kind has a sample value below.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.tracksearch.testing.Backend#enabled")
class RegistryFieldsTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final AtomicInteger QUEUES = new AtomicInteger();
    @Parameter
    Backend backend;
    private static TestServer server;
    private static String target;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        server = TestServer.start(backend);
        server.addUser("ann", "Ann", "Archer");
        server.addUser("boris", "Boris", "Bell");
        server.createQueue("REGT");
        target = server.post("/v2/issues/", "{\"queue\":\"REGT\",\"summary\":\"target\"}").json().get("key").asText();
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    static Stream<IssueField> creatable() {
        return IssueField.standardFields().stream().filter(field -> field.can(IssueField.Capability.CREATE));
    }

    /** A value of the field's kind as a client sends it, and the same value as a filter and a query write it. */
    private record Sample(JsonNode input, JsonNode filter, String query) {
    }

    private static Sample sample(IssueField field, String queue) {
        JsonNode one = switch (field.kind()) {
            case TEXT -> NODES.textNode("quokka zebra");
            case STRING -> NODES.textNode("marker-x");
            case EXACT -> NODES.textNode("exact-" + field.id());
            case CATALOG -> NODES.textNode(field.catalog().entries().getLast().key());
            case USER -> NODES.textNode("ann");
            case COMPONENT -> NODES.textNode("Widget");
            case ISSUE -> NODES.textNode(target);
            case DATE -> NODES.textNode("2031-02-03");
            case NUMBER -> NODES.numberNode(42.5);
            case DURATION -> NODES.textNode("P3D");
            case REFERENCE -> NODES.textNode(referencedObject(field, queue));
            case KEY, QUEUE, INSTANT -> throw new AssertionError("no client sets a " + field.kind() + " field");
        };
        JsonNode input = field.isMultiValued() ? NODES.arrayNode().add(one) : one;
        String word = switch (field.kind()) {
            case TEXT -> "quokka";
            case DURATION -> "3d";
            case NUMBER -> "42.5";
            default -> one.asText();
        };
        JsonNode filter = field.kind() == IssueField.Kind.NUMBER ? one : NODES.textNode(word);
        return new Sample(input, filter, "\"" + word + "\"");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("creatable")
    void fieldWorksEndToEnd(IssueField field) {
        String queue = "REG" + (char) ('A' + QUEUES.getAndIncrement() % 26) + (char) ('A' + QUEUES.get() / 26);
        server.createQueue(queue);
        Sample sample = sample(field, queue);
        ObjectNode body = NODES.objectNode().put("queue", queue).put("summary", "plain");
        String without = server.post("/v2/issues/", body.toString()).json().get("key").asText();
        body.put("summary", field.equals(IssueField.SUMMARY) ? "quokka zebra" : "with " + field.id()).set(field.id(), sample.input());
        TestServer.Response created = server.post("/v2/issues/", body.toString());
        assertEquals(201, created.status(), created.toString());
        String with = created.json().get("key").asText();
        JsonNode rendered = created.json().get(field.id());
        assertFalse(rendered == null || rendered.isNull(), field.id() + " not rendered: " + created.json());
        assertEquals(created.json(), server.get("/v2/issues/" + with).json());

        ObjectNode filter = NODES.objectNode().put("queue", queue).set(field.id(), sample.filter());
        assertEquals(List.of(with), keys(server.post("/v2/issues/_search", NODES.objectNode().set("filter", filter).toString())),
                "filter " + filter);
        String name = field.queryNames().isEmpty() ? field.id() : field.queryNames().getFirst();
        String query = "Queue: " + queue + " \"" + name + "\": " + sample.query();
        assertEquals(List.of(with), keys(search(query)), query);
        if (field.can(IssueField.Capability.SORT)) {
            List<String> ascending = keys(search("Queue: " + queue + " \"Sort by\": \"" + name + "\" ASC"));
            List<String> descending = keys(search("Queue: " + queue + " \"Sort by\": \"" + name + "\" DESC"));
            if (field.isRequired()) {
                assertEquals(ascending, descending.reversed(), "two different values, reversed");
            }
            else {
                assertEquals(List.of(with, without), ascending, "a missing value sorts last");
                assertEquals(List.of(with, without), descending, "a missing value sorts last");
            }
        }

        ObjectNode line = NODES.objectNode().put("key", queue + "-100").put("summary", "imported");
        line.set(field.id(), rendered);   // the shape GET returns
        if (field.equals(IssueField.SUMMARY)) {
            line.set("summary", rendered);
        }
        if (field.equals(IssueField.UNIQUE)) {
            line.put("unique", "other-unique");
        }
        TestServer.Response imported = server.post(BulkImport.PATH, line.toString());
        assertEquals(1, imported.json().get("imported").asInt(), imported.toString());
        JsonNode importedIssue = server.get("/v2/issues/" + queue + "-100").json();
        if (!field.equals(IssueField.UNIQUE)) {
            assertEquals(rendered, importedIssue.get(field.id()), "imported in GET shape");
        }

        if (field.can(IssueField.Capability.EDIT)) {
            // a required field gets another value (the first catalogue entry, other words), the rest are cleared
            JsonNode other = field.kind() == IssueField.Kind.CATALOG ? NODES.textNode(field.catalog().entries().getFirst().key())
                    : NODES.textNode("other words");
            TestServer.Response cleared = server.patch("/v2/issues/" + with, NODES.objectNode()
                    .set(field.id(), field.isRequired() ? other : NODES.nullNode()).toString());
            assertEquals(200, cleared.status(), cleared.toString());
            assertFalse(keys(search(query)).contains(with), "edited away: " + query);
        }
    }

    /** Makes the version (of the queue), sprint, board or project a reference field names, and returns its name. */
    private static String referencedObject(IssueField field, String queue) {
        String name = "ref " + queue.toLowerCase(java.util.Locale.ROOT);
        TestServer.Response created = switch (field.referencePath()) {
            case "versions" -> server.post("/v2/versions", NODES.objectNode().put("queue", queue).put("name", name).toString());
            case "boards" -> server.post("/v2/boards", NODES.objectNode().put("name", name).put("defaultQueue", queue).toString());
            case "projects" -> server.post("/v2/projects", NODES.objectNode().put("name", name).put("queues", queue).toString());
            case "sprints" -> {
                String board = server.post("/v2/boards", NODES.objectNode().put("name", "board of " + name).put("defaultQueue", queue)
                        .toString()).json().get("id").asText();
                yield server.post("/v2/boards/" + board + "/sprints", NODES.objectNode().put("name", name)
                        .put("startDate", "2031-01-01").put("endDate", "2031-01-14").toString());
            }
            default -> throw new AssertionError("no objects at " + field.referencePath());
        };
        assertEquals(201, created.status(), created.toString());
        return name;
    }

    private static TestServer.Response search(String query) {
        return server.post("/v2/issues/_search", NODES.objectNode().put("query", query).toString());
    }

    private static List<String> keys(TestServer.Response response) {
        assertEquals(200, response.status(), response.toString());
        List<String> keys = new ArrayList<>();
        response.json().forEach(issue -> keys.add(issue.get("key").asText()));
        return keys;
    }
}
