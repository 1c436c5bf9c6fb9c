package io.tracksearch.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

import static java.util.Objects.requireNonNull;

/**
 * One issue field and everything the rest of the server knows about it: its API id, how its values
 * are kept, matched, ranged and sorted ({@link Kind}), whether it holds a list, its names in the query
 * language, what clients may do with it ({@link Capability}), and how {@code GET /v2/fields}
 * describes it. The standard fields below are the registry: storage, indexing and sorting on both
 * backends, rendering, create/edit/import, the filter object, the query language and
 * {@code GET /v2/fields} all read these entries, so a new standard field is one entry here.
 *
 * <p>The declaration order of the standard fields is the order in which an issue is rendered (spec
 * 3.1's output order, then the later fields). Instances are immutable; two fields are equal when their
 * ids are.
 */
public final class IssueField {

    /** How values of a field are stored, matched, ranged and sorted. */
    public enum Kind {
        /** Issue key (a core part of the issue, not a value); matched upper-case; sorted by queue, then number. */
        KEY,
        /** Queue key (a core part of the issue), upper-case. */
        QUEUE,
        /** Analyzed text (summary, description): stemmed words and phrases. */
        TEXT,
        /** Catalogue key; sorted by catalogue order weight. */
        CATALOG,
        /** User uid, stored as a JSON number, matched as its decimal string; sorted by display name. */
        USER,
        /** A string matched case-insensitively (tags, mailing lists, custom string fields); sorted as a string. */
        STRING,
        /** Component name, matched lower-case. */
        COMPONENT,
        /** Key of another issue (parent, epic), upper-case. */
        ISSUE,
        /** Exact, case-sensitive string. */
        EXACT,
        /** Date-time, stored as epoch milliseconds. */
        INSTANT,
        /** Date, stored as {@code YYYY-MM-DD}; indexed as epoch milliseconds of 00:00 UTC of that day. */
        DATE,
        /** Number (double). */
        NUMBER,
        /** Time-tracking duration, stored as ISO 8601 ({@code P1W2DT3H}); indexed as work milliseconds ({@link WorkDuration}). */
        DURATION,
        /**
         * A reference to an object kept elsewhere (version, sprint, board, project), stored as
         * {@code {"id": "..", "display": ".."}}; matched by id or, case-insensitively, by display name.
         */
        REFERENCE;

        /** Kinds whose values are matched as exact strings (after normalisation). */
        public boolean isKeyword() {
            return this != TEXT && !isOrdered();
        }

        /** Kinds that support comparisons and ranges. */
        public boolean isOrdered() {
            return this == INSTANT || this == DATE || this == NUMBER || this == DURATION;
        }

        /** Ordered kinds compared as numbers ({@code NumberRange}) rather than as dates. */
        public boolean isNumeric() {
            return this == NUMBER || this == DURATION;
        }
    }

    /** What clients may do with a field. */
    public enum Capability {
        /** A key of the {@code filter} object (and a query-language field). */
        FILTER,
        /** Allowed in {@code order} and {@code "Sort By"}. */
        SORT,
        /** Settable in {@code POST /v2/issues/}. */
        CREATE,
        /** Editable by {@code PATCH /v2/issues/{key}}. */
        EDIT,
        /** Changes are recorded as history, for {@code changed()}. */
        HISTORY
    }

    private static final Map<String, IssueField> STANDARD_BY_ID = new LinkedHashMap<>();
    private static final List<IssueField> STANDARD = new ArrayList<>();

    // ---- the registry of standard fields, in rendering order ----

