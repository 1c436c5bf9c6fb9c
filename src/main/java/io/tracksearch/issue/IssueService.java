package io.tracksearch.issue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracksearch.error.ErrorCode;
import io.tracksearch.error.Message;
import io.tracksearch.error.TrackerException;
import io.tracksearch.model.Catalog;
import io.tracksearch.model.Component;
import io.tracksearch.model.Ids;
import io.tracksearch.model.Issue;
import io.tracksearch.model.IssueField;
import io.tracksearch.model.IssueField.Capability;
import io.tracksearch.model.Queue;
import io.tracksearch.model.User;
import io.tracksearch.model.Users;
import io.tracksearch.store.Condition;
import io.tracksearch.store.IssueSort;
import io.tracksearch.store.IssueStore;
import io.tracksearch.store.UniqueClaim;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Create, read, edit and transition issues (spec 9.1–9.5). Which fields a client may set is the
 * registry's {@link Capability#CREATE} and {@link Capability#EDIT}; values are read by {@link FieldInput}.
 * Validation errors are 422 with field errors.
 */
public final class IssueService {
    /**
     * An edit without If-Match retries on a concurrent change. Reads see committed issues only, so while
     * another writer's change waits for its group commit every retry sees the old version: the retries
     * back off (1, 2, 4 ... 64 ms) to outlast a commit on a busy machine, about 3 s in all.
     */
    private static final int MAX_PATCH_RETRIES = 50;

    private final IssueStore store;
    private final Users users;
    private final QueueService queues;
    private final Clock clock;
    private final FieldInput input;
    private final ReferenceResolver references;

    public IssueService(IssueStore store, Users users, QueueService queues, ReferenceResolver references, Clock clock) {
        this.store = store;
        this.users = users;
        this.queues = queues;
        this.references = references;
        this.clock = clock;
        this.input = new FieldInput(lookups(), FieldInput.Mode.WRITE);
    }

    /** The lookups of {@link FieldInput} over this service's users, queues and store. */
    FieldInput.Lookups lookups() {
        return new FieldInput.Lookups() {
            @Override
            public Users users() {
                return users;
            }

            @Override
            public String componentName(String queueKey, JsonNode element) {
                return IssueService.this.componentName(queueKey, element);
            }

            @Override
            public Optional<Issue> issue(String keyOrId) {
                return find(keyOrId);
            }

            @Override
            public Optional<ObjectNode> reference(IssueField field, String queueKey, String idOrName) {
                return references.resolve(field, queueKey, idOrName);
            }
        };
    }

