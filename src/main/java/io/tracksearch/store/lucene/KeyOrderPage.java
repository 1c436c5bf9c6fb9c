package io.tracksearch.store.lucene;

import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.CollectionTerminatedException;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The first page of a search in key order (queue key, then number; the default order), chosen from every
 * match by comparisons of plain numbers: each match's queue ord is read from {@link SortColumns#key}; a
 * queue ranked after the worst of the {@code hits} best so far rules the match out, otherwise its number is
 * read too and {@code queue rank << 32 | number} is kept if it beats that worst (a heap of longs). A sparse
 * query's matches are all counted on the way, so the total needs no second pass. Where the query matches
 * a quarter of a segment or more, the segment instead offers Lucene a competitive iterator (a scan of the
 * queue bytes for keys that beat the worst kept), as Lucene's own comparators skip by points: a dense
 * conjunction then intersects it by bit sets and collects only the few matches that can make the page,
 * and the total is counted apart, which for dense queries is a count of bit sets. The scan leaves out the
 * queues the query cannot match ({@link QueueRestriction}), and once only one queue can still make the page
 * it finds that queue's issues by their queue bytes eight at a time ({@link QueueBytes}). The chosen few are then
 * ordered by Lucene's collector ({@link SortedCandidates}), which gives them their sort values.
 *
 * <p>Why: Lucene's collector compares each match through two doc-values comparators, reading the queue
 * ord and the number from memory-mapped doc values (a sparse lookup each, since queue documents share the
 * index): 11 ms for a million matches at 1,000,000 issues, and then the total was counted in a second pass.
 * Collecting every match of a dense query still cost 5–9 ms at 1,000,000 issues (`Followers: notEmpty()`,
 * 800,000 matches, 12.1 ms a page against 6.5–7.2 with the skipping).
 */
final class KeyOrderPage {
    private KeyOrderPage() {
    }

    /**
     * The first {@code hits} matches in {@code sort} ({@link KeyOrderBuckets#serves}) and the exact total; empty
     * when a match has no packed key (see {@link SortColumns#key}), which Lucene's collector then orders.
     */
    static Optional<TopFieldDocs> search(IndexSearcher searcher, Query query, Sort sort, int hits, SortColumns columns) throws IOException {
        boolean descending = sort.getSort()[0].getReverse();
        BytesRef[] queues = KeyOrderBuckets.queuesInOrder(searcher);
        boolean[] matchable = matchableRanks(QueueRestriction.of(query), queues);
        Best best = searcher.search(query, new CollectorManager<BestCollector, Best>() {
            @Override
            public BestCollector newCollector() {
                return new BestCollector(new Best(hits), queues, matchable, descending, columns);
            }

            @Override
            public Best reduce(Collection<BestCollector> collectors) {
                Best all = new Best(hits);
                for (BestCollector collector : collectors) {
                    all.addAll(collector.best);
                }
                return all;
            }
        });
        if (best.unpackable) {
            return Optional.empty();
        }
        if (best.skipped) {
            best.total = searcher.count(query);   // dense: a count of bit sets, not a second collection
        }
        return Optional.of(SortedCandidates.top(sort, hits, best.byLeaf(searcher.getIndexReader().leaves()), best.total));
    }

    /** Per queue rank ({@code queues}), whether the query can match that queue; null when it can match any. */
    private static boolean[] matchableRanks(Optional<Set<BytesRef>> restriction, BytesRef[] queues) {
        if (restriction.isEmpty()) {
            return null;
        }
        boolean[] matchable = new boolean[queues.length];
        for (int rank = 0; rank < queues.length; rank++) {
            matchable[rank] = restriction.get().contains(queues[rank]);
        }
        return matchable;
    }

    /** The best keys of the matches (global doc ids), with the count of all matches (the collectors count). */
    private static final class Best {
        final BestKeys keys;
        long total;
        boolean unpackable;
        /** Whether a segment skipped matches: {@code total} is then short, and counted apart. */
        boolean skipped;

        Best(int capacity) {
            this.keys = new BestKeys(capacity);
        }

        void addAll(Best other) {
            total += other.total;
            unpackable |= other.unpackable;
            skipped |= other.skipped;
            keys.offerAll(other.keys);
        }

