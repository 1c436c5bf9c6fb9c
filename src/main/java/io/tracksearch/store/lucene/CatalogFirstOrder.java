package io.tracksearch.store.lucene;

import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntUnaryOperator;
import java.util.stream.IntStream;

/**
 * The first page of a search ordered first by a catalog field (priority, status, type, ...: a handful of
 * values), in two steps instead of one comparison of every match against the page's worst hit.
 * <ol>
 *   <li>Every match is counted (the exact total) and put in the bucket of its catalog value (read from
 *       {@link SortColumns#catalog}, or doc values), unless the matches of better values already fill the
 *       page.</li>
 *   <li>The values in sort order up to the one at which the page is full are the only ones the page
 *       can hold; the full sort then orders just their matches.</li>
 * </ol>
 * Where the rest of the order is the index sort (e.g. "Priority DESC, Updated DESC") and a segment is
 * kept in it, a value's first {@code hits} matches of the segment are its best, so a bucket keeps no
 * more. Where key order alone follows (a single "Sort By" catalog field, filter mode's {@code order}),
 * a value many matches share would make every one of its matches a candidate (a third of all issues are
 * open), so each segment's candidates are first narrowed to its best {@code hits} by packed keys
 * ({@link LeafBuckets#bestByKey}); where a second catalog field follows ("Sort By": Status, Priority), the
 * boundary value's matches are narrowed to the second values that can make the page
 * ({@link #boundaryBySecondCatalog}); where anything else follows ("Sort By": Status, Created), to its first
 * by the rest of the order ({@link #boundaryByRest}). With Lucene's own collector such a search read two or three doc values
 * per match (73 % of "free text, unresolved, by priority, update" at 1,000,000 issues in a JFR profile)
 * and the total was counted in a second pass.
 */
final class CatalogFirstOrder {
    /** Catalog values (orders) below this are bucketed in an array; others (and missing) in a map. */
    private static final int ARRAY_VALUES = 256;
    /**
     * Candidates (beyond four a page) from which, when key order follows the catalog field, each segment's are
     * narrowed to its best {@code hits} by packed keys before Lucene's collector orders them (see
     * {@link LeafBuckets#bestByKey}).
     */
    private static final int NARROW_FROM = 1024;

    private CatalogFirstOrder() {
    }

    /** Whether the order starts with a catalog field, which this search serves. */
    static boolean serves(Sort sort) {
        return LuceneSorts.startsWithCatalog(sort);
    }

    /** The first {@code hits} matches in {@code sort} (with their sort values) and the exact total. */
    static TopFieldDocs search(IndexSearcher searcher, Query query, Sort sort, int hits, SortColumns columns) throws IOException {
        return search(searcher, query, sort, hits, columns, NARROW_FROM);
    }

