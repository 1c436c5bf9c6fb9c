package io.tracksearch.store.lucene;

import io.tracksearch.model.Issue;
import io.tracksearch.store.Snapshot;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A frozen search result: the doc ids of the matches, in order, over a pinned searcher.
 *
 * <p>Lifetime: owns one reference of the {@link SearcherManager}'s searcher from {@link #collect} until
 * {@link #close}, which releases it exactly once. While pinned, the segments of that point in time stay
 * open (and on disk) even after later writes merge them away, so later writes, edits and deletes are
 * invisible to {@link #read}.
 *
 * <p>Memory: 4 bytes per hit (an {@code int[]} of doc ids) plus whatever the pinned segments hold
 * that the live index no longer needs. The query runs once, at {@link #collect}; a page costs one
 * stored-fields read per issue, O(count).
 *
 * <p>Threads: concurrent reads are safe (each read uses its own StoredFields); close waits for running
 * reads. Closing twice is a no-op; reading after close throws IllegalStateException.
 */
public final class LuceneSnapshot implements Snapshot {
    private final SearcherManager searchers;
    private final IndexSearcher searcher;
    private final int[] docIds;
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
    /** Guarded by {@code lifecycle}'s write lock; read under its read lock. */
    private boolean closed;

    private LuceneSnapshot(SearcherManager searchers, IndexSearcher searcher, int[] docIds) {
        this.searchers = searchers;
        this.searcher = searcher;
        this.docIds = docIds;
    }

    /**
     * Runs the query once on an acquired searcher and takes over that reference: on success the snapshot
     * releases it; on failure the caller still owns it. {@code sort} null means index order.
     */
    static LuceneSnapshot collect(SearcherManager searchers, IndexSearcher searcher, Query query, Sort sort, SortColumns columns)
            throws IOException {
        int[] docIds = sort == null ? searcher.search(query, new DocIdCollectorManager()) : inOrder(searcher, query, sort, columns);
        return new LuceneSnapshot(searchers, searcher, docIds);
    }

    /**
     * The matches in {@code sort}: merged from the sorted segments (update order), bucketed by queue (key
     * order) or sorted as primitive arrays (one whole-number field, then key) where the order allows, else
     * by Lucene's collector holding all of them.
     */
    private static int[] inOrder(IndexSearcher searcher, Query query, Sort sort, SortColumns columns) throws IOException {
        if (IndexOrderMerge.serves(searcher, sort)) {
            return IndexOrderMerge.collect(searcher, query);
        }
        if (KeyOrderBuckets.serves(sort)) {
            Optional<int[]> bucketed = KeyOrderBuckets.collect(searcher, query, sort, columns);
            if (bucketed.isPresent()) {
                return bucketed.get();
            }
        }
        if (NumericFirstOrder.serves(sort)) {
            return NumericFirstOrder.collect(searcher, query, sort);
        }
        int count = searcher.count(query);
        if (count == 0) {
            return new int[0];
        }
        TopFieldDocs top = searcher.search(query, new TopFieldCollectorManager(sort, count, null, Integer.MAX_VALUE));
        int[] docIds = new int[top.scoreDocs.length];
        for (int i = 0; i < docIds.length; i++) {
            docIds[i] = top.scoreDocs[i].doc;
        }
        return docIds;
    }

    @Override
    public long size() {
        return docIds.length;
    }

    @Override
    public List<Issue> read(long position, int count) {
        if (position < 0 || count < 0) {
            throw new IllegalArgumentException("position and count must not be negative");
        }
        lifecycle.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("snapshot is closed");
            }
            int from = (int) Math.min(position, docIds.length);
            int to = (int) Math.min((long) from + count, docIds.length);
            return LuceneIssueReads.loadIssues(searcher.storedFields(), Arrays.copyOfRange(docIds, from, to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            searchers.release(searcher);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    /** Collects the global doc ids of all matches in index order. */
    private static final class DocIdCollectorManager implements CollectorManager<DocIdCollector, int[]> {
        @Override
        public DocIdCollector newCollector() {
            return new DocIdCollector();
        }

        @Override
        public int[] reduce(Collection<DocIdCollector> collectors) {
            int total = 0;
            for (DocIdCollector collector : collectors) {
                total += collector.size;
            }
            int[] all = new int[total];
            int offset = 0;
            for (DocIdCollector collector : collectors) {
                System.arraycopy(collector.docIds, 0, all, offset, collector.size);
                offset += collector.size;
            }
            Arrays.sort(all);
            return all;
        }
    }

    private static final class DocIdCollector implements Collector {
        private int[] docIds = new int[16];
        private int size;

        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) {
            int docBase = context.docBase;
            return new LeafCollector() {
                @Override
                public void setScorer(Scorable scorer) {
                }

                @Override
                public void collect(int doc) {
                    if (size == docIds.length) {
                        docIds = Arrays.copyOf(docIds, size * 2);
                    }
                    docIds[size++] = docBase + doc;
                }
            };
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }
    }
}
