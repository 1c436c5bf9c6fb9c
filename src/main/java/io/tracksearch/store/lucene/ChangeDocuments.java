package io.tracksearch.store.lucene;

import io.tracksearch.model.Change;
import io.tracksearch.model.IssueField;
import io.tracksearch.store.ChangeResolution;
import io.tracksearch.store.Condition;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.util.List;
import java.util.TreeSet;

/**
 * Issue history for changed() (spec 8.6): every recorded {@link Change} is its own document of type
 * "change" (issue key, field, old and new values, author, time), written in the same commit as the
 * issue version that made it. A changed() condition is answered in two steps on one searcher: the
 * change documents matching every argument give issue keys, and the condition becomes "key is one of
 * them". Change documents are append-only; they are never part of issue results.
 */
final class ChangeDocuments {
    static final String TYPE_CHANGE = "change";
    private static final String ISSUE = "change.issue";
    private static final String FIELD = "change.field";
    private static final String FROM = "change.from";
    private static final String TO = "change.to";
    private static final String BY = "change.by";
    private static final String AT = "change.at";

    private ChangeDocuments() {
    }

    static Document document(String issueKey, Change change) {
        Document document = new Document();
        document.add(new StringField(IssueDocuments.TYPE, TYPE_CHANGE, Field.Store.NO));
        document.add(new StringField(ISSUE, issueKey, Field.Store.NO));
        document.add(new SortedDocValuesField(ISSUE, new BytesRef(issueKey)));
        document.add(new StringField(FIELD, change.field().id(), Field.Store.NO));
        for (String value : change.from()) {
            document.add(new StringField(FROM, value, Field.Store.NO));
        }
        for (String value : change.to()) {
            document.add(new StringField(TO, value, Field.Store.NO));
        }
        document.add(new StringField(BY, Long.toString(change.by()), Field.Store.NO));
        document.add(new LongPoint(AT, change.at()));
        return document;
    }

    /** Replaces every Changed node by the issues whose history satisfies it, as seen by this searcher. */
    static Condition resolve(Condition condition, IndexSearcher searcher) throws IOException {
        return ChangeResolution.resolve(condition, changed -> issuesWith(changed, searcher));
    }

    private static Condition issuesWith(Condition.Changed changed, IndexSearcher searcher) throws IOException {
        BooleanQuery.Builder query = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IssueDocuments.TYPE, TYPE_CHANGE)), Occur.FILTER)
                .add(new TermQuery(new Term(FIELD, changed.field().id())), Occur.FILTER);
        addAnyOf(query, FROM, changed.from());
        addAnyOf(query, TO, changed.to());
        addAnyOf(query, BY, changed.by());
        if (changed.dateFrom() != null || changed.dateTo() != null) {
            long from = changed.dateFrom() == null ? Long.MIN_VALUE : changed.dateFrom();
            long to = changed.dateTo() == null ? Long.MAX_VALUE : changed.dateTo() - 1;
            query.add(LongPoint.newRangeQuery(AT, from, to), Occur.FILTER);
        }
        TreeSet<String> keys = new TreeSet<>();
        searcher.search(query.build(), new SimpleCollector() {
            private SortedDocValues issues;

            @Override
            protected void doSetNextReader(LeafReaderContext context) throws IOException {
                issues = context.reader().getSortedDocValues(ISSUE);
            }

            @Override
            public void collect(int doc) throws IOException {
                if (issues != null && issues.advanceExact(doc)) {
                    keys.add(issues.lookupOrd(issues.ordValue()).utf8ToString());
                }
            }

            @Override
            public ScoreMode scoreMode() {
                return ScoreMode.COMPLETE_NO_SCORES;
            }
        });
        return keys.isEmpty() ? new Condition.MatchNone() : new Condition.AnyOf(IssueField.KEY, List.copyOf(keys));
    }

    private static void addAnyOf(BooleanQuery.Builder query, String field, List<String> values) {
        if (!values.isEmpty()) {
            query.add(new TermInSetQuery(field, values.stream().map(BytesRef::new).toList()), Occur.FILTER);
        }
    }
}
