package io.tracksearch.query;

import io.tracksearch.model.CustomField;
import io.tracksearch.model.FieldRegistry;
import io.tracksearch.model.IssueField;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The field-name tables shared by the query language, the filter object and the order parameter:
 * English display names (spec 8.8), API ids, Russian aliases (8.9), and the order/filter aliases of
 * 4.4. Every field of spec 8.8 is supported: there is no "recognised but unsupported" list any more.
 */
public final class FieldNames {
    /** Spec 4.4 aliases, valid in {@code order} and as {@code filter} keys. */
    private static final Map<String, IssueField> ID_ALIASES = Map.of(
            "created", IssueField.CREATED_AT,
            "updated", IssueField.UPDATED_AT,
            "update", IssueField.UPDATED_AT,
            "resolved", IssueField.RESOLVED_AT,
            "author", IssueField.CREATED_BY);

    /** Normalised display name or API id -> field. Display names win over ids (none collide in meaning). */
    private static final Map<String, QueryField> QUERY_NAMES = queryNames();

    private FieldNames() {
    }

    private static Map<String, QueryField> queryNames() {
        Map<String, QueryField> names = new HashMap<>();
        for (IssueField field : IssueField.standardFields()) {
            if (field.can(IssueField.Capability.FILTER)) {
                names.put(normalize(field.id()), QueryField.of(field));
            }
        }
        for (IssueField field : IssueField.standardFields()) {
            if (field.can(IssueField.Capability.FILTER)) {
                field.queryNames().forEach(name -> names.put(normalize(name), QueryField.of(field)));
            }
        }
        for (QueryField.Pseudo pseudo : QueryField.Pseudo.values()) {
            pseudo.names().forEach(name -> names.put(normalize(name), QueryField.of(pseudo)));
        }
        return Map.copyOf(names);
    }

    /** Case-insensitive, surrounding whitespace removed, inner whitespace collapsed to one space. */
    static String normalize(String name) {
        return name.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** A query-language field by display name, Russian alias or API id. */
    static Optional<QueryField> queryField(String name) {
        return Optional.ofNullable(QUERY_NAMES.get(normalize(name)));
    }

    /**
     * A query-language field, custom fields included: a global one by id or name, a local one as
     * {@code Queue.Name} or {@code Queue.key} (the queue by key, any case) or by its full id.
     */
    static Optional<QueryField> queryField(String name, FieldRegistry fields) {
        Optional<QueryField> standard = queryField(name);
        if (standard.isPresent()) {
            return standard;
        }
        return customField(name, fields).map(QueryField::of);
    }

    /** A {@code filter} key: a standard field (see {@link #filterField(String)}) or a custom field's id. */
    public static Optional<IssueField> filterField(String name, FieldRegistry fields) {
        return filterField(name).or(() -> fields.byId(name).filter(field -> field.can(IssueField.Capability.FILTER)));
    }

    private static Optional<IssueField> customField(String name, FieldRegistry fields) {
        Optional<IssueField> byId = fields.byId(name.strip());
        if (byId.isPresent()) {
            return byId;
        }
        String wanted = normalize(name);
        int dot = wanted.indexOf('.');
        for (IssueField field : fields.custom()) {
            CustomField definition = field.definition().orElseThrow();
            String own = wanted;
            if (definition.isLocal()) {
                if (dot < 0 || !wanted.substring(0, dot).equals(definition.queue().toLowerCase(Locale.ROOT))) {
                    continue;
                }
                own = wanted.substring(dot + 1).strip();
            }
            if (own.equals(normalize(definition.key())) || field.queryNames().stream().map(FieldNames::normalize).anyMatch(own::equals)) {
                return Optional.of(field);
            }
        }
        return Optional.empty();
    }

    /** An {@code order} entry's field: a sortable API id or a 4.4 alias; exact spelling first, then any case. */
    public static Optional<IssueField> orderField(String name) {
        return apiField(name, true).filter(field -> field.can(IssueField.Capability.SORT));
    }

    /**
     * A {@code filter} key (spec 4.5): sortable ids plus resolvedBy, parent, epic, unique, and the 4.4
     * aliases; JSON names are case-sensitive.
     */
    public static Optional<IssueField> filterField(String name) {
        return apiField(name, false).filter(field -> field.can(IssueField.Capability.FILTER));
    }

    private static Optional<IssueField> apiField(String name, boolean anyCase) {
        Optional<IssueField> exact = IssueField.byId(name).or(() -> Optional.ofNullable(ID_ALIASES.get(name)));
        if (exact.isPresent() || !anyCase) {
            return exact;
        }
        for (IssueField field : IssueField.standardFields()) {
            if (field.id().equalsIgnoreCase(name)) {
                return Optional.of(field);
            }
        }
        return Optional.ofNullable(ID_ALIASES.get(name.toLowerCase(Locale.ROOT)));
    }
}