    public static final IssueField KEY = standard("key", Kind.KEY, "Key", "Ключ").capabilities(Capability.FILTER, Capability.SORT)
            .schema("string").build();
    public static final IssueField LAST_COMMENT_UPDATED_AT = standard("lastCommentUpdatedAt", Kind.INSTANT, "Last comment")
            .capabilities(Capability.FILTER).schema("datetime").build();
    public static final IssueField SUMMARY = standard("summary", Kind.TEXT, "Summary", "Задача", "Название")
            .capabilities(Capability.FILTER, Capability.SORT, Capability.CREATE, Capability.EDIT).schema("string").required()
            .maxLength(255).build();
    public static final IssueField PARENT = standard("parent", Kind.ISSUE, "Is Subtask For")
            .capabilities(Capability.FILTER, Capability.CREATE, Capability.EDIT, Capability.HISTORY).schema("issue").build();
    public static final IssueField ALIASES = standard("aliases", Kind.STRING, "Aliases").list()
            .capabilities(Capability.FILTER).schema("string").build();
    public static final IssueField UPDATED_BY = standard("updatedBy", Kind.USER, "Modifier")
            .capabilities(Capability.FILTER, Capability.SORT).schema("user").build();
    public static final IssueField DESCRIPTION = standard("description", Kind.TEXT, "Description", "Описание")
            .capabilities(Capability.FILTER, Capability.SORT, Capability.CREATE, Capability.EDIT).schema("string")
            .maxLength(512_000).build();
    public static final IssueField SPRINT = standard("sprint", Kind.REFERENCE, "Sprint").list().referencing("sprints")
            .capabilities(Capability.FILTER, Capability.CREATE, Capability.EDIT).schema("sprint").build();
    public static final IssueField TYPE = standard("type", Kind.CATALOG, "Type", "Тип").catalog(Catalog.ISSUE_TYPES)
            .capabilities(Capability.FILTER, Capability.SORT, Capability.CREATE, Capability.EDIT, Capability.HISTORY)
            .schema("issuetype").required().build();
    public static final IssueField PRIORITY = standard("priority", Kind.CATALOG, "Priority", "Приоритет").catalog(Catalog.PRIORITIES)
            .capabilities(Capability.FILTER, Capability.SORT, Capability.CREATE, Capability.EDIT, Capability.HISTORY)
            .schema("priority").required().build();
    public static final IssueField CREATED_AT = standard("createdAt", Kind.INSTANT, "Created", "Создано")
            .capabilities(Capability.FILTER, Capability.SORT).schema("datetime").build();
    public static final IssueField FOLLOWERS = standard("followers", Kind.USER, "Followers", "Наблюдатели").list()
            .capabilities(Capability.FILTER, Capability.SORT, Capability.CREATE, Capability.EDIT, Capability.HISTORY)
            .schema("user").build();
    public static final IssueField CREATED_BY = standard("createdBy", Kind.USER, "Author", "Автор")
            .capabilities(Capability.FILTER, Capability.SORT).schema("user").build();
    public static final IssueField VOTES = standard("votes", Kind.NUMBER, "Votes", "Голоса")
            .capabilities(Capability.FILTER, Capability.SORT).schema("number").build();
    public static final IssueField ASSIGNEE = standard("assignee", Kind.USER, "Assignee", "Исполнитель")
            .capabilities(Capability.FILTER, Capability.SORT, Capability.CREATE, Capability.EDIT, Capability.HISTORY)
            .schema("user").build();
    public static final IssueField PROJECT = standard("project", Kind.REFERENCE, "Project").referencing("projects")
            .capabilities(Capability.FILTER, Capability.CREATE, Capability.EDIT).schema("project").build();
    public static final IssueField QUEUE = standard("queue", Kind.QUEUE, "Queue", "Очередь")
            .capabilities(Capability.FILTER, Capability.SORT, Capability.HISTORY).schema("queue").required().build();
    public static final IssueField UPDATED_AT = standard("updatedAt", Kind.INSTANT, "Updated", "Обновлено")
            .capabilities(Capability.FILTER, Capability.SORT).schema("datetime").build();
    public static final IssueField STATUS = standard("status", Kind.CATALOG, "Status", "Статус").catalog(Catalog.STATUSES)
            .capabilities(Capability.FILTER, Capability.SORT, Capability.HISTORY).schema("status").build();
    public static final IssueField PREVIOUS_STATUS = standard("previousStatus", Kind.CATALOG, "Previous Status")
            .catalog(Catalog.STATUSES).capabilities(Capability.FILTER, Capability.SORT).schema("status").build();
    public static final IssueField STATUS_START_TIME = standard("statusStartTime", Kind.INSTANT)
            .capabilities(Capability.FILTER, Capability.SORT).schema("datetime").build();
    public static final IssueField RESOLUTION = standard("resolution", Kind.CATALOG, "Resolution", "Резолюция")
            .catalog(Catalog.RESOLUTIONS).capabilities(Capability.FILTER, Capability.SORT, Capability.HISTORY)
            .schema("resolution").build();
    public static final IssueField RESOLVED_AT = standard("resolvedAt", Kind.INSTANT, "Resolved", "Решено")
            .capabilities(Capability.FILTER, Capability.SORT).schema("datetime").build();
    public static final IssueField RESOLVED_BY = standard("resolvedBy", Kind.USER, "Resolver")
            .capabilities(Capability.FILTER).schema("user").build();
    public static final IssueField TAGS = standard("tags", Kind.STRING, "Tags", "Теги").list()
            .capabilities(Capability.FILTER, Capability.SORT, Capability.CREATE, Capability.EDIT, Capability.HISTORY)
            .schema("string").build();
    public static final IssueField COMPONENTS = standard("components", Kind.COMPONENT, "Components", "Компоненты").list()
            .capabilities(Capability.FILTER, Capability.SORT, Capability.CREATE, Capability.EDIT, Capability.HISTORY)
            .schema("component").build();
    public static final IssueField EPIC = standard("epic", Kind.ISSUE, "Epic", "Has Epic")
            .capabilities(Capability.FILTER, Capability.CREATE, Capability.EDIT, Capability.HISTORY).schema("issue").build();
    public static final IssueField DEADLINE = standard("deadline", Kind.DATE, "Deadline", "Дедлайн")
            .capabilities(Capability.FILTER, Capability.SORT, Capability.CREATE, Capability.EDIT).schema("date").build();
    public static final IssueField START = standard("start", Kind.DATE, "Start Date")
            .capabilities(Capability.FILTER, Capability.SORT, Capability.CREATE, Capability.EDIT).schema("date").build();
    public static final IssueField END = standard("end", Kind.DATE, "End Date")
            .capabilities(Capability.FILTER, Capability.SORT, Capability.CREATE, Capability.EDIT).schema("date").build();
    public static final IssueField STORY_POINTS = standard("storyPoints", Kind.NUMBER, "Story Points")
            .capabilities(Capability.FILTER, Capability.SORT, Capability.CREATE, Capability.EDIT).schema("number").build();
    public static final IssueField UNIQUE = standard("unique", Kind.EXACT)
            .capabilities(Capability.FILTER, Capability.CREATE).schema("string").build();
    public static final IssueField ORIGINAL_ESTIMATION = standard("originalEstimation", Kind.DURATION, "Original Estimate")
            .capabilities(Capability.FILTER, Capability.SORT, Capability.CREATE, Capability.EDIT).schema("duration").build();
    public static final IssueField ESTIMATION = standard("estimation", Kind.DURATION, "Estimation", "Estimate")
            .capabilities(Capability.FILTER, Capability.SORT, Capability.CREATE, Capability.EDIT).schema("duration").build();
    public static final IssueField SPENT = standard("spent", Kind.DURATION, "Time Spent", "Spent")
            .capabilities(Capability.FILTER, Capability.SORT, Capability.CREATE, Capability.EDIT).schema("duration").build();
    public static final IssueField AFFECTED_VERSIONS = standard("affectedVersions", Kind.REFERENCE, "Affected Version",
            "Affected Versions").list().referencing("versions").capabilities(Capability.FILTER, Capability.CREATE, Capability.EDIT).schema("version").build();
    public static final IssueField FIX_VERSIONS = standard("fixVersions", Kind.REFERENCE, "Fix Version", "Fix Versions")
            .list().referencing("versions").capabilities(Capability.FILTER, Capability.CREATE, Capability.EDIT).schema("version").build();
    public static final IssueField BOARDS = standard("boards", Kind.REFERENCE, "Boards", "Board").list().referencing("boards")
            .capabilities(Capability.FILTER, Capability.CREATE, Capability.EDIT).schema("board").build();
    public static final IssueField ACCESS = standard("access", Kind.USER, "Access").list()
            .capabilities(Capability.FILTER, Capability.CREATE, Capability.EDIT).schema("user").build();
    public static final IssueField VOTED_BY = standard("votedBy", Kind.USER, "Voted by").list()
            .capabilities(Capability.FILTER).schema("user").build();
    public static final IssueField FAVORITED_BY = standard("favoritedBy", Kind.USER, "Favorited by").list()
            .capabilities(Capability.FILTER).schema("user").build();
    public static final IssueField FOLLOWING_MAILLISTS = standard("followingMaillists", Kind.STRING, "Following Maillists")
            .list().capabilities(Capability.FILTER, Capability.CREATE, Capability.EDIT).schema("string").build();

