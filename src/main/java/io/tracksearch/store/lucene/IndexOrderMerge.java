package io.tracksearch.store.lucene;

import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSelector;
import org.apache.lucene.search.SortedNumericSortField;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.PriorityQueue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Every match of a query in {@link LuceneSorts#INDEX_SORT} order (last updated first, then key), for a
 * snapshot, where each segment is kept in that order: a segment's matches, collected in document order,
 * are then already sorted, and the result is a merge of one sorted run per segment.
 *
 * <p>Why: Lucene's collector for "all N hits in a sort" keeps a heap of N entries with a copy of each
 * hit's sort values and pops them one by one (16 % of the server's CPU over a 300-page scroll in update
 * order at 1,000,000 issues), after a counting pass that sized it. Here each match costs one doc-values
 * read of its update time (12 bytes while collecting) and a few comparisons in a heap of segments; the
 * key is read only for equal update times in different segments.
 */
final class IndexOrderMerge {
    private IndexOrderMerge() {
    }

    /** Whether the sort is the index sort and every segment of the searcher is kept in it. */
    static boolean serves(IndexSearcher searcher, Sort sort) {
        if (!LuceneSorts.INDEX_SORT.equals(sort)) {
            return false;
        }
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            if (!sort.equals(leaf.reader().getMetaData().sort())) {
                return false;
            }
        }
        return true;
    }

    /** The global doc ids of all matches, in index-sort order. Only where {@link #serves} says so. */
    static int[] collect(IndexSearcher searcher, Query query) throws IOException {
        SortedNumericSortField updated = (SortedNumericSortField) LuceneSorts.INDEX_SORT.getSort()[0];
        List<Run> runs = searcher.search(query, new CollectorManager<RunCollector, List<Run>>() {
            @Override
            public RunCollector newCollector() {
                return new RunCollector(updated);
            }

            @Override
            public List<Run> reduce(Collection<RunCollector> collectors) {
                List<Run> all = new ArrayList<>();
                collectors.forEach(collector -> all.addAll(collector.runs));
                return all;
            }
        });
        int total = 0;
        RunQueue queue = new RunQueue(runs.size());
        for (Run run : runs) {
            total += run.size;
            if (run.size > 0) {
                queue.add(run);
            }
        }
        int[] docIds = new int[total];
        for (int i = 0; i < total; i++) {
            Run head = queue.top();
            docIds[i] = head.docBase + head.docs[head.at];
            if (head.next()) {
                queue.updateTop();
            } else {
                queue.pop();
            }
        }
        return docIds;
    }

    /** One segment's matches in document order (which is index-sort order) with their update times. */
    private static final class Run {
        final LeafReader reader;
        final int docBase;
        int[] docs = new int[64];
        long[] updated = new long[64];
        int size;
        int at;
        private SortedDocValues queues;
        private NumericDocValues numbers;
        private int keyDoc = -1;
        private BytesRef queue;
        private long number;

        Run(LeafReaderContext context) {
            this.reader = context.reader();
            this.docBase = context.docBase;
        }

        void add(int doc, long updatedAt) {
            if (size == docs.length) {
                docs = Arrays.copyOf(docs, size * 2);
                updated = Arrays.copyOf(updated, size * 2);
            }
            docs[size] = doc;
            updated[size++] = updatedAt;
        }

        boolean next() {
            return ++at < size;
        }

        /**
         * The head's queue key and number, read once per head: heads only move forward, so the doc-values
         * iterators do too. The queue bytes stay valid until the next head's are read.
         */
        private void readKey() throws IOException {
            int doc = docs[at];
            if (keyDoc == doc) {
                return;
            }
            if (queues == null) {
                queues = DocValues.getSorted(reader, IssueDocuments.SORT_QUEUE);
                numbers = DocValues.getNumeric(reader, IssueDocuments.SORT_NUMBER);
            }
            queue = queues.advanceExact(doc) ? queues.lookupOrd(queues.ordValue()) : null;
            number = numbers.advanceExact(doc) ? numbers.longValue() : 0;
            keyDoc = doc;
        }

        BytesRef queue() throws IOException {
            readKey();
            return queue;
        }

        long number() throws IOException {
            readKey();
            return number;
        }
    }

    private static final class RunCollector extends SimpleCollector {
        private final SortedNumericSortField updated;
        final List<Run> runs = new ArrayList<>();
        private Run run;
        private NumericDocValues values;

        RunCollector(SortedNumericSortField updated) {
            this.updated = updated;
        }

        @Override
        protected void doSetNextReader(LeafReaderContext context) throws IOException {
            run = new Run(context);
            runs.add(run);
            values = SortedNumericSelector.wrap(DocValues.getSortedNumeric(context.reader(), updated.getField()),
                    updated.getSelector(), updated.getNumericType());
        }

        @Override
        public void collect(int doc) throws IOException {
            run.add(doc, values.advanceExact(doc) ? values.longValue() : (Long) updated.getMissingValue());
        }

        @Override
        public void setScorer(Scorable scorer) {
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }
    }

    /**
     * Segment heads, the first in index-sort order on top: update time descending (a missing one is
     * {@code Long.MIN_VALUE}, last), then queue key and number ascending, as {@link LuceneSorts#INDEX_SORT}.
     */
    private static final class RunQueue extends PriorityQueue<Run> {
        RunQueue(int size) {
            super(size);
        }

        @Override
        protected boolean lessThan(Run a, Run b) {
            long updatedA = a.updated[a.at];
            long updatedB = b.updated[b.at];
            if (updatedA != updatedB) {
                return updatedA > updatedB;
            }
            try {
                int byQueue = compareQueues(a.queue(), b.queue());
                if (byQueue != 0) {
                    return byQueue < 0;
                }
                return a.number() < b.number();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static int compareQueues(BytesRef a, BytesRef b) {
            if (a == null || b == null) {   // missing first: INDEX_SORT's queue field has no missing value set
                return a == null ? (b == null ? 0 : -1) : 1;
            }
            return a.compareTo(b);
        }
    }

    static {
        // The merge hard-codes the index sort's shape; a changed INDEX_SORT must change this class too.
        SortField[] fields = LuceneSorts.INDEX_SORT.getSort();
        if (fields.length != 3 || !(fields[0] instanceof SortedNumericSortField first) || !first.getReverse()
                || !Long.valueOf(Long.MIN_VALUE).equals(first.getMissingValue())
                || !fields[1].getField().equals(IssueDocuments.SORT_QUEUE) || fields[1].getReverse()
                || !fields[2].getField().equals(IssueDocuments.SORT_NUMBER) || fields[2].getReverse()) {
            throw new IllegalStateException("IndexOrderMerge does not know this index sort: " + LuceneSorts.INDEX_SORT);
        }
    }
}
