package io.tracksearch.issue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tracksearch.auth.UserRegistry;
import io.tracksearch.model.Catalog;
import io.tracksearch.model.Component;
import io.tracksearch.model.Issue;
import io.tracksearch.model.Queue;
import io.tracksearch.model.User;
import io.tracksearch.store.IssueStore;

import java.io.BufferedReader;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * Bulk import for migrations and benchmarks: NDJSON, one issue a line, keeping the given keys and
 * timestamps. A line is a flat object: key, summary (required); description, type, priority, status,
 * resolution (catalogue keys), assignee, createdBy, updatedBy, resolvedBy (logins), followers (logins),
 * tags, components, parent, epic (keys), createdAt, updatedAt, statusStartTime, resolvedAt (date-times),
 * deadline, start, end (dates), storyPoints, unique, id, version. Missing users and queues are created
 * (users without tokens). Bad lines are skipped and reported; good lines are durable when a batch returns.
 */
public final class IssueImporter {
    /** Outcome of an import: how many issues were stored, and the first problems found. */
    public record Result(long imported, long rejected, List<String> problems) {
    }

    private static final int BATCH = 20_000;
    private static final int MAX_PROBLEMS = 100;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd'T'HH:mm:ss")
            .optionalStart().appendPattern(".SSS").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .toFormatter(Locale.ROOT);

    private final IssueStore store;
    private final UserRegistry users;
    private java.util.Map<String, Long> uids = java.util.Map.of();

    public IssueImporter(IssueStore store, UserRegistry users) {
        this.store = store;
        this.users = users;
    }

