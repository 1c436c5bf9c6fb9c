package io.tracksearch.query;

import io.tracksearch.model.Component;
import io.tracksearch.model.Ids;
import io.tracksearch.model.Issue;
import io.tracksearch.model.IssueField;
import io.tracksearch.model.Queue;
import io.tracksearch.model.User;
import io.tracksearch.store.Condition;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Turns literal values into the normalised strings of {@link io.tracksearch.model.FieldValues}: queue
 * keys, upper-case issue keys, user uids, lower-case tags and component names. Shared by the query
 * language and the filter object so both match values alike (spec 4.5, 8.3).
 */
final class FieldValueLookup {
    /** Spec 8.6: group() takes at most this many members, the lowest uids. */
    static final int GROUP_LIMIT = 1_000;

    /** A uid as it is written: digits without a leading zero (the old scan compared {@code Long.toString}). */
    private static final Pattern UID = Pattern.compile("-?(0|[1-9][0-9]{0,17})");

    private final QueryContext context;

    FieldValueLookup(QueryContext context) {
        this.context = context;
    }

    String me() {
        return Long.toString(context.caller().uid());
    }

    /** Queue key of a queue given by key, name (both case-insensitive) or numeric id; empty when unknown. */
    Optional<String> queueKey(String value) {
        String wanted = value.strip();
        for (Queue queue : context.queues()) {
            if (queue.key().equalsIgnoreCase(wanted) || queue.name().equalsIgnoreCase(wanted)
                    || Long.toString(queue.id()).equals(wanted)) {
                return Optional.of(queue.key());
            }
        }
        return Optional.empty();
    }

    /** Component name (lower-case) of a component given by name or numeric id. */
    String component(String value) {
        String wanted = value.strip();
        for (Queue queue : context.queues()) {
            for (Component component : queue.components()) {
                if (Long.toString(component.id()).equals(wanted)) {
                    return component.name().toLowerCase(Locale.ROOT);
                }
            }
        }
        return wanted.toLowerCase(Locale.ROOT);
    }

    /** The filter/quoted form: login (any case), uid, or exact display name (any case). */
    List<String> usersByLoginUidOrDisplayName(String value) {
        String wanted = value.strip();
        return uids(wanted, context.users().byDisplayName(wanted));
    }

    /** The bare-word form: login, first name, last name or display name (any case), or uid. */
    List<String> usersByWord(String value) {
        String wanted = value.strip();
        List<User> named = new ArrayList<>(context.users().byDisplayName(wanted));
        named.addAll(context.users().byFirstOrLastName(wanted));
        return uids(wanted, named);
    }

    /** The {@code login@} form: exactly that login (logins compare case-insensitively). */
    List<String> usersByLogin(String login) {
        return context.users().byLogin(login).map(user -> List.of(Long.toString(user.uid()))).orElse(List.of());
    }

    /** group(): users having the group (case-insensitive), by uid, at most {@link #GROUP_LIMIT}. */
    List<String> groupMembers(String group) {
        String wanted = group.strip();
        return context.users().all().stream()
                .filter(user -> user.groups().stream().anyMatch(name -> name.equalsIgnoreCase(wanted)))
                .sorted(Comparator.comparingLong(User::uid))
                .limit(GROUP_LIMIT)
                .map(user -> Long.toString(user.uid()))
                .toList();
    }

    /** The uids of the named users and of the user whose login or uid is {@code wanted}: ascending, each once. */
    private List<String> uids(String wanted, List<User> named) {
        TreeSet<Long> uids = new TreeSet<>();
        named.forEach(user -> uids.add(user.uid()));
        context.users().byLogin(wanted).ifPresent(user -> uids.add(user.uid()));
        if (UID.matcher(wanted).matches()) {
            context.users().byUid(Long.parseLong(wanted)).ifPresent(user -> uids.add(user.uid()));
        }
        return uids.stream().map(uid -> Long.toString(uid)).toList();
    }

    /** Upper-case key of an issue named by key or by its 24-hex id (resolved through the store when possible). */
    String issueKey(String value) {
        String wanted = value.strip();
        if (Ids.isHexId(wanted)) {
            Optional<Issue> byId = context.issues().find(wanted);
            if (byId.isPresent()) {
                return byId.get().key();
            }
        }
        return wanted.toUpperCase(Locale.ROOT);
    }