    // ---- derived fields: indexed from the issue's comments, links and worklog (Embedded), never stored ----

    public static final IssueField COMMENT_TEXT = derived("commentText", Kind.TEXT, Embedded::commentText, "Comment", "Комментарий")
            .build();
    public static final IssueField COMMENT_AUTHOR = derived("commentAuthor", Kind.USER, Embedded::commentAuthors, "Comment Author")
            .list().build();
    public static final IssueField PENDING_REPLY_FROM = derived("pendingReplyFrom", Kind.USER, Embedded::pendingReplyFrom,
            "Pending Reply From").list().build();
    public static final IssueField WORKLOG_AUTHOR = derived("worklogAuthor", Kind.USER, Embedded::worklogAuthors, "Worklog Author")
            .list().build();
    public static final IssueField RELATES = linked("linkRelates", LinkType.RELATES, LinkType.Direction.OUTWARD, "Relates");
    public static final IssueField DEPENDS_ON = linked("linkDependsOn", LinkType.DEPENDS, LinkType.Direction.OUTWARD, "Depends On");
    public static final IssueField IS_DEPENDENT_BY = linked("linkIsDependentBy", LinkType.DEPENDS, LinkType.Direction.INWARD,
            "Is Dependent By");
    public static final IssueField DUPLICATES = linked("linkDuplicates", LinkType.DUPLICATES, LinkType.Direction.OUTWARD, "Duplicates");
    public static final IssueField IS_DUPLICATED_BY = linked("linkIsDuplicatedBy", LinkType.DUPLICATES, LinkType.Direction.INWARD,
            "Is Duplicated By");
    public static final IssueField CLONE = linked("linkClone", LinkType.CLONE, LinkType.Direction.OUTWARD, "Clone");
    public static final IssueField ORIGINAL = linked("linkOriginal", LinkType.CLONE, LinkType.Direction.INWARD, "Original");
    /** Every linked issue, parent and epic included; the store adds sub-issues and epic members. */
    public static final IssueField LINKED_TO = derived("linkedTo", Kind.ISSUE, Embedded::linkedAny, "Linked to").list().build();
    public static final IssueField RELATED_TO_QUEUE = linkedQueue("linkRelatesQueue", LinkType.RELATES,
            LinkType.Direction.OUTWARD, "Related To Queue");
    public static final IssueField DEPEND_ON_QUEUE = linkedQueue("linkDependsOnQueue", LinkType.DEPENDS,
            LinkType.Direction.OUTWARD, "Depend On Queue");
    public static final IssueField BLOCK_QUEUE = linkedQueue("linkIsDependentByQueue", LinkType.DEPENDS,
            LinkType.Direction.INWARD, "Block Queue");
    public static final IssueField DUPLICATES_IN_QUEUE = linkedQueue("linkDuplicatesQueue", LinkType.DUPLICATES,
            LinkType.Direction.OUTWARD, "Duplicates In Queue");
    public static final IssueField DUPLICATED_IN_QUEUE = linkedQueue("linkIsDuplicatedByQueue", LinkType.DUPLICATES,
            LinkType.Direction.INWARD, "Duplicated In Queue");
    public static final IssueField CLONES_OF_QUEUE = linkedQueue("linkCloneQueue", LinkType.CLONE, LinkType.Direction.OUTWARD,
            "Clones Of Queue");
    public static final IssueField ORIGINALS_OF_QUEUE = linkedQueue("linkOriginalQueue", LinkType.CLONE,
            LinkType.Direction.INWARD, "Originals Of Queue");
    public static final IssueField SUBTASKS_FOR_QUEUE = derived("parentQueue", Kind.QUEUE,
            issue -> Embedded.queuesOf(issue, IssueField.PARENT), "Subtasks For Queue").build();
    public static final IssueField IN_EPICS_OF_QUEUE = derived("epicQueue", Kind.QUEUE,
            issue -> Embedded.queuesOf(issue, IssueField.EPIC), "In Epics Of Queue").build();
    /** Queues an issue was moved out of: those of its old keys (aliases), as Tracker keeps them. */
    public static final IssueField OLD_QUEUE = derived("oldQueue", Kind.QUEUE,
            issue -> Embedded.queuesOf(issue, IssueField.ALIASES), "Old Queue").list().build();
    /** Queues of every linked issue, parent and epic included; the store adds those of sub-issues and epic members. */
    public static final IssueField HAVE_LINKS_TO_QUEUE = derived("linkedQueue", Kind.QUEUE, Embedded::linkedAnyQueues,
            "Have Links To Queue").list().build();

