package io.tracksearch.store.lucene;

import io.tracksearch.model.IssueField;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSortField;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;

import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;

/**
 * The first page of a search in least recently updated order ("Sort By": Updated ASC, then key), the
 * reverse of the order segments are kept in ({@link LuceneSorts#INDEX_SORT}): a segment's best matches
 * are its last ones. Each segment's last {@code hits + 1} matches are read from windows at its end (the
 * query's iterator skips to each window's start); its last {@code hits} are its candidates, which Lucene's
 * collector then orders ({@link SortedCandidates}); the total is counted apart.
 *
 * <p>Within equal update times a segment is in key order, as the page wants, but its last matches are
 * then the largest keys of the group: when the match before the candidates has the same update time as
 * the worst of them, or a candidate has no update time (kept last by both orders), the search is left to
 * Lucene's collector, as it is when a segment is not kept in the index sort.
 *
 * <p>Why: Lucene's collector cannot terminate early against the index order and, by update time, skips
 * little: "open issues, least recently updated first" took 17 ms at 1,000,000 issues against 4 ms for
 * most recently updated first; keeping each segment's last matches while counting them all, 3.7 ms.
 */
final class ReverseIndexOrderPage {
    private ReverseIndexOrderPage() {
    }

    /** Whether the order is the index sort's with the update time ascending. */
    static boolean serves(Sort sort) {
        SortField[] fields = sort.getSort();
        SortField[] index = LuceneSorts.INDEX_SORT.getSort();
        if (fields.length != index.length || !(fields[0] instanceof SortedNumericSortField updated)
                || !(index[0] instanceof SortedNumericSortField indexUpdated)) {
            return false;
        }
        return updated.getField().equals(indexUpdated.getField()) && !updated.getReverse() && indexUpdated.getReverse()
                && updated.getSelector() == indexUpdated.getSelector() && updated.getNumericType() == indexUpdated.getNumericType()
                && Arrays.equals(fields, 1, fields.length, index, 1, index.length);
    }

    /**
     * The first {@code hits} matches in {@code sort} ({@link #serves}) and the exact total; empty when a
     * segment is not in the index sort or an update time at a segment's boundary is shared or missing.
     */
    static Optional<TopFieldDocs> search(IndexSearcher searcher, Query query, Sort sort, int hits) throws IOException {
        Weight weight = searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1f);
        SortedCandidates.Gathered candidates = new SortedCandidates.Gathered();
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            if (!LuceneSorts.INDEX_SORT.equals(leaf.reader().getMetaData().sort())) {
                return Optional.empty();   // Lucene's collector orders them
            }
            int[] last = lastMatches(weight, leaf, hits + 1);
            boolean oneBefore = last.length > hits;
            if (!decided(leaf, last, oneBefore)) {
                return Optional.empty();
            }
            if (last.length > 0) {
                candidates.leaves.add(new SortedCandidates.LeafDocs(leaf, oneBefore ? Arrays.copyOfRange(last, 1, last.length) : last));
            }
        }
        candidates.total = searcher.count(query);
        return candidates.top(sort, hits);
    }

    /**
     * A segment's last {@code wanted} matches in document order (all of them when it has fewer), read from
     * windows at its end: the first as long as the query's cost says {@code wanted} matches need (twice
     * that), each next four times as long, each from the first match in it (postings skip to it).
     */
    private static int[] lastMatches(Weight weight, LeafReaderContext leaf, int wanted) throws IOException {
        ScorerSupplier supplier = weight.scorerSupplier(leaf);
        if (supplier == null) {
            return new int[0];
        }
        int maxDoc = leaf.reader().maxDoc();
        Bits live = leaf.reader().getLiveDocs();
        long window = (long) Math.max(wanted, Math.min(maxDoc, 2.0 * wanted * maxDoc / Math.max(1, supplier.cost())));
        int[] found = new int[0];   // the matches from end on, in document order
        int end = maxDoc;
        while (true) {
            int start = (int) Math.max(0, end - window);
            DocIdSetIterator matches = supplier.get(Long.MAX_VALUE).iterator();   // matches only, two-phase or not
            int[] part = new int[16];
            int count = 0;
            for (int doc = matches.advance(start); doc < end; doc = matches.nextDoc()) {
                if (live == null || live.get(doc)) {
                    if (count == part.length) {
                        part = Arrays.copyOf(part, count * 2);
                    }
                    part[count++] = doc;
                }
            }
            int[] joined = Arrays.copyOf(part, count + found.length);
            System.arraycopy(found, 0, joined, count, found.length);
            found = joined;
            if (found.length >= wanted || start == 0) {
                return found.length > wanted ? Arrays.copyOfRange(found, found.length - wanted, found.length) : found;
            }
            end = start;
            window *= 4;
            supplier = weight.scorerSupplier(leaf);   // a supplier gives one scorer
        }
    }

    /**
     * Whether the last matches (document order) hold the segment's best: all of its matches, or else each
     * has an update time and the one before the candidates (the first) was updated later than the first
     * candidate, so every earlier match was too (the segment is in update order, latest first).
     */
    private static boolean decided(LeafReaderContext context, int[] last, boolean oneBefore) throws IOException {
        if (!oneBefore) {
            return true;
        }
        SortedNumericDocValues updated = DocValues.getSortedNumeric(context.reader(), IssueField.UPDATED_AT.id());
        long[] values = new long[2];
        for (int i = 0; i < last.length; i++) {
            if (!updated.advanceExact(last[i])) {
                return false;
            }
            if (i < 2) {
                values[i] = updated.nextValue();   // the smallest, as the index sort's selector takes
            }
        }
        return values[0] != values[1];
    }
}
