package io.tracksearch.scroll;

import io.tracksearch.model.Issue;
import io.tracksearch.model.User;
import io.tracksearch.store.Condition;
import io.tracksearch.store.IssueSort;
import io.tracksearch.store.IssueStore;
import io.tracksearch.store.StoreBehavior;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Scrolling as the HTTP layer sees it (spec 5, 6), whatever the backend: open a scroll and serve its first
 * page, serve the page named by a scroll id, clear. Two implementations with identical HTTP behaviour:
 * <ul>
 *   <li>{@link ScrollRegistry}: contexts in this process over a {@link io.tracksearch.store.Snapshot}
 *       (embedded store: a pinned Lucene reader);</li>
 *   <li>{@link StatelessScrolls}: for backends with {@link StoreBehavior#RESUMABLE_SNAPSHOTS}; the scroll
 *       id itself carries the backend cursor, signed with a key the nodes share, so any node serves the
 *       next page and no node keeps scroll state.</li>
 * </ul>
 * Check order of a continuation (spec 5.6): token (403), id (404), owner (403).
 * Threads: implementations are thread-safe.
 */
public interface Scrolls extends AutoCloseable {
    /** How to serve the scroll: type for Link URLs, page size, TTL and the expansions of the first request. */
    record Options(String type, int perScroll, long ttlMillis, List<String> expand) {
        public Options {
            expand = List.copyOf(expand);
        }
    }

    ScrollLimits limits();

    /** Freezes the search ({@code sort} null: unsorted) and serves its first page; 429 beyond the limits. */
    ScrollPage open(User caller, String organization, Condition condition, IssueSort sort, Options options);

    /** Serves the page named by {@code scrollId}; {@code ttlMillis} renews the scroll, {@code expand} null or empty keeps the first request's. */
    ScrollPage next(User caller, String organization, String scrollId, String token, long ttlMillis, List<String> expand);

    /**
     * Reads the page {@code scrollId} names ahead of its request, so that its reading overlaps the client's
     * work on the page before: no check of a token, no renewal, no next id. The next {@link #next} of that
     * id (which checks, renews and names the next page as always) serves these issues instead of reading
     * them again. Empty when the scroll is not the caller's or is gone, when {@link ScrollLimits#readAheadPages}
     * pages are already waiting, or when the implementation does not read ahead.
     */
    default Optional<List<Issue>> readAhead(User caller, String organization, String scrollId) {
        return Optional.empty();
    }

    /**
     * How many pages {@link #readAhead} may hold at once; 0 when it does not read ahead. {@link StatelessScrolls}
     * does not: a page served from memory would not extend the backend's snapshot (a point in time is kept
     * alive only by reading it), so a slow client could outlive it.
     */
    default int readAheadPages() {
        return 0;
    }

    /** Releases the scrolls of the id→token pairs that belong to the caller; others are ignored (spec 6). */
    void clear(User caller, String organization, Map<String, String> pairs);

    /** Live scroll contexts this node holds (embedded store) or has admitted (stateless scrolls), for metrics. */
    int size();

    @Override
    void close();

    /** The implementation the store calls for: stateless when it supports resumable snapshots. */
    static Scrolls forStore(IssueStore store, ScrollLimits limits, byte[] secret, LongSupplier clock) {
        if (store.supports(StoreBehavior.RESUMABLE_SNAPSHOTS)) {
            return new StatelessScrolls(store, limits, secret, clock);
        }
        return new ScrollRegistry(store, limits, secret, clock, true);
    }
}
