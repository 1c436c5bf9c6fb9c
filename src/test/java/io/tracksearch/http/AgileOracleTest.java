package io.tracksearch.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracksearch.testing.Backend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The oracle test of the fields that name versions, sprints, boards, projects and owners: seeded random
 * issues referring to stored objects, random queries and filters over "Fix Version", "Affected Version",
 * Sprint, "Sprints By Board", "Sprint In Progress By Board", Project, "Queue Owner" and "Component Owner"
 * (values OR-ed, '!' negated, AND and OR combined), each compared with its plain in-memory meaning. A class
 * of its own beside {@link QueryOracleTest}: the objects must exist before the issues that name them.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.tracksearch.testing.Backend#enabled")
class AgileOracleTest {
    @Parameter
    Backend backend;

    private static final long SEED = Long.getLong("oracle.seed", System.nanoTime());
    private static final int ISSUES = 400;
    private static final int QUERIES = 300;
    private static final String[] QUEUES = {"ORA", "ORB", "ORC"};
    private static final String[] LOGINS = {"admin", "anna", "boris"};
    private static final String[] VERSION_NAMES = {"1.0", "2.0", "3.0"};
    private static final String[] COMPONENTS = {"Core", "Web"};

    /** A stored object as the oracle knows it: id, name, and for versions its queue, for sprints its board and state. */
    record Named(long id, String name, String owner, boolean inProgress) {
    }

    /** One generated issue: its queue and the ids of what it names. */
    record Row(String key, String queue, List<Long> fixVersions, List<Long> affectedVersions, List<Long> sprints,
            Long project, List<String> components) {
    }

    /** A query text with its meaning. */
    record Query(String text, Predicate<Row> meaning) {
    }

    private static TestServer server;
    private static final List<Named> versions = new ArrayList<>();
    private static final List<Named> boards = new ArrayList<>();
    private static final List<Named> sprints = new ArrayList<>();
    private static final List<Named> projects = new ArrayList<>();
    /** Queue leads by queue index, and component leads by queue index and component index (null: none). */
    private static final String[] queueLeads = new String[QUEUES.length];
    private static final String[][] componentLeads = new String[QUEUES.length][COMPONENTS.length];
    private static List<Row> rows;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        System.out.println("AgileOracleTest seed: -Doracle.seed=" + SEED);
        Random random = new Random(SEED);
        server = TestServer.start(backend);
        server.addUser("anna", "Anna", "Ames");
        server.addUser("boris", "Boris", "Bell");
        for (List<Named> objects : List.of(versions, boards, sprints, projects)) {
            objects.clear();
        }
        for (int q = 0; q < QUEUES.length; q++) {
            queueLeads[q] = LOGINS[random.nextInt(LOGINS.length)];
            created(server.post("/v2/queues", "{\"key\":\"" + QUEUES[q] + "\",\"name\":\"Oracle " + q + "\",\"lead\":\"" + queueLeads[q]
                    + "\",\"defaultType\":\"task\",\"defaultPriority\":\"normal\"}"));
            for (String name : VERSION_NAMES) {
                long id = created(server.post("/v2/versions", "{\"queue\":\"" + QUEUES[q] + "\",\"name\":\"" + name + "\"}")).get("id").asLong();
                versions.add(new Named(id, name, QUEUES[q], false));
            }
            for (int c = 0; c < COMPONENTS.length; c++) {
                componentLeads[q][c] = random.nextInt(4) == 0 ? null : LOGINS[random.nextInt(LOGINS.length)];
                ObjectNode component = JsonNodeFactory.instance.objectNode().put("queue", QUEUES[q]).put("name", COMPONENTS[c]);
                if (componentLeads[q][c] != null) {
                    component.put("lead", componentLeads[q][c]);
                }
                created(server.post("/v2/components", component.toString()));
            }
        }
        for (String board : List.of("Red board", "Blue board", "Green board")) {
            long id = created(server.post("/v2/boards", "{\"name\":\"" + board + "\",\"defaultQueue\":\"ORA\"}")).get("id").asLong();
            boards.add(new Named(id, board, null, false));
            for (int s = 1; s <= 3; s++) {
                boolean inProgress = random.nextInt(3) == 0;
                String name = board.split(" ")[0] + " sprint " + s;
                long sprint = created(server.post("/v2/boards/" + id + "/sprints", "{\"name\":\"" + name + "\",\"startDate\":\"2025-01-01\","
                        + "\"endDate\":\"2025-01-14\",\"status\":\"" + (inProgress ? "in_progress" : "draft") + "\"}")).get("id").asLong();
                sprints.add(new Named(sprint, name, Long.toString(id), inProgress));
            }
        }
        for (String project : List.of("Apollo", "Gemini")) {
            long id = created(server.post("/v2/projects", "{\"name\":\"" + project + "\",\"queues\":\"ORA\"}")).get("id").asLong();
            projects.add(new Named(id, project, null, false));
        }
        rows = generate(random);
        load(rows);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    @Test
    void randomQueriesMatchTheOracle() {
        Random random = new Random(SEED + 11);
        int nonTrivial = 0;
        for (int i = 0; i < QUERIES; i++) {
            Query query = expression(random, 2);
            List<String> expected = rows.stream().filter(query.meaning()).map(Row::key).toList();
            String body = JsonNodeFactory.instance.objectNode().put("query", query.text() + " \"Sort By\": Key").toString();
            assertEquals(expected, keys(server.post("/v2/issues/_search?perPage=" + ISSUES, body)),
                    "seed " + SEED + ", query: " + query.text());
            if (!expected.isEmpty() && expected.size() < rows.size()) {
                nonTrivial++;
            }
        }
        assertTrue(nonTrivial > QUERIES / 4, "too few queries selected some but not all issues: " + nonTrivial);
    }

