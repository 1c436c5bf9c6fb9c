package io.tracksearch.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.tracksearch.http.OracleData.Row;
import io.tracksearch.model.Catalog;
import io.tracksearch.model.CatalogEntry;
import io.tracksearch.testing.Backend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The oracle test of issue 4: random query-language texts over 2,000 generated issues. Each random
 * query is built together with its meaning, written out plainly from spec 8 (values OR-ed, negations
 * AND-ed, date intervals of 8.5, AND binding tighter than OR); the API must return exactly the issues
 * that meaning selects, in the order of the query's "Sort By" clause (key order without one).
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.tracksearch.testing.Backend#enabled")
class QueryOracleTest {
    @Parameter
    Backend backend;

    private static final long SEED = Long.getLong("oracle.seed", System.nanoTime());
    private static final int QUERIES = 600;
    private static final DateTimeFormatter[] DATE_FORMATS = {
            DateTimeFormatter.ofPattern("yyyy-MM-dd"), DateTimeFormatter.ofPattern("dd.MM.yyyy"),
            DateTimeFormatter.ofPattern("MM/dd/yyyy"), DateTimeFormatter.ofPattern("dd-MM-yyyy")};
    private static final long DAY = 86_400_000L;

    private static TestServer server;
    private static List<Row> rows;

    /** A query text with its meaning; {@code or} says the text's top level is an OR (needs parentheses inside an AND). */
    record Query(String text, Predicate<Row> meaning, boolean or) {
    }

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        server = TestServer.start(backend);
        rows = OracleData.generate(new Random(SEED), 2_000);
        OracleData.load(server, rows);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    @Test
    void randomQueriesMatchTheOracle() {
        Random random = new Random(SEED + 7);
        int nonTrivial = 0;
        for (int i = 0; i < QUERIES; i++) {
            Query query = expression(random, 2);
            String text = query.text();
            Comparator<Row> order = OracleData::compareKeys;
            if (random.nextInt(3) == 0) {
                List<String> sortText = new ArrayList<>();
                Comparator<Row> sort = (a, b) -> 0;
                for (int k = 0; k < 1 + random.nextInt(2); k++) {
                    String[][] fields = {{"Created", "createdAt"}, {"updated", "updatedAt"}, {"Priority", "priority"}, {"status", "status"},
                            {"Deadline", "deadline"}, {"\"Story Points\"", "storyPoints"}, {"Summary", "summary"}, {"Assignee", "assignee"},
                            {"Tags", "tags"}, {"Queue", "queue"}, {"Key", "key"}, {"Type", "type"}, {"Votes", "votes"},
                            {"\"Time Spent\"", "spent"}, {"Cost", "cost"}, {"Launch", "launch"}, {"Reviewer", "reviewer"}, {"Stage", "stage"}};
                    String[] field = fields[random.nextInt(fields.length)];
                    boolean descending = random.nextBoolean();
                    sortText.add(field[0] + (descending ? " DESC" : random.nextBoolean() ? " asc" : ""));
                    sort = sort.thenComparing(OracleData.fieldComparator(field[1], descending));
                }
                text = text + " \"Sort by\": " + String.join(", ", sortText);
                order = sort.thenComparing(OracleData::compareKeys);
            }
            List<String> expected = rows.stream().filter(query.meaning()).sorted(order).map(Row::key).toList();
            if (!expected.isEmpty() && expected.size() < rows.size()) {
                nonTrivial++;
            }
            String body = JsonNodeFactory.instance.objectNode().put("query", text).toString();
            String context = "seed " + SEED + ", query #" + i + ": " + text;
            TestServer.Response count = server.post("/v2/issues/_count", body);
            assertEquals(200, count.status(), context + " -> " + count);
            assertEquals(expected.size(), Long.parseLong(count.body()), context);
            TestServer.Response page = server.post("/v2/issues/_search?perPage=100", body);
            assertEquals(expected.stream().limit(100).toList(), SearchApiTest.keys(page.json()), context);
        }
        assertEquals(true, nonTrivial > QUERIES / 3, "too few queries select some but not all issues: " + nonTrivial);
    }

