package io.tracksearch.store.lucene;

import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.FixedBitSet;

import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;

/**
 * A segment's candidates for the first page of a rank order followed by key order (a string or a number many
 * issues share, then the key), found by walking the segment's documents rank by rank and, within a rank, in
 * key order ({@link SortColumns#docsByRank}), asking the query only about them: the first {@code hits} that
 * match are the segment's best, exactly. The total is counted apart.
 *
 * <p>Why: the other way ranks every match. When the best value is one that many matches share (open issues
 * by assignee, where the busiest assignee has a twentieth of them), every one of its matches ties with the
 * worst kept rank and goes through the heap of packed keys: 5.5–6.7 ms at 1,000,000 issues, where the walk
 * reads that assignee's documents up to the page's last.
 *
 * <p>The query is asked in one of two ways. For a few documents, its iterator is advanced to each of them
 * (ascending); once the walk reaches more documents than a sixteenth of the query's cost, all of the query's
 * matches are read into a bit set instead, which then answers any document in a bit test: a rank shared by
 * a tenth of a million documents is then read in key order only up to its page, not matched whole and ranked
 * by key.
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
    /**
     * Documents asked by advancing, per match of the query read into a bit set, that cost as much: an advance
     * jumps through skip data, a bit set is filled a block of postings at a time.
     */
    private static final int ADVANCES_PER_MATCH_READ = 16;

    private RankWalk() {
    }

    /** Documents the walk may read in a segment: an eighth of it, and at least enough for a page at 1 % density. */
    static int budget(int hits, int maxDoc) {
        return Math.max(100 * hits + 1024, maxDoc / 8);
    }

    /**
     * The segment's candidates for the first {@code hits} in {@code first}'s order, then key order, when a
     * walk answers: not for large pages, columns over their budget, rare queries or a walk past its budget.
     */
    static Optional<int[]> candidates(LeafReaderContext context, Weight weight, SortColumns columns, SortField first,
            SortColumns.Ords ords, int hits, SortColumns.Keys keys) throws IOException {
        if (hits > MAX_HITS) {
            return Optional.empty();
        }
        Optional<SortColumns.DocsByRank> groups = columns.docsByRank(context.reader(), first, ords, keys);
        if (groups.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(candidates(context, weight, groups.get(), first.getReverse(), hits, keys));
    }

    /**
     * The segment's best {@code hits} matches (fewer when it has fewer) and any match without a key in the
     * boundary rank (not issues, which issue queries never match; Lucene's collector orders them), segment doc
     * ids ascending; null when the walk would pass its {@link #budget}.
     */
    static int[] candidates(LeafReaderContext context, Weight weight, SortColumns.DocsByRank groups, boolean descending, int hits,
            SortColumns.Keys keys) throws IOException {
        ScorerSupplier supplier = weight.scorerSupplier(context);
        if (supplier == null) {
            return new int[0];   // nothing in the segment matches
        }
        int maxDoc = context.reader().maxDoc();
        long cost = supplier.cost();
        if (cost < maxDoc / RARE) {
            return null;
        }
        Matches matches = new Matches(context, weight, cost);
        int valueCount = groups.groups() - 1;
        int budget = budget(hits, maxDoc);
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
            matches.ask(groups, first, next, valueCount, descending, size);
            for (int position = first; position < next && kept < hits; position++) {
                int group = group(position, valueCount, descending);
                int end = groups.starts()[group + 1];
                for (int at = groups.starts()[group]; at < end; at++) {
                    int doc = groups.docs()[at];
                    if (matches.matches(doc)) {
                        found[kept++] = doc;
                        if (kept == hits) {
                            found = withKeylessAfter(found, groups, at, end, keys, matches);
                            break;
                        }
                    }
                }
            }
        }
        int[] candidates = kept < hits ? Arrays.copyOf(found, kept) : found;   // a full page: with any keyless after it
        Arrays.sort(candidates);
        return candidates;
    }

    /** The group at walk position {@code position}: best rank first, the documents without a value last. */
    private static int group(int position, int valueCount, boolean descending) {
        return position == valueCount || !descending ? position : valueCount - 1 - position;
    }

    /**
     * {@code found} and the matches without a key in the boundary group after {@code at}: its documents are in
     * key order, those without a key ({@link SortColumns#NO_QUEUE}) last.
     */
    private static int[] withKeylessAfter(int[] found, SortColumns.DocsByRank groups, int at, int end, SortColumns.Keys keys,
            Matches matches) {
        int[] chosen = found;
        for (int i = end - 1; i > at && (keys.queueOrds()[groups.docs()[i]] & 0xFF) == SortColumns.NO_QUEUE; i--) {
            if (matches.matches(groups.docs()[i])) {
                chosen = Arrays.copyOf(chosen, chosen.length + 1);
                chosen[chosen.length - 1] = groups.docs()[i];
            }
        }
        return chosen;
    }

    /** What the walk knows of the query's live matches in one segment, as bits by doc id. */
    private static final class Matches {
        private final LeafReaderContext context;
        private final Weight weight;
        private final long cost;
        private final Bits live;
        private final FixedBitSet bits;
        /** Whether every match of the query is in {@link #bits}. */
        private boolean complete;

        Matches(LeafReaderContext context, Weight weight, long cost) {
            this.context = context;
            this.weight = weight;
            this.cost = cost;
            this.live = context.reader().getLiveDocs();
            this.bits = new FixedBitSet(context.reader().maxDoc());
        }

        boolean matches(int doc) {
            return bits.get(doc) && (live == null || live.get(doc));
        }

        /** Makes {@link #matches} answer for the documents of walk positions [from, to). */
        void ask(SortColumns.DocsByRank groups, int from, int to, int valueCount, boolean descending, int size) throws IOException {
            if (complete) {
                return;
            }
            Scorer scorer = weight.scorer(context);
            if (scorer == null) {
                complete = true;   // no match
                return;
            }
            DocIdSetIterator iterator = scorer.iterator();
            if ((long) size * ADVANCES_PER_MATCH_READ > cost) {
                iterator.nextDoc();
                iterator.intoBitSet(bits.length(), bits, 0);   // every doc id is below maxDoc, the bit set's length
                complete = true;
                return;
            }
            int[] docs = new int[size];
            int at = 0;
            for (int position = from; position < to; position++) {
                at = groups.copy(group(position, valueCount, descending), docs, at);
            }
            Arrays.sort(docs);
            for (int doc : docs) {
                int match = iterator.docID() < doc ? iterator.advance(doc) : iterator.docID();
                if (match == DocIdSetIterator.NO_MORE_DOCS) {
                    break;
                }
                if (match == doc) {
                    bits.set(doc);
                }
            }
        }
    }
}