    @Test
    void referenceFiltersMatchTheOracle() {
        Random random = new Random(SEED + 13);
        for (int i = 0; i < QUERIES / 3; i++) {
            ObjectNode filter = JsonNodeFactory.instance.objectNode();
            Named version = pick(random, versions);
            Named sprint = pick(random, sprints);
            ArrayNode names = filter.putArray("fixVersions").add(version.name());
            boolean byId = random.nextBoolean();
            filter.put("sprint", byId ? Long.toString(sprint.id()) : sprint.name().toUpperCase(Locale.ROOT));
            Predicate<Row> meaning = row -> row.fixVersions().stream().anyMatch(id -> named(versions, id).name().equals(version.name()))
                    && row.sprints().contains(sprint.id());
            if (random.nextBoolean()) {
                Named other = pick(random, versions);
                names.add(Long.toString(other.id()));
                Predicate<Row> first = meaning;
                meaning = row -> first.test(row) || row.fixVersions().contains(other.id()) && row.sprints().contains(sprint.id());
            }
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.set("filter", filter);
            body.put("order", "+key");
            List<String> expected = rows.stream().filter(meaning).map(Row::key).toList();
            assertEquals(expected, keys(server.post("/v2/issues/_search?perPage=" + ISSUES, body.toString())),
                    "seed " + SEED + ", filter: " + filter);
        }
    }

    private static Query expression(Random random, int depth) {
        if (depth == 0 || random.nextInt(3) == 0) {
            return atom(random);
        }
        Query left = expression(random, depth - 1);
        Query right = expression(random, depth - 1);
        if (random.nextBoolean()) {
            return new Query("(" + left.text() + ") AND (" + right.text() + ")", left.meaning().and(right.meaning()));
        }
        return new Query("(" + left.text() + ") OR (" + right.text() + ")", left.meaning().or(right.meaning()));
    }

    /** One value of a field condition: its text after the colon, its positive meaning, and whether it is negated. */
    record Value(String field, String text, Predicate<Row> meaning, boolean negated) {
    }

    /**
     * One field condition with one or two values of the same field: the positive ones OR-ed, the negated
     * ones AND-ed, both parts AND-ed (spec decision 26).
     */
    private static Query atom(Random random) {
        List<Value> values = new ArrayList<>(List.of(value(random)));
        Value second = value(random);
        if (random.nextInt(3) == 0 && second.field().equals(values.getFirst().field())) {
            values.add(second);
        }
        Predicate<Row> positives = values.stream().anyMatch(value -> !value.negated()) ? row -> false : row -> true;
        Predicate<Row> negatives = row -> true;
        List<String> texts = new ArrayList<>();
        for (Value value : values) {
            texts.add((value.negated() ? "!" : "") + value.text());
            if (value.negated()) {
                negatives = negatives.and(value.meaning().negate());
            }
            else {
                positives = positives.or(value.meaning());
            }
        }
        return new Query(values.getFirst().field() + ": " + String.join(", ", texts), positives.and(negatives));
    }

