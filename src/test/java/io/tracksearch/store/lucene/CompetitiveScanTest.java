package io.tracksearch.store.lucene;

import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.FixedBitSet;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class CompetitiveScanTest {
    /** A scan whose competitive documents are those marked; counts the skips it reports. */
    private static final class Marked extends CompetitiveScan {
        private final boolean[] marked;

        Marked(boolean[] marked, AtomicInteger skips) {
            super(marked.length, skips::incrementAndGet);
            this.marked = marked;
        }

        @Override
        void readBound() {
        }

        @Override
        boolean competitive(int doc) {
            return marked[doc];
        }
    }

    /**
     * Loading windows into bit sets (as Lucene's dense conjunctions do) sets the bits one document at a time
     * would, leaves the iterator on the first competitive document at or after the window, and reports a skip
     * exactly when some document was not competitive.
     */
    @Test
    void windowsIntoBitSetsAsDocumentByDocument() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        for (int round = 0; round < 2000; round++) {
            String context = "seed " + seed + ", round " + round;
            int maxDoc = 1 + random.nextInt(700);
            boolean[] marked = new boolean[maxDoc];
            int density = random.nextInt(4);
            for (int doc = 0; doc < maxDoc; doc++) {
                marked[doc] = density == 0 || random.nextInt(density + 1) > 0;
            }
            AtomicInteger skips = new AtomicInteger();
            Marked scan = new Marked(marked, skips);
            int doc = scan.nextDoc();
            while (doc != DocIdSetIterator.NO_MORE_DOCS) {
                int upTo = doc + 1 + random.nextInt(200);
                // a window may start before the iterator's document, at any bit of a word (Lucene's windows)
                int offset = doc - random.nextInt(Math.min(doc, 130) + 1);
                FixedBitSet loaded = new FixedBitSet(upTo - offset);
                FixedBitSet expected = new FixedBitSet(upTo - offset);
                int expectedNext = doc;
                for (int d = doc; d < Math.min(upTo, maxDoc); d++) {
                    if (marked[d]) {
                        expected.set(d - offset);
                    }
                }
                while (expectedNext < maxDoc && (expectedNext < upTo || !marked[expectedNext])) {
                    expectedNext++;
                }
                scan.intoBitSet(upTo, loaded, offset);
                assertArrayEquals(expected.getBits(), loaded.getBits(), context + ", window " + offset + ".." + upTo);
                doc = scan.docID();
                assertEquals(expectedNext < maxDoc ? expectedNext : DocIdSetIterator.NO_MORE_DOCS, doc, context);
            }
            boolean anyUnmarked = false;
            for (boolean mark : marked) {
                anyUnmarked |= !mark;
            }
            assertEquals(anyUnmarked, skips.get() > 0, context + ": a skip reported exactly when a document was not competitive");
        }
    }
}