    private static IssueField linked(String id, LinkType type, LinkType.Direction direction, String queryName) {
        return derived(id, Kind.ISSUE, issue -> Embedded.linked(issue, type, direction), queryName).list().build();
    }

    private static IssueField linkedQueue(String id, LinkType type, LinkType.Direction direction, String queryName) {
        return derived(id, Kind.QUEUE, issue -> Embedded.linkedQueues(issue, type, direction), queryName).list().build();
    }

    private static Builder derived(String id, Kind kind, Function<Issue, JsonNode> derivation, String... queryNames) {
        return standard(id, kind, queryNames).derivedFrom(derivation).capabilities(Capability.FILTER)
                .schema(kind == Kind.TEXT ? "string" : kind == Kind.USER ? "user" : kind == Kind.QUEUE ? "queue" : "issue");
    }

    private final String id;
    private final Kind kind;
    private final boolean multiValued;
    private final Catalog catalog;
    private final String referencePath;
    private final List<String> queryNames;
    private final Set<Capability> capabilities;
    private final String schemaType;
    private final boolean required;
    private final int maxLength;
    private final CustomField definition;
    private final Function<Issue, JsonNode> derivation;

    private IssueField(Builder builder) {
        this.id = requireNonNull(builder.id, "id is null");
        this.kind = requireNonNull(builder.kind, "kind is null");
        this.multiValued = builder.multiValued;
        this.catalog = builder.catalog;
        this.referencePath = builder.referencePath;
        this.queryNames = List.copyOf(builder.queryNames);
        this.capabilities = Collections.unmodifiableSet(EnumSet.copyOf(builder.capabilities));
        this.schemaType = requireNonNull(builder.schemaType, "schema type is null");
        this.required = builder.required;
        this.maxLength = builder.maxLength;
        this.definition = builder.definition;
        this.derivation = builder.derivation;
        if ((kind == Kind.CATALOG) != (catalog != null) || (kind == Kind.REFERENCE) != (referencePath != null)) {
            throw new IllegalArgumentException("catalogue or reference target does not match the kind of " + id);
        }
    }

