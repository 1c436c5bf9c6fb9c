package io.tracksearch.store.opensearch;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracksearch.model.Digests;
import io.tracksearch.model.FieldRegistry;
import io.tracksearch.model.FieldValues;
import io.tracksearch.model.Issue;
import io.tracksearch.model.IssueJson;
import io.tracksearch.model.IssueField;
import io.tracksearch.model.Users;
import io.tracksearch.store.IndexedForms;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The OpenSearch index layout, the same as the embedded store's ({@code store/lucene/IssueDocuments}) so
 * that both answer every condition and sort alike. Two indices per deployment:
 *
 * <ul>
 *   <li>{@code <index>}: one document per issue, {@code _id} = issue key. {@link #ISSUE} holds the issue
 *       JSON (stored, not indexed), which is all that is read back and all that {@code _source} keeps
 *       (in indices created since it does). Per field (name = API id):
 *       keyword kinds a {@code keyword} with the values of {@link FieldValues#keywords}; INSTANT and DATE
 *       a {@code date} in epoch millis; NUMBER a {@code double}; TEXT the stemmed and the phrase words of
 *       the index's {@link TextLayout}, plus {@code exact.<id>} for TextEquals;
 *       {@link #HAS} lists the fields that have a value; {@code sort.<id>} holds sort keys.</li>
 *   <li>{@code <index>-meta}: queues ({@code queue:<KEY>}), per-queue issue counters
 *       ({@code counter:<KEY>}), the queue id counter and unique markers ({@code unique:<sha256>}),
 *       stored objects ({@code object:<kind>:<id>}, {@link OpenSearchStoredObjects}) and the intents of moves
 *       in flight ({@code move:<issue id>}, {@link OpenSearchMoves}).</li>
 * </ul>
 */
final class OpenSearchDocuments {
    static final String ISSUE = "issue";
    static final String HAS = "_has";
    static final String ID = "_issueId";
    static final String SORT_QUEUE = "sort_queue";
    static final String SORT_NUMBER = "sort_number";

    // meta documents
    static final String KIND = "kind";
    static final String DATA = "data";
    static final String VALUE = "value";
    static final String KEY = "key";
    static final String KIND_QUEUE = "queue";
    static final String KIND_FIELD = "field";
    static final String KIND_COUNTER = "counter";
    static final String KIND_UNIQUE = "unique";
    /** Versions, boards, sprints, projects: {@link OpenSearchStoredObjects}. */
    static final String KIND_OBJECT = "object";
    static final String QUEUE_ID_COUNTER = "counter:#queue-ids";

    static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private OpenSearchDocuments() {
    }

    static String exactField(IssueField field) {
        return "exact." + field.id();
    }

    static String sortField(IssueField field) {
        return "sort." + field.id();
    }

    static String queueId(String key) {
        return "queue:" + key;
    }

    static String counterId(String queueKey) {
        return "counter:" + queueKey;
    }

    /** Unique values may be long or contain anything: the marker id is their digest. */
    static String uniqueId(String unique) {
        return "unique:" + Digests.sha256Hex(unique.getBytes(StandardCharsets.UTF_8));
    }

    /** The issue document: searchable fields, sort keys and the issue itself. */
    static ObjectNode issue(Issue issue, Users users, FieldRegistry fields, TextLayout texts) {
        ObjectNode document = NODES.objectNode();
        document.set(ISSUE, IssueJson.toTree(issue));
        document.put(ID, issue.id());
        document.put(SORT_QUEUE, issue.queue());
        document.put(SORT_NUMBER, issue.number());
        ArrayNode has = document.putArray(HAS);
        ObjectNode exact = NODES.objectNode();
        ObjectNode sort = NODES.objectNode();
        for (IssueField field : fields.indexedFieldsOf(issue)) {
            if (FieldValues.hasValue(field, issue)) {
                has.add(field.id());
            }
            addField(document, exact, sort, field, issue, users, texts);
        }
        if (!exact.isEmpty()) {
            document.set("exact", exact);
        }
        if (!sort.isEmpty()) {
            document.set("sort", sort);
        }
        return document;
    }

    private static void addField(ObjectNode document, ObjectNode exact, ObjectNode sort, IssueField field, Issue issue,
            Users users, TextLayout texts) {
        String name = field.id();
        switch (field.kind()) {
            case TEXT -> {
                String text = FieldValues.text(field, issue);
                if (text == null || text.isEmpty()) {
                    return;
                }
                texts.addValues(document, name, List.of(text));
                if (field == IssueField.SUMMARY) { // TextEquals (~) applies to summaries only
                    exact.put(name, IndexedForms.exactTerm(text));
                }
                sort.put(name, IndexedForms.textSortKey(field, text));
            }
            case INSTANT, DATE -> {
                Long millis = FieldValues.epochMillis(field, issue);
                if (millis != null) {
                    document.put(name, millis);
                }
            }
            case NUMBER, DURATION -> {
                Double number = FieldValues.number(field, issue);
                if (number != null) {
                    document.put(name, number);
                }
            }
            case KEY, QUEUE, CATALOG, USER, STRING, COMPONENT, ISSUE, EXACT, REFERENCE -> {
                List<String> values = FieldValues.keywords(field, issue);
                if (values.isEmpty()) {
                    return;
                }
                ArrayNode array = document.putArray(name);
                values.forEach(array::add);
                addKeywordSortValues(sort, field, issue, users);
            }
        }
    }

    private static void addKeywordSortValues(ObjectNode sort, IssueField field, Issue issue, Users users) {
        String name = field.id();
        switch (field.kind()) {
            case CATALOG -> {
                ArrayNode array = sort.putArray(name);
                for (String value : FieldValues.keywords(field, issue)) {
                    array.add(field.catalog().byKey(value).order());
                }
            }
            case USER, STRING, COMPONENT -> {
                ArrayNode array = sort.putArray(name);
                IndexedForms.stringSortKeys(field, issue, users).forEach(array::add);
            }
            // Key and queue sort by SORT_QUEUE and SORT_NUMBER; issue links and unique are not sortable.
            case KEY, QUEUE, ISSUE, EXACT, TEXT, INSTANT, DATE, NUMBER, DURATION, REFERENCE -> {
            }
        }
    }

    static Issue issueFrom(ObjectNode source) {
        return IssueJson.fromTree(source.get(ISSUE));
    }

    // ---- index definitions -------------------------------------------------------------------------

    /** Body of the create-index request of the issue index: analysis, strict mapping, no result window. */
    static ObjectNode issueIndex(int shards, int replicas, TextLayout texts) {
        ObjectNode body = NODES.objectNode();
        ObjectNode index = body.putObject("settings").putObject("index");
        index.put("number_of_shards", shards);
        index.put("number_of_replicas", replicas);
        // spec decision 13: no 10,000-result window; memory is bounded by offset + perPage per request
        index.put("max_result_window", Integer.MAX_VALUE);
        texts.addAnalysis(index.putObject("analysis"));

        ObjectNode mappings = body.putObject("mappings");
        mappings.put("dynamic", "strict");
        texts.name(mappings);
        // Only the issue is read back: every other field is indexed from it, so _source keeps the issue alone.
        // Every read of a page costs the node and this server in proportion to the source's bytes, which the
        // indexed copies (texts twice, sort keys, exact forms) made about 2.7 times larger. Only a new index
        // gets this; OpenSearch cannot change _source of an existing one, which keeps working as it was.
        mappings.putObject("_source").putArray("includes").add(ISSUE);
        ObjectNode properties = mappings.putObject("properties");
        properties.putObject(ISSUE).put("type", "object").put("enabled", false);
        properties.putObject(ID).put("type", "keyword").put("doc_values", false);
        properties.putObject(HAS).put("type", "keyword").put("doc_values", false);
        properties.putObject(SORT_QUEUE).put("type", "keyword");
        properties.putObject(SORT_NUMBER).put("type", "long");
        properties.setAll(mappingOf(IssueField.standardFields(), texts).withObject("/properties"));
        return body;
    }

    /**
     * The mapping of some fields ({@code {"properties": ...}}): the body of a put-mapping request that adds
     * them to an existing index, and the field part of a new index's mapping.
     */
    static ObjectNode mappingOf(List<IssueField> fields, TextLayout texts) {
        ObjectNode body = NODES.objectNode();
        ObjectNode properties = body.putObject("properties");
        ObjectNode exact = properties.putObject("exact").put("type", "object").putObject("properties");
        ObjectNode sort = properties.putObject("sort").put("type", "object").putObject("properties");
        for (IssueField field : fields) {
            String name = field.id();
            switch (field.kind()) {
                case TEXT -> {
                    texts.addMapping(properties, name);
                    exact.putObject(name).put("type", "keyword").put("doc_values", false);
                    sort.putObject(name).put("type", "keyword").put("index", false);
                }
                case INSTANT, DATE -> properties.putObject(name).put("type", "date").put("format", "epoch_millis");
                case NUMBER, DURATION -> properties.putObject(name).put("type", "double");
                case KEY, QUEUE, CATALOG, USER, STRING, COMPONENT, ISSUE, EXACT, REFERENCE -> {
                    // Only matched, never sorted on (sorts use sort.<id>) nor aggregated: no doc values, which
                    // made a fifth of the index (200,000 issues: 962/868/928 MB with them, 736/686/759 without).
                    // Indexes made with them keep them (extendMapping adds only missing fields).
                    properties.putObject(name).put("type", "keyword").put("doc_values", false);
                    switch (field.kind()) {
                        case CATALOG -> sort.putObject(name).put("type", "long").put("index", false);
                        case USER, STRING, COMPONENT -> sort.putObject(name).put("type", "keyword").put("index", false);
                        case KEY, QUEUE, ISSUE, EXACT, TEXT, INSTANT, DATE, NUMBER, DURATION, REFERENCE -> {
                        }
                    }
                }
            }
        }
        return body;
    }

    /** Body of the create-index request of the meta index. */
    static ObjectNode metaIndex(int replicas) {
        ObjectNode body = NODES.objectNode();
        ObjectNode index = body.putObject("settings").putObject("index");
        index.put("number_of_shards", 1);
        index.put("number_of_replicas", replicas);
        ObjectNode mappings = body.putObject("mappings");
        mappings.put("dynamic", "strict");
        ObjectNode properties = mappings.putObject("properties");
        properties.putObject(KIND).put("type", "keyword");
        properties.putObject(KEY).put("type", "keyword");
        properties.putObject(VALUE).put("type", "long");
        properties.putObject(DATA).put("type", "object").put("enabled", false);
        return body;
    }
}
