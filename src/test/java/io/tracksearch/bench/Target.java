package io.tracksearch.bench;

import java.io.IOException;
import java.util.List;

/**
 * A search server under test, reached over HTTP. The runner treats every target alike: load the same
 * issues, answer the same {@link QuerySpec}s, scroll the same result. A new column in the report (for
 * example tracksearch on its OpenSearch backend) is one more implementation, or another
 * {@link TrackerTarget} pointed at a differently started server.
 */
public interface Target extends AutoCloseable {
    /** Column title in the report. */
    String name();

    /** Loads the next {@code count} issues of the generated data; returns how many were stored. */
    long load(long count) throws IOException, InterruptedException;

    /** Makes everything loaded searchable (a no-op where writes are visible on return). */
    void finishLoad() throws IOException, InterruptedException;

    /** One page of {@code size} results: the exact total and the keys of the page, in order. */
    default Page search(QuerySpec query, int size) throws IOException, InterruptedException {
        return search(query, size, 1);
    }

    /** Page {@code page} (1-based) of {@code size} results: the exact total and the keys of that page, in order. */
    Page search(QuerySpec query, int size, long page) throws IOException, InterruptedException;

    /**
     * A request that does no work (a health or banner page): what every other figure of this target also
     * pays for the client, the loopback and the server's threads waking. Fails unless answered 2xx.
     */
    void roundTrip() throws IOException, InterruptedException;

    /** The number of matches. */
    long count(QuerySpec query) throws IOException, InterruptedException;

    /** The ways this target can read a whole result (e.g. "scroll", "PIT + search_after"). */
    List<String> scrollMethods();

    /** Reads the whole result in pages of {@code perPage}, sorted as the query says or in any order. */
    ScrollResult scroll(String method, QuerySpec query, boolean sorted, int perPage) throws IOException, InterruptedException;

    /** Server-side memory figures for the report (e.g. heap used), free text. */
    String memory() throws IOException, InterruptedException;

    @Override
    void close();

    record Page(long total, List<String> keys) {
    }

    /**
     * A whole result read page by page. {@code orderHash} depends on the order of the keys,
     * {@code setHash} only on the set; both let the runner check that the targets returned the same.
     */
    record ScrollResult(long issues, long pages, long nanos, long orderHash, long setHash) {
        double issuesPerSecond() {
            return issues * 1e9 / nanos;
        }
    }

    /** Accumulates the hashes of a scroll. */
    final class KeyHasher {
        private long count;
        private long orderHash = 1;
        private long setHash;

        void add(String key) {
            long h = mix(key.hashCode());
            count++;
            orderHash = orderHash * 1_000_003L + h;
            setHash += h;
        }

        long count() {
            return count;
        }

        ScrollResult result(long pages, long nanos) {
            return new ScrollResult(count, pages, nanos, orderHash, setHash);
        }

        private static long mix(long value) {
            long z = value * 0x9E3779B97F4A7C15L;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            return z ^ (z >>> 31);
        }
    }
}
