package io.tracksearch.store.lucene;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracksearch.model.Change;
import io.tracksearch.model.ChangeEvent;
import io.tracksearch.model.IssueField;
import io.tracksearch.store.ChangeResolution;
import io.tracksearch.store.ChangelogQuery;
import io.tracksearch.store.Condition;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Issue history (spec 8.6 changed(), {@code History:} text, and the changelog), written in the same
 * commit as the issue version that made it, append-only, never part of issue results.
 *
 * <p>Each write is one document of type "event" ({@link ChangeEvent}): the event as JSON (the changelog
 * reads it back), its version for order and paging, the ids of the changed fields, per tracked field
 * (one whose keywords changed) its id and the normalised old and new keywords as {@link Change#tagged}
 * terms (so one document answers changed() on each of its fields without mixing them), and the old and
 * new summary and description texts under the issue's own field names, so the issue compiler matches
 * them for {@code History:}.
 *
 * <p>Earlier versions wrote one document of type "change" per changed field, indexed only (no values to
 * read back): they still answer changed(), queried beside the events, and have no changelog entries.
 *
 * <p>A history condition is answered in two steps on one searcher: the documents matching it give issue
 * keys, and the condition becomes "key is one of them".
 */
final class ChangeDocuments {
    static final String TYPE_EVENT = "event";
    /** Documents of earlier versions: one per changed field. */
    static final String TYPE_CHANGE = "change";
    private static final String ISSUE = "change.issue";
    private static final String FIELD = "change.field";
    private static final String FROM = "change.from";
    private static final String TO = "change.to";
    private static final String BY = "change.by";
    private static final String AT = "change.at";
    private static final String VERSION = "event.version";
    private static final String EVENT_TYPE = "event.type";
    /** Fields whose normalised keywords the event changed: what changed() asks about. */
    private static final String KEYWORD_FIELD = "event.keywordField";
    private static final String FIELD_FROM = "event.from";
    private static final String FIELD_TO = "event.to";

    private ChangeDocuments() {
    }

    static Document event(ChangeEvent event) {
        Document document = new Document();
        document.add(new StringField(IssueDocuments.TYPE, TYPE_EVENT, Field.Store.NO));
        document.add(new StringField(ISSUE, event.issueKey(), Field.Store.NO));
        document.add(new SortedDocValuesField(ISSUE, new BytesRef(event.issueKey())));
        document.add(new LongPoint(VERSION, event.version()));
        document.add(new NumericDocValuesField(VERSION, event.version()));
        document.add(new StringField(EVENT_TYPE, event.type(), Field.Store.NO));
        document.add(new StringField(BY, Long.toString(event.by()), Field.Store.NO));
        document.add(new LongPoint(AT, event.at()));
        for (ChangeEvent.FieldChange change : event.fields()) {
            document.add(new StringField(FIELD, change.field(), Field.Store.NO));
        }
        for (Change change : Change.of(event)) {
            document.add(new StringField(KEYWORD_FIELD, change.field().id(), Field.Store.NO));
            change.from().forEach(value -> document.add(new StringField(FIELD_FROM, Change.tagged(change.field(), value), Field.Store.NO)));
            change.to().forEach(value -> document.add(new StringField(FIELD_TO, Change.tagged(change.field(), value), Field.Store.NO)));
        }
        for (IssueField text : Condition.HistoryText.FIELDS) {
            event.change(text.id()).ifPresent(change -> {
                addText(document, text, change.from());
                addText(document, text, change.to());
            });
        }
        document.add(new StoredField(IssueDocuments.SOURCE, IssueDocuments.toJson(event)));
        return document;
    }

    private static void addText(Document document, IssueField field, JsonNode value) {
        if (value != null && !value.asText().isEmpty()) {
            document.add(new Field(field.id(), value.asText(), IssueDocuments.STEMMED_TEXT));
            document.add(new Field(IssueDocuments.phraseField(field), value.asText(), IssueDocuments.PHRASE_TEXT));
        }
    }

    /** Replaces every history node by the issues whose history satisfies it, as seen by this searcher. */
    static Condition resolve(Condition condition, IndexSearcher searcher) throws IOException {
        return ChangeResolution.resolve(condition, history -> issuesWith(history, searcher));
    }

    private static Condition issuesWith(Condition.History history, IndexSearcher searcher) throws IOException {
        Query query = switch (history) {
            case Condition.Changed changed -> new BooleanQuery.Builder()
                    .add(recordedChange(changed), Occur.SHOULD)
                    .add(earlierChange(changed), Occur.SHOULD)
                    .build();
            case Condition.HistoryText text -> new BooleanQuery.Builder()
                    .add(type(TYPE_EVENT), Occur.FILTER)
                    .add(LuceneCompiler.compile(text.onRecordedText()), Occur.FILTER)
                    .build();
        };
        TreeSet<String> keys = issueKeys(query, searcher);
        return ChangeResolution.issuesRecordedAs(keys);
    }

    /** changed() on the events this version records. */
    private static Query recordedChange(Condition.Changed changed) {
        BooleanQuery.Builder query = new BooleanQuery.Builder()
                .add(type(TYPE_EVENT), Occur.FILTER)
                .add(new TermQuery(new Term(KEYWORD_FIELD, changed.field().id())), Occur.FILTER);
        addAnyOf(query, FIELD_FROM, changed.from().stream().map(value -> Change.tagged(changed.field(), value)).toList());
        addAnyOf(query, FIELD_TO, changed.to().stream().map(value -> Change.tagged(changed.field(), value)).toList());
        addCommon(query, changed);
        return query.build();
    }

    /** changed() on the per-field documents of earlier versions. */
    private static Query earlierChange(Condition.Changed changed) {
        BooleanQuery.Builder query = new BooleanQuery.Builder()
                .add(type(TYPE_CHANGE), Occur.FILTER)
                .add(new TermQuery(new Term(FIELD, changed.field().id())), Occur.FILTER);
        addAnyOf(query, FROM, changed.from());
        addAnyOf(query, TO, changed.to());
        addCommon(query, changed);
        return query.build();
    }

    private static void addCommon(BooleanQuery.Builder query, Condition.Changed changed) {
        addAnyOf(query, BY, changed.by());
        if (changed.dateFrom() != null || changed.dateTo() != null) {
            long from = changed.dateFrom() == null ? Long.MIN_VALUE : changed.dateFrom();
            long to = changed.dateTo() == null ? Long.MAX_VALUE : changed.dateTo() - 1;
            query.add(LongPoint.newRangeQuery(AT, from, to), Occur.FILTER);
        }
    }

    private static Query type(String type) {
        return new TermQuery(new Term(IssueDocuments.TYPE, type));
    }

    private static TreeSet<String> issueKeys(Query query, IndexSearcher searcher) throws IOException {
        TreeSet<String> keys = new TreeSet<>();
        searcher.search(query, new SimpleCollector() {
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
        return keys;
    }

    private static void addAnyOf(BooleanQuery.Builder query, String field, List<String> values) {
        if (!values.isEmpty()) {
            query.add(new TermInSetQuery(field, values.stream().map(BytesRef::new).toList()), Occur.FILTER);
        }
    }

    /** The issue's events the query selects, oldest first, read from their stored JSON. */
    static List<ChangeEvent> changelog(IndexSearcher searcher, List<String> issueKeys, ChangelogQuery changelog) throws IOException {
        if (changelog.limit() == 0) {
            return List.of();
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder()
                .add(type(TYPE_EVENT), Occur.FILTER)
                .add(new TermInSetQuery(ISSUE, issueKeys.stream().map(BytesRef::new).toList()), Occur.FILTER)
                .add(LongPoint.newRangeQuery(VERSION, Math.addExact(changelog.afterVersion(), 1), Long.MAX_VALUE), Occur.FILTER);
        changelog.field().ifPresent(field -> query.add(new TermQuery(new Term(FIELD, field)), Occur.FILTER));
        changelog.type().ifPresent(type -> query.add(new TermQuery(new Term(EVENT_TYPE, type)), Occur.FILTER));
        ScoreDoc[] hits = searcher.search(query.build(), changelog.limit(), new Sort(new SortField(VERSION, SortField.Type.LONG))).scoreDocs;
        StoredFields storedFields = searcher.storedFields();
        List<ChangeEvent> events = new ArrayList<>(hits.length);
        for (ScoreDoc hit : hits) {
            events.add(IssueDocuments.fromJson(storedFields.document(hit.doc).getBinaryValue(IssueDocuments.SOURCE), ChangeEvent.class));
        }
        return events;
    }
}
