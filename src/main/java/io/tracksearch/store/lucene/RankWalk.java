package io.tracksearch.store.lucene;

import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A segment's candidates for the first page of a rank order followed by key order (a string or a number many
 * issues share, then the key), found by walking the segment's documents rank by rank
 * ({@link SortColumns#docsByRank}) and asking the query only about them: every match of a rank better than
 * the page's boundary is on the page, and of the boundary rank the best by key. The answer is at least the
 * segment's best {@code hits} matches; the total is counted apart.
 *
 * <p>Why: the other way ranks every match. When the best value is one that many matches share (open issues
 * by assignee, where the busiest assignee has a twentieth of them), every one of its matches ties with the
 * worst kept rank and goes through the heap of packed keys: 5.5–6.7 ms at 1,000,000 issues, where the walk
 * reads that assignee's documents and the query's postings up to them.
 *
 * <p>The walk is not tried for a query whose cost estimate is under {@link #RARE} of the segment, and gives
 * up (null) before it would read more than {@link #budget} documents: a query whose matches are rare among
 * the best ranks is cheaper ranked match by match.
 */
final class RankWalk {
    /** Pages larger than this are left to the ranking of every match. */
    static final int MAX_HITS = 1024;
    /** A query estimated to match less than this share of a segment (1/64) is not walked. */
    private static final int RARE = 64;

    private RankWalk() {
    }

    /** Documents the walk may read in a segment: an eighth of it, and at least enough for a page at 1 % density. */
    static int budget(int hits, int maxDoc) {
        return Math.max(100 * hits + 1024, maxDoc / 8);
    }

    /** The query's weight for the segments a walk reads, made once by the first that needs it. */
    static Supplier<Weight> lazyWeight(IndexSearcher searcher, Query query) {
        return new Supplier<>() {
            private Weight weight;

            @Override
            public synchronized Weight get() {
                if (weight == null) {
                    try {
                        weight = searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1f);
                    } catch (IOException e) {
                        throw new UncheckedIOException("weighing a query failed", e);
                    }
                }
                return weight;
            }
        };
    }

    /** Per queue ord of a segment, its rank in the index's queues ({@code queueRanks}) above a number's 32 bits. */
    static long[] queueBits(int[] queueRanks) {
        long[] bits = new long[SortColumns.NO_QUEUE];
        for (int ord = 0; ord < queueRanks.length; ord++) {
            bits[ord] = (long) queueRanks[ord] << 32;
        }
        return bits;
    }

    /**
     * The segment's candidates for the first {@code hits} in {@code first}'s order, then key order, when a
     * walk answers: not for large pages, columns over their budget, rare queries or a walk past its budget.
     */
    static Optional<int[]> candidates(LeafReaderContext context, Supplier<Weight> weight, SortColumns columns, SortField first,
            SortColumns.Ords ords, int hits, SortColumns.Keys keys, long[] queueBits) throws IOException {
        if (hits > MAX_HITS) {
            return Optional.empty();
        }
        Optional<SortColumns.DocsByRank> groups = columns.docsByRank(context.reader(), first, ords);
        if (groups.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(candidates(context, weight.get(), groups.get(), ords, first.getReverse(), hits, keys, queueBits));
    }

    /**
     * The segment's best {@code hits} matches (fewer when it has fewer), segment doc ids ascending; null when
     * the walk would pass its {@link #budget}.
     *
     * @param queueBits {@link #queueBits} of the segment
     */
    static int[] candidates(LeafReaderContext context, Weight weight, SortColumns.DocsByRank groups, SortColumns.Ords ords,
            boolean descending, int hits, SortColumns.Keys keys, long[] queueBits) throws IOException {
        ScorerSupplier matches = weight.scorerSupplier(context);
        if (matches == null) {
            return new int[0];   // nothing in the segment matches
        }
        if (matches.cost() < context.reader().maxDoc() / RARE) {
            return null;
        }
        int valueCount = groups.groups() - 1;
        int budget = budget(hits, context.reader().maxDoc());
        int[] found = new int[hits];
        int kept = 0;
        int visited = 0;
        int chunk = Math.max(64, 4 * hits);
        for (int next = 0; next <= valueCount && kept < hits; chunk *= 2) {
            // a run of groups in walk order of at least `chunk` documents (or the rest)
            int first = next;
            int size = 0;
            do {
                size += groups.size(group(next++, valueCount, descending));
            } while (next <= valueCount && size < chunk);
            if (visited + size > budget) {
                return null;
            }
            visited += size;
            int[] docs = docsOf(groups, first, next, valueCount, descending, size);
            int[] matched = matching(context, weight, docs);
            if (next - first > 1) {
                sortByWalk(matched, ords, valueCount, descending);
            }
            // a group at a time: whole while it fits, the boundary group's best by key
            for (int from = 0; from < matched.length && kept < hits; ) {
                int rank = walkPosition(ords.ord(matched[from]), valueCount, descending);
                int to = from + 1;
                while (to < matched.length && walkPosition(ords.ord(matched[to]), valueCount, descending) == rank) {
                    to++;
                }
                int[] taken = kept + to - from <= hits ? Arrays.copyOfRange(matched, from, to)
                        : bestByKey(matched, from, to, hits - kept, keys, queueBits);
                if (kept + taken.length > found.length) {
                    found = Arrays.copyOf(found, kept + taken.length);
                }
                System.arraycopy(taken, 0, found, kept, taken.length);
                kept += taken.length;
                from = to;
            }
        }
        int[] candidates = Arrays.copyOf(found, kept);
        Arrays.sort(candidates);
        return candidates;
    }

    /** The group at walk position {@code position}: best rank first, the documents without a value last. */
    private static int group(int position, int valueCount, boolean descending) {
        return position == valueCount || !descending ? position : valueCount - 1 - position;
    }

    /** The walk position of a rank ({@link SortColumns.Ords#MISSING}: last). */
    private static int walkPosition(int ord, int valueCount, boolean descending) {
        return ord == SortColumns.Ords.MISSING ? valueCount : descending ? valueCount - 1 - ord : ord;
    }

    /** The documents of walk positions [from, to), ascending (one group is already). */
    private static int[] docsOf(SortColumns.DocsByRank groups, int from, int to, int valueCount, boolean descending, int size) {
        int[] docs = new int[size];
        int at = 0;
        for (int position = from; position < to; position++) {
            at = groups.copy(group(position, valueCount, descending), docs, at);
        }
        if (to - from > 1) {
            Arrays.sort(docs);
        }
        return docs;
    }

    /** Those of the (ascending) documents that are live and match, ascending: one pass of the query's iterator. */
    private static int[] matching(LeafReaderContext context, Weight weight, int[] docs) throws IOException {
        Scorer scorer = weight.scorer(context);
        if (scorer == null) {
            return new int[0];
        }
        DocIdSetIterator iterator = scorer.iterator();
        Bits live = context.reader().getLiveDocs();
        int[] matches = new int[docs.length];
        int count = 0;
        for (int doc : docs) {
            int at = iterator.docID() < doc ? iterator.advance(doc) : iterator.docID();
            if (at == DocIdSetIterator.NO_MORE_DOCS) {
                break;
            }
            if (at == doc && (live == null || live.get(doc))) {
                matches[count++] = doc;
            }
        }
        return Arrays.copyOf(matches, count);
    }

    /** Orders matches of several groups by walk position, each group's in document order. */
    private static void sortByWalk(int[] matches, SortColumns.Ords ords, int valueCount, boolean descending) {
        long[] packed = new long[matches.length];
        for (int i = 0; i < matches.length; i++) {
            packed[i] = (long) walkPosition(ords.ord(matches[i]), valueCount, descending) << 32 | matches[i];
        }
        Arrays.sort(packed);
        for (int i = 0; i < matches.length; i++) {
            matches[i] = (int) packed[i];
        }
    }

    /**
     * The best {@code wanted} of matches[from, to) by key, and besides them any without a key (not issues, which
     * issue queries never match), for Lucene's collector to order.
     */
    private static int[] bestByKey(int[] matches, int from, int to, int wanted, SortColumns.Keys keys, long[] queueBits) {
        BestKeys best = new BestKeys(wanted);
        int[] keyless = new int[0];
        for (int i = from; i < to; i++) {
            int doc = matches[i];
            int queueOrd = keys.queueOrds()[doc] & 0xFF;
            if (queueOrd == SortColumns.NO_QUEUE) {
                keyless = Arrays.copyOf(keyless, keyless.length + 1);
                keyless[keyless.length - 1] = doc;
            } else {
                best.offer(queueBits[queueOrd] | keys.numbers()[doc], doc);
            }
        }
        int[] docs = best.docsInOrder();
        int[] chosen = Arrays.copyOf(docs, docs.length + keyless.length);
        System.arraycopy(keyless, 0, chosen, docs.length, keyless.length);
        return chosen;
    }
}
