package io.tracksearch.store.opensearch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracksearch.error.ErrorCode;
import io.tracksearch.error.Message;
import io.tracksearch.error.TrackerException;
import io.tracksearch.model.ChangeEvent;
import io.tracksearch.model.CustomField;
import io.tracksearch.model.FieldRegistry;
import io.tracksearch.model.Issue;
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
import org.opensearch.client.opensearch._types.Refresh;
import org.opensearch.client.opensearch.core.GetResponse;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5Transport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
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
    private final OpenSearchQueues queues;
    private final OpenSearchCustomFields customFields;
    private final OpenSearchBulkImport bulkImport;
    private final OpenSearchIssueReads reads;

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
        this.queues = new OpenSearchQueues(client, metaIndex, counters, this::getMeta);
        this.uniques = new OpenSearchUniqueMarkers(client, metaIndex, this::getMeta, this::get);
        this.customFields = new OpenSearchCustomFields(client, indexes, index, metaIndex, issueTexts);
        this.fields = new FieldRegistry(this::customFields);
        this.moves = new OpenSearchMoves(client, index, metaIndex, changes, this::document);
        this.bulkImport = new OpenSearchBulkImport(client, index, metaIndex, this::document, uniques, counters);
        this.reads = new OpenSearchIssueReads(client, index, compiler, changes, moves);
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

    // ---- queues (OpenSearchQueues) -----------------------------------------------------------------

    @Override
    public Queue createQueue(Queue queue) {
        return queues.create(queue);
    }

    @Override
    public Queue updateQueue(String key, UnaryOperator<Queue> change) {
        return queues.update(key, change);
    }

    @Override
    public long allocateComponentId() {
        return queues.allocateComponentId();
    }

    @Override
    public Optional<Queue> queue(String key) {
        return queues.get(key);
    }

    @Override
    public List<Queue> queues() {
        return queues.all();
    }

    // ---- custom fields -----------------------------------------------------------------------------

    @Override
    public void createField(CustomField field) {
        customFields.create(field);
        fields.reload();
    }

    @Override
    public List<CustomField> customFields() {
        return customFields.all();
    }

    @Override
    public FieldRegistry fields() {
        return fields;
    }

    @Override
    public StoredObjects objects() {
        return objects;
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

    // ---- reads (OpenSearchIssueReads) -------------------------------------------------------------

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
        return reads.get(key);
    }

    @Override
    public Optional<Issue> getById(String id) {
        return reads.getById(id);
    }

    @Override
    public Map<String, Issue> getAll(Collection<String> keys) {
        return reads.getAll(keys);
    }

    @Override
    public Map<String, IssueSummary> summaries(Collection<String> keys) {
        return reads.summaries(keys);
    }

    /** Through the marker (real-time GET): the issue it names, if that issue still carries the value. */
    @Override
    public Optional<Issue> findByUnique(String unique) {
        return uniques.issueOf(unique);
    }

    @Override
    public IssuePage search(Condition condition, IssueSort sort, int offset, int limit) {
        return reads.search(condition, sort, offset, limit);
    }

    @Override
    public Optional<String> explain(Condition condition) {
        return reads.explain(condition);
    }

    @Override
    public long count(Condition condition) {
        return reads.count(condition);
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
