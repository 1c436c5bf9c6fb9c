package io.tracksearch.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracksearch.error.ErrorCode;
import io.tracksearch.error.Message;
import io.tracksearch.error.TrackerException;
import io.tracksearch.model.ChangeEvent;
import io.tracksearch.model.Component;
import io.tracksearch.model.CustomField;
import io.tracksearch.model.FieldRegistry;
import io.tracksearch.model.Issue;
import io.tracksearch.model.IssueField;
import io.tracksearch.model.KeyChange;
import io.tracksearch.model.Queue;
import io.tracksearch.model.Users;
import io.tracksearch.store.ChangelogQuery;
import io.tracksearch.store.Condition;
import io.tracksearch.store.Cursor;
import io.tracksearch.store.IssuePage;
import io.tracksearch.store.IssueSummary;
import io.tracksearch.store.IssueSort;
import io.tracksearch.store.IssueStore;
import io.tracksearch.store.ResumablePage;
import io.tracksearch.store.Snapshot;
import io.tracksearch.store.StoreBehavior;
import io.tracksearch.store.StoredObjects;
import io.tracksearch.store.UniqueClaim;
import org.apache.hc.core5.http.HttpHost;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.OpType;
import org.opensearch.client.opensearch._types.Refresh;
import org.opensearch.client.opensearch._types.SortOptions;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.GetResponse;
import org.opensearch.client.opensearch.core.MgetResponse;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.mget.MultiGetResponseItem;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5Transport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import static java.util.Objects.requireNonNull;

/**
 * The cluster backend: issues in an OpenSearch index through the official opensearch-java client
 * ({@link OpenSearchDocuments} describes the layout; {@link OpenSearchCompiler} and {@link OpenSearchSorts}
 * give the same answers as the embedded store). Several tracksearch nodes may share one cluster and index.
 *
 * <p><b>Writes</b> return once OpenSearch acknowledged them (primary and in-sync replicas) with
 * {@code refresh=true}, so a search started afterwards sees them, as with the embedded store. Reads by key
 * use the real-time GET API.
 *
 * <p><b>Concurrency across nodes</b> uses OpenSearch's own concurrency control, never process memory:
 * issue numbers come from a counter document per queue updated with {@code if_seq_no}/{@code
 * if_primary_term} (retried on conflict), so keys are unique and consecutive across nodes; {@code unique}
 * is a marker document whose id is the value's digest, created with {@code op_type=create}
 * ({@link OpenSearchUniqueMarkers}); updates check
 * the issue's version and write with {@code if_seq_no}, so a concurrent edit on another node is a 409.
 *
 * <p><b>Snapshots</b> are points in time (PIT) read with {@code search_after}; a {@link Cursor} carries the
 * PIT id, the compiled query, the sort, the position and the last sort values, so any node can continue
 * ({@link StoreBehavior#RESUMABLE_SNAPSHOTS}).
 *
 * <p><b>Round trips</b>: the queue list is kept in memory ({@link OpenSearchQueueCache}: this node's
 * queue writes at once, other nodes' within 1 s) and {@link #getAll} is one multi-get, so a rendered
 * search page costs one search and at most one multi-get ({@code OpenSearchRoundTripsTest} counts them).
 * Issue reads take the whole {@code _source}: filtering it to the issue JSON would be less to transfer,
 * but OpenSearch's filter re-orders the keys of nested objects, which the rendering keeps.
 *
 * <p>Threads: every method may be called concurrently; the client is thread-safe.
 */
public final class OpenSearchIssueStore implements IssueStore {
    private static final Logger log = LoggerFactory.getLogger(OpenSearchIssueStore.class);
    /** Counter document of component ids ({@code #} cannot occur in a queue key, so no queue counter clashes). */
    static final String COMPONENT_ID_COUNTER = "counter:#component-ids";

    /**
     * Where and how to store: node URLs (the client fails over between them), the issue index name (the
     * meta index is {@code <index>-meta}), and shards/replicas used when the indices are created.
     */
    public record Settings(List<URI> urls, String index, int shards, int replicas) {
        public Settings {
            urls = List.copyOf(urls);
            if (urls.isEmpty()) {
                throw new IllegalArgumentException("at least one OpenSearch URL is needed");
            }
            requireNonNull(index, "index is null");
        }
    }

