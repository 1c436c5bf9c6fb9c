package io.tracksearch.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracksearch.model.Catalog;
import io.tracksearch.model.CatalogEntry;
import io.tracksearch.http.OracleData.Row;
import io.tracksearch.testing.Backend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The oracle test of issue 3: 2,000 generated issues, 600 random filter objects (random fields, list
 * values, functions, ranges, orders, pages) evaluated through the API and by a straightforward
 * in-memory reading of spec 4.4/4.5 written here; keys and order must be identical.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.tracksearch.testing.Backend#enabled")
class FilterOracleTest {
    @Parameter
    Backend backend;
    private static final long SEED = Long.getLong("oracle.seed", System.nanoTime());
    private static final int ISSUES = 2_000;
    private static final int FILTERS = 600;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] QUEUES = OracleData.QUEUES;
    private static final String[] LOGINS = OracleData.LOGINS;
    private static final String[] TAGS = OracleData.TAGS;
    private static final String[] COMPONENTS = OracleData.COMPONENTS;
    private static final String[] WORDS = OracleData.WORDS;

    private static TestServer server;
    private static List<Row> rows;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        server = TestServer.start(backend);
        rows = OracleData.generate(new Random(SEED), ISSUES); // the same seed makes the same rows for each backend
        OracleData.load(server, rows);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    @Test
    void randomFiltersMatchTheOracle() {
        Random random = new Random(SEED + 1);
        for (int i = 0; i < FILTERS; i++) {
            ObjectNode filter = NODES.objectNode();
            List<Predicate<Row>> predicates = new ArrayList<>();
            int fields = 1 + random.nextInt(3);
            java.util.Set<Integer> used = new java.util.HashSet<>();
            while (used.size() < fields) {
                int kind = random.nextInt(17);
                if (used.add(kind)) {
                    addCondition(random, kind, filter, predicates);
                }
            }
            ArrayNode order = NODES.arrayNode();
            Comparator<Row> comparator = addOrder(random, order);
            int perPage = 1 + random.nextInt(random.nextBoolean() ? 10 : 200);
            int page = 1 + random.nextInt(4);
            ObjectNode body = NODES.objectNode();
            body.set("filter", filter);
            if (!order.isEmpty()) {
                body.set("order", random.nextBoolean() || order.size() > 1 ? order : order.get(0));
            }
            List<Row> expected = rows.stream().filter(row -> predicates.stream().allMatch(p -> p.test(row))).sorted(comparator).toList();
            List<String> expectedPage = expected.stream().skip((long) (page - 1) * perPage).limit(perPage).map(Row::key).toList();
            TestServer.Response response = server.post("/v2/issues/_search?perPage=" + perPage + "&page=" + page, body.toString());
            String context = "seed " + SEED + ", filter #" + i + ": " + body;
            assertEquals(200, response.status(), context + " -> " + response);
            assertEquals(expected.size(), Long.parseLong(response.header("X-Total-Count")), context);
            assertEquals(expectedPage, SearchApiTest.keys(response.json()), context);
        }
    }

    /** Adds one condition of the given kind (each kind writes different filter keys). */
    private static void addCondition(Random random, int kind, ObjectNode filter, List<Predicate<Row>> predicates) {
        switch (kind) {
            case 0 -> {
                List<String> queues = OracleData.sample(random, QUEUES, 2);
                filter.set("queue", listOrSingle(random, queues.stream().map(q -> random.nextBoolean() ? q.toLowerCase(Locale.ROOT) : q).toList()));
                predicates.add(row -> queues.contains(row.queue()));
            }
            case 1 -> catalogCondition(random, filter, predicates, "type", Catalog.ISSUE_TYPES, Row::type);
            case 2 -> catalogCondition(random, filter, predicates, "priority", Catalog.PRIORITIES, Row::priority);
            case 3 -> catalogCondition(random, filter, predicates, "status", Catalog.STATUSES, Row::status);
            case 4 -> {
                int mode = random.nextInt(3);
                if (mode == 0) {
                    filter.put("resolution", random.nextBoolean() ? "unresolved()" : "empty()");
                    predicates.add(row -> row.resolution() == null);
                }
                else if (mode == 1) {
                    filter.put("resolution", "notEmpty()");
                    predicates.add(row -> row.resolution() != null);
                }
                else {
                    catalogCondition(random, filter, predicates, "resolution", Catalog.RESOLUTIONS, Row::resolution);
                }
            }
            case 5 -> userCondition(random, filter, predicates, "assignee", row -> row.assignee() == null ? List.of() : List.of(row.assignee()));
            case 6 -> userCondition(random, filter, predicates, random.nextBoolean() ? "createdBy" : "author", row -> List.of(row.createdBy()));
            case 7 -> userCondition(random, filter, predicates, "followers", Row::followers);
            case 8 -> {
                List<String> tags = OracleData.sample(random, TAGS, 2);
                if (random.nextInt(5) == 0) {
                    filter.putNull("tags");
                    predicates.add(row -> row.tags().isEmpty());
                    return;
                }
                filter.set("tags", listOrSingle(random, tags.stream().map(t -> random.nextBoolean() ? t.toUpperCase(Locale.ROOT) : t).toList()));
                predicates.add(row -> row.tags().stream().anyMatch(t -> tags.stream().anyMatch(t::equalsIgnoreCase)));
            }
            case 9 -> {
                String component = COMPONENTS[random.nextInt(COMPONENTS.length)];
                filter.put("components", random.nextBoolean() ? component.toLowerCase(Locale.ROOT) : component);
                predicates.add(row -> row.components().contains(component));
            }
            case 10 -> dateCondition(random, filter, predicates);
            case 12 -> {
                int votes = random.nextInt(10);
                if (random.nextBoolean()) {
                    filter.put("votes", votes);
                    predicates.add(row -> row.votes() == votes);
                }
                else {
                    filter.putObject("votes").put("from", votes);
                    predicates.add(row -> row.votes() >= votes);
                }
            }
            case 13 -> {
                String[] texts = {"30m", "4h", "1d", "1d 4h", "1w", "2w"};
                long[] millis = {30 * 60_000L, 4 * 3_600_000L, 8 * 3_600_000L, 12 * 3_600_000L, 40 * 3_600_000L, 80 * 3_600_000L};
                int from = random.nextInt(texts.length);
                int to = from + random.nextInt(texts.length - from);
                filter.putObject("spent").put("from", texts[from]).put("to", texts[to]);
                predicates.add(row -> row.spent() != null && row.spent() >= millis[from] && row.spent() <= millis[to]);
            }
            case 14 -> {
                double from = random.nextInt(60) / 4.0;
                filter.putObject("cost").put("from", from);
                predicates.add(row -> row.cost() != null && row.cost() >= from);
            }
            case 15 -> {
                if (random.nextInt(4) == 0) {
                    filter.putNull("launch");
                    predicates.add(row -> row.launch() == null);
                }
                else {
                    LocalDate day = OracleData.FIRST_DEADLINE.plusDays(random.nextInt(60));
                    filter.put("launch", day.toString());
                    predicates.add(row -> day.equals(row.launch()));
                }
            }
            case 16 -> {
                if (random.nextBoolean()) {
                    String login = LOGINS[random.nextInt(LOGINS.length)];
                    filter.put("reviewer", login);
                    predicates.add(row -> login.equals(row.reviewer()));
                }
                else {
                    String stage = OracleData.STAGES[random.nextInt(OracleData.STAGES.length)];
                    filter.put("stage", random.nextBoolean() ? stage.toUpperCase(Locale.ROOT) : stage);
                    predicates.add(row -> stage.equalsIgnoreCase(row.stage()));
                }
            }
            default -> {
                if (random.nextBoolean()) {
                    Integer from = random.nextBoolean() ? 1 + random.nextInt(13) : null;
                    Integer to = random.nextBoolean() ? 1 + random.nextInt(13) : null;
                    ObjectNode range = filter.putObject("storyPoints");
                    if (from != null) {
                        range.put("from", from);
                    }
                    if (to != null) {
                        range.put("to", to);
                    }
                    predicates.add(row -> row.storyPoints() != null && (from == null || row.storyPoints() >= from) && (to == null || row.storyPoints() <= to));
                }
                else {
                    String word = WORDS[random.nextInt(WORDS.length)];
                    filter.put("summary", random.nextBoolean() ? word.toUpperCase(Locale.ROOT) : word);
                    predicates.add(row -> List.of(row.summary().toLowerCase(Locale.ROOT).split(" ")).contains(word));
                }
            }
        }
    }

    private static void catalogCondition(Random random, ObjectNode filter, List<Predicate<Row>> predicates, String field, Catalog catalog,
            Function<Row, String> value) {
        List<CatalogEntry> entries = new ArrayList<>();
        int count = 1 + random.nextInt(2);
        for (int i = 0; i < count; i++) {
            entries.add(OracleData.pick(random, catalog));
        }
        List<String> forms = entries.stream().map(entry -> switch (random.nextInt(4)) {
            case 0 -> entry.key();
            case 1 -> Integer.toString(entry.id());
            case 2 -> entry.display().toUpperCase(Locale.ROOT);
            default -> entry.key().toLowerCase(Locale.ROOT);
        }).toList();
        filter.set(field, listOrSingle(random, forms));
        List<String> keys = entries.stream().map(CatalogEntry::key).toList();
        predicates.add(row -> keys.contains(value.apply(row)));
    }

    private static void userCondition(Random random, ObjectNode filter, List<Predicate<Row>> predicates, String field,
            Function<Row, List<String>> values) {
        int mode = random.nextInt(5);
        if (mode == 0) {
            filter.put(field, random.nextBoolean() ? "Empty()" : "EMPTY( )");
            predicates.add(row -> values.apply(row).isEmpty());
        }
        else if (mode == 1) {
            filter.put(field, "notEmpty()");
            predicates.add(row -> !values.apply(row).isEmpty());
        }
        else if (mode == 2) {
            filter.put(field, "me()");
            predicates.add(row -> values.apply(row).contains("admin"));
        }
        else {
            List<String> logins = new ArrayList<>(OracleData.sample(random, LOGINS, 2));
            if (random.nextInt(4) == 0) {
                logins.add("nobody-like-this");
            }
            filter.set(field, listOrSingle(random, logins.stream().map(l -> random.nextBoolean() ? l.toUpperCase(Locale.ROOT) : l).toList()));
            predicates.add(row -> values.apply(row).stream().anyMatch(logins::contains));
        }
    }

    private static void dateCondition(Random random, ObjectNode filter, List<Predicate<Row>> predicates) {
        boolean deadline = random.nextBoolean();
        String field = deadline ? "deadline" : random.nextBoolean() ? "createdAt" : "created";
        Function<Row, Long> value = deadline
                ? row -> row.deadline() == null ? null : row.deadline().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli()
                : Row::createdAt;
        LocalDate base = deadline ? LocalDate.of(2024, 1, 1).plusDays(random.nextInt(700)) : LocalDate.of(2023, 1, 1).plusDays(random.nextInt(1095));
        if (random.nextInt(4) == 0) {
            filter.put(field, base.toString());
            long from = OracleData.millis(base);
            predicates.add(row -> value.apply(row) != null && value.apply(row) >= from && value.apply(row) < from + 86_400_000L);
            return;
        }
        LocalDate end = base.plusDays(random.nextInt(200));
        boolean hasFrom = random.nextInt(4) != 0;
        boolean hasTo = !hasFrom || random.nextBoolean();
        ObjectNode range = filter.putObject(field);
        if (hasFrom) {
            range.put("from", base.toString());
        }
        if (hasTo) {
            range.put("to", end.toString());
        }
        long from = OracleData.millis(base);
        long to = OracleData.millis(end) + 86_400_000L; // a date bound covers its whole day
        predicates.add(row -> {
            Long v = value.apply(row);
            return v != null && (!hasFrom || v >= from) && (!hasTo || v < to);
        });
    }

    /** A random order (0–2 keys) and its comparator per spec 4.4, ending with the key tie-breaker. */
    private static Comparator<Row> addOrder(Random random, ArrayNode order) {
        Comparator<Row> comparator = (a, b) -> 0;
        int keys = random.nextInt(3);
        String[] fields = {"summary", "priority", "status", "type", "createdAt", "updated", "deadline", "storyPoints", "assignee", "tags",
            "queue", "key", "votes", "spent", "cost", "launch", "reviewer", "stage"};
        for (int i = 0; i < keys; i++) {
            String field = fields[random.nextInt(fields.length)];
            boolean descending = random.nextBoolean();
            order.add((descending ? "-" : random.nextBoolean() ? "+" : "") + field);
            comparator = comparator.thenComparing(OracleData.fieldComparator(field.equals("updated") ? "updatedAt" : field, descending));
        }
        return comparator.thenComparing(OracleData::compareKeys);
    }

    private static JsonNode listOrSingle(Random random, List<String> values) {
        if (values.size() == 1 && random.nextBoolean()) {
            return NODES.textNode(values.getFirst());
        }
        ArrayNode array = NODES.arrayNode();
        values.forEach(array::add);
        return array;
    }

}
