package io.tracksearch.store.lucene;

import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.Weight;

import java.io.IOException;

/**
 * Whether a query matches at least a quarter of a segment's documents, by its cost estimate. There a page
 * strategy lets Lucene skip the matches that cannot make the page (a competitive iterator, as Lucene's own
 * comparators offer) and counts the total apart, which for such a query is a count of bit sets; a sparse
 * query (a phrase) is cheaper counted on the way than twice.
 *
 * <p>Asked of the search's own weight, which Lucene hands each collector ({@code Collector.setWeight}) before
 * its segments: a weight made for the question alone looked every term up in every segment a second time
 * (5 % of a search's CPU for a word by priority at 1,000,000 issues).
 */
final class DenseSegments {
    /** A segment is dense for a query whose cost is at least 1/DENSITY of its documents. */
    private static final int DENSITY = 4;

    private DenseSegments() {
    }

    /** Whether the query of {@code weight} is dense in the segment; false without a weight. */
    static boolean dense(Weight weight, LeafReaderContext leaf) throws IOException {
        if (weight == null) {
            return false;
        }
        ScorerSupplier supplier = weight.scorerSupplier(leaf);
        return supplier != null && supplier.cost() >= leaf.reader().maxDoc() / DENSITY;
    }
}