    /**
     * Keys of the issues related to the named one: its parent ("Is Parent Task For") or its epic ("Is Epic
     * Of"); or, for a named queue, the parents ("Parent Tasks For Queue") or epics ("Epics For Queue") of
     * its issues.
     */
    List<String> relatedKeys(QueryField field, String value) {
        if (field.is(QueryField.Pseudo.PARENT_TASKS_FOR_QUEUE)) {
            return hierarchyOfQueues(IssueField.PARENT, queueKey(value).stream().toList());
        }
        if (field.is(QueryField.Pseudo.EPICS_FOR_QUEUE)) {
            return hierarchyOfQueues(IssueField.EPIC, queueKey(value).stream().toList());
        }
        Optional<Issue> issue = context.issues().find(value.strip());
        if (issue.isEmpty()) {
            return List.of();
        }
        String related;
        if (field.is(QueryField.Pseudo.IS_PARENT_TASK_FOR)) {
            related = issue.get().parent();
        }
        else if (field.is(QueryField.Pseudo.IS_EPIC_OF)) {
            related = issue.get().epic();
        }
        else {
            throw new IllegalArgumentException("not an issue-relation field: " + field);
        }
        return related == null ? List.of() : List.of(related);
    }

    /** Keys of the queues whose lead is one of the uids ("Queue Owner"). */
    List<String> queuesLedBy(List<String> uids) {
        return context.queues().stream().filter(queue -> uids.contains(Long.toString(queue.lead()))).map(Queue::key).toList();
    }

    /**
     * "Component Owner": issues with a component one of the uids leads. Names repeat across queues, so each
     * queue is its own alternative: its key and the lower-case names of its components with such a lead.
     */
    Condition componentsLedBy(List<String> uids) {
        List<Condition> alternatives = new ArrayList<>();
        for (Queue queue : context.queues()) {
            List<String> names = queue.components().stream()
                    .filter(component -> component.lead() != null && uids.contains(Long.toString(component.lead())))
                    .map(component -> component.name().toLowerCase(Locale.ROOT)).toList();
            if (!names.isEmpty()) {
                alternatives.add(Conditions.and(List.of(Conditions.anyOf(IssueField.QUEUE, List.of(queue.key())),
                        Conditions.anyOf(IssueField.COMPONENTS, names))));
            }
        }
        return Conditions.or(alternatives);
    }

    /**
     * Links a stored field cannot see on its own: an issue does not store that it is the parent or epic
     * of another, so "Linked to" adds the parents and epics of the named issues, and "Have Links To
     * Queue" the parents and epics of the named queues' issues.
     */
    Condition withHierarchy(IssueField field, List<String> values, Condition condition) {
        List<String> keys = new ArrayList<>();
        if (field.equals(IssueField.LINKED_TO)) {
            for (String key : values) {
                context.issues().find(key).ifPresent(named -> {
                    if (named.parent() != null) {
                        keys.add(named.parent());
                    }
                    if (named.epic() != null) {
                        keys.add(named.epic());
                    }
                });
            }
        }
        else if (field.equals(IssueField.HAVE_LINKS_TO_QUEUE)) {
            keys.addAll(hierarchyOfQueues(IssueField.PARENT, values));
            keys.addAll(hierarchyOfQueues(IssueField.EPIC, values));
        }
        return keys.isEmpty() ? condition : Conditions.or(List.of(condition, Conditions.anyOf(IssueField.KEY, keys)));
    }

    private List<String> hierarchyOfQueues(IssueField field, List<String> queueKeys) {
        if (queueKeys.isEmpty()) {
            return List.of();
        }
        return context.issues().values(field, Conditions.anyOf(IssueField.QUEUE, queueKeys));
    }

    /**
     * Normalised values of a literal for a keyword field other than a catalogue or user field (those
     * need their own error handling or forms). An unknown queue yields no value: it matches nothing.
     */
    List<String> plainKeywords(IssueField field, String value) {
        return switch (field.kind()) {
            // the queues of linked issues or old keys may not exist here (yet): their keys still match
            case QUEUE -> field.isDerived() ? List.of(queueKey(value).orElse(value.strip().toUpperCase(Locale.ROOT)))
                    : queueKey(value).stream().toList();
            case KEY, ISSUE -> List.of(issueKey(value));
            case STRING -> List.of(value.strip().toLowerCase(Locale.ROOT));
            case COMPONENT -> List.of(component(value));
            case EXACT -> List.of(value);
            // a reference is named by its id or, in any case, by its display name (FieldValues indexes both)
            case REFERENCE -> List.of(value.strip().toLowerCase(Locale.ROOT), value.strip());
            case CATALOG, USER, TEXT, INSTANT, DATE, NUMBER, DURATION ->
                    throw new IllegalArgumentException("not a plain keyword field: " + field);
        };
    }
}
