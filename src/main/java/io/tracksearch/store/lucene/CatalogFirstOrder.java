package io.tracksearch.store.lucene;

import io.tracksearch.model.CatalogEntry;
import io.tracksearch.model.IssueField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.TotalHits;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The first page of a search ordered first by a catalog field (priority, status, type, resolution: five
 * values each), as the pages of its values one after another: the best value's matches in the rest of the
 * order, then the next value's, until the page is full, then the issues without a value (last in either
 * direction). Each value's page is the query joined with the value's indexed term, which Lucene intersects
 * a window of postings at a time, and is ordered by whatever serves the rest of the order (key order, the
 * index order with early termination, another catalog); the exact total is a count of the query alone.
 *
 * <p>Why: the page usually comes from the first value or two, so only their matches are ever ordered, and
 * no match is looked at one by one just to learn its value. Sorting every match by its value first (as
 * Lucene's collector does, or bucketing each match by a weight column, as this class did before) cost a
 * read per match: 8.5 ms for every issue by status and priority at 1,000,000 issues.
 */
final class CatalogFirstOrder {
    /** The best hits of a query in an order, with their sort values; no total. */
    @FunctionalInterface
    interface BestHits {
        ScoreDoc[] best(IndexSearcher searcher, Query query, Sort sort, int hits) throws IOException;
    }

    private CatalogFirstOrder() {
    }

    /** Whether the order starts with a catalog field, which this search serves. */
    static boolean serves(Sort sort) {
        return LuceneSorts.startsWithCatalog(sort) && catalogField(sort.getSort()[0]) != null;
    }

    /** The first {@code hits} matches in {@code sort} (with their sort values) and the exact total. */
    static TopFieldDocs search(IndexSearcher searcher, Query query, Sort sort, int hits, BestHits rest) throws IOException {
        long total = searcher.count(query);
        ScoreDoc[] page = total == 0 ? new ScoreDoc[0] : best(searcher, query, sort, (int) Math.min(hits, total), rest);
        return new TopFieldDocs(new TotalHits(total, TotalHits.Relation.EQUAL_TO), page, sort.getSort());
    }

    /** The first {@code hits} matches in {@code sort}, value by value; {@code rest} orders each value's. */
    static ScoreDoc[] best(IndexSearcher searcher, Query query, Sort sort, int hits, BestHits rest) throws IOException {
        SortField first = sort.getSort()[0];
        Sort restOfOrder = new Sort(Arrays.copyOfRange(sort.getSort(), 1, sort.getSort().length));
        List<ScoreDoc> page = new ArrayList<>(hits);
        for (Value value : valuesInOrder(first)) {
            if (page.size() >= hits) {
                break;
            }
            BooleanQuery.Builder ofValue = new BooleanQuery.Builder().add(query, BooleanClause.Occur.MUST);
            if (value.term() != null) {
                ofValue.add(new TermQuery(value.term()), BooleanClause.Occur.FILTER);
            } else {
                ofValue.add(new FieldExistsQuery(first.getField()), BooleanClause.Occur.MUST_NOT);
            }
            for (ScoreDoc hit : rest.best(searcher, ofValue.build(), restOfOrder, hits - page.size())) {
                page.add(withFirstValue(value.sortValue(), (FieldDoc) hit));
            }
        }
        return page.toArray(ScoreDoc[]::new);
    }

    /** One value of the field (an entry's term, or none: the issues without one) and its sort value. */
    private record Value(Term term, long sortValue) {
    }

    /**
     * The field's values in the order of the sort: weights (catalog order) ascending or descending, then the
     * issues without a value, whose sort value is the field's missing value (see {@link LuceneSorts}).
     */
    private static List<Value> valuesInOrder(SortField first) {
        IssueField field = catalogField(first);
        Comparator<CatalogEntry> byWeight = Comparator.comparingInt(CatalogEntry::order);
        List<Value> values = new ArrayList<>(field.catalog().entries().stream()
                .sorted(first.getReverse() ? byWeight.reversed() : byWeight)
                .map(entry -> new Value(new Term(field.id(), entry.key()), entry.order()))
                .toList());
        values.add(new Value(null, (Long) first.getMissingValue()));
        return values;
    }

    /** The hit with the first field's value in front of the rest of the order's values, as Lucene gives them. */
    private static FieldDoc withFirstValue(long value, FieldDoc hit) {
        Object[] fields = new Object[hit.fields.length + 1];
        fields[0] = value;
        System.arraycopy(hit.fields, 0, fields, 1, hit.fields.length);
        return new FieldDoc(hit.doc, hit.score, fields);
    }

    /** The catalog field a sort field orders by, or null when it is none. */
    private static IssueField catalogField(SortField sortField) {
        String name = sortField.getField();
        if (name == null || !name.startsWith(IssueDocuments.SORT_PREFIX)) {
            return null;
        }
        return IssueField.byId(name.substring(IssueDocuments.SORT_PREFIX.length()))
                .filter(field -> field.catalog() != null && IssueDocuments.sortField(field).equals(name))
                .orElse(null);
    }
}