    private Query expression(Random random, int depth) {
        if (depth == 0 || random.nextInt(3) != 0) {
            return condition(random);
        }
        Query left = expression(random, depth - 1);
        Query right = expression(random, depth - 1);
        if (random.nextBoolean()) {
            String[] and = {" ", " AND ", " and "};
            String text = parenthesized(left) + and[random.nextInt(and.length)] + parenthesized(right);
            return new Query(text, left.meaning().and(right.meaning()), false);
        }
        String text = (random.nextBoolean() ? left.text() : "(" + left.text() + ")") + (random.nextBoolean() ? " OR " : " or ")
                + (random.nextBoolean() ? right.text() : "(" + right.text() + ")");
        return new Query(text, left.meaning().or(right.meaning()), true);
    }

    private static String parenthesized(Query query) {
        return query.or() ? "(" + query.text() + ")" : query.text();
    }

    private Query condition(Random random) {
        return switch (random.nextInt(15)) {
            case 14 -> objects(random);
            case 11 -> {
                int votes = random.nextInt(10);
                yield random.nextBoolean() ? new Query("Votes: " + votes, row -> row.votes() == votes, false)
                        : new Query("Votes: >" + votes, row -> row.votes() > votes, false);
            }
            case 12 -> {
                String[] texts = {"30m", "4h", "1d", "\"1d 4h\"", "1w", "2w"};
                int at = random.nextInt(texts.length);
                long millis = OracleData.SPENT[at];
                yield switch (random.nextInt(3)) {
                    case 0 -> new Query("\"Time Spent\": >=" + texts[at], row -> row.spent() != null && row.spent() >= millis, false);
                    case 1 -> new Query("\"Time Spent\": <" + texts[at], row -> row.spent() != null && row.spent() < millis, false);
                    default -> new Query("\"Time Spent\": empty()", row -> row.spent() == null, false);
                };
            }
            case 13 -> switch (random.nextInt(3)) {
                case 0 -> {
                    double cost = random.nextInt(60) / 4.0;
                    yield new Query("Cost: <= " + cost, row -> row.cost() != null && row.cost() <= cost, false);
                }
                case 1 -> {
                    String stage = OracleData.STAGES[random.nextInt(OracleData.STAGES.length)];
                    yield new Query("Stage: " + stage.toLowerCase(Locale.ROOT), row -> stage.equalsIgnoreCase(row.stage()), false);
                }
                default -> {
                    String login = OracleData.LOGINS[random.nextInt(OracleData.LOGINS.length)];
                    yield new Query("Reviewer: " + login + "@", row -> login.equals(row.reviewer()), false);
                }
            };
            case 0 -> values(random, random.nextBoolean() ? "Queue" : "queue", List.of(OracleData.QUEUES),
                    queue -> random.nextBoolean() ? queue.toLowerCase(Locale.ROOT) : queue, (row, queue) -> row.queue().equals(queue), false);
            case 1 -> catalog(random, "Status", Catalog.STATUSES, Row::status);
            case 2 -> catalog(random, "Priority", Catalog.PRIORITIES, Row::priority);
            case 3 -> catalog(random, "Type", Catalog.ISSUE_TYPES, Row::type);
            case 4 -> switch (random.nextInt(3)) {
                case 0 -> new Query("Resolution: unresolved()", row -> row.resolution() == null, false);
                case 1 -> new Query("Resolution: notEmpty()", row -> row.resolution() != null, false);
                default -> catalog(random, "Resolution", Catalog.RESOLUTIONS, Row::resolution);
            };
            case 5 -> user(random, "Assignee", row -> row.assignee() == null ? List.of() : List.of(row.assignee()));
            case 6 -> user(random, random.nextBoolean() ? "Author" : "createdBy", row -> List.of(row.createdBy()));
            case 7 -> random.nextInt(3) == 0 ? user(random, "Followers", Row::followers)
                    : values(random, "Tags", List.of(OracleData.TAGS), tag -> random.nextBoolean() ? tag.toUpperCase(Locale.ROOT) : tag,
                            (row, tag) -> row.tags().stream().anyMatch(tag::equalsIgnoreCase), true);
            case 8 -> random.nextBoolean() ? createdCondition(random) : deadlineCondition(random);
            case 9 -> storyPoints(random);
            default -> text(random);
        };
    }

