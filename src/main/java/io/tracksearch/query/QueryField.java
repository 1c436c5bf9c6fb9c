package io.tracksearch.query;

import io.tracksearch.model.IssueField;

import java.util.List;
import java.util.Optional;

/**
 * The fields a query can name (spec 8.8): stored issue fields and the pseudo-fields that only exist
 * in the language (Related, Comment, ...). {@link FieldNames} maps written names onto these.
 */
enum QueryField {
    QUEUE(IssueField.QUEUE, IssueField.Kind.QUEUE, "Queue", "Очередь"),
    KEY(IssueField.KEY, IssueField.Kind.KEY, "Key", "Ключ"),
    SUMMARY(IssueField.SUMMARY, IssueField.Kind.TEXT, "Summary", "Задача", "Название"),
    DESCRIPTION(IssueField.DESCRIPTION, IssueField.Kind.TEXT, "Description", "Описание"),
    /** Comments are not stored (decision 48): a text field that is always empty. */
    COMMENT(null, IssueField.Kind.TEXT, "Comment"),
    /** History text is not stored (decision 48): always empty. */
    HISTORY(null, IssueField.Kind.TEXT, "History"),
    TYPE(IssueField.TYPE, IssueField.Kind.CATALOG, "Type", "Тип"),
    PRIORITY(IssueField.PRIORITY, IssueField.Kind.CATALOG, "Priority", "Приоритет"),
    STATUS(IssueField.STATUS, IssueField.Kind.CATALOG, "Status", "Статус"),
    RESOLUTION(IssueField.RESOLUTION, IssueField.Kind.CATALOG, "Resolution", "Резолюция"),
    ASSIGNEE(IssueField.ASSIGNEE, IssueField.Kind.USER, "Assignee", "Исполнитель"),
    AUTHOR(IssueField.CREATED_BY, IssueField.Kind.USER, "Author", "Автор"),
    MODIFIER(IssueField.UPDATED_BY, IssueField.Kind.USER, "Modifier"),
    RESOLVER(IssueField.RESOLVED_BY, IssueField.Kind.USER, "Resolver"),
    FOLLOWERS(IssueField.FOLLOWERS, IssueField.Kind.USER, "Followers", "Наблюдатели"),
    /** Author OR assignee OR followers. */
    RELATED(null, IssueField.Kind.USER, "Related"),
    TAGS(IssueField.TAGS, IssueField.Kind.TAG, "Tags", "Теги"),
    COMPONENTS(IssueField.COMPONENTS, IssueField.Kind.COMPONENT, "Components", "Компоненты"),
    CREATED(IssueField.CREATED_AT, IssueField.Kind.INSTANT, "Created", "Создано"),
    UPDATED(IssueField.UPDATED_AT, IssueField.Kind.INSTANT, "Updated", "Обновлено"),
    RESOLVED(IssueField.RESOLVED_AT, IssueField.Kind.INSTANT, "Resolved", "Решено"),
    STATUS_START_TIME(IssueField.STATUS_START_TIME, IssueField.Kind.INSTANT),
    /** Always empty: the store never has a value for it. */
    LAST_COMMENT(IssueField.LAST_COMMENT_UPDATED_AT, IssueField.Kind.INSTANT, "Last comment"),
    DEADLINE(IssueField.DEADLINE, IssueField.Kind.DATE, "Deadline", "Дедлайн"),
    START_DATE(IssueField.START, IssueField.Kind.DATE, "Start Date"),
    END_DATE(IssueField.END, IssueField.Kind.DATE, "End Date"),
    VOTES(IssueField.VOTES, IssueField.Kind.NUMBER, "Votes", "Голоса"),
    STORY_POINTS(IssueField.STORY_POINTS, IssueField.Kind.NUMBER, "Story Points"),
    EPIC(IssueField.EPIC, IssueField.Kind.ISSUE, "Epic", "Has Epic"),
    IS_SUBTASK_FOR(IssueField.PARENT, IssueField.Kind.ISSUE, "Is Subtask For"),
    UNIQUE(IssueField.UNIQUE, IssueField.Kind.EXACT),
    /** Issues that are the parent of the given issues: needs the store to look the given issues up. */
    IS_PARENT_TASK_FOR(null, IssueField.Kind.ISSUE, "Is Parent Task For"),
    /** Epics of the given issues: needs the store to look the given issues up. */
    IS_EPIC_OF(null, IssueField.Kind.ISSUE, "Is Epic Of"),
    /** No favourites endpoint: never matches; only me() is a valid value. */
    FAVORITED_BY(null, IssueField.Kind.USER, "Favorited by"),
    /** No voting endpoint: never matches. */
    VOTED_BY(null, IssueField.Kind.USER, "Voted by"),
    /** No comments: never matches. */
    COMMENT_AUTHOR(null, IssueField.Kind.USER, "Comment Author");

    private final IssueField issueField;
    private final IssueField.Kind kind;
    private final List<String> displayNames;

    QueryField(IssueField issueField, IssueField.Kind kind, String... displayNames) {
        this.issueField = issueField;
        this.kind = kind;
        this.displayNames = List.of(displayNames);
    }

    /** The stored field, or empty for a pseudo-field. */
    Optional<IssueField> issueField() {
        return Optional.ofNullable(issueField);
    }

    /** How values are written and checked; pseudo-fields borrow the kind of what they stand for. */
    IssueField.Kind kind() {
        return kind;
    }

    List<String> displayNames() {
        return displayNames;
    }
}
