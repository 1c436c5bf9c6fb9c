package io.tracksearch.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * An issue as stored: its identity (id, key, queue, number, version) and the values of its fields by
 * API id, each in its stored form (see {@link IssueField.Kind}: catalogue keys, user uids as numbers,
 * epoch milliseconds, ISO dates and durations, {@code {"id","display"}} references). Every field an
 * issue was given is kept, also fields no registry entry knows (they are rendered back as given): the
 * store holds the issue losslessly. References with self URLs and display names are produced when the
 * issue is rendered for a request.
 *
 * <p>A field without a value is absent from {@link #values()}: null and empty lists are never stored.
 * The JSON nodes are owned by the issue and must not be modified.
 */
public record Issue(String id, String key, String queue, long number, long version, Map<String, JsonNode> values) {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    public Issue {
        requireNonNull(id, "id is null");
        requireNonNull(key, "key is null");
        requireNonNull(queue, "queue is null");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The number part of a key such as {@code TREK-12}. */
    public static long numberOf(String key) {
        return Long.parseLong(key.substring(key.lastIndexOf('-') + 1));
    }

    /** The stored value of a field, or null when the field has none. */
    public JsonNode value(IssueField field) {
        return values.get(field.id());
    }

    public boolean has(IssueField field) {
        return values.containsKey(field.id());
    }

    /** A text, catalogue key, issue key or date value; null when absent. */
    public String string(IssueField field) {
        JsonNode value = value(field);
        return value == null ? null : value.asText();
    }

    /** Epoch milliseconds or a user uid; null when absent. */
    public Long longValue(IssueField field) {
        JsonNode value = value(field);
        return value == null ? null : value.asLong();
    }

    public Double number(IssueField field) {
        JsonNode value = value(field);
        return value == null ? null : value.asDouble();
    }

    /** The elements of a list of strings; empty when absent. */
    public List<String> strings(IssueField field) {
        JsonNode value = value(field);
        if (value == null) {
            return List.of();
        }
        List<String> result = new ArrayList<>(value.size());
        value.forEach(element -> result.add(element.asText()));
        return result;
    }

    /** The elements of a list of uids; empty when absent. */
    public List<Long> uids(IssueField field) {
        JsonNode value = value(field);
        if (value == null) {
            return List.of();
        }
        List<Long> result = new ArrayList<>(value.size());
        value.forEach(element -> result.add(element.asLong()));
        return result;
    }

    // ---- typed views of the fields the workflow and the services reason about ----

    public String summary() {
        return string(IssueField.SUMMARY);
    }

    public String description() {
        return string(IssueField.DESCRIPTION);
    }

    public String type() {
        return string(IssueField.TYPE);
    }

    public String priority() {
        return string(IssueField.PRIORITY);
    }

    public String status() {
        return string(IssueField.STATUS);
    }

    public String resolution() {
        return string(IssueField.RESOLUTION);
    }

    public Long assignee() {
        return longValue(IssueField.ASSIGNEE);
    }

    public long createdBy() {
        return longValue(IssueField.CREATED_BY);
    }

    public long updatedBy() {
        return longValue(IssueField.UPDATED_BY);
    }

    public long createdAt() {
        return longValue(IssueField.CREATED_AT);
    }

    public long updatedAt() {
        return longValue(IssueField.UPDATED_AT);
    }

    public List<Long> followers() {
        return uids(IssueField.FOLLOWERS);
    }

    public List<String> tags() {
        return strings(IssueField.TAGS);
    }

    public List<String> components() {
        return strings(IssueField.COMPONENTS);
    }

    public String parent() {
        return string(IssueField.PARENT);
    }

    public String epic() {
        return string(IssueField.EPIC);
    }

    public String unique() {
        return string(IssueField.UNIQUE);
    }

    /**
     * Every key the issue has had: its key, then its old keys ({@code aliases}, which a move appends to).
     * Tracker answers the issue under any of them, and its history is recorded under the key of the day.
     */
    public List<String> keys() {
        List<String> keys = new ArrayList<>();
        keys.add(key);
        strings(IssueField.ALIASES).stream().filter(alias -> !alias.equals(key)).forEach(keys::add);
        return keys;
    }

    /** Starts a copy to change a few fields; {@link Builder#build()} makes the new issue. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Mutable copy used by create, patch, transitions and import; the issue itself stays immutable. */
    public static final class Builder {
        private String id;
        private String key;
        private String queue;
        private long number;
        private long version;
        private final Map<String, JsonNode> values = new LinkedHashMap<>();

        public Builder() {
        }

        private Builder(Issue issue) {
            id = issue.id;
            key = issue.key;
            queue = issue.queue;
            number = issue.number;
            version = issue.version;
            values.putAll(issue.values);
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /** Sets key, queue and number from an issue key such as {@code TREK-12}. */
        public Builder key(String key) {
            this.key = key;
            this.queue = key.substring(0, key.lastIndexOf('-'));
            this.number = numberOf(key);
            return this;
        }

        /** Sets the queue of an issue whose number is not allocated yet. */
        public Builder queue(String queue) {
            this.queue = queue;
            return this;
        }

        public Builder version(long version) {
            this.version = version;
            return this;
        }

        public String id() {
            return id;
        }

        public String key() {
            return key;
        }

        public String queue() {
            return queue;
        }

        public long version() {
            return version;
        }

        /** Sets a value in its stored form; null, JSON null and empty arrays remove it. */
        public Builder set(String fieldId, JsonNode value) {
            if (value == null || value.isNull() || value.isMissingNode() || value.isArray() && value.isEmpty()) {
                values.remove(fieldId);
            }
            else {
                values.put(fieldId, normalize(value));
            }
            return this;
        }

        public Builder set(IssueField field, JsonNode value) {
            return set(field.id(), value);
        }

        public Builder set(IssueField field, String value) {
            return set(field, value == null ? null : TextNode.valueOf(value));
        }

        public Builder set(IssueField field, Long value) {
            return set(field, value == null ? null : LongNode.valueOf(value));
        }

        public Builder set(IssueField field, Double value) {
            return set(field, value == null ? null : DoubleNode.valueOf(value));
        }

        public Builder setStrings(IssueField field, List<String> strings) {
            ArrayNode array = NODES.arrayNode(strings.size());
            strings.forEach(array::add);
            return set(field, array);
        }

        public Builder setUids(IssueField field, List<Long> uids) {
            ArrayNode array = NODES.arrayNode(uids.size());
            uids.forEach(array::add);
            return set(field, array);
        }

        public Builder remove(IssueField field) {
            values.remove(field.id());
            return this;
        }

        public JsonNode value(IssueField field) {
            return values.get(field.id());
        }

        /** The issue as it stands now. */
        public Issue build() {
            return new Issue(id, key, queue, number, version, values);
        }
    }

    /**
     * Integral numbers become longs, so that an issue read back from JSON (where Jackson makes small
     * numbers ints) equals the issue that was written.
     */
    static JsonNode normalize(JsonNode value) {
        if (value.isIntegralNumber() && !value.isLong() && value.canConvertToLong()) {
            return LongNode.valueOf(value.asLong());
        }
        if (value.isArray()) {
            ArrayNode array = NODES.arrayNode(value.size());
            value.forEach(element -> array.add(normalize(element)));
            return array;
        }
        if (value.isObject()) {
            ObjectNode object = NODES.objectNode();
            value.properties().forEach(entry -> object.set(entry.getKey(), normalize(entry.getValue())));
            return object;
        }
        return value;
    }
}
