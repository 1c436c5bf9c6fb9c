package io.tracksearch.store.lucene;

import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
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
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedSetSelector;
import org.apache.lucene.search.SortedSetSortField;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.LongHeap;

import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.function.IntUnaryOperator;
import java.util.stream.IntStream;

/**
 * The first page of a search ordered first by a rank, with the matches counted on the way: a string's
 * (assignee, author, summary, tags, a custom string field, ...) term ord, or a number's rank among its
 * segment's distinct values when many issues share each value (story points, votes; see
 * {@link #numbersTie}). Per segment, each match's rank is read from {@link SortColumns#ords} (a string's
 * also from doc values): reversed when descending, no value last. Each segment keeps the candidates for
 * its own first page, in one of two ways:
 * <ul>
 *   <li><b>Packed</b>, when the order ends there (the rest is key order, as for any one "Sort By" field)
 *       and ranks fit 16 bits: {@code rank << 40 | queue rank << 32 | number} in a heap of the best
 *       {@code hits} ({@link BestKeys}), so a match whose rank is after the worst kept costs one array read,
 *       and a value many matches share (the busiest assignee) yields {@code hits} candidates, not all of
 *       them.</li>
 *   <li><b>Ranks with ties</b>, for strings otherwise: a match ranked after the worst of the segment's
 *       {@code hits} best ranks so far is only counted, every other one kept with its rank; at the segment's
 *       end the kept matches ranked no worse than the final worst are its candidates, ties at the boundary
 *       included, whatever the rest of the order says about them (a popular tag, then created: the tag's
 *       matches are ordered by created among themselves); more ties than {@link #tiesLimit} (a value most
 *       matches share, or none) leave the search to Lucene's collector, as do numbers that cannot be
 *       packed.</li>
 * </ul>
 * Either way a segment whose ranks are small offers Lucene a competitive iterator (a scan of the ranks for
 * those no worse than the worst kept), so that matches which cannot make the page are skipped as Lucene's
 * own comparators skip them by points; the total is then counted apart. Numbers do so always, strings
 * where the query is dense ({@link DenseSegments}): a sparse query is cheaper counted on the way.
 * Lucene's collector then orders the candidates of all segments ({@link SortedCandidates}).
 *
 * <p>Why: Lucene's collector read each match's ord through doc values and its chain of comparators
 * (sparse lookups: queue documents share the index, and many issues have no assignee), and it counts
 * exactly only up to a threshold, so the exact total was a second pass. At 1,000,000 issues "every issue
 * by summary" took 21 ms, "open issues by assignee" 11 ms. For numbers Lucene skips well by points unless
 * the page's boundary value is shared by many matches, each then compared through the key's doc values:
 * story points 3..8 by story points took 16–18 ms, every issue by votes 23–33 ms.
 */
final class RankFirstOrder {
    private static final int MISSING_RANK = Integer.MAX_VALUE;
    /** Ranks of the packed form: 16 bits, the largest for no value. */
    private static final int PACKED_MISSING_RANK = 0xFFFF;
    /** Documents per distinct value (on average) from which a numeric order is served: about a page. */
    static final int TIES_PER_VALUE = 64;

    private RankFirstOrder() {
    }

    /**
     * Whether the order starts with a string of the issue (not the queue: that is key order's), sorted by
     * term ord with missing values last in either direction, as {@link LuceneSorts} makes them.
     */
    static boolean serves(Sort sort) {
        SortField first = sort.getSort()[0];
        boolean plain = first.getClass() == SortField.class && first.getType() == SortField.Type.STRING
                && !first.getField().equals(IssueDocuments.SORT_QUEUE);
        boolean set = first instanceof SortedSetSortField sortedSet
                && (sortedSet.getSelector() == SortedSetSelector.Type.MIN || sortedSet.getSelector() == SortedSetSelector.Type.MAX);
        Object missingLast = first.getReverse() ? SortField.STRING_FIRST : SortField.STRING_LAST;
        return (plain || set) && first.getMissingValue() == missingLast || servesNumber(first);
    }