    private static Builder standard(String id, Kind kind, String... queryNames) {
        return new Builder(id, kind, queryNames, true);
    }

    /** Starts the registry entry of a field created at run time (a custom field). */
    static Builder custom(String id, Kind kind, CustomField definition, String... queryNames) {
        Builder builder = new Builder(id, kind, queryNames, false);
        builder.definition = definition;
        return builder;
    }

    /** The definition of a custom field; empty for a standard field. */
    public Optional<CustomField> definition() {
        return Optional.ofNullable(definition);
    }

    /** The queue of a local field; empty for standard and global fields. */
    public Optional<String> localQueue() {
        return definition().map(CustomField::queue);
    }

    /**
     * Whether the field's value is computed from other stored data of the issue (its comments, links,
     * worklog) rather than stored: such a field is indexed and searched like any other, but never
     * rendered, set or imported.
     */
    public boolean isDerived() {
        return derivation != null;
    }

    /** The value of this field in an issue: the stored value, or the derived one; null when it has none. */
    public JsonNode valueIn(Issue issue) {
        return derivation == null ? issue.values().get(id) : derivation.apply(issue);
    }

    /** The API id: the JSON name in an issue, the filter key, the order field. */
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

    /** The API path segment of the objects a {@link Kind#REFERENCE} field points to ({@code versions}), else null. */
    public String referencePath() {
        return referencePath;
    }