    /** As above, narrowing candidates by key from {@code narrowFrom} (tests narrow small indexes too). */
    static TopFieldDocs search(IndexSearcher searcher, Query query, Sort sort, int hits, SortColumns columns, int narrowFrom)
            throws IOException {
        SortField first = sort.getSort()[0];
        boolean restIsIndexOrder = Arrays.equals(Arrays.copyOfRange(sort.getSort(), 1, sort.getSort().length),
                LuceneSorts.INDEX_SORT.getSort());
        List<LeafBuckets> leaves = searcher.search(query, new CollectorManager<BucketCollector, List<LeafBuckets>>() {
            @Override
            public BucketCollector newCollector() {
                return new BucketCollector(first, hits, restIsIndexOrder ? hits : Integer.MAX_VALUE, columns);
            }

            @Override
            public List<LeafBuckets> reduce(Collection<BucketCollector> collectors) {
                List<LeafBuckets> all = new ArrayList<>();
                collectors.forEach(collector -> all.addAll(collector.leaves));
                return all;
            }
        });
        long total = 0;
        // matches per value, in the order of the sort (a descending order reverses the values)
        TreeMap<Long, Long> counts = new TreeMap<>(first.getReverse() ? Comparator.reverseOrder() : null);
        for (LeafBuckets leaf : leaves) {
            total += leaf.total;
            leaf.buckets.forEach((value, bucket) -> counts.merge(value, (long) bucket.matches, Long::sum));
        }
        if (total == 0) {
            return new TopFieldDocs(new TotalHits(0, TotalHits.Relation.EQUAL_TO), new ScoreDoc[0], sort.getSort());
        }
        // the values, best first, until they hold a page: the only ones the page can draw from
        Set<Long> pageValues = new HashSet<>();
        long needed = 0;
        for (Map.Entry<Long, Long> value : counts.entrySet()) {
            pageValues.add(value.getKey());
            needed += value.getValue();
            if (needed >= hits) {
                break;
            }
        }
        List<Long> ranked = counts.keySet().stream().filter(pageValues::contains).toList();   // best first
        BytesRef[] queues = keyOrderAfter(sort) ? KeyOrderBuckets.queuesInOrder(searcher) : null;
        boolean narrow = queues != null && queues.length < SortColumns.NO_QUEUE
                && leaves.stream().mapToLong(leaf -> leaf.kept(pageValues)).sum() > narrowFrom + 4L * hits;
        long boundary = ranked.getLast();
        long ahead = needed - counts.get(boundary);   // matches of the values before the boundary: all on the page
        Optional<int[][]> bySecond = narrow || counts.get(boundary) <= narrowFrom + 4L * hits ? Optional.empty()
                : boundaryBySecondCatalog(leaves, boundary, sort, (int) (hits - ahead), columns);
        if (!narrow && bySecond.isEmpty() && leaves.stream().mapToLong(leaf -> leaf.kept(Set.of(boundary))).sum() > narrowFrom + 4L * hits) {
            bySecond = Optional.of(boundaryByRest(leaves, boundary, sort, (int) (hits - ahead)));
        }
        List<SortedCandidates.LeafDocs> candidates = new ArrayList<>();
        for (int i = 0; i < leaves.size(); i++) {
            LeafBuckets leaf = leaves.get(i);
            int[] docs;
            if (narrow) {
                docs = leaf.bestByKey(ranked, hits, queues, columns).orElseGet(() -> leaf.docsOf(pageValues));
            } else if (bySecond.isPresent()) {
                Set<Long> aheadValues = new HashSet<>(pageValues);
                aheadValues.remove(boundary);
                docs = IntStream.concat(Arrays.stream(leaf.docsOf(aheadValues)), Arrays.stream(bySecond.get()[i])).sorted().toArray();
            } else {
                docs = leaf.docsOf(pageValues);
            }
            candidates.add(new SortedCandidates.LeafDocs(leaf.context, docs));
        }
        return SortedCandidates.top(sort, hits, candidates, total);
    }

    /**
     * When the order's second field is a catalog too ("Sort By": Status, Priority), the boundary value's
     * matches (every open issue, say) narrowed, per segment, to those whose second value can make the page:
     * the second values in order until they hold the {@code wanted} matches the page takes from the boundary
     * value. Empty when the second field is no catalog or a segment has no weight column.
     */
    private static Optional<int[][]> boundaryBySecondCatalog(List<LeafBuckets> leaves, long boundary, Sort sort, int wanted,
            SortColumns columns) {
        SortField second = sort.getSort()[1];
        if (!LuceneSorts.startsWithCatalog(new Sort(second))) {
            return Optional.empty();
        }
        byte[][] weights = new byte[leaves.size()][];
        for (int i = 0; i < leaves.size(); i++) {
            weights[i] = columns.catalog(leaves.get(i).context.reader(), second.getField()).orElse(null);
            if (weights[i] == null) {
                return Optional.empty();
            }
        }
        // rank of a weight in the second field's order; no weight last in either direction, as LuceneSorts has it
        IntUnaryOperator rankOf = weight -> weight == SortColumns.MISSING_WEIGHT ? ARRAY_VALUES
                : second.getReverse() ? ARRAY_VALUES - 1 - weight : weight;
        long[] byRank = new long[ARRAY_VALUES + 1];
        for (int i = 0; i < leaves.size(); i++) {
            for (int doc : leaves.get(i).boundaryDocs(boundary)) {
                byRank[rankOf.applyAsInt(weights[i][doc] & 0xFF)]++;
            }
        }
        int lastRank = 0;
        long held = byRank[0];
        while (held < wanted && lastRank < ARRAY_VALUES) {
            held += byRank[++lastRank];
        }
        int[][] narrowed = new int[leaves.size()][];
        for (int i = 0; i < leaves.size(); i++) {
            byte[] leafWeights = weights[i];
            int cut = lastRank;
            narrowed[i] = Arrays.stream(leaves.get(i).boundaryDocs(boundary))
                    .filter(doc -> rankOf.applyAsInt(leafWeights[doc] & 0xFF) <= cut).toArray();
        }
        return Optional.of(narrowed);
    }

