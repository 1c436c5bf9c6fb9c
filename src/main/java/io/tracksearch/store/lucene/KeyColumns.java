package io.tracksearch.store.lucene;

import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.DocIdSetIterator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each document's key (queue and number) as one long in memory, per segment: the segment's ord of its queue
 * key in the upper half, its number in the lower half, {@link #MISSING} for a document without both (queues,
 * field definitions, issues from before the sort fields). Within a segment the longs sort in key order.
 *
 * <p>Why: key order is the default order of a search, and a page in it compares every match against the
 * page's worst hit. Reading both keys through doc values (a sparse block lookup and a memory-mapped read
 * each) made that about 11 ns per match, 11 ms for a million matches; an array read is a fraction of that.
 * The price is 8 bytes of heap per document of the index while its segment is open. Segments are
 * immutable, so an array is built once, on first use, and dropped when Lucene closes the segment.
 *
 * <p>Threads: safe for concurrent use; two threads may build the same segment's array at once.
 */
final class KeyColumns {
    /** A document without a queue or a number. */
    static final long MISSING = -1L;
    /** Numbers below this fit in the lower half; a segment with a larger one is not kept (see {@link #of}). */
    private static final long NUMBER_LIMIT = 1L << 32;
    /** What a segment that cannot be packed maps to, so that it is not read again. */
    private static final long[] UNPACKABLE = new long[0];

    private final ConcurrentHashMap<IndexReader.CacheKey, long[]> bySegment = new ConcurrentHashMap<>();

    /**
     * The packed keys of a segment's documents, by segment doc id; empty when some number is too large to
     * pack or the reader has no core to cache against, which callers answer another way.
     */
    Optional<long[]> of(LeafReader segment) {
        IndexReader.CacheHelper core = segment.getCoreCacheHelper();
        if (core == null) {
            return Optional.empty();
        }
        long[] packed = bySegment.get(core.getKey());
        if (packed == null) {
            packed = read(segment);
            if (bySegment.putIfAbsent(core.getKey(), packed) == null) {
                core.addClosedListener(bySegment::remove);
            }
        }
        return packed == UNPACKABLE ? Optional.empty() : Optional.of(packed);
    }

    /** Segments held (for tests). */
    int size() {
        return bySegment.size();
    }

    private static long[] read(LeafReader segment) {
        try {
            SortedDocValues queues = DocValues.getSorted(segment, IssueDocuments.SORT_QUEUE);
            NumericDocValues numbers = DocValues.getNumeric(segment, IssueDocuments.SORT_NUMBER);
            long[] packed = new long[segment.maxDoc()];
            Arrays.fill(packed, MISSING);
            for (int doc = queues.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = queues.nextDoc()) {
                if (numbers.advanceExact(doc)) {
                    long number = numbers.longValue();
                    if (number < 0 || number >= NUMBER_LIMIT) {
                        return UNPACKABLE;
                    }
                    packed[doc] = (long) queues.ordValue() << 32 | number;
                }
            }
            return packed;
        } catch (IOException e) {
            throw new UncheckedIOException("reading a segment's keys failed", e);
        }
    }
}