    public Issue create(User caller, JsonNode body) {
        for (var names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("queue") && !name.equals("attachmentIds") && !can(name, Capability.CREATE)) {
                throw TrackerException.invalidField(name, "Field is not supported or read-only");
            }
        }
        if (Values.isNull(body.get("queue"))) {
            throw TrackerException.invalidField("queue", "Field is required");
        }
        Queue queue = queues.get(Values.queueReference(body.get("queue")));
        if (Values.isNull(body.get("summary"))) {
            throw TrackerException.invalidField("summary", "Field is required");
        }
        JsonNode attachments = body.get("attachmentIds");
        if (!Values.isNull(attachments) && !(attachments.isArray() && attachments.isEmpty())) {
            throw TrackerException.invalidField("attachmentIds", "attachments are not supported");
        }
        long now = clock.millis();
        Issue.Builder issue = new Issue.Builder().id(ObjectIds.longId(now)).queue(queue.key()).version(1)
                .set(IssueField.STATUS, "open")
                .set(IssueField.STATUS_START_TIME, now)
                .set(IssueField.CREATED_AT, now)
                .set(IssueField.UPDATED_AT, now)
                .set(IssueField.CREATED_BY, caller.uid())
                .set(IssueField.UPDATED_BY, caller.uid())
                .set(IssueField.TYPE, queue.defaultType())
                .set(IssueField.PRIORITY, queue.defaultPriority());
        for (var entries = body.properties().iterator(); entries.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = entries.next();
            store.fields().byId(entry.getKey()).filter(field -> field.can(Capability.CREATE))
                    .ifPresent(field -> input.apply(issue, field, entry.getValue()));
        }
        if (issue.value(IssueField.SUMMARY) == null) {
            throw TrackerException.invalidField("summary", "Field is required");
        }
        // Claim the unique value before spending a number: a create that loses a unique race (a retried
        // create; the Python client always sends unique) must leave no gap in the queue's keys.
        JsonNode uniqueValue = issue.value(IssueField.UNIQUE);
        UniqueClaim claim = uniqueValue == null ? null : store.claimUnique(uniqueValue.asText());
        boolean stored = false;
        try {
            registerComponents(issue);
            issue.key(queue.key() + "-" + store.allocateNumber(queue.key()));
            Issue created = issue.build();
            store.create(created, claim);
            stored = true;
            return created;
        } finally {
            if (!stored && claim != null) {
                store.releaseUnique(claim);
            }
        }
    }

    private boolean can(String fieldId, Capability capability) {
        return store.fields().byId(fieldId).map(field -> field.can(capability)).orElse(false);
    }

    public Issue get(String keyOrId) {
        return find(keyOrId).orElseThrow(() -> new TrackerException(ErrorCode.NOT_FOUND, Message.ISSUE_NOT_FOUND));
    }

    /** By key, by id, or by an old key of a moved issue (its aliases), as Tracker answers it. */
    public Optional<Issue> find(String keyOrId) {
        String wanted = keyOrId.strip();
        String key = wanted.toUpperCase(Locale.ROOT);
        Optional<Issue> byKey = store.get(key);
        if (byKey.isPresent()) {
            return byKey;
        }
        if (Ids.isHexId(wanted)) {
            return store.getById(wanted);
        }
        if (key.lastIndexOf('-') <= 0) {
            return Optional.empty();
        }
        Condition alias = new Condition.AnyOf(IssueField.ALIASES, List.of(key.toLowerCase(Locale.ROOT)));   // stored lower-case
        return store.search(alias, IssueSort.BY_KEY, 0, 1).issues().stream().findFirst();
    }

    public Issue findByUnique(String unique) {
        return store.findByUnique(unique).orElseThrow(() -> new TrackerException(ErrorCode.NOT_FOUND, Message.ISSUE_NOT_FOUND));
    }

    /**
     * Applies a PATCH body. {@code expectedVersion} (from If-Match or ?version) null means "whatever is
     * current": the edit is then retried on a concurrent change instead of failing.
     */
    public Issue patch(User caller, String keyOrId, JsonNode body, Long expectedVersion) {
        for (var names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!can(name, Capability.EDIT)) {
                String problem = name.equals("status") ? "status changes only through transitions" : "Field is not editable";
                throw TrackerException.invalidField(name, problem);
            }
        }
        return change(keyOrId, expectedVersion, issue -> {
            applyEdits(issue, body);
            registerComponents(issue);
            touch(issue, caller);
            return issue;
        });
    }

    /** Executes a workflow transition (spec 9.5) and returns the issue after it. */
    public Issue transition(User caller, String keyOrId, String transitionId, JsonNode body, Long expectedVersion) {
        Workflow.Transition transition = Workflow.byId(transitionId)
                .orElseThrow(() -> new TrackerException(ErrorCode.NOT_FOUND, Message.plain("Transition does not exist.")));
        String resolutionKey = "fixed";
        if (!Values.isNull(body.get("resolution"))) {
            resolutionKey = Values.catalog("resolution", Catalog.RESOLUTIONS, body.get("resolution")).key();
        }
        String resolution = resolutionKey;
        String comment = CommentService.transitionComment(body);
        for (var names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!can(name, Capability.EDIT) && !name.equals("resolution") && !name.equals("comment")) {
                throw TrackerException.invalidField(name, "Field is not editable");
            }
        }
        return change(keyOrId, expectedVersion, issue -> {
            String status = issue.build().status();
            if (!transition.from().contains(status)) {
                throw new TrackerException(ErrorCode.CONFLICT,
                        Message.plain("Transition " + transition.id() + " is not available from status " + status));
            }
            applyEdits(issue, body);
            registerComponents(issue);
            long now = clock.millis();
            issue.set(IssueField.PREVIOUS_STATUS, status);
            issue.set(IssueField.STATUS, transition.to());
            issue.set(IssueField.STATUS_START_TIME, now);
            if (Workflow.isResolvedStatus(transition.to())) {
                if (issue.value(IssueField.RESOLUTION) == null) {
                    issue.set(IssueField.RESOLUTION, resolution);
                    issue.set(IssueField.RESOLVED_AT, now);
                    issue.set(IssueField.RESOLVED_BY, caller.uid());
                }
            }
            else {
                issue.remove(IssueField.RESOLUTION).remove(IssueField.RESOLVED_AT).remove(IssueField.RESOLVED_BY);
            }
            if (comment != null) {   // Tracker's transition body may carry a comment: one write with the transition
                CommentService.append(issue, CommentService.newComment(caller, comment, List.of(), now));
            }
            touch(issue, caller);
            return issue;
        });
    }

    /**
     * One versioned write of an issue's comments, links or worklog: {@code edit} gets the current issue
     * and is applied again to a fresh copy when a concurrent write wins (so it must be repeatable).
     */
    Issue modify(String keyOrId, Function<Issue.Builder, Issue.Builder> edit) {
        return change(keyOrId, null, edit);
    }

    private Issue change(String keyOrId, Long expectedVersion, Function<Issue.Builder, Issue.Builder> edit) {
        for (int attempt = 0; ; attempt++) {
            Issue current = get(keyOrId);
            if (expectedVersion != null && expectedVersion != current.version()) {
                throw new TrackerException(ErrorCode.CONFLICT, Message.VERSION_CONFLICT, current.version());
            }
            Issue.Builder edited = edit.apply(current.toBuilder());
            if (sameContent(current, edited.build())) {
                return current;
            }
            edited.version(current.version() + 1);
            try {
                Issue stored = edited.build();
                store.update(stored, current.version());
                return stored;
            }
            catch (TrackerException e) {
                if (e.code() != ErrorCode.CONFLICT || expectedVersion != null || attempt >= MAX_PATCH_RETRIES) {
                    throw e;
                }
                if (!backOff(attempt)) {
                    throw e;
                }
            }
        }
    }

    /** Waits before the next attempt; false when interrupted (the request is being cancelled). */
    static boolean backOff(int attempt) {
        try {
            Thread.sleep(Math.min(64, 1L << Math.min(attempt, 6)));
            return true;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    // updatedAt/updatedBy/version move only when a value really changed (spec 9.4 decision).
    private static boolean sameContent(Issue before, Issue after) {
        Issue.Builder normalized = after.toBuilder()
                .set(IssueField.UPDATED_AT, before.updatedAt())
                .set(IssueField.UPDATED_BY, before.updatedBy());
        return normalized.build().equals(before);
    }

    private void touch(Issue.Builder issue, User caller) {
        issue.set(IssueField.UPDATED_AT, clock.millis());
        issue.set(IssueField.UPDATED_BY, caller.uid());
    }

    /** The editable fields of a body, in body order (names were checked by the caller). */
    private void applyEdits(Issue.Builder issue, JsonNode body) {
        for (var entries = body.properties().iterator(); entries.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = entries.next();
            store.fields().byId(entry.getKey()).filter(field -> field.can(Capability.EDIT))
                    .ifPresent(field -> input.apply(issue, field, entry.getValue()));
        }
    }

    /** New component names become components of the queue; names are replaced by the queue's spelling. */
    private void registerComponents(Issue.Builder issue) {
        JsonNode stored = issue.value(IssueField.COMPONENTS);
        if (stored != null) {
            List<String> names = new ArrayList<>();
            stored.forEach(name -> names.add(name.asText()));
            issue.setStrings(IssueField.COMPONENTS, queues.registerComponents(issue.queue(), names));
        }
    }

    private String componentName(String queueKey, JsonNode element) {
        JsonNode plain = Values.componentReference("components", element);
        if (plain.isIntegralNumber()) {
            long id = plain.asLong();
            return queues.get(queueKey).components().stream().filter(component -> component.id() == id)
                    .map(Component::name).findFirst()
                    .orElseThrow(() -> TrackerException.invalidField("components", "component " + id + " does not exist"));
        }
        String name = plain.asText().strip();
        return queues.get(queueKey).components().stream()
                .filter(component -> component.name().equalsIgnoreCase(name) || Long.toString(component.id()).equals(name))
                .map(Component::name).findFirst().orElse(name);
    }
}
