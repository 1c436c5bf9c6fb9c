package io.tracksearch.issue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracksearch.error.ErrorCode;
import io.tracksearch.error.Message;
import io.tracksearch.error.TrackerException;
import io.tracksearch.model.Catalog;
import io.tracksearch.model.Component;
import io.tracksearch.model.Issue;
import io.tracksearch.model.Queue;
import io.tracksearch.model.User;
import io.tracksearch.model.Users;
import io.tracksearch.store.IssueStore;
import io.tracksearch.store.UniqueClaim;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Create, read, edit and transition issues (spec 9.1–9.5). Validation errors are 422 with field errors. */
public final class IssueService {
    private static final Set<String> CREATE_FIELDS = Set.of("queue", "summary", "description", "type", "priority",
            "assignee", "followers", "tags", "components", "parent", "epic", "deadline", "start", "end", "storyPoints",
            "unique", "attachmentIds");
    private static final Set<String> EDITABLE_FIELDS = Set.of("summary", "description", "type", "priority",
            "assignee", "followers", "tags", "components", "parent", "epic", "deadline", "start", "end", "storyPoints");
    private static final int MAX_SUMMARY = 255;
    private static final int MAX_DESCRIPTION = 512_000;
    private static final int MAX_PATCH_RETRIES = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final IssueStore store;
    private final Users users;
    private final QueueService queues;
    private final Clock clock;

    public IssueService(IssueStore store, Users users, QueueService queues, Clock clock) {
        this.store = store;
        this.users = users;
        this.queues = queues;
        this.clock = clock;
    }

    public Issue create(User caller, JsonNode body) {
        for (var names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!CREATE_FIELDS.contains(name)) {
                throw TrackerException.invalidField(name, "Field is not supported or read-only");
            }
        }
        if (Values.isNull(body.get("queue"))) {
            throw TrackerException.invalidField("queue", "Field is required");
        }
        Queue queue = queues.get(queueReference(body.get("queue")));
        JsonNode summary = body.get("summary");
        if (Values.isNull(summary)) {
            throw TrackerException.invalidField("summary", "Field is required");
        }
        JsonNode attachments = body.get("attachmentIds");
        if (!Values.isNull(attachments) && !(attachments.isArray() && attachments.isEmpty())) {
            throw TrackerException.invalidField("attachmentIds", "attachments are not supported");
        }
        long now = clock.millis();
        Issue.Builder issue = new Issue.Builder();
        issue.id = newId(now);
        issue.queue = queue.key();
        issue.version = 1;
        issue.status = "open";
        issue.statusStartTime = now;
        issue.createdAt = now;
        issue.updatedAt = now;
        issue.createdBy = caller.uid();
        issue.updatedBy = caller.uid();
        issue.type = queue.defaultType();
        issue.priority = queue.defaultPriority();
        JsonNode unique = body.get("unique");
        if (!Values.isNull(unique)) {
            issue.unique = Values.string("unique", unique);
        }
        for (String field : EDITABLE_FIELDS) {
            if (body.has(field)) {
                apply(issue, field, body.get(field));
            }
        }
        if (issue.summary == null) {
            throw TrackerException.invalidField("summary", "Field is required");
        }
        // Claim the unique value before spending a number: a create that loses a unique race (a retried
        // create; the Python client always sends unique) must leave no gap in the queue's keys.
        UniqueClaim claim = issue.unique == null ? null : store.claimUnique(issue.unique);
        boolean stored = false;
        try {
            issue.components = queues.registerComponents(queue.key(), issue.components);
            issue.number = store.allocateNumber(queue.key());
            issue.key = queue.key() + "-" + issue.number;
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

    public Issue get(String keyOrId) {
        return find(keyOrId).orElseThrow(() -> new TrackerException(ErrorCode.NOT_FOUND, Message.ISSUE_NOT_FOUND));
    }

    public Optional<Issue> find(String keyOrId) {
        String wanted = keyOrId.strip();
        Optional<Issue> byKey = store.get(wanted.toUpperCase(Locale.ROOT));
        if (byKey.isPresent() || !wanted.matches("[0-9a-f]{24}")) {
            return byKey;
        }
        return store.getById(wanted);
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
            if (!EDITABLE_FIELDS.contains(name)) {
                String problem = name.equals("status") ? "status changes only through transitions" : "Field is not editable";
                throw TrackerException.invalidField(name, problem);
            }
        }
        return change(keyOrId, expectedVersion, issue -> {
            for (var entries = body.fields(); entries.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = entries.next();
                apply(issue, entry.getKey(), entry.getValue());
            }
            Queue queue = queues.get(issue.queue);
            issue.components = queues.registerComponents(queue.key(), issue.components);
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
        for (var names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!EDITABLE_FIELDS.contains(name) && !name.equals("resolution") && !name.equals("comment")) {
                throw TrackerException.invalidField(name, "Field is not editable");
            }
        }
        return change(keyOrId, expectedVersion, issue -> {
            if (!transition.from().contains(issue.status)) {
                throw new TrackerException(ErrorCode.CONFLICT,
                        Message.plain("Transition " + transition.id() + " is not available from status " + issue.status));
            }
            for (var entries = body.fields(); entries.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = entries.next();
                if (EDITABLE_FIELDS.contains(entry.getKey())) {
                    apply(issue, entry.getKey(), entry.getValue());
                }
            }
            long now = clock.millis();
            issue.previousStatus = issue.status;
            issue.status = transition.to();
            issue.statusStartTime = now;
            if (Workflow.isResolvedStatus(transition.to())) {
                if (issue.resolution == null) {
                    issue.resolution = resolution;
                    issue.resolvedAt = now;
                    issue.resolvedBy = caller.uid();
                }
            }
            else {
                issue.resolution = null;
                issue.resolvedAt = null;
                issue.resolvedBy = null;
            }
            touch(issue, caller);
            return issue;
        });
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
            edited.version = current.version() + 1;
            try {
                Issue stored = edited.build();
                store.update(stored, current.version());
                return stored;
            }
            catch (TrackerException e) {
                if (e.code() != ErrorCode.CONFLICT || expectedVersion != null || attempt >= MAX_PATCH_RETRIES) {
                    throw e;
                }
            }
        }
    }

