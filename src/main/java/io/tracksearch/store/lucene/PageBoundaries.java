package io.tracksearch.store.lucene;

import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Remembered positions of sorted results, so that a deep page is collected with {@code searchAfter}
 * from the nearest known position before it instead of from the first hit: page 2,000 of 50 then
 * costs about one page, not a priority queue of 100,000 entries over every match.
 *
 * <p>A position is the hit at a multiple of {@link #STEP} in a result, as a {@link FieldDoc} (sort
 * values and doc id, which {@code searchAfter} continues from exactly). They are valid for one
 * reader only: doc ids and the set of matches change with every refresh, so the whole table belongs
 * to the reader it was filled on and is dropped when a search comes with a newer one. Keyed by the
 * compiled query and sort (Lucene queries have value equality). Bounded: {@link #RESULTS} results,
 * each holding at most one position per {@link #STEP} hits it was read to.
 *
 * <p>Threads: all methods are safe to call concurrently.
 */
final class PageBoundaries {
    /** Distance between remembered positions: a deep page collects at most this many extra hits. */
    static final int STEP = 250;
    /** Results remembered for the current reader (least recently used first out). */
    private static final int RESULTS = 64;

    private record Key(Query query, Sort sort) {
    }

    private IndexReader.CacheKey reader;
    private final Map<Key, NavigableMap<Integer, FieldDoc>> results = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, NavigableMap<Integer, FieldDoc>> eldest) {
            return size() > RESULTS;
        }
    };

    /** Where to start collecting for a page at {@code offset}: the nearest remembered position at or before it. */
    synchronized Start start(IndexReader.CacheKey reader, Query query, Sort sort, int offset) {
        if (!Objects.equals(this.reader, reader)) {
            return Start.FIRST;
        }
        NavigableMap<Integer, FieldDoc> positions = results.get(new Key(query, sort));
        var floor = positions == null ? null : positions.floorEntry(offset);
        return floor == null ? Start.FIRST : new Start(floor.getKey(), floor.getValue());
    }

    /**
     * Remembers the positions among hits collected from {@code start}: {@code hits[i]} is the hit at
     * position {@code start.position() + i}; the hit before a multiple of {@link #STEP} is where a page
     * starting at that multiple continues from.
     */
    synchronized void remember(IndexReader.CacheKey reader, Query query, Sort sort, Start start, ScoreDoc[] hits) {
        if (!Objects.equals(this.reader, reader)) {
            this.reader = reader;   // a newer reader: every position of the old one is void
            results.clear();
        }
        int first = start.position() / STEP * STEP + STEP;
        if (first > start.position() + hits.length) {
            return;
        }
        NavigableMap<Integer, FieldDoc> positions = results.computeIfAbsent(new Key(query, sort), key -> new TreeMap<>());
        for (int position = first; position <= start.position() + hits.length; position += STEP) {
            positions.put(position, (FieldDoc) hits[position - start.position() - 1]);
        }
    }

    /** Collect from {@code position}, continuing after {@code after} (null: from the first hit). */
    record Start(int position, FieldDoc after) {
        static final Start FIRST = new Start(0, null);
    }
}
