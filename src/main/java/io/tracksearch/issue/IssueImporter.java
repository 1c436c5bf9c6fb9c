package io.tracksearch.issue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.tracksearch.auth.UserRegistry;
import io.tracksearch.error.ErrorCode;
import io.tracksearch.error.Message;
import io.tracksearch.error.TrackerException;
import io.tracksearch.model.Digests;
import io.tracksearch.model.Embedded;
import io.tracksearch.model.Ids;
import io.tracksearch.model.Issue;
import io.tracksearch.model.IssueField;
import io.tracksearch.model.KeyChange;
import io.tracksearch.model.Queue;
import io.tracksearch.model.Users;
import io.tracksearch.store.Condition;
import io.tracksearch.store.IssueSort;
import io.tracksearch.store.IssueStore;

import java.io.InputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;

/**
 * Bulk import for migrations and benchmarks: NDJSON, one issue a line, keeping the given keys and
 * timestamps. A line is either the issue exactly as {@code GET /v2/issues/{key}} returns it (reference
 * objects with self/id/key/display) or the flat form (catalogue keys, logins, key strings); both are
 * read field by field through the registry ({@link FieldInput} in import mode). key and summary are
 * required; fields no registry entry knows are kept as given. Missing users (by login) and queues are
 * created (users without tokens). Bad lines are skipped and reported; good lines are durable when a
 * batch returns.
 */
public final class IssueImporter {
    /** Outcome of an import: how many issues were stored, and the first problems found. */
    public record Result(long imported, long rejected, List<String> problems) {
    }

    /** Issues per store call (and commit) for HTTP imports: bounded memory, frequent durable points. */
    public static final int DEFAULT_BATCH = 20_000;
    private static final int MAX_PROBLEMS = 100;
    /**
     * Bytes of lines after which a batch is stored even if it has fewer issues than the batch size: what one
     * request holds in memory stays bounded when its issues are large (typical ones fill 20,000 in ~35 MB).
     */
    static final long MAX_BATCH_BYTES = 64L << 20;
    /** Keys per alias lookup of {@link #followMoves}: well under OpenSearch's 65,536 terms of one query. */
    private static final int ALIAS_LOOKUP_CHUNK = 10_000;

    /** Parts of a rendered issue that are not stored: URLs, per-caller flags and expansions. */
    private static final Set<String> NOT_STORED = Set.of("self", "key", "queue", "id", "version", "favorite", "transitions",
            "attachments");

    private final IssueStore store;
    private final QueueService queues;
    private final UserRegistry users;
    private final FieldInput input;
    private final EmbeddedInput embedded;

    private final int batchSize;
    /** Held while a batch of {@link #importLines} is stored. */
    private final Object storeLock = new Object();

    public IssueImporter(IssueStore store, QueueService queues, UserRegistry users) {
        this(store, queues, users, DEFAULT_BATCH);
    }

    /** @param batchSize issues per store call; each call ends durable (one commit) */
    public IssueImporter(IssueStore store, QueueService queues, UserRegistry users, int batchSize) {
        this.store = store;
        this.queues = queues;
        this.users = users;
        this.batchSize = batchSize;
        this.input = new FieldInput(new FieldInput.Lookups() {
            @Override
            public Users users() {
                return users;
            }

            @Override
            public String componentName(String queueKey, JsonNode element) {
                return Values.componentName("components", element);   // registered per batch, not per issue
            }

            @Override
            public Optional<Issue> issue(String keyOrId) {
                return Ids.isHexId(keyOrId) ? store.getById(keyOrId) : store.get(keyOrId.toUpperCase(Locale.ROOT));
            }
        }, FieldInput.Mode.IMPORT);
        this.embedded = new EmbeddedInput(input);
    }