    /**
     * A numeric first field ranked by {@link SortColumns#ords}, its missing value last in either direction (as
     * LuceneSorts makes them); not the index's own order, which Lucene's collector stops reading early.
     */
    private static boolean servesNumber(SortField first) {
        if (!SortColumns.ranksNumbers(first) || first.equals(LuceneSorts.INDEX_SORT.getSort()[0])) {
            return false;
        }
        Object missing = first.getMissingValue();
        boolean descending = first.getReverse();
        return missing.equals(descending ? Long.MIN_VALUE : Long.MAX_VALUE)
                || missing.equals(descending ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
    }

    /**
     * The first {@code hits} matches in {@code sort} (with their sort values) and the exact total; empty when a
     * segment ties more matches at its boundary than {@link #tiesLimit} allows, which Lucene's collector
     * then orders (it compares the rest of the order as it goes).
     */
    static Optional<TopFieldDocs> search(IndexSearcher searcher, Query query, Sort sort, int hits, SortColumns columns) throws IOException {
        SortField[] fields = sort.getSort();
        if (SortColumns.ranksNumbers(fields[0]) && !numbersTie(searcher, fields[0], columns)) {
            return Optional.empty();
        }
        // Packed keys break ties as the order does only when key order (ascending) is all that follows.
        boolean keyOrderAfter = fields.length == 3 && KeyOrderBuckets.serves(new Sort(fields[1], fields[2])) && !fields[1].getReverse();
        BytesRef[] queues = keyOrderAfter ? KeyOrderBuckets.queuesInOrder(searcher) : null;
        return searcher.search(query, new CollectorManager<CandidateCollector, SortedCandidates.Gathered>() {
            @Override
            public CandidateCollector newCollector() {
                return new CandidateCollector(fields[0], hits, columns, queues);
            }

            @Override
            public SortedCandidates.Gathered reduce(Collection<CandidateCollector> collectors) {
                return SortedCandidates.Gathered.merge(collectors.stream().map(collector -> collector.candidates).toList());
            }
        }).top(sort, hits);
    }

    /**
     * Whether the index's values of a numeric sort field are shared by a page's worth of documents or more
     * (on average over its segments, {@link #TIES_PER_VALUE}), so that a page's boundary ties many: Lucene's
     * comparator skips by points what cannot make the page, but compares every tie through the queue and
     * number doc values and counts the total in a second pass. Fields with values of their own (times)
     * stay with it, as does a segment whose ranks take four bytes.
     */
    private static boolean numbersTie(IndexSearcher searcher, SortField first, SortColumns columns) {
        long values = 0;
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            Optional<SortColumns.Ords> column = columns.ords(leaf.reader(), first);
            if (column.isEmpty() || column.get().small() == null) {
                return false;
            }
            values += column.get().valueCount();
        }
        return values * TIES_PER_VALUE <= searcher.getIndexReader().maxDoc();
    }

    /**
     * Matches a segment may keep tied at its boundary before the search is left to Lucene's collector: a
     * value most matches share (no value at all, for a field rarely set) would otherwise make all of them
     * candidates, to be ordered a second time. An eighth of the segment is still far fewer than Lucene's
     * collector would compare: "Tags: notEmpty()" by tags, then created (a tag a fiftieth of the issues
     * carry, first) took 38–46 ms at 1,000,000 issues when 1,224 ties gave up, 12–14 ms kept.
     */
    static int tiesLimit(int hits, int maxDoc) {
        return Math.max(4 * hits + 1024, maxDoc / 8);
    }

    private static final class CandidateCollector implements Collector {
        private final SortField first;
        private final int hits;
        private final SortColumns columns;
        /** The index's queues in order when ties may be broken by key order, else null. */
        private final BytesRef[] queues;
        /** The search's weight: the walk's questions and {@link DenseSegments}. */
        private Weight weight;
        final SortedCandidates.Gathered candidates = new SortedCandidates.Gathered();

        CandidateCollector(SortField first, int hits, SortColumns columns, BytesRef[] queues) {
            this.first = first;
            this.hits = hits;
            this.columns = columns;
            this.queues = queues;
        }