    /** Whether the field holds a list of values. */
    public boolean isMultiValued() {
        return multiValued;
    }

    /** English display names and aliases in the query language (spec 8.8, 8.9), first is the display name. */
    public List<String> queryNames() {
        return queryNames;
    }

    /** The name shown in {@code GET /v2/fields}: the first query name, else the id. */
    public String displayName() {
        return queryNames.isEmpty() ? id : queryNames.getFirst();
    }

    public boolean can(Capability capability) {
        return capabilities.contains(capability);
    }

    /** The {@code schema.type} of {@code GET /v2/fields} (of one item for list fields). */
    public String schemaType() {
        return schemaType;
    }

    /** Whether the field always has a value (it cannot be cleared). */
    public boolean isRequired() {
        return required;
    }

    /** The most characters a text value may have; 0 for no limit. */
    public int maxLength() {
        return maxLength;
    }

    /** Every standard field, in rendering order. */
    public static List<IssueField> standardFields() {
        return Collections.unmodifiableList(STANDARD);
    }

    /** A standard field by its API id. */
    public static Optional<IssueField> byId(String id) {
        return Optional.ofNullable(STANDARD_BY_ID.get(id));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IssueField field && field.id.equals(id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return id;
    }

    /** Collects a field definition; standard fields register themselves in the registry when built. */
    public static final class Builder {
        private final String id;
        private final Kind kind;
        private final List<String> queryNames;
        private final boolean standard;
        private boolean multiValued;
        private Catalog catalog;
        private String referencePath;
        private final Set<Capability> capabilities = EnumSet.noneOf(Capability.class);
        private String schemaType;
        private boolean required;
        private int maxLength;
        private CustomField definition;
        private Function<Issue, JsonNode> derivation;

        private Builder(String id, Kind kind, String[] queryNames, boolean standard) {
            this.id = id;
            this.kind = kind;
            this.queryNames = List.of(queryNames);
            this.standard = standard;
        }

        public Builder list() {
            multiValued = true;
            return this;
        }

        public Builder catalog(Catalog catalog) {
            this.catalog = catalog;
            return this;
        }

        public Builder referencing(String path) {
            this.referencePath = path;
            return this;
        }

        public Builder capabilities(Capability... capabilities) {
            this.capabilities.addAll(List.of(capabilities));
            return this;
        }

        public Builder schema(String type) {
            this.schemaType = type;
            return this;
        }

        public Builder required() {
            this.required = true;
            return this;
        }

        /** Makes the field derived: its value is computed from the issue by {@code derivation} (null for none). */
        public Builder derivedFrom(Function<Issue, JsonNode> derivation) {
            this.derivation = derivation;
            return this;
        }

        public Builder maxLength(int characters) {
            this.maxLength = characters;
            return this;
        }

        public IssueField build() {
            IssueField field = new IssueField(this);
            if (standard) {
                if (STANDARD_BY_ID.putIfAbsent(field.id, field) != null) {
                    throw new IllegalStateException("two standard fields with id " + field.id);
                }
                STANDARD.add(field);
            }
            return field;
        }
    }
}