    /**
     * Reads the whole stream; {@code progress} gets the running count after each stored batch. Parsing
     * the next batch overlaps with storing the previous one (one batch in flight), so the reading thread
     * and the store's indexing threads work at the same time. Concurrent calls store their batches one at a
     * time ({@link #store}) but read and convert their lines at the same time.
     */
    public Result importLines(InputStream stream, LongConsumer progress) throws IOException {
        NdjsonLines lines = new NdjsonLines(stream);
        List<byte[]> batch = new ArrayList<>(batchSize);
        List<Long> lineNumbers = new ArrayList<>(batchSize);
        long batchBytes = 0;
        long lineNumber = 0;
        long imported = 0;
        long rejected = 0;
        List<String> problems = new ArrayList<>();
        ExecutorService storer = Executors.newSingleThreadExecutor(runnable -> Thread.ofPlatform().name("import-store").unstarted(runnable));
        Future<Integer> storing = null;
        try {
            for (byte[] line = lines.next(); line != null; line = lines.next()) {
                lineNumber++;
                if (NdjsonLines.isBlank(line)) {
                    continue;
                }
                batch.add(line);   // a line too long to read is reported in its place
                lineNumbers.add(lineNumber);
                batchBytes += line.length;
                if (batch.size() == batchSize || batchBytes >= MAX_BATCH_BYTES) {
                    List<Issue> issues = prepare(batch, lineNumbers, problems);
                    rejected += batch.size() - issues.size();
                    imported += awaitStored(storing);
                    progress.accept(imported);
                    storing = storer.submit(() -> store(issues));
                    batch = new ArrayList<>(batchSize);
                    lineNumbers = new ArrayList<>(batchSize);
                    batchBytes = 0;
                }
            }
            List<Issue> issues = prepare(batch, lineNumbers, problems);
            rejected += batch.size() - issues.size();
            imported += awaitStored(storing);
            storing = null;
            imported += store(issues);
            progress.accept(imported);
            return new Result(imported, rejected, problems);
        }
        finally {
            if (storing != null) {
                awaitQuietly(storing);
            }
            storer.shutdown();
        }
    }

    /**
     * Tracker's single-issue import ({@code POST /v2/issues/_import}): the issue as Tracker documents it
     * (queue, summary, createdAt, createdBy required; key optional, else the next number of the queue;
     * read-only fields such as status, resolvedAt/By, updatedAt/By, votedBy accepted). Users by uid or
     * login; the queue must exist. A key in use or a repeated {@code unique} is a 409. Durable on return.
     */
    public Issue importOne(JsonNode body, long now) {
        for (String required : List.of("queue", "summary", "createdAt", "createdBy")) {
            if (Values.isNull(body.get(required))) {
                throw TrackerException.invalidField(required, "Field is required");
            }
        }
        Queue queue = queues.get(Values.queueReference(body.get("queue")));
        String key;
        JsonNode givenKey = body.get("key");
        if (Values.isNull(givenKey)) {
            key = queue.key() + "-" + store.allocateNumber(queue.key());
        }
        else {
            key = Values.string("key", givenKey).strip().toUpperCase(Locale.ROOT);
            if (!Ids.isIssueKey(key) || !key.startsWith(queue.key() + "-")) {
                throw TrackerException.invalidField("key", "must be a key of queue " + queue.key() + " such as " + queue.key() + "-1");
            }
            if (store.get(key).isPresent()) {
                throw new TrackerException(ErrorCode.CONFLICT, Message.plain("Issue " + key + " already exists"));
            }
        }
        ObjectNode line = body.deepCopy();
        line.put("key", key);
        line.remove("queue");
        Issue issue = toIssue(line);
        if (issue.createdAt() > now) {
            throw TrackerException.invalidField("createdAt", "must not be later than the current time");
        }
        if (issue.unique() != null) {
            store.findByUnique(issue.unique()).ifPresent(existing -> {
                throw new TrackerException(ErrorCode.CONFLICT, Message.UNIQUE_CONFLICT, issue.unique(), existing.key());
            });
        }
        Issue.Builder registered = issue.toBuilder();
        if (!issue.components().isEmpty()) {
            registered.setStrings(IssueField.COMPONENTS, queues.registerComponents(queue.key(), issue.components()));
        }
        Issue stored = registered.build();
        store.importIssues(List.of(stored));
        return stored;
    }

    /**
     * One batch at a time, whatever the number of concurrent imports: a second request reads and converts its
     * lines while the first one's batch is indexed and committed, and stores its own batch after it.
     */
    private int store(List<Issue> issues) {
        synchronized (storeLock) {
            return storeAlone(issues);
        }
    }

