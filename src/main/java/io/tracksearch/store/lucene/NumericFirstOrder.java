package io.tracksearch.store.lucene;

import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSelector;
import org.apache.lucene.search.SortedNumericSortField;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.IntroSorter;

import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;

/**
 * Every match of a query in an order by one whole-number field (a date, a time, a catalogue weight such
 * as priority), then key: for a snapshot, as {@link KeyOrderBuckets} does for key order. Each match's
 * value, queue rank, number and doc id go into primitive arrays that are sorted once, instead of Lucene's
 * heap of N entries (JMH {@code SnapshotBenchmarks}, "Sort By": Created ASC).
 *
 * <p>Missing values take the sort field's missing value, compared like any other, as Lucene does (which
 * puts them last in both directions, see {@link LuceneSorts}).
 */
final class NumericFirstOrder {
    private NumericFirstOrder() {
    }

    /** Whether the sort is one LONG field (single or multi-valued with a selector) and then the key, ascending. */
    static boolean serves(Sort sort) {
        SortField[] fields = sort.getSort();
        return fields.length == 3 && isLong(fields[0])
                && fields[1].getField().equals(IssueDocuments.SORT_QUEUE) && !fields[1].getReverse()
                && fields[2].getField().equals(IssueDocuments.SORT_NUMBER) && !fields[2].getReverse();
    }

    private static boolean isLong(SortField field) {
        return field instanceof SortedNumericSortField numeric
                ? numeric.getNumericType() == SortField.Type.LONG
                : field.getClass() == SortField.class && field.getType() == SortField.Type.LONG
                        && !field.getField().equals(IssueDocuments.SORT_NUMBER);
    }

    /** The global doc ids of all matches in {@code sort} ({@link #serves}). */
    static int[] collect(IndexSearcher searcher, Query query, Sort sort) throws IOException {
        SortField first = sort.getSort()[0];
        BytesRef[] queues = KeyOrderBuckets.queuesInOrder(searcher);
        Matches matches = searcher.search(query, new CollectorManager<MatchCollector, Matches>() {
            @Override
            public MatchCollector newCollector() {
                return new MatchCollector(first, queues);
            }

            @Override
            public Matches reduce(Collection<MatchCollector> collectors) {
                if (collectors.size() == 1) {
                    return collectors.iterator().next().matches;
                }
                Matches all = new Matches();
                collectors.forEach(collector -> all.addAll(collector.matches));
                return all;
            }
        });
        matches.sort(first.getReverse());
        return Arrays.copyOf(matches.docs, matches.size);
    }

    /** Parallel arrays, one slot per match. */
    private static final class Matches {
        long[] values = new long[64];
        int[] ranks = new int[64];
        long[] numbers = new long[64];
        int[] docs = new int[64];
        int size;

        void add(long value, int rank, long number, int doc) {
            if (size == docs.length) {
                int capacity = size * 2;
                values = Arrays.copyOf(values, capacity);
                ranks = Arrays.copyOf(ranks, capacity);
                numbers = Arrays.copyOf(numbers, capacity);
                docs = Arrays.copyOf(docs, capacity);
            }
            values[size] = value;
            ranks[size] = rank;
            numbers[size] = number;
            docs[size++] = doc;
        }

        void addAll(Matches other) {
            for (int i = 0; i < other.size; i++) {
                add(other.values[i], other.ranks[i], other.numbers[i], other.docs[i]);
            }
        }

        /** By value (reversed when descending), then queue, number and doc id ascending: Lucene's order. */
        private static int compare(long value, int rank, long number, int doc, long otherValue, int otherRank,
                long otherNumber, int otherDoc, boolean descending) {
            int byValue = Long.compare(value, otherValue);
            if (byValue != 0) {
                return descending ? -byValue : byValue;
            }
            int byQueue = Integer.compare(rank, otherRank);
            if (byQueue != 0) {
                return byQueue;
            }
            int byNumber = Long.compare(number, otherNumber);
            return byNumber != 0 ? byNumber : Integer.compare(doc, otherDoc);
        }

        void sort(boolean descending) {
            new IntroSorter() {
                private long pivotValue;
                private int pivotRank;
                private long pivotNumber;
                private int pivotDoc;

                @Override
                protected void setPivot(int i) {
                    pivotValue = values[i];
                    pivotRank = ranks[i];
                    pivotNumber = numbers[i];
                    pivotDoc = docs[i];
                }

                @Override
                protected int comparePivot(int j) {
                    return Matches.compare(pivotValue, pivotRank, pivotNumber, pivotDoc, values[j], ranks[j], numbers[j], docs[j], descending);
                }

                @Override
                protected int compare(int i, int j) {
                    return Matches.compare(values[i], ranks[i], numbers[i], docs[i], values[j], ranks[j], numbers[j], docs[j], descending);
                }

                @Override
                protected void swap(int i, int j) {
                    swapLong(values, i, j);
                    swapLong(numbers, i, j);
                    int rank = ranks[i];
                    ranks[i] = ranks[j];
                    ranks[j] = rank;
                    int doc = docs[i];
                    docs[i] = docs[j];
                    docs[j] = doc;
                }
            }.sort(0, size);
        }

        private static void swapLong(long[] array, int i, int j) {
            long value = array[i];
            array[i] = array[j];
            array[j] = value;
        }
    }

    private static final class MatchCollector extends SimpleCollector {
        private final SortField first;
        private final long missing;
        private final BytesRef[] queues;
        final Matches matches = new Matches();
        private int docBase;
        private NumericDocValues values;
        private SortedDocValues queueValues;
        private NumericDocValues numbers;
        private int[] rankOfOrd;

        MatchCollector(SortField first, BytesRef[] queues) {
            this.first = first;
            this.missing = first.getMissingValue() instanceof Long value ? value : 0L;
            this.queues = queues;
        }

        @Override
        protected void doSetNextReader(LeafReaderContext context) throws IOException {
            docBase = context.docBase;
            values = first instanceof SortedNumericSortField numeric
                    ? SortedNumericSelector.wrap(DocValues.getSortedNumeric(context.reader(), first.getField()),
                            numeric.getSelector(), numeric.getNumericType())
                    : DocValues.getNumeric(context.reader(), first.getField());
            queueValues = DocValues.getSorted(context.reader(), IssueDocuments.SORT_QUEUE);
            numbers = DocValues.getNumeric(context.reader(), IssueDocuments.SORT_NUMBER);
            rankOfOrd = KeyOrderBuckets.ranks(queueValues, queues);
        }

        @Override
        public void collect(int doc) throws IOException {
            long value = values.advanceExact(doc) ? values.longValue() : missing;
            int rank = queueValues.advanceExact(doc) ? rankOfOrd[queueValues.ordValue()] : -1;   // missing first, as the sort
            long number = numbers.advanceExact(doc) ? numbers.longValue() : 0;
            matches.add(value, rank, number, docBase + doc);
        }

        @Override
        public void setScorer(Scorable scorer) {
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }
    }
}