    // updatedAt/updatedBy/version move only when a value really changed (spec 9.4 decision).
    private static boolean sameContent(Issue before, Issue after) {
        Issue.Builder normalized = after.toBuilder();
        normalized.updatedAt = before.updatedAt();
        normalized.updatedBy = before.updatedBy();
        return normalized.build().equals(before);
    }

    private void touch(Issue.Builder issue, User caller) {
        issue.updatedAt = clock.millis();
        issue.updatedBy = caller.uid();
    }

    private void apply(Issue.Builder issue, String field, JsonNode value) {
        switch (field) {
            case "summary" -> {
                JsonNode plain = Values.unwrapSet(value);
                if (Values.isNull(plain)) {
                    throw TrackerException.invalidField("summary", "Field is required");
                }
                String summary = Values.string("summary", plain).strip();
                if (summary.isEmpty() || summary.length() > MAX_SUMMARY) {
                    throw TrackerException.invalidField("summary", "must be 1 to " + MAX_SUMMARY + " characters");
                }
                issue.summary = summary;
            }
            case "description" -> {
                JsonNode plain = Values.unwrapSet(value);
                if (Values.isNull(plain)) {
                    issue.description = null;
                    return;
                }
                String description = Values.string("description", plain);
                if (description.length() > MAX_DESCRIPTION) {
                    throw TrackerException.invalidField("description", "must be at most " + MAX_DESCRIPTION + " characters");
                }
                issue.description = description.isEmpty() ? null : description;
            }
            case "type" -> issue.type = required("type", value, plain -> Values.catalog("type", Catalog.ISSUE_TYPES, plain).key());
            case "priority" -> issue.priority = required("priority", value,
                    plain -> Values.catalog("priority", Catalog.PRIORITIES, plain).key());
            case "assignee" -> {
                JsonNode plain = Values.unwrapSet(value);
                issue.assignee = Values.isNull(plain) || (plain.isArray() && plain.isEmpty())
                        ? null : Values.user("assignee", users, plain).uid();
            }
            case "followers" -> issue.followers = ListEdit.apply("followers", issue.followers, value,
                    element -> Values.user("followers", users, element).uid());
            case "tags" -> issue.tags = ListEdit.apply("tags", issue.tags, value, element -> {
                String tag = Values.string("tags", element).strip();
                if (tag.isEmpty()) {
                    throw TrackerException.invalidField("tags", "a tag must not be empty");
                }
                return tag;
            });
            case "components" -> issue.components = ListEdit.apply("components", issue.components, value,
                    element -> componentName(issue.queue, element));
            case "parent" -> issue.parent = issueKey("parent", value, issue.key);
            case "epic" -> issue.epic = issueKey("epic", value, issue.key);
            case "deadline" -> issue.deadline = optional(value, plain -> Values.date("deadline", plain));
            case "start" -> issue.start = optional(value, plain -> Values.date("start", plain));
            case "end" -> issue.end = optional(value, plain -> Values.date("end", plain));
            case "storyPoints" -> issue.storyPoints = optional(value, plain -> Values.number("storyPoints", plain));
            default -> throw TrackerException.invalidField(field, "Field is not editable");
        }
    }