    /** Comments and links: every link field over the relationships the data has, against the rows' own lists. */
    private static Query objects(Random random) {
        Row some = rows.get(random.nextInt(rows.size()));
        String key = random.nextBoolean() ? some.key() : some.key().toLowerCase(Locale.ROOT);
        String queue = OracleData.QUEUES[random.nextInt(OracleData.QUEUES.length)];
        String word = OracleData.WORDS[random.nextInt(OracleData.WORDS.length)];
        String login = OracleData.LOGINS[random.nextInt(OracleData.LOGINS.length)];
        String[][] byKey = {{"Relates", "relates", "outward"}, {"\"Depends On\"", "depends", "outward"},
                {"\"Is Dependent By\"", "depends", "inward"}, {"Duplicates", "duplicates", "outward"},
                {"\"Is Duplicated By\"", "duplicates", "inward"}};
        String[][] byQueue = {{"\"Related To Queue\"", "relates", "outward"}, {"\"Depend On Queue\"", "depends", "outward"},
                {"\"Block Queue\"", "depends", "inward"}, {"\"Duplicates In Queue\"", "duplicates", "outward"},
                {"\"Duplicated In Queue\"", "duplicates", "inward"}};
        return switch (random.nextInt(6)) {
            case 0 -> random.nextBoolean()
                    ? new Query("Comment: " + word, row -> row.comments().stream().anyMatch(c -> c.word().equals(word)), false)
                    : new Query("\"Worklog Author\": " + login + "@", row -> row.spent() != null && row.createdBy().equals(login), false);
            case 1 -> new Query("\"Comment Author\": " + login + "@",
                    row -> row.comments().stream().anyMatch(c -> c.author().equals(login)), false);
            case 2 -> {
                String[] field = byKey[random.nextInt(byKey.length)];
                yield new Query(field[0] + ": " + key, row -> row.links().stream().anyMatch(link -> link.type().equals(field[1])
                        && link.direction().equals(field[2]) && link.other().equals(some.key())), false);
            }
            case 3 -> {
                String[] field = byQueue[random.nextInt(byQueue.length)];
                yield new Query(field[0] + ": " + queue, row -> row.links().stream().anyMatch(link -> link.type().equals(field[1])
                        && link.direction().equals(field[2]) && link.otherQueue().equals(queue)), false);
            }
            case 4 -> new Query("\"Linked to\": " + key, row -> row.links().stream().anyMatch(link -> link.other().equals(some.key())), false);
            default -> new Query("\"Have Links To Queue\": " + queue,
                    row -> row.links().stream().anyMatch(link -> link.otherQueue().equals(queue)), false);
        };
    }

