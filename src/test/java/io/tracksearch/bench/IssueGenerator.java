package io.tracksearch.bench;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic generator of realistic issues: the same seed and count always give the same bytes.
 *
 * <p>Shape: 20 queues of very different sizes (Zipf weights, the largest ~31 % of all issues, the
 * smallest ~1.2 %); 2,000 users with Zipf-skewed assignees (15 % unassigned) and authors; skewed
 * status (open exactly 30 %), priority and type; 0–5 tags from 60 (Zipf); 0–2 queue components;
 * 0–4 followers; created 2019–2025 uniformly, updated after it, resolved for resolved/closed,
 * deadlines, start/end, story points, 8 % sub-issues with a parent and 4 % with an epic; summaries and
 * ~1 KB descriptions, 70 % English and 30 % Russian. Issue order is interleaved across queues, so every
 * prefix of the file is a representative sample (the runner measures at a prefix and at the whole).
 *
 * <p>Writes two files with the same issues:
 * <ul>
 *   <li>{@code issues.ndjson}: the {@code tracksearch import} format of {@code IssueImporter}
 *       (users referenced by login);</li>
 *   <li>{@code opensearch.ndjson}: the same issues as an OpenSearch {@code _bulk} body (action line +
 *       document line), with the extra fields the equivalent mapping needs (queue, number and the
 *       catalogue order weights that tracksearch sorts by).</li>
 * </ul>
 */
public final class IssueGenerator {
    public static final String TRACKSEARCH_FILE = "issues.ndjson";
    public static final String OPENSEARCH_FILE = "opensearch.ndjson";

    /** Queue keys, largest first. */
    public static final List<String> QUEUES = List.of("CORE", "WEB", "MOBILE", "INFRA", "DATA", "SUPPORT", "BILLING",
            "SEC", "QA", "DOCS", "OPS", "ML", "API", "DESIGN", "HR", "LEGAL", "SALES", "MKT", "FIN", "RND");
    public static final int USERS = 2000;

    static final String[] STATUSES = {"open", "inProgress", "needInfo", "resolved", "closed"};
    static final int[] STATUS_WEIGHTS = {30, 12, 5, 28, 25};
    static final int[] STATUS_ORDER = {1, 2, 3, 4, 5};
    static final String[] PRIORITIES = {"trivial", "minor", "normal", "critical", "blocker"};
    static final int[] PRIORITY_WEIGHTS = {5, 20, 55, 15, 5};
    static final String[] TYPES = {"bug", "task", "newFeature", "improvement", "epic"};
    static final int[] TYPE_WEIGHTS = {35, 40, 10, 13, 2};
    static final String[] RESOLUTIONS = {"fixed", "wontFix", "duplicate", "invalid", "later"};
    static final int[] RESOLUTION_WEIGHTS = {60, 15, 10, 8, 7};
    static final String[] TAGS = {"backend", "frontend", "security", "performance", "ux", "regression", "android", "ios",
            "api", "database", "tech-debt", "customer", "urgent", "infra", "payments", "search", "i18n", "docs", "testing",
            "flaky", "release", "hotfix", "design", "analytics", "privacy", "billing", "onboarding", "mobile", "web", "ci",
            "monitoring", "logging", "cache", "network", "auth", "export", "import", "email", "notifications", "reports",
            "accessibility", "legal", "sales", "marketing", "data", "ml", "kubernetes", "migration", "cleanup", "spike",
            "research", "q1", "q2", "q3", "q4", "blocked", "good-first-issue", "wontfix-candidate", "needs-design", "sla"};
    static final String[] COMPONENT_NAMES = {"Backend", "Frontend", "Mobile", "Infrastructure", "Documentation"};

