package io.tracksearch.query;

import io.tracksearch.model.IssueField;

import java.util.List;
import java.util.Optional;

/**
 * A field a query can name (spec 8.8): a stored issue field of the registry, or one of the
 * pseudo-fields that exist only in the language (Related, Comment, ...). {@link FieldNames} maps
 * written names onto these; the names of stored fields come from their registry entries.
 */
record QueryField(IssueField stored, Pseudo pseudo, IssueField.Kind kind) {

    /** Fields of the language that are not a stored value of the issue itself. */
    enum Pseudo {
        /** Summary and description text in the recorded history (S9), old and new values: Condition.HistoryText. */
        HISTORY(IssueField.Kind.TEXT, "History"),
        /** Author OR assignee OR followers. */
        RELATED(IssueField.Kind.USER, "Related"),
        /** Issues that are the parent of the given issues: needs the store to look the given issues up. */
        IS_PARENT_TASK_FOR(IssueField.Kind.ISSUE, "Is Parent Task For"),
        /** Epics of the given issues: needs the store to look the given issues up. */
        IS_EPIC_OF(IssueField.Kind.ISSUE, "Is Epic Of"),
        /** Issues that are the parent of an issue of the given queues: the store lists those parents. */
        PARENT_TASKS_FOR_QUEUE(IssueField.Kind.QUEUE, "Parent Tasks For Queue"),
        /** Epics of issues of the given queues: the store lists those epics. */
        EPICS_FOR_QUEUE(IssueField.Kind.QUEUE, "Epics For Queue"),
        /** Issues in any sprint of the given boards: the boards become their sprints' ids through the store. */
        SPRINTS_BY_BOARD(IssueField.Kind.REFERENCE, "Sprints By Board"),
        /** Issues in the sprint in progress of the given boards, resolved like {@link #SPRINTS_BY_BOARD}. */
        SPRINT_IN_PROGRESS_BY_BOARD(IssueField.Kind.REFERENCE, "Sprint In Progress By Board"),
        /** Issues of the queues the given users lead. */
        QUEUE_OWNER(IssueField.Kind.USER, "Queue Owner"),
        /** Issues a saved filter finds: the filter's query (or filter object) in place of the field. */
        FILTER(IssueField.Kind.EXACT, "Filter"),
        /** Issues with a component the given users lead (a component is one of its queue: queue and name both match). */
        COMPONENT_OWNER(IssueField.Kind.USER, "Component Owner");

        private final IssueField.Kind kind;
        private final List<String> names;

        Pseudo(IssueField.Kind kind, String... names) {
            this.kind = kind;
            this.names = List.of(names);
        }

        List<String> names() {
            return names;
        }
    }

    static QueryField of(IssueField field) {
        return new QueryField(field, null, field.kind());
    }

    static QueryField of(Pseudo pseudo) {
        return new QueryField(null, pseudo, pseudo.kind);
    }

    /** The stored field, or empty for a pseudo-field. */
    Optional<IssueField> issueField() {
        return Optional.ofNullable(stored);
    }

    boolean is(IssueField field) {
        return field.equals(stored);
    }

    boolean is(Pseudo candidate) {
        return pseudo == candidate;
    }
}
