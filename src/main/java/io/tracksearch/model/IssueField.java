package io.tracksearch.model;

import java.util.Optional;

/**
 * The searchable and sortable issue fields, by API id. Query-language display names and aliases live
 * in the query package; this is what the store indexes and what the neutral condition tree names.
 */
public enum IssueField {
    KEY("key", Kind.KEY, null),
    QUEUE("queue", Kind.QUEUE, null),
    SUMMARY("summary", Kind.TEXT, null),
    DESCRIPTION("description", Kind.TEXT, null),
    TYPE("type", Kind.CATALOG, Catalog.ISSUE_TYPES),
    PRIORITY("priority", Kind.CATALOG, Catalog.PRIORITIES),
    STATUS("status", Kind.CATALOG, Catalog.STATUSES),
    RESOLUTION("resolution", Kind.CATALOG, Catalog.RESOLUTIONS),
    ASSIGNEE("assignee", Kind.USER, null),
    CREATED_BY("createdBy", Kind.USER, null),
    UPDATED_BY("updatedBy", Kind.USER, null),
    RESOLVED_BY("resolvedBy", Kind.USER, null),
    FOLLOWERS("followers", Kind.USER, null),
    TAGS("tags", Kind.TAG, null),
    COMPONENTS("components", Kind.COMPONENT, null),
    PARENT("parent", Kind.ISSUE, null),
    EPIC("epic", Kind.ISSUE, null),
    UNIQUE("unique", Kind.EXACT, null),
    CREATED_AT("createdAt", Kind.INSTANT, null),
    UPDATED_AT("updatedAt", Kind.INSTANT, null),
    RESOLVED_AT("resolvedAt", Kind.INSTANT, null),
    STATUS_START_TIME("statusStartTime", Kind.INSTANT, null),
    /** Comments are out of scope (spec 8.4): the field exists for queries but never has a value. */
    LAST_COMMENT_UPDATED_AT("lastCommentUpdatedAt", Kind.INSTANT, null),
    DEADLINE("deadline", Kind.DATE, null),
    START("start", Kind.DATE, null),
    END("end", Kind.DATE, null),
    VOTES("votes", Kind.NUMBER, null),
    STORY_POINTS("storyPoints", Kind.NUMBER, null);

    /** How values of a field are matched, ranged and sorted. */
    public enum Kind {
        /** Issue key; matched upper-case; sorted by queue key, then number. */
        KEY,
        /** Queue key, upper-case. */
        QUEUE,
        /** Analyzed text (summary, description). */
        TEXT,
        /** Catalogue key; sorted by catalogue order weight. */
        CATALOG,
        /** User uid as a decimal string; sorted by display name. */
        USER,
        /** Tag, matched lower-case. */
        TAG,
        /** Component name, matched lower-case. */
        COMPONENT,
        /** Key of another issue (parent, epic), upper-case. */
        ISSUE,
        /** Exact, case-sensitive string. */
        EXACT,
        /** Date-time as epoch milliseconds. */
        INSTANT,
        /** Date as epoch milliseconds of 00:00 UTC of that day. */
        DATE,
        /** Number (double). */
        NUMBER;

        /** Kinds whose values are matched as exact strings (after normalisation). */
        public boolean isKeyword() {
            return this != TEXT && this != INSTANT && this != DATE && this != NUMBER;
        }

        /** Kinds that support comparisons and ranges. */
        public boolean isOrdered() {
            return this == INSTANT || this == DATE || this == NUMBER;
        }
    }

    private final String id;
    private final Kind kind;
    private final Catalog catalog;

    IssueField(String id, Kind kind, Catalog catalog) {
        this.id = id;
        this.kind = kind;
        this.catalog = catalog;
    }

    public String id() {
        return id;
    }

    public Kind kind() {
        return kind;
    }

    /** The catalogue of a {@link Kind#CATALOG} field, else null. */
    public Catalog catalog() {
        return catalog;
    }

    /** Fields that can hold several values. */
    public boolean isMultiValued() {
        return this == FOLLOWERS || this == TAGS || this == COMPONENTS;
    }

    public static Optional<IssueField> byId(String id) {
        for (IssueField field : values()) {
            if (field.id.equals(id)) {
                return Optional.of(field);
            }
        }
        return Optional.empty();
    }
}