    private static final long CREATED_FROM = LocalDate.of(2019, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    private static final long CREATED_TO = LocalDate.of(2026, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    private static final long DAY = 86_400_000L;

    private final SplittableRandom random;
    private final double[] queueCumulative;
    private final double[] userCumulative;
    private final double[] tagCumulative;
    private final long[] nextNumber = new long[QUEUES.size()];
    private final Texts texts;

    public IssueGenerator(long seed) {
        this.random = new SplittableRandom(seed);
        this.queueCumulative = zipf(QUEUES.size(), 1.1);
        this.userCumulative = zipf(USERS, 1.0);
        this.tagCumulative = zipf(TAGS.length, 0.9);
        this.texts = new Texts(random);
    }

    /** One generated issue, in the terms of the import format. */
    public record GeneratedIssue(String key, String queue, long number, String summary, String description,
            String type, String priority, String status, String resolution, String assignee, String createdBy,
            String updatedBy, String resolvedBy, List<String> followers, List<String> tags, List<String> components,
            long createdAt, long updatedAt, long statusStartTime, Long resolvedAt, String deadline, String start,
            String end, Double storyPoints, String parent, String epic) {
    }

    public static String login(int user) {
        return String.format("user%04d", user + 1);
    }

    public GeneratedIssue next() {
        int queue = pick(queueCumulative);
        String queueKey = QUEUES.get(queue);
        long number = ++nextNumber[queue];
        int status = weighted(STATUS_WEIGHTS);
        boolean resolved = status >= 3;
        String resolution = resolved ? RESOLUTIONS[weighted(RESOLUTION_WEIGHTS)] : null;
        String assignee = random.nextInt(100) < 15 ? null : login(pick(userCumulative));
        String createdBy = login(pick(userCumulative));
        String updatedBy = random.nextBoolean() ? createdBy : login(pick(userCumulative));
        long createdAt = CREATED_FROM + (long) (random.nextDouble() * (CREATED_TO - CREATED_FROM));
        long age = CREATED_TO - createdAt;
        long updatedAt = createdAt + (long) (Math.min(1.0, -Math.log(1 - random.nextDouble()) / 8) * age);
        long statusStartTime = createdAt + (long) (random.nextDouble() * (updatedAt - createdAt));
        Long resolvedAt = resolved ? statusStartTime : null;
        String resolvedBy = resolved ? (assignee != null ? assignee : createdBy) : null;
        List<String> followers = new ArrayList<>(new LinkedHashSet<>(draw(random.nextInt(5), userCumulative, index -> login(index))));
        List<String> tags = new ArrayList<>(new LinkedHashSet<>(draw(random.nextInt(6), tagCumulative, index -> TAGS[index])));
        List<String> components = new ArrayList<>();
        int componentCount = random.nextInt(100) < 40 ? 0 : random.nextInt(100) < 80 ? 1 : 2;
        for (int i = 0; i < componentCount; i++) {
            String component = COMPONENT_NAMES[random.nextInt(COMPONENT_NAMES.length)];
            if (!components.contains(component)) {
                components.add(component);
            }
        }
        String deadline = random.nextInt(100) < 30 ? date(createdAt + (1 + random.nextInt(120)) * DAY) : null;
        String start = null;
        String end = null;
        if (random.nextInt(100) < 20) {
            long startMillis = createdAt + random.nextInt(30) * DAY;
            start = date(startMillis);
            end = date(startMillis + (1 + random.nextInt(60)) * DAY);
        }
        Double storyPoints = random.nextInt(100) < 40 ? (double) new int[] {1, 2, 3, 5, 8, 13}[random.nextInt(6)] : null;
        String parent = number > 1 && random.nextInt(100) < 8 ? queueKey + "-" + (1 + random.nextLong(number - 1)) : null;
        String epic = number > 1 && random.nextInt(100) < 4 ? queueKey + "-" + (1 + random.nextLong(number - 1)) : null;
        boolean russian = random.nextInt(100) < 30;
        String summary = texts.summary(russian);
        String description = random.nextInt(100) < 5 ? null : texts.description(russian, 1000);
        return new GeneratedIssue(queueKey + "-" + number, queueKey, number, summary, description, TYPES[weighted(TYPE_WEIGHTS)],
                PRIORITIES[weighted(PRIORITY_WEIGHTS)], STATUSES[status], resolution, assignee, createdBy, updatedBy, resolvedBy,
                followers, tags, components, createdAt, updatedAt, statusStartTime, resolvedAt, deadline, start, end,
                storyPoints, parent, epic);
    }

    /** Writes {@code count} issues into {@code directory} (both files); returns the bytes of the tracksearch file. */
    public static long generate(long seed, long count, Path directory) throws IOException {
        Files.createDirectories(directory);
        IssueGenerator generator = new IssueGenerator(seed);
        JsonFactory factory = new JsonFactory();
        try (OutputStream tracksearchOut = new BufferedOutputStream(Files.newOutputStream(directory.resolve(TRACKSEARCH_FILE)), 1 << 20);
                OutputStream openSearchOut = new BufferedOutputStream(Files.newOutputStream(directory.resolve(OPENSEARCH_FILE)), 1 << 20)) {
            for (long i = 0; i < count; i++) {
                GeneratedIssue issue = generator.next();
                try (JsonGenerator json = factory.createGenerator(tracksearchOut, JsonEncoding.UTF8)) {
                    json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
                    writeTracksearch(json, issue);
                }
                tracksearchOut.write('\n');
                openSearchOut.write(("{\"index\":{\"_id\":\"" + issue.key() + "\"}}\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                try (JsonGenerator json = factory.createGenerator(openSearchOut, JsonEncoding.UTF8)) {
                    json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
                    writeOpenSearch(json, issue);
                }
                openSearchOut.write('\n');
            }
        }
        return Files.size(directory.resolve(TRACKSEARCH_FILE));
    }

    static void writeTracksearch(JsonGenerator json, GeneratedIssue issue) throws IOException {
        json.writeStartObject();
        json.writeStringField("key", issue.key());
        writeCommon(json, issue);
        json.writeEndObject();
    }

    static void writeOpenSearch(JsonGenerator json, GeneratedIssue issue) throws IOException {
        json.writeStartObject();
        json.writeStringField("key", issue.key());
        json.writeStringField("queue", issue.queue());
        json.writeNumberField("number", issue.number());
        writeCommon(json, issue);
        json.writeNumberField("typeOrder", order(TYPES, new int[] {1, 2, 3, 4, 5}, issue.type()));
        json.writeNumberField("priorityOrder", order(PRIORITIES, new int[] {1, 2, 3, 4, 5}, issue.priority()));
        json.writeNumberField("statusOrder", order(STATUSES, new int[] {1, 2, 3, 4, 5}, issue.status()));
        json.writeEndObject();
    }

    private static void writeCommon(JsonGenerator json, GeneratedIssue issue) throws IOException {
        json.writeStringField("summary", issue.summary());
        optional(json, "description", issue.description());
        json.writeStringField("type", issue.type());
        json.writeStringField("priority", issue.priority());
        json.writeStringField("status", issue.status());
        optional(json, "resolution", issue.resolution());
        optional(json, "assignee", issue.assignee());
        json.writeStringField("createdBy", issue.createdBy());
        json.writeStringField("updatedBy", issue.updatedBy());
        optional(json, "resolvedBy", issue.resolvedBy());
        list(json, "followers", issue.followers());
        list(json, "tags", issue.tags());
        list(json, "components", issue.components());
        json.writeStringField("createdAt", instant(issue.createdAt()));
        json.writeStringField("updatedAt", instant(issue.updatedAt()));
        json.writeStringField("statusStartTime", instant(issue.statusStartTime()));
        if (issue.resolvedAt() != null) {
            json.writeStringField("resolvedAt", instant(issue.resolvedAt()));
        }
        optional(json, "deadline", issue.deadline());
        optional(json, "start", issue.start());
        optional(json, "end", issue.end());
        if (issue.storyPoints() != null) {
            json.writeNumberField("storyPoints", issue.storyPoints());
        }
        optional(json, "parent", issue.parent());
        optional(json, "epic", issue.epic());
    }

    private static int order(String[] keys, int[] orders, String key) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i].equals(key)) {
                return orders[i];
            }
        }
        throw new IllegalArgumentException(key);
    }

    private static void optional(JsonGenerator json, String name, String value) throws IOException {
        if (value != null) {
            json.writeStringField(name, value);
        }
    }

    private static void list(JsonGenerator json, String name, List<String> values) throws IOException {
        if (values.isEmpty()) {
            return;
        }
        json.writeArrayFieldStart(name);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }

    private static String instant(long millis) {
        String text = Instant.ofEpochMilli(millis).toString(); // 2023-04-05T10:11:12.123Z, or without millis when .000
        return text.length() == 20 ? text.substring(0, 19) + ".000Z" : text;
    }

    private static String date(long millis) {
        return Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC).toLocalDate().toString();
    }

    private <T> List<T> draw(int count, double[] cumulative, java.util.function.IntFunction<T> value) {
        List<T> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(value.apply(pick(cumulative)));
        }
        return values;
    }

    private int weighted(int[] weights) {
        int total = 0;
        for (int weight : weights) {
            total += weight;
        }
        int r = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private int pick(double[] cumulative) {
        double r = random.nextDouble();
        int index = java.util.Arrays.binarySearch(cumulative, r);
        index = index >= 0 ? index : -index - 1;
        return Math.min(index, cumulative.length - 1);
    }

    /** Cumulative Zipf distribution over n ranks with exponent s. */
    private static double[] zipf(int n, double s) {
        double[] cumulative = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += 1 / Math.pow(i + 1, s);
            cumulative[i] = sum;
        }
        for (int i = 0; i < n; i++) {
            cumulative[i] /= sum;
        }
        return cumulative;
    }

    /** {@code IssueGenerator COUNT DIRECTORY [SEED]}. */
    public static void main(String[] arguments) throws IOException {
        long count = Long.parseLong(arguments[0]);
        Path directory = Path.of(arguments[1]);
        long seed = arguments.length > 2 ? Long.parseLong(arguments[2]) : 42;
        long bytes = generate(seed, count, directory);
        System.out.println("generated " + count + " issues (" + bytes / (1 << 20) + " MiB) into " + directory);
    }
}
