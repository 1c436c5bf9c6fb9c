package io.tracksearch.store.opensearch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracksearch.error.ErrorCode;
import io.tracksearch.error.Message;
import io.tracksearch.error.TrackerException;
import io.tracksearch.model.FieldRegistry;
import io.tracksearch.model.Issue;
import io.tracksearch.store.Cursor;
import io.tracksearch.store.IssueSort;
import io.tracksearch.store.ResumablePage;
import io.tracksearch.store.Snapshot;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.SortOptions;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.CreatePitResponse;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.search.Hit;
import org.opensearch.client.opensearch.core.search.Pit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Scrolls and snapshots of the issue index: each is a point in time (PIT) of OpenSearch, read by position
 * ({@link OpenSearchSnapshot}, for a caller holding it in one process) or page by page with
 * {@code search_after} from a cursor the client carries ({@link PitCursor}), so that any node of ours can
 * continue it. A PIT that is gone answers as an expired scroll; the cluster's own bound on open PITs as our
 * scroll limit (429).
 */
final class OpenSearchPits {
    private static final Logger log = LoggerFactory.getLogger(OpenSearchPits.class);
    static final Duration SNAPSHOT_KEEP_ALIVE = Duration.ofMinutes(10);

    private final OpenSearchClient client;
    private final String index;

    OpenSearchPits(OpenSearchClient client, String index) {
        this.client = client;
        this.index = index;
    }

    /** A PIT read by position (from/size), for callers that hold the snapshot in one process. */
    Snapshot openSnapshot(Query query, IssueSort sort) {
        List<SortOptions> sorts = OpenSearchSorts.toSort(sort);
        String pitId = create(SNAPSHOT_KEEP_ALIVE);
        boolean handedOver = false;
        try {
            SearchResponse<ObjectNode> first = search(pitId, SNAPSHOT_KEEP_ALIVE, query, sorts, null, 0, 0, true);
            OpenSearchSnapshot snapshot = new OpenSearchSnapshot(this, pitId, query, sorts, first.hits().total().value());
            handedOver = true;
            return snapshot;
        } finally {
            if (!handedOver) {
                delete(pitId);
            }
        }
    }

    ResumablePage openResumable(Query query, IssueSort sort, int count, Duration keepAlive) {
        String pitId = create(keepAlive);
        boolean handedOver = false;
        try {
            SearchResponse<ObjectNode> response = search(pitId, keepAlive, query, OpenSearchSorts.toSort(sort), null, 0, count, true);
            long total = response.hits().total().value();
            PitCursor start = new PitCursor(pitId, PitCursor.queryJson(query), PitCursor.sortSpec(sort), total, 0, null, null);
            ResumablePage page = page(start, response, count);
            handedOver = true;
            return page;
        } finally {
            if (!handedOver) {
                delete(pitId);
            }
        }
    }

    ResumablePage resume(Cursor cursor, FieldRegistry fields, int count, Duration keepAlive) {
        PitCursor position = PitCursor.parse(cursor);
        Query query = position.query();
        List<SortOptions> sorts = OpenSearchSorts.toSort(position.sort(fields));
        List<FieldValue> after = position.searchAfter();
        if (after == null) {
            after = sortValuesOf(position, query, sorts, keepAlive);
        }
        SearchResponse<ObjectNode> response = search(position.pitId(), keepAlive, query, sorts, after, 0, count, false);
        return page(position, response, count);
    }

    /** Frees the PIT of a cursor; a cursor that does not parse names none. */
    void release(Cursor cursor) {
        PitCursor position;
        try {
            position = PitCursor.parse(cursor);
        } catch (TrackerException e) {
            return;
        }
        delete(position.pitId());
    }

