package io.tracksearch.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracksearch.model.Catalog;
import io.tracksearch.model.CatalogEntry;
import io.tracksearch.model.WorkDuration;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Seeded random issues for the HTTP oracle tests, loaded through POST /v2/issues/_bulkImport, and the
 * spec 4.4 ordering of them written out plainly. Users are named by login; imported users have no
 * names, so they display as their login (admin, who made the server, displays as "Admin Adminson").
 */
final class OracleData {
    static final String[] QUEUES = {"ALPHA", "BETA", "GAMMA", "DELTA"};
    static final String[] LOGINS = {"admin", "anna", "boris", "carla", "dmitry", "elena"};
    static final String[] TAGS = {"Backend", "frontend", "UI", "db", "Perf", "security", "docs", "API"};
    static final String[] COMPONENTS = {"Core", "Web", "Mobile", "Infra"};
    /** Words whose stems differ from one another, so word matching equals token matching here. */
    static final String[] WORDS = {"export", "login", "report", "board", "filter", "page", "search", "import", "timer", "widget"};
    static final LocalDate FIRST_DEADLINE = LocalDate.of(2024, 1, 1);
    private static final long START = Instant.parse("2023-01-01T00:00:00Z").toEpochMilli();
    private static final long SPAN = 3L * 365 * 24 * 3600 * 1000;

    /** One generated issue as the oracle sees it: raw values, users by login, dates as epoch millis. */
    record Row(String key, String queue, long number, String summary, String type, String priority, String status,
            String resolution, String assignee, String createdBy, List<String> followers, List<String> tags,
            List<String> components, long createdAt, long updatedAt, LocalDate deadline, Double storyPoints,
            int votes, Long spent, Double cost, LocalDate launch, String reviewer, String stage,
            List<Comment> comments, List<Link> links) {
    }

    /** A comment as imported: its author's login and its one word. */
    record Comment(String author, String word) {
    }

    /** One side of a link: its type id, this issue's direction, the other issue's key. */
    record Link(String type, String direction, String other) {
        String otherQueue() {
            return other.substring(0, other.indexOf('-'));
        }
    }

    /** Link types of the oracle data with their relationship phrases, outward then inward. */
    static final String[][] LINK_TYPES = {{"relates", "relates", "relates"}, {"depends", "depends on", "is dependent by"},
            {"duplicates", "duplicates", "is duplicated by"}};

    /** Global custom fields every oracle server gets before the issues: number, date, user and string. */
    static final String[] CUSTOM_FIELDS = {
        "{\"name\":{\"en\":\"Cost\"},\"id\":\"cost\",\"category\":\"c\",\"type\":\"FloatFieldType\"}",
        "{\"name\":{\"en\":\"Launch\"},\"id\":\"launch\",\"category\":\"c\",\"type\":\"DateFieldType\"}",
        "{\"name\":{\"en\":\"Reviewer\"},\"id\":\"reviewer\",\"category\":\"c\",\"type\":\"UserFieldType\"}",
        "{\"name\":{\"en\":\"Stage\"},\"id\":\"stage\",\"category\":\"c\",\"type\":\"StringFieldType\"}"};
    static final String[] STAGES = {"alpha", "Beta", "GA"};
    /** Work durations (1d = 8h) of spent time, in milliseconds. */
    static final long[] SPENT = {30 * 60_000L, 4 * 3_600_000L, 8 * 3_600_000L, 12 * 3_600_000L, 40 * 3_600_000L, 80 * 3_600_000L};

    private OracleData() {
    }