    private int storeAlone(List<Issue> issues) {
        ensureQueuesAndComponents(issues);
        List<Issue> others = new ArrayList<>(issues.size());
        List<KeyChange> moves = new ArrayList<>();
        for (Issue issue : followMoves(issues)) {
            Optional<Issue> held = heldUnderOldKey(issue);
            if (held.isPresent()) {
                store.move(issue, held.get().key(), held.get().version());
            }
            else {
                others.add(issue);
            }
            issue.strings(IssueField.ALIASES).stream().map(alias -> alias.toUpperCase(Locale.ROOT)).filter(alias -> !alias.equals(issue.key()))
                    .forEach(alias -> moves.add(new KeyChange(alias, issue.key())));
        }
        store.importIssues(others);
        // Issues naming an old key follow the moved issue: those stored before it when this store never held
        // it under that key (a mirror that copied them before the move), and those of this batch.
        store.renameReferences(moves);
        return issues.size();
    }

    /**
     * References (parent, epic, links) of incoming issues to the old key of an issue held here under its new
     * one follow it to that key: a mirror may copy an issue as its source had it before the issue it names
     * moved, after the moved issue arrived (an unsorted pass). One count of alias matches per batch, which is
     * zero unless some named key is an old key.
     */
    private List<Issue> followMoves(List<Issue> issues) {
        List<String> named = new ArrayList<>(issues.stream().flatMap(issue -> KeyChange.referencedKeys(issue).stream())
                .collect(Collectors.toCollection(LinkedHashSet::new)));
        List<KeyChange> changes = new ArrayList<>();
        for (int from = 0; from < named.size(); from += ALIAS_LOOKUP_CHUNK) {
            List<String> chunk = named.subList(from, Math.min(named.size(), from + ALIAS_LOOKUP_CHUNK));
            // aliases are indexed lower-case, as every string field
            Condition oldKeys = new Condition.AnyOf(IssueField.ALIASES, chunk.stream().map(key -> key.toLowerCase(Locale.ROOT)).toList());
            long held = store.count(oldKeys);
            if (held == 0) {
                continue;
            }
            for (Issue moved : store.search(oldKeys, IssueSort.BY_KEY, 0, (int) Math.min(held, 10_000)).issues()) {
                for (String alias : moved.strings(IssueField.ALIASES)) {
                    String oldKey = alias.toUpperCase(Locale.ROOT);
                    if (chunk.contains(oldKey) && !oldKey.equals(moved.key()) && store.get(oldKey).isEmpty()) {
                        changes.add(new KeyChange(oldKey, moved.key()));
                    }
                }
            }
        }
        return changes.isEmpty() ? issues : issues.stream().map(issue -> KeyChange.applyAll(changes, issue)).toList();
    }

    /**
     * A moved issue arrives (from a sync, an export) under its new key with its old keys among its aliases.
     * When this store holds the same issue (same id) under one of them, storing it is a move of that issue
     * ({@link IssueStore#move}: replaced in one operation, other issues' references renamed), not a second
     * issue with the same id beside it.
     */
    private Optional<Issue> heldUnderOldKey(Issue issue) {
        for (String alias : issue.strings(IssueField.ALIASES)) {
            Optional<Issue> held = store.get(alias.toUpperCase(Locale.ROOT))
                    .filter(found -> found.id().equals(issue.id()) && !found.key().equals(issue.key()));
            if (held.isPresent()) {
                return held;
            }
        }
        return Optional.empty();
    }

    private static int awaitStored(Future<Integer> storing) {
        if (storing == null) {
            return 0;
        }
        try {
            return storing.get();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("import interrupted", e);
        }
        catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    // On a failure the batch in flight still finishes (or fails) before the import returns.
    private static void awaitQuietly(Future<Integer> storing) {
        try {
            storing.get();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        catch (ExecutionException ignored) {
            // the first failure is the one reported
        }
    }

    /** A line turned into an issue, or the problem that rejected it. */
    private record Converted(Issue issue, String problem) {
    }

    /**
     * Turns lines into issues (creating missing users first, in the order the lines name them); rejected
     * lines are reported in line order. Reading and converting run on all cores ({@link ParallelMap}).
     */
    private List<Issue> prepare(List<byte[]> batch, List<Long> lineNumbers, List<String> problems) {
        if (batch.isEmpty()) {
            return List.of();
        }
        List<IssueField> userFields = store.fields().all().stream().filter(field -> field.kind() == IssueField.Kind.USER).toList();
        List<ImportLine> read = ParallelMap.map(batch, line -> ImportLine.read(line, userFields));
        Set<String> logins = new LinkedHashSet<>();
        read.forEach(line -> logins.addAll(line.logins()));
        users.ensureExist(logins);
        List<Converted> converted = ParallelMap.map(read, this::convert);
        List<Issue> issues = new ArrayList<>(batch.size());
        for (int i = 0; i < converted.size(); i++) {
            if (converted.get(i).issue() != null) {
                issues.add(converted.get(i).issue());
            }
            else {
                report(problems, lineNumbers.get(i), converted.get(i).problem());
            }
        }
        return issues;
    }

    private Converted convert(ImportLine line) {
        if (line.tree() == null) {
            return new Converted(null, line.problem());
        }
        try {
            return new Converted(toIssue(line.tree()), null);
        }
        catch (IllegalArgumentException e) {
            return new Converted(null, e.getMessage());
        }
        catch (TrackerException e) {
            return new Converted(null, String.join("; ", e.fieldErrors().entrySet().stream()
                    .map(entry -> entry.getKey() + ": " + entry.getValue()).toList()));
        }
    }

    private static void report(List<String> problems, long lineNumber, String problem) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add("line " + lineNumber + ": " + problem);
        }
    }