    /** {@code Field: v1, !v2, ...}: positives OR-ed, negatives AND-ed, both parts must hold (decision 26). */
    private static Query values(Random random, String field, List<String> domain, Function<String, String> spelling,
            java.util.function.BiPredicate<Row, String> equals, boolean quoteSometimes) {
        int count = 1 + random.nextInt(3);
        List<String> parts = new ArrayList<>();
        List<String> positives = new ArrayList<>();
        List<String> negatives = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String value = domain.get(random.nextInt(domain.size()));
            boolean negated = random.nextInt(4) == 0;
            String written = spelling.apply(value);
            if (quoteSometimes && random.nextBoolean()) {
                written = "\"" + written + "\"";
            }
            parts.add((negated ? "!" : "") + written);
            (negated ? negatives : positives).add(value);
        }
        Predicate<Row> meaning = row -> (positives.isEmpty() || positives.stream().anyMatch(value -> equals.test(row, value)))
                && negatives.stream().noneMatch(value -> equals.test(row, value));
        return new Query(field + ": " + String.join(", ", parts), meaning, false);
    }

    private static Query catalog(Random random, String field, Catalog catalog, Function<Row, String> value) {
        List<String> keys = catalog.entries().stream().map(CatalogEntry::key).toList();
        return values(random, field, keys, key -> {
            CatalogEntry entry = catalog.byKey(key);
            return switch (random.nextInt(3)) {
                case 0 -> entry.key();
                case 1 -> "\"" + entry.display() + "\"";
                default -> entry.display().contains(" ") ? "\"" + entry.display().toUpperCase(Locale.ROOT) + "\"" : entry.display().toLowerCase(Locale.ROOT);
            };
        }, (row, key) -> key.equals(value.apply(row)), false);
    }

    private static Query user(Random random, String field, Function<Row, List<String>> logins) {
        return switch (random.nextInt(5)) {
            case 0 -> new Query(field + ": empty()", row -> logins.apply(row).isEmpty(), false);
            case 1 -> new Query(field + ": notEmpty()", row -> !logins.apply(row).isEmpty(), false);
            case 2 -> new Query(field + ": me()", row -> logins.apply(row).contains("admin"), false);
            default -> values(random, field, List.of(OracleData.LOGINS), login -> login + "@",
                    (row, login) -> logins.apply(row).contains(login), false);
        };
    }

    private static Query createdCondition(Random random) {
        LocalDate day = LocalDate.of(2023, 1, 1).plusDays(random.nextInt(1095));
        return dateCondition(random, random.nextBoolean() ? "Created" : "createdAt", day, Row::createdAt);
    }

    private static Query deadlineCondition(Random random) {
        LocalDate day = OracleData.FIRST_DEADLINE.plusDays(random.nextInt(700));
        if (random.nextInt(5) == 0) {
            return new Query("Deadline: empty()", row -> row.deadline() == null, false);
        }
        return dateCondition(random, "Deadline", day, row -> row.deadline() == null ? null : OracleData.millis(row.deadline()));
    }

    /** Comparisons and ranges against whole days, as the interval table of spec 8.5 defines them. */
    private static Query dateCondition(Random random, String field, LocalDate day, Function<Row, Long> value) {
        long start = OracleData.millis(day);
        long end = start + DAY;
        String written = date(random, day);
        Predicate<Long> holds;
        String text;
        switch (random.nextInt(6)) {
            case 0 -> { text = field + ": " + written; holds = t -> t >= start && t < end; }
            case 1 -> { text = field + ": >" + written; holds = t -> t >= end; }
            case 2 -> { text = field + ": >= " + written; holds = t -> t >= start; }
            case 3 -> { text = field + ": <" + written; holds = t -> t < start; }
            case 4 -> { text = field + ": <= " + written; holds = t -> t < end; }
            default -> {
                LocalDate last = day.plusDays(random.nextInt(120));
                long until = OracleData.millis(last) + DAY;
                String separator = random.nextBoolean() ? ".." : " .. ";
                text = field + ": " + written + separator + date(random, last);
                holds = t -> t >= start && t < until;
            }
        }
        Predicate<Long> finalHolds = holds;
        return new Query(text, row -> value.apply(row) != null && finalHolds.test(value.apply(row)), false);
    }

    private static String date(Random random, LocalDate day) {
        String text = day.format(DATE_FORMATS[random.nextInt(DATE_FORMATS.length)]);
        return random.nextInt(4) == 0 ? "\"" + text + "\"" : text;
    }

    private static Query storyPoints(Random random) {
        int n = 1 + random.nextInt(13);
        String field = random.nextBoolean() ? "\"Story Points\"" : "storyPoints";
        return switch (random.nextInt(5)) {
            case 0 -> new Query(field + ": " + n, row -> row.storyPoints() != null && row.storyPoints() == n, false);
            case 1 -> new Query(field + ": >" + n, row -> row.storyPoints() != null && row.storyPoints() > n, false);
            case 2 -> new Query(field + ": <=" + n, row -> row.storyPoints() != null && row.storyPoints() <= n, false);
            case 3 -> new Query(field + ": empty()", row -> row.storyPoints() == null, false);
            default -> {
                int to = n + random.nextInt(5);
                yield new Query(field + ": " + n + ".." + to, row -> row.storyPoints() != null && row.storyPoints() >= n && row.storyPoints() <= to, false);
            }
        };
    }

    private static Query text(Random random) {
        String word = OracleData.WORDS[random.nextInt(OracleData.WORDS.length)];
        String written = random.nextBoolean() ? word.toUpperCase(Locale.ROOT) : word;
        Predicate<Row> contains = row -> List.of(row.summary().toLowerCase(Locale.ROOT).split(" ")).contains(word);
        return switch (random.nextInt(3)) {
            case 0 -> new Query("Summary: " + written, contains, false);
            case 1 -> new Query("Summary: !\"" + written + "\"", contains.negate(), false);
            default -> new Query(written, contains, false); // free text: summary or description (none here)
        };
    }
}
