package io.tracksearch.store.lucene;

import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TopFieldCollector;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.TotalHits;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The last step of the page strategies that first narrow the matches down cheaply ({@link KeyOrderPage},
 * {@link RankFirstOrder}, {@link ReverseIndexOrderPage}): the few candidates left are ordered by Lucene's own
 * collector, so that the page is in exactly the order (and carries exactly the sort values, which deep pages
 * continue from) that a plain search would give.
 */
final class SortedCandidates {
    /** Candidate documents of one segment, segment doc ids ascending. */
    record LeafDocs(LeafReaderContext context, int[] docs) {
    }

    /**
     * What the leaf collectors of one search gathered: each segment's candidates and the count of every match;
     * {@code givenUp} when a segment could not name its candidates, and Lucene's collector answers instead.
     */
    static final class Gathered {
        final List<LeafDocs> leaves = new ArrayList<>();
        long total;
        /** Whether a collector skipped matches that could not make the page, so that {@code total} is a lower bound. */
        boolean skipped;
        boolean givenUp;

        /** The parts gathered by the collectors of one search's slices, in one. */
        static Gathered merge(Collection<Gathered> parts) {
            Gathered all = new Gathered();
            for (Gathered part : parts) {
                all.total += part.total;
                all.skipped |= part.skipped;
                all.givenUp |= part.givenUp;
                all.leaves.addAll(part.leaves);
            }
            return all;
        }

        /** The first {@code hits} of the candidates in {@code sort} with the exact total; empty when given up. */
        Optional<TopFieldDocs> top(Sort sort, int hits) throws IOException {
            if (givenUp) {
                return Optional.empty();
            }
            TopFieldDocs top = SortedCandidates.top(sort, hits, leaves, total);
            return Optional.of(skipped ? new TopFieldDocs(new TotalHits(total, TotalHits.Relation.GREATER_THAN_OR_EQUAL_TO),
                    top.scoreDocs, top.fields) : top);
        }
    }

    private SortedCandidates() {
    }

    /** The first {@code hits} of the candidates in {@code sort}, with {@code total} as the exact total. */
    static TopFieldDocs top(Sort sort, int hits, List<LeafDocs> candidates, long total) throws IOException {
        TopFieldCollector collector = new TopFieldCollectorManager(sort, Math.max(1, hits), null, Integer.MAX_VALUE).newCollector();
        for (LeafDocs leaf : candidates.stream().sorted(Comparator.comparingInt(leaf -> leaf.context().ord)).toList()) {
            if (leaf.docs().length == 0) {
                continue;
            }
            LeafCollector leafCollector = collector.getLeafCollector(leaf.context());
            leafCollector.setScorer(NO_SCORE);
            for (int doc : leaf.docs()) {
                leafCollector.collect(doc);
            }
            leafCollector.finish();
        }
        TopFieldDocs top = collector.topDocs();
        return new TopFieldDocs(new TotalHits(total, TotalHits.Relation.EQUAL_TO), top.scoreDocs, top.fields);
    }

    private static final Scorable NO_SCORE = new Scorable() {
        @Override
        public float score() {
            return 0;
        }
    };
}