    /** One value of a random field with its meaning; a quarter of them negated with '!'. */
    private static Value value(Random random) {
        Query positive = switch (random.nextInt(8)) {
            case 0 -> versionQuery(random, "\"Fix Version\"", Row::fixVersions);
            case 1 -> versionQuery(random, "\"Affected Version\"", Row::affectedVersions);
            case 2 -> {
                Named sprint = pick(random, sprints);
                yield new Query("Sprint: " + nameOrId(random, sprint), row -> row.sprints().contains(sprint.id()));
            }
            case 3 -> {
                Named board = pick(random, boards);
                List<Long> ids = sprints.stream().filter(sprint -> sprint.owner().equals(Long.toString(board.id()))).map(Named::id).toList();
                yield new Query("\"Sprints By Board\": " + nameOrId(random, board), row -> row.sprints().stream().anyMatch(ids::contains));
            }
            case 4 -> {
                Named board = pick(random, boards);
                List<Long> ids = sprints.stream().filter(sprint -> sprint.owner().equals(Long.toString(board.id())) && sprint.inProgress())
                        .map(Named::id).toList();
                yield new Query("\"Sprint In Progress By Board\": " + nameOrId(random, board),
                        row -> row.sprints().stream().anyMatch(ids::contains));
            }
            case 5 -> {
                Named project = pick(random, projects);
                yield new Query("Project: " + nameOrId(random, project), row -> Long.valueOf(project.id()).equals(row.project()));
            }
            case 6 -> {
                String login = LOGINS[random.nextInt(LOGINS.length)];
                yield new Query("\"Queue Owner\": " + login, row -> queueLeads[queueIndex(row.queue())].equals(login));
            }
            default -> {
                String login = LOGINS[random.nextInt(LOGINS.length)];
                yield new Query("\"Component Owner\": " + login, row -> row.components().stream()
                        .anyMatch(component -> login.equals(componentLeads[queueIndex(row.queue())][List.of(COMPONENTS).indexOf(component)])));
            }
        };
        int colon = positive.text().indexOf(':');
        return new Value(positive.text().substring(0, colon), positive.text().substring(colon + 1).strip(), positive.meaning(),
                random.nextInt(4) == 0);
    }

    /** A version by name (matches that name in every queue) or by id. */
    private static Query versionQuery(Random random, String field, Function<Row, List<Long>> values) {
        Named version = pick(random, versions);
        if (random.nextBoolean()) {
            return new Query(field + ": " + version.id(), row -> values.apply(row).contains(version.id()));
        }
        return new Query(field + ": \"" + version.name() + "\"",
                row -> values.apply(row).stream().anyMatch(id -> named(versions, id).name().equals(version.name())));
    }

    private static String nameOrId(Random random, Named object) {
        return random.nextBoolean() ? Long.toString(object.id()) : "\"" + object.name() + "\"";
    }

    private static List<Row> generate(Random random) {
        List<Row> generated = new ArrayList<>();
        int[] numbers = new int[QUEUES.length];
        for (int i = 0; i < ISSUES; i++) {
            int q = random.nextInt(QUEUES.length);
            String queue = QUEUES[q];
            List<Named> own = versions.stream().filter(version -> version.owner().equals(queue)).toList();
            generated.add(new Row(queue + "-" + (++numbers[q]), queue, ids(random, own, 2), ids(random, own, 1), ids(random, sprints, 2),
                    random.nextInt(3) == 0 ? null : pick(random, projects).id(), OracleData.sample(random, COMPONENTS, 2)));
        }
        // key order, as the queries sort: queue, then number
        generated.sort(Comparator.comparing(Row::queue).thenComparingInt(row -> Integer.parseInt(row.key().substring(row.queue().length() + 1))));
        return generated;
    }

    /** Loads the rows through _bulkImport with references as GET shows them ({"id","display"}). */
    private static void load(List<Row> rows) {
        StringBuilder ndjson = new StringBuilder();
        for (Row row : rows) {
            ObjectNode line = JsonNodeFactory.instance.objectNode().put("key", row.key()).put("summary", "issue " + row.key());
            references(line.putArray("fixVersions"), versions, row.fixVersions());
            references(line.putArray("affectedVersions"), versions, row.affectedVersions());
            references(line.putArray("sprint"), sprints, row.sprints());
            if (row.project() != null) {
                Named project = named(projects, row.project());
                line.putObject("project").put("id", Long.toString(project.id())).put("display", project.name());
            }
            row.components().forEach(line.putArray("components")::add);
            ndjson.append(line).append('\n');
        }
        TestServer.Response imported = server.post("/v2/issues/_bulkImport", ndjson.toString());
        assertEquals(rows.size(), imported.json().get("imported").asInt(), imported.toString());
    }

    private static void references(ArrayNode array, List<Named> objects, List<Long> ids) {
        for (long id : ids) {
            array.addObject().put("id", Long.toString(id)).put("display", named(objects, id).name());
        }
    }

    private static List<Long> ids(Random random, List<Named> objects, int max) {
        List<Long> result = new ArrayList<>();
        for (int i = random.nextInt(max + 1); i > 0; i--) {
            long id = pick(random, objects).id();
            if (!result.contains(id)) {
                result.add(id);
            }
        }
        return result;
    }

    private static Named named(List<Named> objects, long id) {
        return objects.stream().filter(object -> object.id() == id).findFirst().orElseThrow();
    }

    private static Named pick(Random random, List<Named> objects) {
        return objects.get(random.nextInt(objects.size()));
    }

    private static int queueIndex(String queue) {
        return List.of(QUEUES).indexOf(queue);
    }

    private static List<String> keys(TestServer.Response response) {
        assertEquals(200, response.status(), response.toString());
        List<String> keys = new ArrayList<>();
        for (JsonNode issue : response.json()) {
            keys.add(issue.get("key").asText());
        }
        return keys;
    }

    private static JsonNode created(TestServer.Response response) {
        assertEquals(201, response.status(), response.toString());
        return response.json();
    }
}