    // Called only under storeLock.
    private void ensureQueuesAndComponents(List<Issue> issues) {
        Map<String, Set<String>> componentsByQueue = new LinkedHashMap<>();
        for (Issue issue : issues) {
            componentsByQueue.computeIfAbsent(issue.queue(), key -> new LinkedHashSet<>()).addAll(issue.components());
        }
        componentsByQueue.forEach((queueKey, components) -> {
            queues.getOrCreate(queueKey, UserRegistry.FIRST_UID);
            if (!components.isEmpty()) {
                queues.registerComponents(queueKey, List.copyOf(components));
            }
        });
    }

    private Issue toIssue(JsonNode line) {
        if (!line.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        JsonNode key = line.get("key");
        if (key == null || !key.isTextual() || !Ids.isIssueKey(key.asText())) {
            throw new IllegalArgumentException("key must look like QUEUE-N");
        }
        JsonNode summary = line.get("summary");
        if (summary == null || !summary.isTextual() || summary.asText().isBlank()) {
            throw new IllegalArgumentException("summary is required");
        }
        String upperKey = key.asText().toUpperCase(Locale.ROOT);
        Issue.Builder issue = new Issue.Builder().key(upperKey)
                .id(line.path("id").isTextual() ? line.get("id").asText() : derivedId(upperKey))
                .version(line.path("version").canConvertToLong() ? line.get("version").asLong() : 1);
        for (Map.Entry<String, JsonNode> entry : line.properties()) {
            String name = entry.getKey();
            if (NOT_STORED.contains(name) || entry.getValue().isNull()) {
                continue;
            }
            Optional<IssueField> field = store.fields().byId(name).filter(known -> !known.isDerived());
            if (Embedded.isEmbedded(name)) {
                embedded.read(issue, Embedded.byKey(name).orElseThrow(), entry.getValue());
            }
            else if (field.isPresent()) {
                if (field.get().kind() != IssueField.Kind.KEY && field.get().kind() != IssueField.Kind.QUEUE) {
                    input.apply(issue, field.get(), entry.getValue());
                }
            }
            else {
                issue.set(name, entry.getValue());   // kept as given: nothing a user gave is dropped
            }
        }
        setDefault(issue, IssueField.TYPE, TextNode.valueOf("task"));
        setDefault(issue, IssueField.PRIORITY, TextNode.valueOf("normal"));
        setDefault(issue, IssueField.STATUS, TextNode.valueOf("open"));
        setDefault(issue, IssueField.CREATED_BY, LongNode.valueOf(UserRegistry.FIRST_UID));
        setDefault(issue, IssueField.UPDATED_BY, issue.value(IssueField.CREATED_BY));
        setDefault(issue, IssueField.CREATED_AT, LongNode.valueOf(System.currentTimeMillis()));
        setDefault(issue, IssueField.UPDATED_AT, issue.value(IssueField.CREATED_AT));
        setDefault(issue, IssueField.STATUS_START_TIME, issue.value(IssueField.CREATED_AT));
        return issue.build();
    }

    private static void setDefault(Issue.Builder issue, IssueField field, JsonNode value) {
        if (issue.value(field) == null) {
            issue.set(field, value);
        }
    }

    // Stable across re-imports of the same file, so a second import replaces rather than duplicates ids.
    private static String derivedId(String key) {
        return HexFormat.of().formatHex(Digests.sha256(key), 0, 12);
    }
}
