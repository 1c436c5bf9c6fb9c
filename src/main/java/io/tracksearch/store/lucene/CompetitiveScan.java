package io.tracksearch.store.lucene;

import org.apache.lucene.search.DocIdSetIterator;

/**
 * A page strategy's competitive iterator ({@code LeafCollector#competitiveIterator}): the segment's documents
 * that can still make the page, found by scanning an in-memory sort column from the target on. Lucene
 * intersects it with the query's matches, so the ones it skips are neither collected nor counted; the
 * first skip is reported once, and the strategy then counts the total apart.
 */
abstract class CompetitiveScan extends DocIdSetIterator {
    private final int maxDoc;
    private final Runnable onSkip;
    private int doc = -1;

    CompetitiveScan(int maxDoc, Runnable onSkip) {
        this.maxDoc = maxDoc;
        this.onSkip = onSkip;
    }

    /** The first document at or after {@code target} (below maxDoc) that can make the page, or maxDoc. */
    abstract int firstCompetitive(int target, int maxDoc);

    @Override
    public final int docID() {
        return doc;
    }

    @Override
    public final int nextDoc() {
        return advance(doc + 1);
    }

    @Override
    public final int advance(int target) {
        int found = target < maxDoc ? firstCompetitive(target, maxDoc) : maxDoc;
        if (found != target && target < maxDoc) {
            onSkip.run();
        }
        return doc = found < maxDoc ? found : NO_MORE_DOCS;
    }

    @Override
    public final long cost() {
        return maxDoc;
    }
}