    /** Sort values of the last issue served, looked up in the PIT when they were too long for the cursor. */
    private List<FieldValue> sortValuesOf(PitCursor position, Query query, List<SortOptions> sorts, Duration keepAlive) {
        Query byKey = Query.of(q -> q.bool(b -> b.filter(query).filter(f -> f.ids(i -> i.values(position.lastKey())))));
        SearchResponse<ObjectNode> response = search(position.pitId(), keepAlive, byKey, sorts, null, 0, 1, false);
        if (response.hits().hits().isEmpty()) {
            throw OpenSearchFailures.unavailable("issue " + position.lastKey() + " is missing from its point in time", null);
        }
        return response.hits().hits().getFirst().sort();
    }

    private ResumablePage page(PitCursor position, SearchResponse<ObjectNode> response, int count) {
        List<Hit<ObjectNode>> hits = response.hits().hits();
        long reached = position.position() + hits.size();
        if (hits.size() < count && reached < position.total()) {
            throw OpenSearchFailures.unavailable("short page from OpenSearch: " + hits.size() + " of " + count, null);
        }
        List<Issue> issues = hits.stream().map(hit -> OpenSearchDocuments.issueFrom(hit.source())).toList();
        if (reached >= position.total()) {
            delete(position.pitId());
            return new ResumablePage(issues, position.total(), Optional.empty());
        }
        String pitId = response.pitId() != null ? response.pitId() : position.pitId();
        Hit<ObjectNode> last = hits.getLast();
        PitCursor next = position.next(pitId, reached, last.id(), last.sort());
        return new ResumablePage(issues, position.total(), Optional.of(next.toCursor()));
    }

    String create(Duration keepAlive) {
        CreatePitResponse response;
        try {
            response = OpenSearchFailures.call(() -> client.createPit(c -> c.index(index)
                    .keepAlive(t -> t.time(keepAlive.toMillis() + "ms")).allowPartialPitCreation(false)));
        } catch (TrackerException e) {
            // The cluster's own bound on open points in time (search.max_open_pit_context, 300 per node
            // by default) is the scroll limit a client can act on: 429, as for our own limits (spec 5.8).
            if (String.valueOf(e.getCause()).contains("max_open_pit_context")) {
                throw new TrackerException(ErrorCode.TOO_MANY_SCROLLS, Message.TOO_MANY_SCROLLS);
            }
            throw e;
        }
        OpenSearchFailures.requireAllShards(response.shards());
        return response.pitId();
    }

    /** Frees a PIT; a failure is only logged, since its keep-alive frees it anyway. */
    void delete(String pitId) {
        try {
            client.deletePit(d -> d.pitId(pitId));
        } catch (IOException | RuntimeException e) {
            log.debug("PIT not deleted; its keep-alive expires it", e);
        }
    }

    /**
     * One search in a PIT. A PIT that is gone (expired, deleted, or lost with a node) is NOT_FOUND, as an
     * expired scroll; an answer from fewer shards than the PIT covers is STORE_UNAVAILABLE.
     */
    SearchResponse<ObjectNode> search(String pitId, Duration keepAlive, Query query, List<SortOptions> sorts,
            List<FieldValue> after, int from, int size, boolean total) {
        SearchResponse<ObjectNode> response;
        try {
            response = OpenSearchFailures.call(() -> client.search(s -> {
                s.pit(new Pit.Builder().id(pitId).keepAlive(keepAlive.toMillis() + "ms").build()).query(query).sort(sorts).size(size)
                        .trackTotalHits(t -> t.enabled(total));
                if (from > 0) {
                    s.from(from);
                }
                if (after != null) {
                    s.searchAfter(after);
                }
                return s;
            }, ObjectNode.class));
        } catch (TrackerException e) {
            if (isMissingContext(e)) {
                throw new TrackerException(ErrorCode.NOT_FOUND, Message.SCROLL_NOT_FOUND);
            }
            throw e;
        }
        OpenSearchFailures.requireAllShards(response.shards());
        return response;
    }

    private static boolean isMissingContext(TrackerException e) {
        String text = e.getCause() instanceof OpenSearchException cause ? OpenSearchFailures.describe(cause) : "";
        return OpenSearchFailures.status(e) == 404 || text.contains("search_context_missing")
                || text.contains("No search context found");
    }
}
