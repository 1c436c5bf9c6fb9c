package io.tracksearch.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracksearch.error.ErrorCode;
import io.tracksearch.error.Message;
import io.tracksearch.error.TrackerException;
import io.tracksearch.model.FieldRegistry;
import io.tracksearch.model.IssueField;
import io.tracksearch.store.Cursor;
import io.tracksearch.store.IssueSort;
import jakarta.json.stream.JsonGenerator;
import org.opensearch.client.json.JsonpMapper;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.query_dsl.Query;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * What a resumable OpenSearch snapshot needs to serve the next page on any node, as the JSON text of a
 * {@link Cursor}: the point-in-time id, the compiled query, the sort (as {@code +field,-field}), the
 * snapshot size, the number of issues served, the key of the last one and its sort values for
 * {@code search_after}. Sort values longer than {@link #MAX_INLINE_SORT_VALUES} characters (long
 * descriptions) are left out and looked up by key in the PIT, to keep scroll ids short.
 */
record PitCursor(String pitId, String queryJson, String sortSpec, long total, long position, String lastKey,
        List<FieldValue> searchAfter) {
    static final int MAX_INLINE_SORT_VALUES = 1000;
    private static final JsonpMapper MAPPER = new JacksonJsonpMapper(OpenSearchDocuments.JSON);

    static String queryJson(Query query) {
        StringWriter writer = new StringWriter();
        try (JsonGenerator generator = MAPPER.jsonProvider().createGenerator(writer)) {
            query.serialize(generator, MAPPER);
        }
        return writer.toString();
    }

    static String sortSpec(IssueSort sort) {
        StringBuilder spec = new StringBuilder();
        for (IssueSort.Key key : sort.keys()) {
            spec.append(spec.isEmpty() ? "" : ",").append(key.descending() ? '-' : '+').append(key.field().id());
        }
        return spec.toString();
    }

    Query query() {
        return Query._DESERIALIZER.deserialize(MAPPER.jsonProvider().createParser(new StringReader(queryJson)), MAPPER);
    }

    /** The sort of the snapshot; custom fields are found through the registry. */
    IssueSort sort(FieldRegistry fields) {
        List<IssueSort.Key> keys = new ArrayList<>();
        if (!sortSpec.isEmpty()) {
            for (String part : sortSpec.split(",")) {
                IssueField field = fields.byId(part.substring(1)).orElseThrow(PitCursor::malformed);
                keys.add(new IssueSort.Key(field, part.charAt(0) == '-'));
            }
        }
        return new IssueSort(keys);
    }

    PitCursor next(String newPitId, long newPosition, String key, List<FieldValue> sortValues) {
        List<FieldValue> inline = sortValues;
        int length = 0;
        for (FieldValue value : sortValues) {
            length += value.isString() ? value.stringValue().length() : 20;
        }
        if (length > MAX_INLINE_SORT_VALUES) {
            inline = null;
        }
        return new PitCursor(newPitId, queryJson, sortSpec, total, newPosition, key, inline);
    }

    Cursor toCursor() {
        ObjectNode node = OpenSearchDocuments.JSON.createObjectNode();
        node.put("p", pitId);
        try {
            node.set("q", OpenSearchDocuments.JSON.readTree(queryJson));
        } catch (IOException e) {
            throw new IllegalStateException("query JSON we wrote is unreadable", e);
        }
        node.put("s", sortSpec);
        node.put("t", total);
        node.put("n", position);
        if (lastKey != null) {
            node.put("k", lastKey);
        }
        if (searchAfter != null) {
            ArrayNode values = node.putArray("a");
            for (FieldValue value : searchAfter) {
                if (value.isLong()) {
                    values.add(value.longValue());
                } else if (value.isDouble()) {
                    values.add(value.doubleValue());
                } else if (value.isString()) {
                    values.add(value.stringValue());
                } else if (value.isBoolean()) {
                    values.add(value.booleanValue());
                } else {
                    values.addNull();
                }
            }
        }
        return new Cursor(node.toString());
    }

    /** Throws 404 (as an unknown scroll) for text that is not a cursor of ours. */
    static PitCursor parse(Cursor cursor) {
        try {
            JsonNode node = OpenSearchDocuments.JSON.readTree(cursor.value());
            List<FieldValue> after = null;
            if (node.has("a")) {
                after = new ArrayList<>();
                for (JsonNode value : node.get("a")) {
                    if (value.isIntegralNumber()) {
                        after.add(FieldValue.of(value.asLong()));
                    } else if (value.isNumber()) {
                        after.add(FieldValue.of(value.asDouble()));
                    } else if (value.isTextual()) {
                        after.add(FieldValue.of(value.asText()));
                    } else if (value.isBoolean()) {
                        after.add(FieldValue.of(value.asBoolean()));
                    } else {
                        after.add(FieldValue.NULL);
                    }
                }
            }
            return new PitCursor(node.get("p").asText(), node.get("q").toString(), node.get("s").asText(),
                    node.get("t").asLong(), node.get("n").asLong(), node.has("k") ? node.get("k").asText() : null, after);
        } catch (IOException | RuntimeException e) {
            throw malformed();
        }
    }

    private static TrackerException malformed() {
        return new TrackerException(ErrorCode.NOT_FOUND, Message.SCROLL_NOT_FOUND);
    }
}
