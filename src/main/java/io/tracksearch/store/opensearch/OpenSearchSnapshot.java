package io.tracksearch.store.opensearch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracksearch.model.Issue;
import io.tracksearch.store.Snapshot;
import org.opensearch.client.opensearch._types.SortOptions;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.SearchResponse;

import java.util.List;

/**
 * A point in time read by position (from/size), for {@link io.tracksearch.store.IssueStore#openSnapshot}
 * callers that keep the snapshot in one process. Scrolls use the resumable form instead. Owns the PIT:
 * {@link #close} deletes it (its keep-alive, renewed by each read, frees it otherwise).
 * Threads: concurrent reads are safe. Closing twice is a no-op; reading after close throws.
 */
final class OpenSearchSnapshot implements Snapshot {
    private final OpenSearchPits pits;
    private final String pitId;
    private final Query query;
    private final List<SortOptions> sorts;
    private final long size;
    private volatile boolean closed;

    OpenSearchSnapshot(OpenSearchPits pits, String pitId, Query query, List<SortOptions> sorts, long size) {
        this.pits = pits;
        this.pitId = pitId;
        this.query = query;
        this.sorts = sorts;
        this.size = size;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public List<Issue> read(long position, int count) {
        if (position < 0 || count < 0) {
            throw new IllegalArgumentException("position and count must not be negative");
        }
        if (closed) {
            throw new IllegalStateException("snapshot is closed");
        }
        if (position >= size || count == 0) {
            return List.of();
        }
        int wanted = (int) Math.min(count, size - position);
        SearchResponse<ObjectNode> response = pits.search(pitId, OpenSearchPits.SNAPSHOT_KEEP_ALIVE, query, sorts, null,
                Math.toIntExact(position), wanted, false);
        if (response.hits().hits().size() < wanted) {
            throw OpenSearchFailures.unavailable("short page from OpenSearch", null);
        }
        return response.hits().hits().stream().map(hit -> OpenSearchDocuments.issueFrom(hit.source())).toList();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        pits.delete(pitId);
    }
}