    /**
     * Otherwise ("Sort By": Status, Created), the boundary value's matches narrowed to the {@code wanted} first by
     * the rest of the order, which among them is the whole order: Lucene's collector over just those matches,
     * skipping by points (a time) what cannot make the page. Every open issue by created took 25 ms at
     * 1,000,000 issues when all 300,000 of them went to the final ordering.
     */
    private static int[][] boundaryByRest(List<LeafBuckets> leaves, long boundary, Sort sort, int wanted) throws IOException {
        SortField[] fields = sort.getSort();
        Sort rest = new Sort(Arrays.copyOfRange(fields, 1, fields.length));
        return SortedCandidates.best(rest, wanted,
                leaves.stream().map(leaf -> new SortedCandidates.LeafDocs(leaf.context, leaf.boundaryDocs(boundary))).toList());
    }

    /** Whether key order (ascending), and nothing else, follows the catalog field. */
    private static boolean keyOrderAfter(Sort sort) {
        SortField[] fields = sort.getSort();
        return fields.length == 3 && KeyOrderBuckets.serves(new Sort(fields[1], fields[2])) && !fields[1].getReverse();
    }

    /** The matches of one value in one segment, in document order; at most {@code keep} of them kept. */
    private static final class Bucket {
        private int[] docs = new int[16];
        private int kept;
        private int matches;

        void add(int doc, int keep) {
            matches++;
            if (kept < keep) {
                if (kept == docs.length) {
                    docs = Arrays.copyOf(docs, docs.length * 2);
                }
                docs[kept++] = doc;
            }
        }
    }

    private record LeafBuckets(LeafReaderContext context, Map<Long, Bucket> buckets, long total) {
        /** The kept documents of one value, in document order. */
        int[] boundaryDocs(long value) {
            Bucket bucket = buckets.get(value);
            return bucket == null ? new int[0] : Arrays.copyOf(bucket.docs, bucket.kept);
        }

        /** How many documents of these values the segment kept. */
        long kept(Set<Long> values) {
            long kept = 0;
            for (Long value : values) {
                Bucket bucket = buckets.get(value);
                kept += bucket == null ? 0 : bucket.kept;
            }
            return kept;
        }

        /**
         * The segment's best {@code hits} documents of the page's values ({@code ranked}, best first) when key
         * order follows: {@code value rank << 40 | queue rank << 32 | number} in a heap of longs, read from
         * {@link SortColumns#key}. A value most matches share ("Sort By": Status, where a third of all
         * issues are open) otherwise made every one of its matches a candidate, each compared again through
         * three doc values by Lucene's collector. Empty when the segment has no key column.
         */
        Optional<int[]> bestByKey(List<Long> ranked, int hits, BytesRef[] queues, SortColumns columns) throws IOException {
            Optional<SortColumns.Keys> keys = columns.key(context.reader());
            if (keys.isEmpty()) {
                return Optional.empty();
            }
            byte[] queueOrds = keys.get().queueOrds();
            int[] numbers = keys.get().numbers();
            int[] rankOfOrd = KeyOrderBuckets.ranks(DocValues.getSorted(context.reader(), IssueDocuments.SORT_QUEUE), queues);
            BestKeys best = new BestKeys(Math.max(1, Math.min(hits, context.reader().maxDoc())));
            List<Integer> keyless = new ArrayList<>();   // none in practice: Lucene's collector orders them
            for (int rank = 0; rank < ranked.size(); rank++) {
                Bucket bucket = buckets.get(ranked.get(rank));
                for (int i = 0; bucket != null && i < bucket.kept; i++) {
                    int doc = bucket.docs[i];
                    int ord = queueOrds[doc] & 0xFF;
                    if (ord == SortColumns.NO_QUEUE) {
                        keyless.add(doc);
                    } else {
                        best.offer((long) rank << 40 | (long) rankOfOrd[ord] << 32 | numbers[doc], doc);
                    }
                }
            }
            int[] docs = best.docsInOrder();
            if (!keyless.isEmpty()) {
                docs = IntStream.concat(Arrays.stream(docs), keyless.stream().mapToInt(Integer::intValue)).sorted().toArray();
            }
            return Optional.of(docs);
        }

