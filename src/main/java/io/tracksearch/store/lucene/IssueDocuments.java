package io.tracksearch.store.lucene;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tracksearch.model.CustomField;
import io.tracksearch.model.FieldRegistry;
import io.tracksearch.model.FieldValues;
import io.tracksearch.model.Issue;
import io.tracksearch.model.IssueField;
import io.tracksearch.model.IssueJson;
import io.tracksearch.model.Queue;
import io.tracksearch.model.Users;
import io.tracksearch.store.IndexedForms;
import io.tracksearch.store.IssueSummary;
import io.tracksearch.store.IssueTemplates;
import io.tracksearch.text.TextAnalysis;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoubleField;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.Term;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The index layout: how an issue or a queue becomes a Lucene document, and the field names the
 * compiler and the sorts use. One index holds both kinds, told apart by {@link #TYPE}; one commit then
 * makes issue and queue writes durable together.
 *
 * <p>Per issue field (name = API id, e.g. {@code assignee}):
 * <ul>
 *   <li>keyword kinds: one {@link StringField} per value of {@link FieldValues#keywords};</li>
 *   <li>INSTANT and DATE: {@link LongField} (points + sorted-numeric doc values), epoch millis;</li>
 *   <li>NUMBER: {@link DoubleField};</li>
 *   <li>TEXT: {@code summary} analyzed with {@link TextAnalysis#STEMMED}, {@code summary.phrase} with
 *       {@link TextAnalysis#PHRASE}, {@code summary.exact} one keyword of {@link #exactTerm};</li>
 *   <li>{@link #HAS}: the ids of every field that has a value, for {@code Exists};</li>
 *   <li>{@code sort.<id>}: doc values for sorting (see {@link LuceneSorts});</li>
 *   <li>{@link #SOURCE}: the issue as JSON, which is all that is ever read back, and {@link #TEMPLATE}
 *       the pages' template of it.</li>
 * </ul>
 */
final class IssueDocuments {
    static final String TYPE = "_type";
    static final String TYPE_ISSUE = "issue";
    static final String TYPE_QUEUE = "queue";
    static final String TYPE_FIELD = "field";
    /** Creation order of custom field definitions, so they load in the order they were made. */
    static final String FIELD_ORDER = "_fieldOrder";
    static final String PHRASE_SUFFIX = ".phrase";
    static final String SOURCE = "_source";
    /** The issue's template (see {@link IssueTemplates}), when it has one. */
    static final String TEMPLATE = "_template";
    /**
     * Binary doc values of an issue: its id, a newline, its summary (UTF-8). Pages show this much of the
     * issues they refer to; reading it costs a doc-values lookup instead of reading and parsing the issue.
     */
    static final String REFERENCE = "_reference";
    /** Longest reference value written (Lucene's limit for one binary doc value); longer ones are read from the issue. */
    private static final int MAX_REFERENCE_BYTES = 32_766;
    static final String HAS = "_has";
    static final String ID = "_id";
    static final String QUEUE_KEY = "_queueKey";
    /** Doc values a field is sorted by: this, then the field's id. */
    static final String SORT_PREFIX = "sort.";
    static final String SORT_QUEUE = SORT_PREFIX + "queue";
    static final String SORT_NUMBER = SORT_PREFIX + "number";

    static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /**
     * Stemmed words answer "every word occurs" (TextMatch) only: no positions, frequencies or norms,
     * which makes indexing cheaper than a full TextField.
     */
    static final FieldType STEMMED_TEXT = textType(IndexOptions.DOCS);
    /** Unstemmed words with positions, for phrases and || gaps; no norms (nothing is scored). */
    static final FieldType PHRASE_TEXT = textType(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);

    private IssueDocuments() {
    }

    private static FieldType textType(IndexOptions options) {
        FieldType type = new FieldType();
        type.setTokenized(true);
        type.setStored(false);
        type.setOmitNorms(true);
        type.setIndexOptions(options);
        type.freeze();
        return type;
    }

    static String phraseField(IssueField field) {
        return field.id() + PHRASE_SUFFIX;
    }

    static String exactField(IssueField field) {
        return field.id() + ".exact";
    }

    static String sortField(IssueField field) {
        return SORT_PREFIX + field.id();
    }

    static byte[] toJson(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The term naming an issue document by its key (history documents name the key elsewhere). */
    static Term keyTerm(String key) {
        return new Term(IssueField.KEY.id(), key);
    }

    /** The id and summary of a {@link #REFERENCE} value. */
    static IssueSummary summaryFrom(BytesRef value) {
        String text = value.utf8ToString();
        int newline = text.indexOf('\n');
        return new IssueSummary(text.substring(0, newline), text.substring(newline + 1));
    }

    static Issue issueFrom(BytesRef bytes) {
        return IssueJson.read(bytes.bytes, bytes.offset, bytes.length);
    }

    static <T> T fromJson(BytesRef bytes, Class<T> type) {
        try {
            return JSON.readValue(bytes.bytes, bytes.offset, bytes.length, type);
        } catch (IOException e) {
            throw new UncheckedIOException("stored JSON of a " + type.getSimpleName() + " is unreadable", e);
        }
    }

    static Document queue(Queue queue) {
        Document document = new Document();
        document.add(new StringField(TYPE, TYPE_QUEUE, Field.Store.NO));
        document.add(new StringField(QUEUE_KEY, queue.key(), Field.Store.NO));
        document.add(new StoredField(SOURCE, toJson(queue)));
        return document;
    }

    static Document field(CustomField field, long order) {
        Document document = new Document();
        document.add(new StringField(TYPE, TYPE_FIELD, Field.Store.NO));
        document.add(new NumericDocValuesField(FIELD_ORDER, order));
        document.add(new StoredField(SOURCE, toJson(field)));
        return document;
    }

    static Document issue(Issue issue, Users users, FieldRegistry fields, IssueTemplates templates) {
        Document document = new Document();
        document.add(new StringField(TYPE, TYPE_ISSUE, Field.Store.NO));
        document.add(new StringField(ID, issue.id(), Field.Store.NO));
        document.add(new StoredField(SOURCE, IssueJson.write(issue)));
        if (issue.summary() != null) {
            byte[] reference = (issue.id() + "\n" + issue.summary()).getBytes(StandardCharsets.UTF_8);
            if (reference.length <= MAX_REFERENCE_BYTES) {
                document.add(new BinaryDocValuesField(REFERENCE, new BytesRef(reference)));
            }
        }
        byte[] template = templates.template(issue, fields);
        if (template != null) {
            document.add(new StoredField(TEMPLATE, template));
        }
        document.add(new SortedDocValuesField(SORT_QUEUE, new BytesRef(issue.queue())));
        document.add(new NumericDocValuesField(SORT_NUMBER, issue.number()));
        for (IssueField field : fields.indexedFieldsOf(issue)) {
            if (FieldValues.hasValue(field, issue)) {
                document.add(new StringField(HAS, field.id(), Field.Store.NO));
            }
            addField(document, field, issue, users);
        }
        return document;
    }

    private static void addField(Document document, IssueField field, Issue issue, Users users) {
        String name = field.id();
        switch (field.kind()) {
            case TEXT -> {
                String text = FieldValues.text(field, issue);
                if (text == null || text.isEmpty()) {
                    return;
                }
                TextAnalysis.IndexedText words = TextAnalysis.index(text);   // cut once for both fields
                document.add(new Field(name, words.stemmed(), STEMMED_TEXT));
                document.add(new Field(phraseField(field), words.phrase(), PHRASE_TEXT));
                if (field == IssueField.SUMMARY) { // TextEquals (~) applies to summaries only
                    document.add(new StringField(exactField(field), IndexedForms.exactTerm(text), Field.Store.NO));
                }
                document.add(new SortedDocValuesField(sortField(field), new BytesRef(IndexedForms.textSortKey(field, text))));
            }
            case INSTANT, DATE -> {
                Long millis = FieldValues.epochMillis(field, issue);
                if (millis != null) {
                    document.add(new LongField(name, millis, Field.Store.NO));
                }
            }
            case NUMBER, DURATION -> {
                Double number = FieldValues.number(field, issue);
                if (number != null) {
                    document.add(new DoubleField(name, number, Field.Store.NO));
                }
            }
            case KEY, QUEUE, CATALOG, USER, STRING, COMPONENT, ISSUE, EXACT, REFERENCE -> {
                for (String value : FieldValues.keywords(field, issue)) {
                    document.add(new StringField(name, value, Field.Store.NO));
                }
                addKeywordSortValues(document, field, issue, users);
            }
        }
    }

    private static void addKeywordSortValues(Document document, IssueField field, Issue issue, Users users) {
        String sortName = sortField(field);
        switch (field.kind()) {
            case CATALOG -> {
                for (String value : FieldValues.keywords(field, issue)) {
                    document.add(new NumericDocValuesField(sortName, field.catalog().byKey(value).order()));
                }
            }
            case USER, STRING, COMPONENT -> {
                for (String sortKey : IndexedForms.stringSortKeys(field, issue, users)) {
                    BytesRef bytes = new BytesRef(sortKey);
                    document.add(field.isMultiValued()
                            ? new SortedSetDocValuesField(sortName, bytes)
                            : new SortedDocValuesField(sortName, bytes));
                }
            }
            // Key and queue sort by SORT_QUEUE and SORT_NUMBER; issue links and unique are not sortable.
            case KEY, QUEUE, ISSUE, EXACT, TEXT, INSTANT, DATE, NUMBER, DURATION, REFERENCE -> {
            }
        }
    }
}