        @Override
        public void setWeight(Weight weight) {
            this.weight = weight;
        }

        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
            if (candidates.givenUp) {
                throw new CollectionTerminatedException();   // Lucene's collector orders them: no segment is worth reading
            }
            // the ords as an array when the budget allows (see SortColumns), else from doc values
            SortColumns.Ords column = columns.ords(context.reader(), first).orElse(null);
            boolean number = SortColumns.ranksNumbers(first);
            if (number && column == null) {
                giveUp();   // numbers have no term ords to fall back on
            }
            SortedDocValues values = column == null ? SortColumns.termOrds(context.reader(), first) : null;
            int lastOrd = (column != null ? column.valueCount() : values.getValueCount()) - 1;
            boolean descending = first.getReverse();
            // a scan of the segment's small ranks, for those no worse than the worst kept; null: none
            // numbers skip wherever they are served; strings where the query is dense
            RankScan scan = column == null || column.small() == null || !number && !DenseSegments.dense(weight, context)
                    ? null : new RankScan(column.small(), descending, lastOrd);
            if (column != null && queues != null && queues.length < SortColumns.NO_QUEUE && lastOrd < PACKED_MISSING_RANK) {
                Optional<SortColumns.Keys> keys = columns.key(context.reader());
                if (keys.isPresent()) {
                    if (walked(context, column, keys.get())) {
                        throw new CollectionTerminatedException();   // no match of it is collected: the total is counted apart
                    }
                    long[] queueBits = KeyOrderBuckets.queueBits(KeyOrderBuckets.ranks(DocValues.getSorted(context.reader(), IssueDocuments.SORT_QUEUE), queues));
                    return new PackedLeaf(context, rank -> rank == SortColumns.Ords.MISSING ? PACKED_MISSING_RANK
                            : descending ? lastOrd - rank : rank, column, keys.get(), queueBits, scan);
                }
            }
            if (number) {
                giveUp();   // ties of numbers are broken only by packed keys: Lucene's comparators do the rest
            }
            return new TiedRanksLeaf(context, doc -> {
                int ord = column != null ? column.ord(doc) : values.advanceExact(doc) ? values.ordValue() : SortColumns.Ords.MISSING;
                return ord == SortColumns.Ords.MISSING ? MISSING_RANK : descending ? lastOrd - ord : ord;
            }, scan);
        }

        /**
         * The documents of a segment whose rank is no worse than a bound, found in its small ranks (term ords,
         * or a number's ranks: reversed when descending, {@link SortColumns.Ords#SMALL_MISSING} for no value).
         */
        private record RankScan(char[] small, boolean descending, int lastOrd) {
            /** A competitive iterator over the documents ranked no worse than {@code worstRank()} at each step. */
            CompetitiveScan iterator(IntSupplier worstRank, Runnable onSkip) {
                return new CompetitiveScan(small.length, onSkip) {
                    /** Competitive: a small rank in [least, least + span]. */
                    private int least;
                    private int span;

                    @Override
                    void readBound() {
                        int worst = worstRank.getAsInt();
                        if (worst >= PACKED_MISSING_RANK) {   // a missing value may still make the page
                            least = 0;
                            span = SortColumns.Ords.SMALL_MISSING;
                        } else {
                            least = descending ? lastOrd - worst : 0;
                            span = (descending ? SortColumns.Ords.SMALL_MISSING - 1 : worst) - least;
                        }
                    }

                    @Override
                    boolean competitive(int doc) {
                        return Integer.compareUnsigned(small[doc] - least, span) <= 0;
                    }
                };
            }
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }

        /** Whether a {@link RankWalk} named the segment's candidates (then its total is left to be counted apart). */
        private boolean walked(LeafReaderContext context, SortColumns.Ords column, SortColumns.Keys keys) throws IOException {
            if (weight == null) {
                return false;   // a search that did not hand its weight over: the segment is ranked match by match
            }
            Optional<int[]> walked = RankWalk.candidates(context, weight, columns, first, column, segmentHits(context), keys);
            walked.ifPresent(docs -> {
                candidates.leaves.add(new SortedCandidates.LeafDocs(context, docs));
                candidates.skipped = true;
            });
            return walked.isPresent();
        }

        /** Leaves the search to Lucene's collector: no further segment is read. */
        private void giveUp() {
            candidates.givenUp = true;
            throw new CollectionTerminatedException();
        }

        /**
         * The most a segment can put on the page: a first visit of a deep page asks for up to every match,
         * and a structure of that size per segment would hold the whole result many times over.
         */
        private int segmentHits(LeafReaderContext context) {
            return Math.max(1, Math.min(hits, context.reader().maxDoc()));
        }

        /** A segment's matches as packed keys in a heap of the best {@code hits}. */
        private final class PackedLeaf implements LeafCollector {
            private final LeafReaderContext context;
            private final IntUnaryOperator rankOf;
            private final SortColumns.Ords ords;
            private final byte[] queueOrds;
            private final int[] numbers;
            /** Per queue ord of the segment, its rank in the index's queues, above the number's 32 bits. */
            private final long[] queueBits;
            private final BestKeys best;
            /** Matches without a queue or number (none in practice): kept, Lucene's collector orders them. */
            private int[] unpacked = new int[0];

            /** Null when the segment offers no competitive iterator. */
            private final RankScan scan;

            PackedLeaf(LeafReaderContext context, IntUnaryOperator rankOf, SortColumns.Ords ords, SortColumns.Keys keys,
                    long[] queueBits, RankScan scan) {
                this.context = context;
                this.scan = scan;
                this.best = new BestKeys(segmentHits(context));
                this.rankOf = rankOf;
                this.ords = ords;
                this.queueOrds = keys.queueOrds();
                this.numbers = keys.numbers();
                this.queueBits = queueBits;
            }