    static List<Row> generate(Random random, int count) {
        List<Row> rows = new ArrayList<>();
        int[] numbers = new int[QUEUES.length];
        for (int i = 0; i < count; i++) {
            int q = random.nextInt(QUEUES.length);
            String summary = WORDS[random.nextInt(WORDS.length)] + " " + WORDS[random.nextInt(WORDS.length)] + " " + (i % 97);
            if (random.nextInt(5) == 0) {
                summary = summary.toUpperCase(Locale.ROOT);
            }
            String status = pick(random, Catalog.STATUSES).key();
            String resolution = status.equals("resolved") || status.equals("closed") ? pick(random, Catalog.RESOLUTIONS).key() : null;
            long createdAt = START + (long) (random.nextDouble() * SPAN);
            rows.add(new Row(QUEUES[q] + "-" + (++numbers[q]), QUEUES[q], numbers[q], summary, pick(random, Catalog.ISSUE_TYPES).key(),
                    pick(random, Catalog.PRIORITIES).key(), status, resolution,
                    random.nextInt(4) == 0 ? null : LOGINS[random.nextInt(LOGINS.length)], LOGINS[random.nextInt(LOGINS.length)],
                    sample(random, LOGINS, 3), sample(random, TAGS, 3), sample(random, COMPONENTS, 2), createdAt,
                    createdAt + (long) (random.nextDouble() * 30 * 86_400_000L),
                    random.nextInt(3) == 0 ? null : FIRST_DEADLINE.plusDays(random.nextInt(700)),
                    random.nextInt(3) == 0 ? null : (double) (1 + random.nextInt(13)),
                    random.nextInt(3) == 0 ? 0 : random.nextInt(10),
                    random.nextInt(3) == 0 ? null : SPENT[random.nextInt(SPENT.length)],
                    random.nextInt(3) == 0 ? null : random.nextInt(100) / 4.0,
                    random.nextInt(2) == 0 ? null : FIRST_DEADLINE.plusDays(random.nextInt(60)),
                    random.nextInt(3) == 0 ? null : LOGINS[random.nextInt(LOGINS.length)],
                    random.nextInt(3) == 0 ? null : STAGES[random.nextInt(STAGES.length)],
                    comments(random), new ArrayList<>()));
        }
        // links go on both of their issues, as the server keeps them; at most one between two issues
        java.util.Set<String> linked = new java.util.HashSet<>();
        for (int i = 0; i < count / 5; i++) {
            Row from = rows.get(random.nextInt(rows.size()));
            Row to = rows.get(random.nextInt(rows.size()));
            if (from == to || !linked.add(from.key() + "/" + to.key()) || !linked.add(to.key() + "/" + from.key())) {
                continue;
            }
            String type = LINK_TYPES[random.nextInt(LINK_TYPES.length)][0];
            from.links().add(new Link(type, "outward", to.key()));
            to.links().add(new Link(type, "inward", from.key()));
        }
        return rows;
    }

    private static List<Comment> comments(Random random) {
        List<Comment> comments = new ArrayList<>();
        for (int i = random.nextInt(4) - 1; i > 0; i--) {
            comments.add(new Comment(LOGINS[random.nextInt(LOGINS.length)], WORDS[random.nextInt(WORDS.length)]));
        }
        return comments;
    }

    static void load(TestServer server, List<Row> rows) {
        for (String field : CUSTOM_FIELDS) {
            TestServer.Response created = server.post("/v2/fields", field);
            assertEquals(201, created.status(), created.toString());
        }
        StringBuilder ndjson = new StringBuilder();
        for (Row row : rows) {
            ObjectNode line = JsonNodeFactory.instance.objectNode();
            line.put("key", row.key()).put("summary", row.summary()).put("type", row.type()).put("priority", row.priority())
                    .put("status", row.status()).put("resolution", row.resolution()).put("assignee", row.assignee())
                    .put("createdBy", row.createdBy()).put("createdAt", row.createdAt()).put("updatedAt", row.updatedAt())
                    .put("deadline", row.deadline() == null ? null : row.deadline().toString());
            if (row.storyPoints() != null) {
                line.put("storyPoints", row.storyPoints());
            }
            if (row.votes() != 0) {
                line.put("votes", row.votes());   // absent votes are 0, as Tracker shows them
            }
            if (row.spent() != null) {
                line.put("spent", WorkDuration.format(row.spent()));
            }
            line.put("cost", row.cost()).put("launch", row.launch() == null ? null : row.launch().toString())
                    .put("reviewer", row.reviewer()).put("stage", row.stage());
            row.followers().forEach(line.putArray("followers")::add);
            row.tags().forEach(line.putArray("tags")::add);
            row.components().forEach(line.putArray("components")::add);
            for (Comment comment : row.comments()) {
                line.withArray("comments").addObject().put("text", "about the " + comment.word())
                        .put("createdBy", comment.author()).put("createdAt", row.createdAt());
            }
            if (row.spent() != null) {
                // the time spent as the worklog that adds up to it (the import keeps spent as given)
                long first = row.spent() / 3;
                for (long part : new long[] {first, row.spent() - first}) {
                    if (part > 0) {
                        line.withArray("worklog").addObject().put("duration", WorkDuration.format(part))
                                .put("createdBy", row.createdBy()).put("createdAt", row.createdAt()).put("start", row.createdAt());
                    }
                }
            }
            for (Link link : row.links()) {
                line.withArray("links").addObject().put("type", link.type()).put("direction", link.direction())
                        .put("issue", link.other());
            }
            ndjson.append(line).append('\n');
        }
        TestServer.Response imported = server.post("/v2/issues/_bulkImport", ndjson.toString());
        assertEquals(rows.size(), imported.json().get("imported").asInt(), imported.toString());
    }