        /** The kept documents of these values, in document order. */
        int[] docsOf(Set<Long> values) {
            int size = 0;
            List<Bucket> taken = new ArrayList<>();
            for (Long value : values) {
                Bucket bucket = buckets.get(value);
                if (bucket != null) {
                    taken.add(bucket);
                    size += bucket.kept;
                }
            }
            int[] docs = new int[size];
            int at = 0;
            for (Bucket bucket : taken) {
                System.arraycopy(bucket.docs, 0, docs, at, bucket.kept);
                at += bucket.kept;
            }
            Arrays.sort(docs);   // a leaf collector takes its documents in order
            return docs;
        }
    }

    /**
     * Step 1 for the segments of one slice. Values below {@link #ARRAY_VALUES} are also counted by rank (their
     * place in the sort) across segments: once the matches of the best ranks fill the page, a match of a
     * worse rank cannot make it and is only counted in the total, not kept. The cut is recomputed every
     * {@link #CUT_EVERY} kept matches, so it lags a little (keeping more than needed, never less).
     */
    private static final class BucketCollector implements Collector {
        private static final int CUT_EVERY = 1024;
        private final SortField first;
        private final long missing;
        private final int hits;
        private final int keep;
        private final SortColumns columns;
        private final List<LeafBuckets> leaves = new ArrayList<>();
        private final long[] matchesByRank = new long[ARRAY_VALUES];
        /** Ranks above this cannot make the page. */
        private int lastRank = ARRAY_VALUES - 1;
        private int sinceCut;

        BucketCollector(SortField first, int hits, int keep, SortColumns columns) {
            this.first = first;
            this.missing = first.getMissingValue() instanceof Long value ? value : 0L;
            this.hits = hits;
            this.keep = keep;
            this.columns = columns;
        }

        /** The rank at which the counted matches of the ranks up to it hold a page, or the current cut. */
        private int lastRankNeeded() {
            long matches = 0;
            for (int rank = 0; rank < lastRank; rank++) {
                matches += matchesByRank[rank];
                if (matches >= hits) {
                    return rank;
                }
            }
            return lastRank;
        }

        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
            // the weights as an array when they fit one (they nearly always do), else from doc values
            byte[] weights = columns.catalog(context.reader(), first.getField()).orElse(null);
            NumericDocValues values = weights == null ? DocValues.getNumeric(context.reader(), first.getField()) : null;
            // Only a segment kept in the index sort has each value's best matches first.
            int leafKeep = LuceneSorts.INDEX_SORT.equals(context.reader().getMetaData().sort()) ? keep : Integer.MAX_VALUE;
            Bucket[] small = new Bucket[ARRAY_VALUES];
            Map<Long, Bucket> others = new HashMap<>();
            boolean descending = first.getReverse();
            return new LeafCollector() {
                private long total;

                @Override
                public void setScorer(Scorable scorer) {
                }

                @Override
                public void collect(int doc) throws IOException {
                    total++;
                    long value;
                    if (weights != null) {
                        int weight = weights[doc] & 0xFF;
                        value = weight == SortColumns.MISSING_WEIGHT ? missing : weight;
                    } else {
                        value = values.advanceExact(doc) ? values.longValue() : missing;
                    }
                    Bucket bucket;
                    if (value >= 0 && value < ARRAY_VALUES) {
                        int rank = descending ? ARRAY_VALUES - 1 - (int) value : (int) value;
                        if (rank > lastRank) {
                            return;   // better values fill the page already
                        }
                        matchesByRank[rank]++;
                        if (++sinceCut == CUT_EVERY) {
                            sinceCut = 0;
                            lastRank = lastRankNeeded();
                        }
                        bucket = small[(int) value];
                        if (bucket == null) {
                            bucket = small[(int) value] = new Bucket();
                        }
                    } else {
                        bucket = others.computeIfAbsent(value, ignored -> new Bucket());
                    }
                    bucket.add(doc, leafKeep);
                }

                @Override
                public void finish() {
                    Map<Long, Bucket> buckets = new HashMap<>(others);
                    for (int value = 0; value < ARRAY_VALUES; value++) {
                        if (small[value] != null) {
                            buckets.put((long) value, small[value]);
                        }
                    }
                    leaves.add(new LeafBuckets(context, buckets, total));
                }
            };
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }
    }
}