    /** Reads the whole stream; {@code progress} gets the running count after each stored batch. */
    public synchronized Result importLines(BufferedReader lines, LongConsumer progress) throws IOException {
        List<JsonNode> batch = new ArrayList<>(BATCH);
        List<Long> lineNumbers = new ArrayList<>(BATCH);
        long lineNumber = 0;
        long imported = 0;
        long rejected = 0;
        List<String> problems = new ArrayList<>();
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            try {
                batch.add(JSON.readTree(line));
                lineNumbers.add(lineNumber);
            }
            catch (IOException e) {
                rejected++;
                report(problems, lineNumber, "malformed JSON");
            }
            if (batch.size() == BATCH) {
                long[] counts = flush(batch, lineNumbers, problems);
                imported += counts[0];
                rejected += counts[1];
                progress.accept(imported);
            }
        }
        long[] counts = flush(batch, lineNumbers, problems);
        imported += counts[0];
        rejected += counts[1];
        progress.accept(imported);
        return new Result(imported, rejected, problems);
    }

    private long[] flush(List<JsonNode> batch, List<Long> lineNumbers, List<String> problems) {
        if (batch.isEmpty()) {
            return new long[] {0, 0};
        }
        Set<String> logins = new LinkedHashSet<>();
        for (JsonNode line : batch) {
            for (String field : List.of("assignee", "createdBy", "updatedBy", "resolvedBy")) {
                if (line.path(field).isTextual()) {
                    logins.add(line.get(field).asText());
                }
            }
            line.path("followers").forEach(follower -> {
                if (follower.isTextual()) {
                    logins.add(follower.asText());
                }
            });
        }
        users.ensureExist(logins);
        uids = new java.util.HashMap<>();
        for (User user : users.all()) {
            uids.put(user.login().toLowerCase(Locale.ROOT), user.uid());
        }
        List<Issue> issues = new ArrayList<>(batch.size());
        long rejected = 0;
        for (int i = 0; i < batch.size(); i++) {
            try {
                issues.add(toIssue(batch.get(i)));
            }
            catch (IllegalArgumentException | DateTimeParseException e) {
                rejected++;
                report(problems, lineNumbers.get(i), e.getMessage());
            }
        }
        ensureQueuesAndComponents(issues);
        store.importIssues(issues);
        batch.clear();
        lineNumbers.clear();
        return new long[] {issues.size(), rejected};
    }

    private static void report(List<String> problems, long lineNumber, String problem) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add("line " + lineNumber + ": " + problem);
        }
    }

    /**
     * Creates missing queues and components named by the batch, with one durable queue write per
     * changed queue (not one per component): ids are handed out in order of first appearance.
     */
    private synchronized void ensureQueuesAndComponents(List<Issue> issues) {
        java.util.Map<String, Queue> changed = new java.util.LinkedHashMap<>();
        java.util.Set<String> created = new java.util.HashSet<>();
        long nextQueueId = store.queues().stream().mapToLong(Queue::id).max().orElse(0) + 1;
        long nextComponentId = store.queues().stream().flatMap(other -> other.components().stream())
                .mapToLong(Component::id).max().orElse(0) + 1;
        for (Issue issue : issues) {
            Queue queue = changed.get(issue.queue());
            if (queue == null) {
                queue = store.queue(issue.queue()).orElse(null);
            }
            if (queue == null) {
                queue = new Queue(nextQueueId++, issue.queue(), 1, issue.queue(), null, UserRegistry.FIRST_UID, "task", "normal", List.of());
                created.add(queue.key());
                changed.put(queue.key(), queue);
            }
            List<Component> components = null;
            for (String name : issue.components()) {
                List<Component> known = components != null ? components : queue.components();
                if (known.stream().noneMatch(component -> component.name().equalsIgnoreCase(name))) {
                    if (components == null) {
                        components = new ArrayList<>(queue.components());
                    }
                    components.add(new Component(nextComponentId++, name));
                }
            }
            if (components != null) {
                queue = queue.withComponents(components);
                changed.put(queue.key(), queue);
            }
        }
        for (Queue queue : changed.values()) {
            if (created.contains(queue.key())) {
                store.createQueue(queue);
            }
            else {
                store.updateQueue(queue);
            }
        }
    }

    private Issue toIssue(JsonNode line) {
        if (!line.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        Issue.Builder issue = new Issue.Builder();
        String key = text(line, "key");
        if (key == null || !key.matches("[A-Za-z]{1,15}-[1-9][0-9]{0,17}")) {
            throw new IllegalArgumentException("key must look like QUEUE-N");
        }
        issue.key = key.toUpperCase(Locale.ROOT);
        issue.queue = issue.key.substring(0, issue.key.indexOf('-'));
        issue.number = Issue.numberOf(issue.key);
        issue.summary = text(line, "summary");
        if (issue.summary == null || issue.summary.isBlank()) {
            throw new IllegalArgumentException("summary is required");
        }
        issue.description = text(line, "description");
        issue.id = text(line, "id") != null ? text(line, "id") : derivedId(issue.key);
        issue.version = line.path("version").canConvertToLong() ? line.get("version").asLong() : 1;
        issue.type = catalog(line, "type", Catalog.ISSUE_TYPES, "task");
        issue.priority = catalog(line, "priority", Catalog.PRIORITIES, "normal");
        issue.status = catalog(line, "status", Catalog.STATUSES, "open");
        issue.previousStatus = line.hasNonNull("previousStatus") ? catalog(line, "previousStatus", Catalog.STATUSES, null) : null;
        issue.resolution = line.hasNonNull("resolution") ? catalog(line, "resolution", Catalog.RESOLUTIONS, null) : null;
        issue.createdBy = user(line, "createdBy", UserRegistry.FIRST_UID);
        issue.updatedBy = user(line, "updatedBy", issue.createdBy);
        issue.assignee = line.hasNonNull("assignee") ? user(line, "assignee", 0) : null;
        issue.resolvedBy = line.hasNonNull("resolvedBy") ? user(line, "resolvedBy", 0) : null;
        issue.createdAt = instant(line, "createdAt", System.currentTimeMillis());
        issue.updatedAt = instant(line, "updatedAt", issue.createdAt);
        issue.statusStartTime = instant(line, "statusStartTime", issue.createdAt);
        issue.resolvedAt = line.hasNonNull("resolvedAt") ? instant(line, "resolvedAt", 0) : null;
        List<Long> followers = new ArrayList<>();
        line.path("followers").forEach(follower -> followers.add(uid(follower.asText())));
        issue.followers = List.copyOf(new LinkedHashSet<>(followers));
        issue.tags = strings(line, "tags");
        issue.components = strings(line, "components");
        issue.parent = upper(text(line, "parent"));
        issue.epic = upper(text(line, "epic"));
        issue.deadline = date(line, "deadline");
        issue.start = date(line, "start");
        issue.end = date(line, "end");
        issue.storyPoints = line.path("storyPoints").isNumber() ? line.get("storyPoints").asDouble() : null;
        issue.unique = text(line, "unique");
        return issue.build();
    }

    private long user(JsonNode line, String field, long defaultUid) {
        String login = text(line, field);
        return login == null ? defaultUid : uid(login);
    }

    private long uid(String login) {
        Long uid = uids.get(login.toLowerCase(Locale.ROOT));
        if (uid == null) {
            throw new IllegalArgumentException("invalid user login '" + login + "'");
        }
        return uid;
    }

    private static String catalog(JsonNode line, String field, Catalog catalog, String defaultKey) {
        String value = text(line, field);
        if (value == null) {
            return defaultKey;
        }
        return catalog.find(value).orElseThrow(() -> new IllegalArgumentException(field + ": unknown value '" + value + "'")).key();
    }

    private static long instant(JsonNode line, String field, long defaultMillis) {
        JsonNode value = line.get(field);
        if (value == null || value.isNull()) {
            return defaultMillis;
        }
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        return OffsetDateTime.parse(value.asText(), DATE_TIME).toInstant().toEpochMilli();
    }

    private static String date(JsonNode line, String field) {
        String value = text(line, field);
        return value == null ? null : java.time.LocalDate.parse(value).toString();
    }

    private static List<String> strings(JsonNode line, String field) {
        LinkedHashSet<String> values = new LinkedHashSet<>();
        line.path(field).forEach(value -> {
            if (value.isTextual() && !value.asText().isBlank()) {
                values.add(value.asText().strip());
            }
        });
        return List.copyOf(values);
    }

    private static String text(JsonNode line, String field) {
        JsonNode value = line.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String upper(String value) {
        return value == null ? null : value.toUpperCase(Locale.ROOT);
    }

    // Stable across re-imports of the same file, so a second import replaces rather than duplicates ids.
    private static String derivedId(String key) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        }
        catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
