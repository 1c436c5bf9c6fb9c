package io.tracksearch.issue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracksearch.error.ErrorCode;
import io.tracksearch.error.Message;
import io.tracksearch.error.TrackerException;
import io.tracksearch.model.Catalog;
import io.tracksearch.model.Component;
import io.tracksearch.model.Queue;
import io.tracksearch.model.User;
import io.tracksearch.model.Users;
import io.tracksearch.store.IssueStore;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Creates and finds queues (spec 9.6). */
public final class QueueService {
    private static final Set<String> FIELDS = Set.of("key", "name", "lead", "defaultType", "defaultPriority",
            "issueTypesConfig", "description");
    private static final Set<String> COMPONENT_FIELDS = Set.of("name", "queue", "description", "lead", "assignAuto");
    private static final Set<String> RESERVED_KEYS = Set.of("ADMIN", "SETTINGS");

    private final IssueStore store;
    private final Users users;

    public QueueService(IssueStore store, Users users) {
        this.store = store;
        this.users = users;
    }

    /** The store picks the id (id 0 asks for the next one), with its own concurrency control: unique across nodes. */
    public Queue create(User caller, JsonNode body) {
        for (var names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw TrackerException.invalidField(name, "unknown field");
            }
        }
        JsonNode keyNode = body.get("key");
        if (Values.isNull(keyNode)) {
            throw TrackerException.invalidField("key", "Field is required");
        }
        String key = Values.string("key", keyNode);
        if (!key.matches("[A-Za-z]{1,15}")) {
            throw TrackerException.invalidField("key", "must be 1 to 15 Latin letters");
        }
        key = key.toUpperCase(Locale.ROOT);
        if (RESERVED_KEYS.contains(key)) {
            throw TrackerException.invalidField("key", "key " + key + " is reserved");
        }
        JsonNode nameNode = body.get("name");
        if (Values.isNull(nameNode) || Values.string("name", nameNode).isBlank()) {
            throw TrackerException.invalidField("name", "Field is required");
        }
        long lead = Values.isNull(body.get("lead")) ? caller.uid() : Values.user("lead", users, body.get("lead")).uid();
        if (Values.isNull(body.get("defaultType"))) {
            throw TrackerException.invalidField("defaultType", "Field is required");
        }
        if (Values.isNull(body.get("defaultPriority"))) {
            throw TrackerException.invalidField("defaultPriority", "Field is required");
        }
        String defaultType = Values.catalog("defaultType", Catalog.ISSUE_TYPES, body.get("defaultType")).key();
        String defaultPriority = Values.catalog("defaultPriority", Catalog.PRIORITIES, body.get("defaultPriority")).key();
        validateIssueTypesConfig(body.get("issueTypesConfig"));
        String description = Values.isNull(body.get("description")) ? null : Values.string("description", body.get("description"));
        if (store.queue(key).isPresent()) {
            throw new TrackerException(ErrorCode.CONFLICT, Message.QUEUE_EXISTS, key);
        }
        return store.createQueue(new Queue(0, key, 1, nameNode.asText().strip(), description, lead, defaultType, defaultPriority, List.of()));
    }

    /**
     * Registers components by name in a queue (an unknown name creates the component, spec 9.1) and
     * returns the names as the queue spells them, without duplicates. Component ids come from the store
     * (unique across queues and nodes), and the queue is changed atomically, so concurrent additions on
     * two nodes both survive.
     */
    public List<String> registerComponents(String queueKey, List<String> names) {
        if (names.isEmpty()) {
            return List.of();
        }
        Queue queue = store.updateQueue(queueKey, current -> withComponents(current, names));
        LinkedHashSet<String> canonical = new LinkedHashSet<>();
        for (String name : names) {
            queue.components().stream().filter(component -> component.name().equalsIgnoreCase(name)).findFirst()
                    .ifPresent(component -> canonical.add(component.name()));
        }
        return List.copyOf(canonical);
    }

    /** The queue with the missing names added as new components; the same queue when none is missing. */
    private Queue withComponents(Queue queue, List<String> names) {
        List<Component> components = new ArrayList<>(queue.components());
        for (String name : names) {
            if (components.stream().noneMatch(component -> component.name().equalsIgnoreCase(name))) {
                components.add(new Component(store.allocateComponentId(), name));
            }
        }
        return components.size() == queue.components().size() ? queue : queue.withComponents(components);
    }

    /**
     * Tracker's {@code POST /v2/components}: a component of a queue with an optional lead (the user
     * "Component Owner" finds) and description. A name the queue has already is a 409. Returns the queue
     * as stored, with the component.
     */
    public Queue createComponent(JsonNode body) {
        for (var names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!COMPONENT_FIELDS.contains(name)) {
                throw TrackerException.invalidField(name, "unknown field");
            }
        }
        if (Values.isNull(body.get("queue"))) {
            throw TrackerException.invalidField("queue", "Field is required");
        }
        Queue queue = get(Values.queueReference(body.get("queue")));
        JsonNode nameNode = body.get("name");
        if (Values.isNull(nameNode) || Values.string("name", nameNode).isBlank()) {
            throw TrackerException.invalidField("name", "Field is required");
        }
        String name = nameNode.asText().strip();
        Long lead = Values.isNull(body.get("lead")) ? null : Values.user("lead", users, body.get("lead")).uid();
        String description = Values.isNull(body.get("description")) ? null : Values.string("description", body.get("description"));
        return store.updateQueue(queue.key(), current -> {
            if (current.components().stream().anyMatch(component -> component.name().equalsIgnoreCase(name))) {
                throw new TrackerException(ErrorCode.CONFLICT, Message.COMPONENT_EXISTS, name, queue.key());
            }
            List<Component> components = new ArrayList<>(current.components());
            components.add(new Component(store.allocateComponentId(), name, lead, description));
            return current.withComponents(components);
        });
    }

    /** The queue with this key, created with defaults (name = key, task, normal) when missing: for bulk import. */
    public Queue getOrCreate(String key, long lead) {
        Optional<Queue> existing = store.queue(key);
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            return store.createQueue(new Queue(0, key, 1, key, null, lead, "task", "normal", List.of()));
        } catch (TrackerException e) {
            if (e.code() != ErrorCode.CONFLICT) {
                throw e;
            }
            return store.queue(key).orElseThrow(() -> e); // created meanwhile by another import
        }
    }

    public Queue get(String keyOrId) {
        String wanted = keyOrId.strip();
        return store.queue(wanted.toUpperCase(Locale.ROOT))
                .or(() -> store.queues().stream().filter(queue -> Long.toString(queue.id()).equals(wanted)).findFirst())
                .orElseThrow(() -> new TrackerException(ErrorCode.NOT_FOUND, Message.QUEUE_NOT_FOUND));
    }

    public List<Queue> list() {
        return store.queues();
    }

    private static void validateIssueTypesConfig(JsonNode config) {
        if (Values.isNull(config)) {
            return;
        }
        if (!config.isArray()) {
            throw TrackerException.invalidField("issueTypesConfig", "must be an array");
        }
        for (JsonNode entry : config) {
            if (!entry.isObject() || Values.isNull(entry.get("issueType"))) {
                throw TrackerException.invalidField("issueTypesConfig", "each entry needs issueType");
            }
            Values.catalog("issueTypesConfig", Catalog.ISSUE_TYPES, entry.get("issueType"));
            JsonNode resolutions = entry.get("resolutions");
            if (!Values.isNull(resolutions)) {
                for (JsonNode resolution : Values.elements(resolutions)) {
                    Values.catalog("issueTypesConfig", Catalog.RESOLUTIONS, resolution);
                }
            }
        }
    }
}