            @Override
            public void setScorer(Scorable scorer) {
            }

            @Override
            public void collect(int doc) {
                candidates.total++;
                long high = (long) rankOf.applyAsInt(ords.ord(doc)) << 40;
                if (high > best.worst()) {
                    return;   // ranked after the worst kept, whatever its key
                }
                int queueOrd = queueOrds[doc] & 0xFF;
                if (queueOrd == SortColumns.NO_QUEUE) {
                    unpacked = Arrays.copyOf(unpacked, unpacked.length + 1);
                    unpacked[unpacked.length - 1] = doc;
                    return;
                }
                best.offer(high | queueBits[queueOrd] | numbers[doc], doc);
            }

            @Override
            public DocIdSetIterator competitiveIterator() {
                // not every match is collected: the total is counted apart
                return scan == null ? null : scan.iterator(this::worstRank, () -> candidates.skipped = true);
            }

            private int worstRank() {
                long worst = best.worst();
                return worst == Long.MAX_VALUE ? PACKED_MISSING_RANK : (int) (worst >>> 40);
            }

            @Override
            public void finish() {
                int[] docs = best.docsInOrder();
                if (unpacked.length > 0) {
                    docs = IntStream.concat(Arrays.stream(docs), Arrays.stream(unpacked)).sorted().toArray();
                }
                candidates.leaves.add(new SortedCandidates.LeafDocs(context, docs));
            }
        }

        /** A segment's matches by rank alone, every match tied with the worst kept rank kept. */
        private final class TiedRanksLeaf implements LeafCollector {
            private final LeafReaderContext context;
            private final DocRank rankOf;
            private final int segmentHits;
            /** The best ranks so far, negated: the heap's least element is the worst rank kept. */
            private final LongHeap best;
            private int worst = MISSING_RANK;
            private int[] docs = new int[64];
            private int[] ranks = new int[64];
            private int kept;

            /** Null when the segment offers no competitive iterator. */
            private final RankScan scan;

            TiedRanksLeaf(LeafReaderContext context, DocRank rankOf, RankScan scan) {
                this.context = context;
                this.segmentHits = segmentHits(context);
                this.best = new LongHeap(segmentHits);
                this.rankOf = rankOf;
                this.scan = scan;
            }

            @Override
            public DocIdSetIterator competitiveIterator() {
                // ties with the worst kept rank are kept, so they stay competitive
                return scan == null ? null : scan.iterator(() -> worst == MISSING_RANK ? PACKED_MISSING_RANK : worst,
                        () -> candidates.skipped = true);
            }

            @Override
            public void setScorer(Scorable scorer) {
            }

            @Override
            public void collect(int doc) throws IOException {
                candidates.total++;
                int rank = rankOf.rank(doc);
                if (rank > worst) {
                    return;
                }
                if (best.insertWithOverflow(-rank) && best.size() == segmentHits) {
                    worst = (int) -best.top();
                }
                if (kept == docs.length) {
                    makeRoom();
                }
                docs[kept] = doc;
                ranks[kept++] = rank;
            }

            /**
             * Drops what the worst rank now rules out; grows the arrays when that frees less than half; gives
             * the search up (see {@link #tiesLimit}) when more are kept than that allows.
             */
            private void makeRoom() {
                kept = retainUpTo(worst);
                if (kept > tiesLimit(hits, context.reader().maxDoc())) {
                    candidates.givenUp = true;
                    throw new CollectionTerminatedException();
                }
                if (kept > docs.length / 2) {
                    docs = Arrays.copyOf(docs, docs.length * 2);
                    ranks = Arrays.copyOf(ranks, ranks.length * 2);
                }
            }

            /** Keeps (in document order) the kept matches ranked no worse than {@code rank}; returns how many. */
            private int retainUpTo(int rank) {
                int retained = 0;
                for (int i = 0; i < kept; i++) {
                    if (ranks[i] <= rank) {
                        docs[retained] = docs[i];
                        ranks[retained++] = ranks[i];
                    }
                }
                return retained;
            }

            @Override
            public void finish() {
                kept = retainUpTo(worst);
                if (kept > tiesLimit(hits, context.reader().maxDoc())) {
                    candidates.givenUp = true;
                    return;
                }
                candidates.leaves.add(new SortedCandidates.LeafDocs(context, Arrays.copyOf(docs, kept)));
            }
        }
    }

    /** A match's rank in a segment. */
    private interface DocRank {
        int rank(int doc) throws IOException;
    }
}
