package io.tracksearch.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracksearch.auth.UserRegistry;
import io.tracksearch.error.TrackerException;
import io.tracksearch.issue.FieldService;
import io.tracksearch.issue.IssueImporter;
import io.tracksearch.model.CustomField;
import io.tracksearch.model.Issue;
import io.tracksearch.model.IssueField;
import io.tracksearch.model.Queue;
import io.tracksearch.model.User;
import io.tracksearch.store.Condition;
import io.tracksearch.store.IssueStore;
import io.tracksearch.store.Snapshot;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The receiving side of a sync: this tracksearch's own store, written only through the paths every other
 * import takes (users with their source uids, queues with their source ids, custom fields through
 * {@link FieldService}, issues through {@link IssueImporter}, which keeps key, id, version and every
 * timestamp as given and replaces an issue with the same key). Threads: one pass at a time.
 */
public final class Mirror {
    /** Tracker's timestamp form, e.g. {@code 2017-06-11T05:16:01.339+0000}. */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ", Locale.ROOT);

    /** Item types of a field's {@code schema} and the Tracker field type that gives them here. */
    private static final Map<String, String> TYPES_BY_SCHEMA = Map.of(
            "string", "StringFieldType",
            "integer", "IntegerFieldType",
            "float", "FloatFieldType",
            "date", "DateFieldType",
            "datetime", "DateTimeFieldType",
            "user", "UserFieldType");

    private final IssueStore store;
    private final UserRegistry users;
    private final FieldService fields;
    private final IssueImporter importer;

    public Mirror(IssueStore store, UserRegistry users, FieldService fields, IssueImporter importer) {
        this.store = store;
        this.users = users;
        this.fields = fields;
        this.importer = importer;
    }

    public boolean knowsUser(long uid) {
        return users.byUid(uid).isPresent();
    }

    /** Adds the source's users under their uids; returns those whose uid or login is taken here by someone else. */
    public List<User> addUsers(Collection<User> sourceUsers) {
        return users.addMirrored(sourceUsers);
    }

    /**
     * Creates or updates a queue from its GET shape, with the source's id when it is free here (local field
     * ids contain the queue id, so equal ids keep them equal). Returns a problem to report, if any.
     */
    public Optional<String> putQueue(JsonNode source) {
        String key = source.path("key").asText();
        long id = source.path("id").asLong(0);
        String name = source.path("name").asText(key);
        String description = source.hasNonNull("description") ? source.get("description").asText() : null;
        long lead = source.path("lead").path("id").asLong(UserRegistry.FIRST_UID);
        String defaultType = source.path("defaultType").path("key").asText("task");
        String defaultPriority = source.path("defaultPriority").path("key").asText("normal");
        Optional<Queue> existing = store.queue(key);
        if (existing.isPresent()) {
            // returning the queue unchanged writes nothing, so an unchanged source queue costs no write
            store.updateQueue(key, current -> new Queue(current.id(), key, current.version(), name, description, lead, defaultType,
                    defaultPriority, current.components()));
            return existing.get().id() == id ? Optional.empty()
                    : Optional.of("queue " + key + " has id " + existing.get().id() + " here and " + id + " at the source");
        }
        boolean idFree = id > 0 && store.queues().stream().noneMatch(queue -> queue.id() == id);
        store.createQueue(new Queue(idFree ? id : 0, key, source.path("version").asLong(1), name, description, lead, defaultType,
                defaultPriority, List.of()));
        return idFree ? Optional.empty() : Optional.of("queue " + key + ": id " + id + " is taken here, the mirror gave it another");
    }