    private static <T> T required(String field, JsonNode value, Function<JsonNode, T> reader) {
        JsonNode plain = Values.unwrapSet(value);
        if (Values.isNull(plain)) {
            throw TrackerException.invalidField(field, "Field cannot be empty");
        }
        return reader.apply(plain);
    }

    private static <T> T optional(JsonNode value, Function<JsonNode, T> reader) {
        JsonNode plain = Values.unwrapSet(value);
        return Values.isNull(plain) ? null : reader.apply(plain);
    }

    private String issueKey(String field, JsonNode value, String ownKey) {
        JsonNode plain = Values.unwrapSet(value);
        if (Values.isNull(plain)) {
            return null;
        }
        String reference = Values.issueReference(field, plain);
        Issue target = find(reference).orElseThrow(() -> TrackerException.invalidField(field, "issue '" + reference + "' does not exist"));
        if (target.key().equals(ownKey)) {
            throw TrackerException.invalidField(field, "an issue cannot refer to itself");
        }
        return target.key();
    }

    private String componentName(String queueKey, JsonNode element) {
        JsonNode plain = element.isObject() ? firstOf(element, "name", "id", "display") : element;
        if (plain != null && plain.isIntegralNumber()) {
            long id = plain.asLong();
            return queues.get(queueKey).components().stream().filter(component -> component.id() == id)
                    .map(Component::name).findFirst()
                    .orElseThrow(() -> TrackerException.invalidField("components", "component " + id + " does not exist"));
        }
        if (plain == null || !plain.isTextual() || plain.asText().isBlank()) {
            throw TrackerException.invalidField("components", "must be a component name or id");
        }
        String name = plain.asText().strip();
        return queues.get(queueKey).components().stream()
                .filter(component -> component.name().equalsIgnoreCase(name) || Long.toString(component.id()).equals(name))
                .map(Component::name).findFirst().orElse(name);
    }

    private static JsonNode firstOf(JsonNode object, String... names) {
        for (String name : names) {
            if (object.hasNonNull(name)) {
                return object.get(name);
            }
        }
        return null;
    }

    private static String queueReference(JsonNode value) {
        if (value.isTextual() || value.isIntegralNumber()) {
            return value.asText();
        }
        if (value.isObject()) {
            JsonNode part = firstOf(value, "key", "id");
            if (part != null && (part.isTextual() || part.isIntegralNumber())) {
                return part.asText();
            }
        }
        throw TrackerException.invalidField("queue", "must be a queue key, an id or an object with key or id");
    }

    // 24 lowercase hex characters like Tracker's ids: 4 bytes of seconds, then 8 random bytes.
    private static String newId(long nowMillis) {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        int seconds = (int) (nowMillis / 1000);
        bytes[0] = (byte) (seconds >>> 24);
        bytes[1] = (byte) (seconds >>> 16);
        bytes[2] = (byte) (seconds >>> 8);
        bytes[3] = (byte) seconds;
        return HexFormat.of().formatHex(bytes);
    }
}