        /** The kept documents per segment, segment doc ids ascending. */
        List<SortedCandidates.LeafDocs> byLeaf(List<LeafReaderContext> leaves) {
            int[] sorted = keys.docsInOrder();
            List<SortedCandidates.LeafDocs> byLeaf = new ArrayList<>();
            int from = 0;
            while (from < sorted.length) {
                LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(sorted[from], leaves));
                int to = from;
                while (to < sorted.length && sorted[to] < leaf.docBase + leaf.reader().maxDoc()) {
                    to++;
                }
                int[] docs = new int[to - from];
                for (int i = from; i < to; i++) {
                    docs[i - from] = sorted[i] - leaf.docBase;
                }
                byLeaf.add(new SortedCandidates.LeafDocs(leaf, docs));
                from = to;
            }
            return byLeaf;
        }
    }

    private static final class BestCollector implements Collector {
        final Best best;
        private final BytesRef[] queues;
        /** Per queue rank, whether the query can match it ({@link QueueRestriction}); null: every queue. */
        private final boolean[] matchable;
        private final boolean descending;
        private final SortColumns columns;
        /** The search's weight, for {@link DenseSegments}. */
        private Weight weight;

        BestCollector(Best best, BytesRef[] queues, boolean[] matchable, boolean descending, SortColumns columns) {
            this.best = best;
            this.queues = queues;
            this.matchable = matchable;
            this.descending = descending;
            this.columns = columns;
        }

        @Override
        public void setWeight(Weight weight) {
            this.weight = weight;
        }

        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
            Optional<SortColumns.Keys> column = best.unpackable ? Optional.empty() : columns.key(context.reader());
            if (column.isEmpty()) {
                best.unpackable = true;
                throw new CollectionTerminatedException();   // Lucene's collector orders them: no segment is worth reading
            }
            byte[] queueOrds = column.get().queueOrds();
            int[] numbers = column.get().numbers();
            int[] documentsPerOrd = column.get().documentsPerOrd();
            int[] rankOfOrd = KeyOrderBuckets.ranks(DocValues.getSorted(context.reader(), IssueDocuments.SORT_QUEUE), queues);
            // The upper half of each queue's keys. A descending key order wants the largest keys: ~key
            // reverses the order of non-negative longs, so its keys are ~rank above ~number. A queue the query
            // cannot match gets the largest key, so that the scan never counts its issues competitive.
            long[] high = new long[SortColumns.NO_QUEUE + 1];
            for (int ord = 0; ord < rankOfOrd.length; ord++) {
                boolean canMatch = matchable == null || matchable[rankOfOrd[ord]];
                high[ord] = canMatch ? (descending ? ~(long) rankOfOrd[ord] : rankOfOrd[ord]) << 32 : Long.MAX_VALUE;
            }
            high[SortColumns.NO_QUEUE] = Long.MIN_VALUE;   // no key: competitive, so that collect gives the search up
            long lowFlip = descending ? 0xFFFF_FFFFL : 0L;
            int docBase = context.docBase;
            boolean skipping = DenseSegments.dense(weight, context);
            return new LeafCollector() {
                @Override
                public void setScorer(Scorable scorer) {
                }

                @Override
                public DocIdSetIterator competitiveIterator() {
                    return skipping ? new KeyScan() : null;
                }

                /**
                 * The segment's documents whose key beats the worst kept (a scan of the queue bytes and numbers),
                 * or that have no key (collect gives the search up on them).
                 */
                final class KeyScan extends CompetitiveScan {
                    private long worst = Long.MIN_VALUE;
                    /** The one queue ord whose keys can beat {@code worst}, or -1 when several can. */
                    private int onlyOrd = -1;

                    KeyScan() {
                        super(queueOrds.length, () -> best.skipped = true);
                    }

                    @Override
                    void readBound() {
                        long bound = best.keys.worst();
                        if (bound != worst) {
                            worst = bound;
                            onlyOrd = onlyCompetitiveOrd(bound);
                        }
                    }

                    /**
                     * A queue's keys are its {@code high} or more: only queues with a smaller one can beat the bound.
                     * -1 also where that queue holds an eighth of the segment or more: its issues are then too close
                     * together for a search between them to beat a test of each.
                     */
                    private int onlyCompetitiveOrd(long bound) {
                        int only = -1;
                        for (int ord = 0; ord < rankOfOrd.length; ord++) {
                            if (high[ord] < bound) {
                                if (only >= 0) {
                                    return -1;
                                }
                                only = ord;
                            }
                        }
                        return only >= 0 && documentsPerOrd[only] < queueOrds.length / 8 ? only : -1;
                    }

                    @Override
                    boolean competitive(int doc) {
                        return (high[queueOrds[doc] & 0xFF] | (numbers[doc] ^ lowFlip)) < worst;
                    }

                    // Once the page is full its worst key is usually in the first queue with matches, and only that
                    // queue's issues (and issues without a key, which collect gives up on) can beat it: they are
                    // found eight queue bytes at a time, and only their numbers read.
                    @Override
                    boolean findsFaster() {
                        return onlyOrd >= 0;
                    }

                    @Override
                    int nextCompetitive(int from) {
                        if (onlyOrd < 0) {
                            return super.nextCompetitive(from);
                        }
                        int end = queueOrds.length;
                        for (int at = QueueBytes.indexOfEither(queueOrds, from, (byte) onlyOrd, (byte) SortColumns.NO_QUEUE); at < end;
                                at = QueueBytes.indexOfEither(queueOrds, at + 1, (byte) onlyOrd, (byte) SortColumns.NO_QUEUE)) {
                            if (competitive(at)) {
                                return at;
                            }
                        }
                        return end;
                    }
                }

                @Override
                public void collect(int doc) {
                    best.total++;
                    int ord = queueOrds[doc] & 0xFF;
                    if (ord == SortColumns.NO_QUEUE) {
                        best.unpackable = true;
                        throw new CollectionTerminatedException();
                    }
                    if (high[ord] > best.keys.worst()) {
                        return;   // a queue after the worst kept: whatever its number
                    }
                    best.keys.offer(high[ord] | (numbers[doc] ^ lowFlip), docBase + doc);
                }
            };
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }
    }
}