    private final Users users;
    private final String index;
    private final String metaIndex;
    private final ApacheHttpClient5Transport transport;
    private final OpenSearchClient client;
    private final OpenSearchIndexes indexes;
    /** The text layout of the issue index, which its documents and queries follow. */
    private final TextLayout texts;
    private final OpenSearchCompiler compiler;
    private final OpenSearchChanges changes;
    private final FieldRegistry fields;
    private final OpenSearchStoredObjects objects;
    private final OpenSearchMoves moves;
    private final OpenSearchPits pits;
    private final OpenSearchCounters counters;
    private final OpenSearchUniqueMarkers uniques;
    private final OpenSearchQueueCache queueCache = new OpenSearchQueueCache(this::readQueues, System::nanoTime);
    private final OpenSearchBulkImport bulkImport;

    public OpenSearchIssueStore(Settings settings, Users users) {
        this.users = requireNonNull(users, "users is null");
        this.index = settings.index();
        this.metaIndex = settings.index() + "-meta";
        HttpHost[] hosts = settings.urls().stream()
                .map(url -> new HttpHost(url.getScheme(), url.getHost(), url.getPort() < 0 ? 9200 : url.getPort()))
                .toArray(HttpHost[]::new);
        this.transport = ApacheHttpClient5TransportBuilder.builder(hosts)
                .setMapper(new JacksonJsonpMapper(OpenSearchDocuments.JSON))
                // No Accept-Encoding: gzip. The node then compresses every answer, which cost more than the
                // search itself: a page of 1,000 issues (1.9 MB) took 25-30 ms plain and 58-68 ms gzipped on
                // a node beside this server; a node across a slow link is the exception, not the rule.
                .setHttpClientConfigCallback(builder -> builder.disableContentCompression())
                .build();
        this.client = new OpenSearchClient(transport);
        this.indexes = new OpenSearchIndexes(client);
        TextLayout issueTexts;
        TextLayout changeTexts;
        try {
            issueTexts = indexes.prepare(index, texts -> OpenSearchDocuments.issueIndex(settings.shards(), settings.replicas(), texts));
            indexes.extendMapping(index, (ObjectNode) OpenSearchDocuments.issueIndex(settings.shards(), settings.replicas(), issueTexts)
                    .get("mappings"));
            indexes.createIfMissing(metaIndex, OpenSearchDocuments.metaIndex(settings.replicas()));
            changeTexts = indexes.prepare(OpenSearchChanges.indexOf(index), texts -> OpenSearchChanges.mapping(settings.replicas(), texts));
        } catch (RuntimeException e) {
            closeTransport();
            throw e;
        }
        this.texts = issueTexts;
        this.compiler = new OpenSearchCompiler(issueTexts);
        this.changes = new OpenSearchChanges(client, index, changeTexts);
        this.pits = new OpenSearchPits(client, index);
        this.counters = new OpenSearchCounters(client, metaIndex, this::getMeta);
        this.uniques = new OpenSearchUniqueMarkers(client, metaIndex, this::getMeta, this::get);
        this.fields = new FieldRegistry(this::customFields);
        this.moves = new OpenSearchMoves(client, index, metaIndex, changes, this::document);
        this.bulkImport = new OpenSearchBulkImport(client, index, metaIndex, this::document, uniques, counters);
        this.objects = new OpenSearchStoredObjects(client, metaIndex,
                kind -> counters.increment(OpenSearchStoredObjects.counterId(kind), "", () -> 0));
        try {
            moves.finishInterrupted();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private ObjectNode document(Issue issue) {
        return OpenSearchDocuments.issue(issue, users, fields, texts);
    }

    @Override
    public boolean supports(StoreBehavior behavior) {
        return switch (behavior) {
            case RESUMABLE_SNAPSHOTS -> true;
        };
    }

    // ---- queues ------------------------------------------------------------------------------------

    /** Stores a new queue; a queue with id 0 or less gets the next id from the cluster-wide queue-id counter. */
    @Override
    public Queue createQueue(Queue queue) {
        long id;
        if (queue.id() > 0) {
            id = queue.id();
            counters.raise(OpenSearchDocuments.QUEUE_ID_COUNTER, "", id);
        } else {
            id = counters.increment(OpenSearchDocuments.QUEUE_ID_COUNTER, "", () -> 0);
        }
        Queue stored = new Queue(id, queue.key(), queue.version(), queue.name(), queue.description(),
                queue.lead(), queue.defaultType(), queue.defaultPriority(), queue.components());
        try {
            OpenSearchFailures.call(() -> client.index(i -> i.index(metaIndex).id(OpenSearchDocuments.queueId(queue.key()))
                    .document(queueDocument(stored)).opType(OpType.Create).refresh(Refresh.True)));
            queueCache.invalidate();
        } catch (TrackerException e) {
            if (OpenSearchFailures.isConflict(e)) {
                throw new TrackerException(ErrorCode.CONFLICT, Message.QUEUE_EXISTS, queue.key());
            }
            throw e;
        }
        return stored;
    }

    /** Read, change, write with {@code if_seq_no}: a change made meanwhile on another node makes us read again. */
    @Override
    public Queue updateQueue(String key, UnaryOperator<Queue> change) {
        String id = OpenSearchDocuments.queueId(key);
        for (int attempt = 0; attempt < OpenSearchCounters.MAX_ATTEMPTS; attempt++) {
            OpenSearchCounters.backOff(attempt);
            GetResponse<ObjectNode> current = getMeta(id)
                    .orElseThrow(() -> new TrackerException(ErrorCode.NOT_FOUND, Message.QUEUE_NOT_FOUND));
            Queue queue = toQueue(current.source());
            Queue changed = change.apply(queue);
            if (changed.equals(queue)) {
                return queue;
            }
            try {
                OpenSearchFailures.call(() -> client.index(i -> i.index(metaIndex).id(id).document(queueDocument(changed))
                        .ifSeqNo(current.seqNo()).ifPrimaryTerm(current.primaryTerm()).refresh(Refresh.True)));
                queueCache.invalidate();
                return changed;
            } catch (TrackerException e) {
                if (!OpenSearchFailures.isConflict(e)) {
                    throw e;
                }
            }
        }
        throw OpenSearchFailures.unavailable("queue " + key + " stayed contended", null);
    }

    /** From a cluster-wide counter document; a new counter starts above the largest id stored before it existed. */
    @Override
    public long allocateComponentId() {
        return counters.increment(COMPONENT_ID_COUNTER, "", () -> readQueues().stream()
                .flatMap(queue -> queue.components().stream()).mapToLong(Component::id).max().orElse(0));
    }

    private static ObjectNode queueDocument(Queue queue) {
        ObjectNode document = OpenSearchDocuments.JSON.createObjectNode();
        document.put(OpenSearchDocuments.KIND, OpenSearchDocuments.KIND_QUEUE);
        document.put(OpenSearchDocuments.KEY, queue.key());
        document.set(OpenSearchDocuments.DATA, OpenSearchDocuments.JSON.valueToTree(queue));
        return document;
    }

    /** Real-time (GET): a queue just made on another node is found, and its components are current. */
    @Override
    public Optional<Queue> queue(String key) {
        return getMeta(OpenSearchDocuments.queueId(key)).map(found -> toQueue(found.source()));
    }

    /**
     * From {@link OpenSearchQueueCache}: current for this node's queue writes, at most
     * {@link OpenSearchQueueCache#TTL} old for other nodes'.
     */
    @Override
    public List<Queue> queues() {
        return queueCache.queues();
    }

    private List<Queue> readQueues() {
        SearchResponse<ObjectNode> response = OpenSearchFailures.call(() -> client.search(s -> s.index(metaIndex)
                .query(OpenSearchCompiler.term(OpenSearchDocuments.KIND, OpenSearchDocuments.KIND_QUEUE))
                .sort(SortOptions.of(o -> o.field(f -> f.field(OpenSearchDocuments.KEY).order(SortOrder.Asc))))
                .size(10_000), ObjectNode.class));
        OpenSearchFailures.requireAllShards(response.shards());
        return response.hits().hits().stream().map(hit -> toQueue(hit.source())).toList();
    }

    // ---- custom fields -----------------------------------------------------------------------------

    /**
     * The mapping grows first, then the definition is stored: a definition every node can read always has
     * its fields in the mapping. Two nodes creating the same id: one 409 (the definition's create).
     */
    @Override
    public void createField(CustomField field) {
        IssueField entry = field.issueField();
        indexes.extendMapping(index, OpenSearchDocuments.mappingOf(List.of(entry), texts));
        ObjectNode document = OpenSearchDocuments.JSON.createObjectNode();
        document.put(OpenSearchDocuments.KIND, OpenSearchDocuments.KIND_FIELD);
        document.put(OpenSearchDocuments.KEY, field.id());
        document.put(OpenSearchDocuments.VALUE, System.currentTimeMillis());
        document.set(OpenSearchDocuments.DATA, OpenSearchDocuments.JSON.valueToTree(field));
        try {
            OpenSearchFailures.call(() -> client.index(i -> i.index(metaIndex).id("field:" + field.id())
                    .document(document).opType(OpType.Create).refresh(Refresh.True)));
        } catch (TrackerException e) {
            if (OpenSearchFailures.isConflict(e)) {
                throw new TrackerException(ErrorCode.CONFLICT, Message.FIELD_EXISTS, field.id());
            }
            throw e;
        }
        fields.reload();
    }

    @Override
    public List<CustomField> customFields() {
        SearchResponse<ObjectNode> response = OpenSearchFailures.call(() -> client.search(s -> s.index(metaIndex)
                .query(OpenSearchCompiler.term(OpenSearchDocuments.KIND, OpenSearchDocuments.KIND_FIELD))
                .sort(SortOptions.of(o -> o.field(f -> f.field(OpenSearchDocuments.VALUE).order(SortOrder.Asc))))
                .size(10_000), ObjectNode.class));
        OpenSearchFailures.requireAllShards(response.shards());
        List<CustomField> result = new ArrayList<>();
        for (var hit : response.hits().hits()) {
            try {
                result.add(OpenSearchDocuments.JSON.treeToValue(hit.source().get(OpenSearchDocuments.DATA), CustomField.class));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("stored field definition is unreadable", e);
            }
        }
        return result;
    }

    @Override
    public FieldRegistry fields() {
        return fields;
    }

    @Override
    public StoredObjects objects() {
        return objects;
    }

    private static Queue toQueue(ObjectNode source) {
        try {
            return OpenSearchDocuments.JSON.treeToValue(source.get(OpenSearchDocuments.DATA), Queue.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored queue JSON is unreadable", e);
        }
    }

    // ---- counters (OpenSearchCounters) ------------------------------------------------------------

    @Override
    public long allocateNumber(String queueKey) {
        return counters.increment(OpenSearchDocuments.counterId(queueKey), queueKey, () -> 0);
    }

    // ---- issue writes ------------------------------------------------------------------------------

    /**
     * Names the issue in its claimed unique marker (with the claim's {@code if_seq_no}: a claim taken over
     * as stale meanwhile is a CONFLICT), then indexes the issue; the marker is deleted if that fails.
     */
    @Override
    public void create(Issue issue, UniqueClaim claim) {
        ObjectNode document = document(issue);
        Optional<UniqueClaim> named = Optional.empty();
        if (issue.unique() != null) {
            if (claim == null || !claim.unique().equals(issue.unique())) {
                throw new IllegalArgumentException("the unique value of " + issue.key() + " is not claimed");
            }
            named = Optional.of(uniques.name(issue, claim));
        }
        boolean written = false;
        try {
            OpenSearchFailures.call(() -> client.index(i -> i.index(index).id(issue.key()).document(document)
                    .refresh(Refresh.True)));
            written = true;
            changes.record(ChangeEvent.between(null, issue));
        } finally {
            if (!written && named.isPresent()) {
                uniques.release(named.get());
            }
        }
    }

    /** See {@link OpenSearchUniqueMarkers#claim}. */
    @Override
    public UniqueClaim claimUnique(String unique) {
        return uniques.claim(unique);
    }

    @Override
    public void releaseUnique(UniqueClaim claim) {
        uniques.release(claim);
    }

    @Override
    public void update(Issue issue, long expectedVersion) {
        ObjectNode document = document(issue);
        GetResponse<ObjectNode> current = getIssueDocument(issue.key())
                .orElseThrow(() -> new TrackerException(ErrorCode.NOT_FOUND, Message.ISSUE_NOT_FOUND));
        Issue stored = OpenSearchDocuments.issueFrom(current.source());
        if (stored.version() != expectedVersion) {
            throw new TrackerException(ErrorCode.CONFLICT, Message.VERSION_CONFLICT, stored.version());
        }
        try {
            OpenSearchFailures.call(() -> client.index(i -> i.index(index).id(issue.key()).document(document)
                    .ifSeqNo(current.seqNo()).ifPrimaryTerm(current.primaryTerm()).refresh(Refresh.True)));
            changes.record(ChangeEvent.between(stored, issue));
        } catch (TrackerException e) {
            if (OpenSearchFailures.isConflict(e)) {
                long now = get(issue.key()).map(Issue::version).orElse(stored.version());
                throw new TrackerException(ErrorCode.CONFLICT, Message.VERSION_CONFLICT, now);
            }
            throw e;
        }
    }

    /** See {@link OpenSearchMoves}; the unique marker then names the new key, as {@link #findByUnique} reads it. */
    @Override
    public void renameReferences(List<KeyChange> changes) {
        moves.renameReferences(changes);
    }

    @Override
    public void move(Issue moved, String fromKey, long expectedVersion) {
        moves.move(moved, fromKey, expectedVersion);
        if (moved.unique() != null) {
            uniques.nameMoved(moved);
        }
    }

    @Override
    public void delete(String key) {
        Optional<Issue> current = get(key);
        if (current.isEmpty()) {
            return;
        }
        OpenSearchFailures.call(() -> client.delete(d -> d.index(index).id(key).refresh(Refresh.True)));
        if (current.get().unique() != null) {
            uniques.remove(current.get().unique());   // the marker names this key: the value is free again
        }
    }

    /** See {@link OpenSearchBulkImport}: durable and searchable on return. */
    @Override
    public void importIssues(List<Issue> issues) {
        bulkImport.importIssues(issues);
    }

    // ---- reads -------------------------------------------------------------------------------------

    private Optional<GetResponse<ObjectNode>> getMeta(String id) {
        GetResponse<ObjectNode> response = OpenSearchFailures.call(() -> client.get(g -> g.index(metaIndex).id(id), ObjectNode.class));
        return response.found() ? Optional.of(response) : Optional.empty();
    }

    private Optional<GetResponse<ObjectNode>> getIssueDocument(String key) {
        return moves.issueDocument(key);
    }

    @Override
    public List<ChangeEvent> changelog(Issue issue, ChangelogQuery query) {
        return changes.changelog(issue.keys(), query);
    }

    @Override
    public Optional<Issue> get(String key) {
        return getIssueDocument(key).map(found -> OpenSearchDocuments.issueFrom(found.source()));
    }

    @Override
    public Optional<Issue> getById(String id) {
        SearchResponse<ObjectNode> response = OpenSearchFailures.call(() -> client.search(s -> s.index(index)
                .query(OpenSearchCompiler.term(OpenSearchDocuments.ID, id)).size(1), ObjectNode.class));
        OpenSearchFailures.requireAllShards(response.shards());
        return response.hits().hits().stream().findFirst().map(hit -> OpenSearchDocuments.issueFrom(hit.source()));
    }

    /**
     * One real-time multi-get (no query, sort or total, as a search would have). The whole {@code _source}:
     * OpenSearch's source filtering re-orders the keys of nested objects, and comments, links and unknown
     * fields are rendered in their stored order.
     */
    @Override
    public Map<String, Issue> getAll(Collection<String> keys) {
        Map<String, Issue> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        List<String> ids = keys.stream().filter(key -> !key.isBlank()).distinct().toList(); // "" is no document id
        if (ids.isEmpty()) {
            return found;
        }
        MgetResponse<ObjectNode> response = OpenSearchFailures.call(() -> client.mget(m -> m.index(index)
                .ids(ids), ObjectNode.class));
        for (MultiGetResponseItem<ObjectNode> item : response.docs()) {
            if (item.isFailure()) {
                throw OpenSearchFailures.unavailable("reading issue " + item.failure().id() + ": " + item.failure().error().reason(), null);
            }
            if (item.result().found()) {
                Issue issue = OpenSearchDocuments.issueFrom(item.result().source());
                found.put(issue.key(), issue);
            }
        }
        return found;
    }

    /**
     * One real-time multi-get of only the id and summary of each issue (source filtering; the order of
     * keys does not matter here), not whole issues: what a page shows of the issues its issues name.
     */
    @Override
    public Map<String, IssueSummary> summaries(Collection<String> keys) {
        List<String> ids = keys.stream().filter(key -> !key.isBlank()).distinct().toList(); // "" is no document id
        Map<String, IssueSummary> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        String issue = OpenSearchDocuments.ISSUE;
        // Whole sources, which in indexes made since _source keeps only the issue are the issue alone: a
        // source filter made the node build an automaton for every document it returned, which cost more of
        // its CPU than reading the documents (a fifth of a search page's, in a JFR profile of the node).
        MgetResponse<ObjectNode> response = OpenSearchFailures.call(() -> client.mget(m -> m.index(index).ids(ids), ObjectNode.class));
        for (MultiGetResponseItem<ObjectNode> item : response.docs()) {
            if (item.isFailure()) {
                throw OpenSearchFailures.unavailable("reading issue " + item.failure().id() + ": " + item.failure().error().reason(), null);
            }
            if (item.result().found()) {
                JsonNode summary = item.result().source().path(issue);
                found.put(item.result().id(), new IssueSummary(summary.path("id").asText(),
                        summary.path(IssueField.SUMMARY.id()).asText()));
            }
        }
        return found;
    }

    /** Through the marker (real-time GET): the issue it names, if that issue still carries the value. */
    @Override
    public Optional<Issue> findByUnique(String unique) {
        return uniques.issueOf(unique);
    }

    @Override
    public IssuePage search(Condition condition, IssueSort sort, int offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative");
        }
        if (limit == 0) {
            return new IssuePage(List.of(), count(condition));
        }
        Query query = compiler.compile(changes.resolve(condition));
        List<SortOptions> sorts = OpenSearchSorts.toSort(sort);
        int size = (int) Math.min(limit, (long) Integer.MAX_VALUE - offset);
        SearchResponse<ObjectNode> response = OpenSearchFailures.call(() -> client.search(s -> s.index(index)
                .query(query).sort(sorts).from(offset).size(size).trackTotalHits(t -> t.enabled(true)), ObjectNode.class));
        OpenSearchFailures.requireAllShards(response.shards());
        List<Issue> issues = response.hits().hits().stream().map(hit -> OpenSearchDocuments.issueFrom(hit.source())).toList();
        return new IssuePage(issues, response.hits().total().value());
    }

    /** The query DSL (JSON) the condition compiles to, with changed() already answered from the history. */
    @Override
    public Optional<String> explain(Condition condition) {
        return Optional.of(PitCursor.queryJson(compiler.compile(changes.resolve(condition))));
    }

    @Override
    public long count(Condition condition) {
        Query query = compiler.compile(changes.resolve(condition));
        var response = OpenSearchFailures.call(() -> client.count(c -> c.index(index).query(query)));
        OpenSearchFailures.requireAllShards(response.shards());
        return response.count();
    }

    // ---- snapshots (points in time, OpenSearchPits) ------------------------------------------------

    @Override
    public Snapshot openSnapshot(Condition condition, IssueSort sort) {
        return pits.openSnapshot(compiler.compile(changes.resolve(condition)), sort == null ? IssueSort.BY_KEY : sort);
    }

    @Override
    public ResumablePage openResumable(Condition condition, IssueSort sort, int count, Duration keepAlive) {
        return pits.openResumable(compiler.compile(changes.resolve(condition)), sort == null ? IssueSort.BY_KEY : sort,
                count, keepAlive);
    }

    @Override
    public ResumablePage resume(Cursor cursor, int count, Duration keepAlive) {
        return pits.resume(cursor, fields, count, keepAlive);
    }

    @Override
    public void release(Cursor cursor) {
        pits.release(cursor);
    }

    // ---- lifecycle ---------------------------------------------------------------------------------

    @Override
    public void close() {
        bulkImport.close();
        closeTransport();
    }

    private void closeTransport() {
        try {
            transport.close();
        } catch (IOException e) {
            log.debug("closing the OpenSearch transport failed", e);
        }
    }
}
