package io.tracksearch.store.lucene;

import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.FixedBitSet;

/**
 * A page strategy's competitive iterator ({@code LeafCollector#competitiveIterator}): the segment's documents
 * that can still make the page, found by testing each against a bound read from the strategy's heap (an
 * in-memory sort column's value). Lucene intersects it with the query's matches, so the ones it skips are
 * neither collected nor counted; the first skip is reported once, and the strategy then counts the total
 * apart.
 *
 * <p>Dense conjunctions load it a window at a time ({@link #intoBitSet}), which here is one loop over the
 * window rather than a call per competitive document: documents that beat the bound but do not match (for
 * "Queue: CORE" in key order, every issue of the queues before CORE) made the scan cost more than it saved.
 */
abstract class CompetitiveScan extends DocIdSetIterator {
    private final int maxDoc;
    private final Runnable onSkip;
    private int doc = -1;

    CompetitiveScan(int maxDoc, Runnable onSkip) {
        this.maxDoc = maxDoc;
        this.onSkip = onSkip;
    }

    /** Reads the bound that {@link #competitive} tests against; it only tightens as matches are collected. */
    abstract void readBound();

    /** Whether document {@code doc} can make the page, by the bound last read. */
    abstract boolean competitive(int doc);

    /**
     * The first document from {@code from} on that is {@link #competitive}, or {@code maxDoc}; by the bound last
     * read. A scan may find it faster than a test of each document.
     */
    int nextCompetitive(int from) {
        int found = from;
        while (found < maxDoc && !competitive(found)) {
            found++;
        }
        return found;
    }

    /** Whether {@link #nextCompetitive} finds the few competitive documents faster than a test of each, by the bound last read. */
    boolean findsFaster() {
        return false;
    }

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
        if (target >= maxDoc) {
            return doc = NO_MORE_DOCS;
        }
        readBound();
        int found = nextCompetitive(target);
        if (found != target) {
            onSkip.run();
        }
        return doc = found < maxDoc ? found : NO_MORE_DOCS;
    }

    @Override
    public final void intoBitSet(int upTo, FixedBitSet bitSet, int offset) {
        int end = Math.min(upTo, maxDoc);
        if (doc >= end) {
            return;
        }
        readBound();
        if (findsFaster()) {
            long[] words = bitSet.getBits();
            int set = 0;
            int d = nextCompetitive(doc);
            for (; d < end; d = nextCompetitive(d + 1)) {
                int i = d - offset;
                words[i >>> 6] |= 1L << i;
                set++;
            }
            if (set < end - doc || d != end) {
                onSkip.run();
            }
            // the search past the window found the next competitive document already: advance(end) would repeat it
            doc = d < maxDoc ? d : NO_MORE_DOCS;
            return;
        }
        // Without branches on the outcome: where competitive documents and others alternate at random (the
        // queue before the page's and the page's own), a mispredicted branch per document was most of the
        // scan. Each word of the bit set is gathered in a register and stored once: an or into the array per
        // document made every document wait for the previous one's store (JFR: half of "Status: Open" by
        // assignee at 1,000,000 issues was this loop).
        long[] words = bitSet.getBits();
        int set = 0;
        for (int d = doc; d < end; ) {
            int word = (d - offset) >>> 6;
            int wordEnd = Math.min(end, offset + ((word + 1) << 6));
            long bits = 0;
            for (; d < wordEnd; d++) {
                bits |= (competitive(d) ? 1L : 0L) << (d - offset);   // a long shifts by the low six bits
            }
            words[word] |= bits;
            set += Long.bitCount(bits);
        }
        if (set < end - doc) {
            onSkip.run();
        }
        advance(end);
    }

    @Override
    public final long cost() {
        return maxDoc;
    }
}
