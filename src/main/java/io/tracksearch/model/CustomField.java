package io.tracksearch.model;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A field an administrator created (Tracker's {@code POST /v2/fields} for a global field,
 * {@code POST /v2/queues/{id}/localFields} for a field local to one queue), as the store keeps it. Its
 * {@link #issueField()} is the registry entry every other part of the server reads, the same way as for
 * standard fields.
 *
 * @param id the key under which values appear in an issue: the key for a global field,
 *           {@code <queue prefix>--<key>} for a local one (as Tracker writes local fields)
 * @param queue the queue key of a local field, null for a global one
 * @param type Tracker's type name, e.g. {@code ru.yandex.startrek.core.fields.StringFieldType}
 * @param container whether the field holds several values
 * @param options the fixed values a FixedListOptionsProvider allows; empty for any value
 */
public record CustomField(String id, String key, String queue, String nameEn, String nameRu, String type,
        boolean container, List<String> options, String description, String category, boolean readonly, long order) {
    public static final String TYPE_PREFIX = "ru.yandex.startrek.core.fields.";

    /** Tracker's field types and the kind each is kept as. */
    public static final Map<String, IssueField.Kind> KINDS = Map.of(
            "StringFieldType", IssueField.Kind.STRING,
            "TextFieldType", IssueField.Kind.TEXT,
            "IntegerFieldType", IssueField.Kind.NUMBER,
            "FloatFieldType", IssueField.Kind.NUMBER,
            "DateFieldType", IssueField.Kind.DATE,
            "DateTimeFieldType", IssueField.Kind.INSTANT,
            "UserFieldType", IssueField.Kind.USER,
            "UriFieldType", IssueField.Kind.STRING);

    public CustomField {
        requireNonNull(id, "id is null");
        requireNonNull(key, "key is null");
        requireNonNull(nameEn, "name is null");
        requireNonNull(type, "type is null");
        options = options == null ? List.of() : List.copyOf(options);
        if (kindOf(type).isEmpty()) {
            throw new IllegalArgumentException("unknown field type " + type);
        }
    }

    /** The kind of a Tracker type name, given with or without the {@code ru.yandex.startrek.core.fields.} prefix. */
    public static Optional<IssueField.Kind> kindOf(String type) {
        String simple = type.startsWith(TYPE_PREFIX) ? type.substring(TYPE_PREFIX.length()) : type;
        return Optional.ofNullable(KINDS.get(simple));
    }

    /** The id of a local field of a queue: the queue's id as 24 hex digits, "--", the key. */
    public static String localId(long queueId, String key) {
        return String.format(Locale.ROOT, "%024x--%s", queueId, key);
    }

    public boolean isLocal() {
        return queue != null;
    }

    /** The registry entry of this field. */
    public IssueField issueField() {
        IssueField.Kind kind = kindOf(type).orElseThrow();
        IssueField.Builder builder = IssueField.custom(id, kind, this, queryNames()).schema(schema());
        if (container) {
            builder.list();
        }
        builder.capabilities(IssueField.Capability.FILTER, IssueField.Capability.SORT);
        if (!readonly) {
            builder.capabilities(IssueField.Capability.CREATE, IssueField.Capability.EDIT);
        }
        return builder.build();
    }

    private String[] queryNames() {
        return nameRu == null || nameRu.equals(nameEn) ? new String[] {nameEn} : new String[] {nameEn, nameRu};
    }

    /** The {@code schema.type} shown for it (of one item, for a container). */
    public String schema() {
        return switch (kindOf(type).orElseThrow()) {
            case TEXT, STRING -> "string";
            case NUMBER -> type.endsWith("IntegerFieldType") ? "integer" : "float";
            case DATE -> "date";
            case INSTANT -> "datetime";
            case USER -> "user";
            default -> "string";
        };
    }
}
