package io.tracksearch.store.lucene;

import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.Weight;

import java.io.IOException;
import java.util.List;

/**
 * The segments where a query matches at least a quarter of the documents, by its cost estimate. There a page
 * strategy lets Lucene skip the matches that cannot make the page (a competitive iterator, as Lucene's own
 * comparators offer) and counts the total apart, which for such a query is a count of bit sets; a sparse
 * query (a phrase) is cheaper counted on the way than twice.
 */
final class DenseSegments {
    /** A segment is dense for a query whose cost is at least 1/DENSITY of its documents. */
    private static final int DENSITY = 4;

    private DenseSegments() {
    }

    /** Per segment (by ord), whether the query is dense in it. */
    static boolean[] of(IndexSearcher searcher, Query query) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        boolean[] dense = new boolean[leaves.size()];
        Weight weight = searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1f);
        for (LeafReaderContext leaf : leaves) {
            ScorerSupplier supplier = weight.scorerSupplier(leaf);
            dense[leaf.ord] = supplier != null && supplier.cost() >= leaf.reader().maxDoc() / DENSITY;
        }
        return dense;
    }
}