    /**
     * Creates a custom field from its {@code /v2/fields} or {@code localFields} shape unless this store
     * knows the id already; {@code queueKey} null for a global field. Returns a problem to report, if any
     * (a type this server does not have: its values are then kept on issues as given, unsearchable).
     */
    public Optional<String> putField(JsonNode source, String queueKey) {
        String id = source.path("id").asText();
        String key = source.path("key").asText(id);
        if (id.equals("favorite") || store.fields().byId(id).isPresent()
                || queueKey != null && store.customFields().stream().anyMatch(field -> queueKey.equals(field.queue()) && field.key().equals(key))) {
            return Optional.empty();
        }
        JsonNode schema = source.path("schema");
        boolean container = schema.path("type").asText().equals("array");
        String itemType = container ? schema.path("items").asText() : schema.path("type").asText();
        String type = TYPES_BY_SCHEMA.get(itemType);
        if (type == null) {
            return Optional.of("field " + id + " (" + itemType + ") has no counterpart here; its values are kept unsearchable");
        }
        ObjectNode body = SourceClient.JSON.createObjectNode();
        body.put("id", key);
        body.putObject("name").put("en", source.path("name").asText(key));
        body.put("type", CustomField.TYPE_PREFIX + type);
        body.put("container", container);
        body.put("readonly", source.path("readonly").asBoolean(false));
        body.put("order", source.path("order").asLong(0));
        if (source.hasNonNull("description")) {
            body.put("description", source.get("description").asText());
        }
        if (source.path("category").hasNonNull("id")) {
            body.put("category", source.path("category").path("id").asText());
        }
        if (source.path("optionsProvider").path("values").isArray()) {
            ArrayNode values = body.putObject("optionsProvider").putArray("values");
            source.path("optionsProvider").path("values").forEach(value -> values.add(value.asText()));
        }
        try {
            if (queueKey == null) {
                fields.createGlobal(body);
            }
            else {
                fields.createLocal(queueKey, body);
            }
            return Optional.empty();
        }
        catch (TrackerException e) {
            return Optional.of("field " + id + " not created: " + e.getMessage() + " " + e.fieldErrors());
        }
    }

    /**
     * Whether the mirror holds this issue as the source last changed it: same id, version, updatedAt and
     * lastCommentUpdatedAt. Every comment, link and worklog write moves these on tracksearch; a hosted
     * Tracker moves at least updatedAt or lastCommentUpdatedAt. Such an issue needs no other request.
     */
    public boolean isCurrent(JsonNode source) {
        Optional<Issue> stored = store.get(source.path("key").asText().toUpperCase(Locale.ROOT));
        if (stored.isEmpty()) {
            return false;
        }
        Issue issue = stored.get();
        return issue.id().equals(source.path("id").asText())
                && issue.version() == source.path("version").asLong(-1)
                && Objects.equals(issue.longValue(IssueField.UPDATED_AT), millis(source.path("updatedAt")))
                && Objects.equals(issue.longValue(IssueField.LAST_COMMENT_UPDATED_AT), millis(source.path("lastCommentUpdatedAt")));
    }

    /** Stores export lines (GET shape plus comments, links, worklog); durable on return. */
    public IssueImporter.Result store(List<ObjectNode> lines) {
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append(line).append('\n'));
        try {
            return importer.importLines(new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)), count -> { });
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);   // a byte array stream does not fail
        }
    }

    /** Keys of the mirror's issues in these queues (all issues when empty), to find those gone from the source. */
    public List<String> keys(List<String> queues) {
        Condition condition = queues.isEmpty() ? new Condition.MatchAll() : new Condition.AnyOf(IssueField.QUEUE, queues);
        List<String> keys = new ArrayList<>();
        try (Snapshot snapshot = store.openSnapshot(condition, null)) {
            for (long position = 0; position < snapshot.size(); position += 1000) {
                snapshot.read(position, 1000).forEach(issue -> keys.add(issue.key()));
            }
        }
        return keys;
    }

    /** Removes an issue the source no longer has. */
    public void delete(String key) {
        store.delete(key);
    }

    /** A Tracker timestamp as epoch millis; null when absent or unreadable. */
    static Long millis(JsonNode timestamp) {
        if (!timestamp.isTextual()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(timestamp.asText(), TIMESTAMP).toInstant().toEpochMilli();
        }
        catch (DateTimeParseException e) {
            return null;
        }
    }
}