    /** Spec 4.4 comparator of one sortable field (API id or alias as used in tests). */
    static Comparator<Row> fieldComparator(String field, boolean descending) {
        return switch (field) {
            case "summary" -> missingLast(row -> List.of(row.summary()), OracleData::compareText, descending);
            case "priority" -> missingLast(row -> List.of(Catalog.PRIORITIES.byKey(row.priority()).order()), Integer::compare, descending);
            case "status" -> missingLast(row -> List.of(Catalog.STATUSES.byKey(row.status()).order()), Integer::compare, descending);
            case "type" -> missingLast(row -> List.of(Catalog.ISSUE_TYPES.byKey(row.type()).order()), Integer::compare, descending);
            case "createdAt" -> missingLast(row -> List.of(row.createdAt()), Long::compare, descending);
            case "updatedAt" -> missingLast(row -> List.of(row.updatedAt()), Long::compare, descending);
            case "deadline" -> missingLast(row -> row.deadline() == null ? List.of() : List.of(row.deadline()), LocalDate::compareTo, descending);
            case "storyPoints" -> missingLast(row -> row.storyPoints() == null ? List.of() : List.of(row.storyPoints()), Double::compare, descending);
            case "assignee" -> missingLast(row -> row.assignee() == null ? List.of() : List.of(display(row.assignee())), OracleData::compareText, descending);
            case "tags" -> missingLast(Row::tags, OracleData::compareText, descending);
            case "votes" -> missingLast(row -> List.of(row.votes()), Integer::compare, descending);
            case "spent" -> missingLast(row -> row.spent() == null ? List.of() : List.of(row.spent()), Long::compare, descending);
            case "cost" -> missingLast(row -> row.cost() == null ? List.of() : List.of(row.cost()), Double::compare, descending);
            case "launch" -> missingLast(row -> row.launch() == null ? List.of() : List.of(row.launch()), LocalDate::compareTo, descending);
            case "reviewer" -> missingLast(row -> row.reviewer() == null ? List.of() : List.of(display(row.reviewer())), OracleData::compareText, descending);
            case "stage" -> missingLast(row -> row.stage() == null ? List.of() : List.of(row.stage()), OracleData::compareText, descending);
            case "queue" -> missingLast(row -> List.of(row.queue()), String::compareTo, descending);
            case "key" -> descending ? (a, b) -> compareKeys(b, a) : OracleData::compareKeys;
            default -> throw new IllegalArgumentException(field);
        };
    }

    /** Missing values last in both directions; lists by their smallest (ascending) or largest (descending) element. */
    private static <T> Comparator<Row> missingLast(Function<Row, List<T>> values, Comparator<T> natural, boolean descending) {
        return (a, b) -> {
            List<T> left = values.apply(a);
            List<T> right = values.apply(b);
            if (left.isEmpty() || right.isEmpty()) {
                return Boolean.compare(left.isEmpty(), right.isEmpty());
            }
            T x = descending ? left.stream().max(natural).orElseThrow() : left.stream().min(natural).orElseThrow();
            T y = descending ? right.stream().max(natural).orElseThrow() : right.stream().min(natural).orElseThrow();
            return descending ? natural.compare(y, x) : natural.compare(x, y);
        };
    }

    static int compareText(String a, String b) {
        int folded = a.toLowerCase(Locale.ROOT).compareTo(b.toLowerCase(Locale.ROOT));
        return folded != 0 ? folded : a.compareTo(b);
    }

    static int compareKeys(Row a, Row b) {
        int queue = a.queue().compareTo(b.queue());
        return queue != 0 ? queue : Long.compare(a.number(), b.number());
    }

    static String display(String login) {
        return login.equals("admin") ? "Admin Adminson" : login;
    }

    static CatalogEntry pick(Random random, Catalog catalog) {
        return catalog.entries().get(random.nextInt(catalog.entries().size()));
    }

    static List<String> sample(Random random, String[] values, int max) {
        int count = random.nextInt(max + 1);
        List<String> result = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String value = values[random.nextInt(values.length)];
            if (!result.contains(value)) {
                result.add(value);
            }
        }
        return List.copyOf(result);
    }

    static long millis(LocalDate date) {
        return date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }
}
