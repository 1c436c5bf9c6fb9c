package io.tracksearch.issue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracksearch.error.ErrorCode;
import io.tracksearch.error.Message;
import io.tracksearch.error.TrackerException;
import io.tracksearch.model.Component;
import io.tracksearch.model.CustomField;
import io.tracksearch.model.Issue;
import io.tracksearch.model.IssueField;
import io.tracksearch.model.IssueField.Capability;
import io.tracksearch.model.Queue;
import io.tracksearch.model.User;
import io.tracksearch.store.IssueStore;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Moves an issue to another queue (Tracker's {@code POST /v2/issues/{key}/_move?queue=KEY}): it keeps its
 * id, gets the next number of the target queue, its old key joins its {@code aliases} (so it is still
 * found under it, and "Old Queue" reads it), and its version, updatedAt and updatedBy move. As Tracker
 * does, values of the old queue's local fields are dropped, and components, versions and the project are
 * cleared unless {@link Options#moveAllFields} keeps those the target queue also has. The store replaces
 * the issue and renames other issues' references to it in one operation ({@link IssueStore#move}).
 */
public final class IssueMover {
    /** The status every issue starts in, and the one {@link Options#initialStatus} resets to. */
    static final String INITIAL_STATUS = "open";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** A move made again on a concurrently edited issue: as an edit without If-Match, about 3 s in all. */
    private static final int MAX_RETRIES = 50;

    /**
     * Tracker's optional parameters of the move.
     *
     * @param initialStatus reset the status to the initial one (Tracker's {@code initialStatus})
     * @param moveAllFields keep the components, versions and project the target queue also has ({@code move_all_fields})
     * @param notMovedFields ids of fields whose values stay behind: the moved issue has none ({@code notMovedFields})
     */
    public record Options(boolean initialStatus, boolean moveAllFields, List<String> notMovedFields) {
        public static final Options DEFAULT = new Options(false, false, List.of());

        public Options {
            notMovedFields = List.copyOf(requireNonNull(notMovedFields, "notMovedFields is null"));
        }
    }

    private final IssueService issues;
    private final QueueService queues;
    private final IssueStore store;
    private final FieldInput.Lookups lookups;
    private final Clock clock;

    public IssueMover(IssueService issues, QueueService queues, IssueStore store, Clock clock) {
        this.issues = issues;
        this.queues = queues;
        this.store = store;
        this.lookups = issues.lookups();
        this.clock = clock;
    }

    /**
     * Moves the issue (by key, id or old key) to the queue (by key or id) and returns it as stored. NOT_FOUND
     * for an unknown issue or queue; UNPROCESSABLE when the issue is in that queue already, or a field of
     * {@code notMovedFields} is unknown or not one a client sets. A concurrent edit of the issue is waited
     * out (the move is made again on the new version).
     */
    public Issue move(User caller, String keyOrId, String queueReference, Options options) {
        Issue found = issues.get(keyOrId);
        Queue target = queues.get(queueReference);
        for (String fieldId : options.notMovedFields()) {
            boolean settable = store.fields().byId(fieldId).filter(field -> field.can(Capability.CREATE) || field.can(Capability.EDIT)).isPresent();
            if (!settable) {
                throw TrackerException.invalidField("notMovedFields", "unknown or read-only field '" + fieldId + "'");
            }
        }
        requireOtherQueue(found, target);
        String newKey = target.key() + "-" + store.allocateNumber(target.key());
        for (int attempt = 0; ; attempt++) {
            Issue current = issues.get(found.key());   // after a concurrent move, its alias
            requireOtherQueue(current, target);
            Issue moved = moved(current, target, newKey, caller, options);
            try {
                store.move(moved, current.key(), current.version());
                return moved;
            }
            catch (TrackerException e) {
                if (!e.is(Message.VERSION_CONFLICT) || attempt >= MAX_RETRIES || !IssueService.backOff(attempt)) {
                    throw e;
                }
            }
        }
    }

    private static void requireOtherQueue(Issue issue, Queue target) {
        if (issue.queue().equals(target.key())) {
            throw new TrackerException(ErrorCode.UNPROCESSABLE,
                    Message.plain("Issue " + issue.key() + " is already in queue " + target.key() + "."));
        }
    }

    private Issue moved(Issue current, Queue target, String newKey, User caller, Options options) {
        Issue.Builder moved = current.toBuilder().key(newKey).version(current.version() + 1);
        Set<String> aliases = new LinkedHashSet<>(current.strings(IssueField.ALIASES));
        aliases.add(current.key());
        aliases.remove(newKey);
        moved.setStrings(IssueField.ALIASES, List.copyOf(aliases));
        Set<String> localFields = new LinkedHashSet<>();
        store.customFields().stream().filter(field -> current.queue().equals(field.queue())).map(CustomField::id).forEach(localFields::add);
        localFields.forEach(id -> moved.set(id, null));
        if (options.moveAllFields()) {
            moved.setStrings(IssueField.COMPONENTS, componentsOf(current, target));
            for (IssueField versions : List.of(IssueField.FIX_VERSIONS, IssueField.AFFECTED_VERSIONS)) {
                moved.set(versions, versionsOf(current.value(versions), versions, target));
            }
        }
        else {
            moved.remove(IssueField.COMPONENTS).remove(IssueField.FIX_VERSIONS).remove(IssueField.AFFECTED_VERSIONS)
                    .remove(IssueField.PROJECT);
        }
        long now = clock.millis();
        if (options.initialStatus() && !INITIAL_STATUS.equals(current.status())) {
            moved.set(IssueField.PREVIOUS_STATUS, current.status()).set(IssueField.STATUS, INITIAL_STATUS)
                    .set(IssueField.STATUS_START_TIME, now)
                    .remove(IssueField.RESOLUTION).remove(IssueField.RESOLVED_AT).remove(IssueField.RESOLVED_BY);
        }
        options.notMovedFields().forEach(id -> moved.set(id, null));
        moved.set(IssueField.UPDATED_AT, now).set(IssueField.UPDATED_BY, caller.uid());
        return moved.build();
    }

    /** The issue's components the target queue has (by name, any case), in the target's spelling. */
    private static List<String> componentsOf(Issue issue, Queue target) {
        return issue.components().stream()
                .flatMap(name -> target.components().stream().map(Component::name).filter(known -> known.equalsIgnoreCase(name)).limit(1))
                .toList();
    }

    /** The versions of the same names in the target queue; those it lacks are dropped. */
    private JsonNode versionsOf(JsonNode stored, IssueField field, Queue target) {
        ArrayNode kept = NODES.arrayNode();
        if (stored != null) {
            for (JsonNode version : stored.isArray() ? stored : List.of(stored)) {
                Optional<ObjectNode> there = lookups.reference(field, target.key(), version.path("display").asText(""));
                there.ifPresent(kept::add);
            }
        }
        return kept;
    }
}
