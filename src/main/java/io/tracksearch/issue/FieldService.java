package io.tracksearch.issue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracksearch.error.ErrorCode;
import io.tracksearch.error.Message;
import io.tracksearch.error.TrackerException;
import io.tracksearch.model.CustomField;
import io.tracksearch.model.IssueField;
import io.tracksearch.model.Queue;
import io.tracksearch.store.IssueStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Custom fields as Tracker defines them: global ({@code POST /v2/fields}) and local to a queue
 * ({@code POST /v2/queues/{id}/localFields}), with Tracker's request shape (name {en, ru}, id, category,
 * type, optionsProvider, container, readonly, order, description). Once created, a field is a registry
 * entry like a standard one: set on create, edit and import, rendered, filtered, queried and sorted.
 */
public final class FieldService {
    private static final String DEFAULT_CATEGORY = "0000000000000003";

    private final IssueStore store;
    private final QueueService queues;

    public FieldService(IssueStore store, QueueService queues) {
        this.store = store;
        this.queues = queues;
    }

    public CustomField createGlobal(JsonNode body) {
        CustomField field = read(body, null);
        store.createField(field);
        return field;
    }

    public CustomField createLocal(String queueReference, JsonNode body) {
        Queue queue = queues.get(queueReference);
        CustomField field = read(body, queue);
        store.createField(field);
        return field;
    }

    /** Global custom fields, in creation order. */
    public List<CustomField> global() {
        return store.customFields().stream().filter(field -> !field.isLocal()).toList();
    }

    /** The local fields of a queue, in creation order. */
    public List<CustomField> local(String queueReference) {
        Queue queue = queues.get(queueReference);
        return store.customFields().stream().filter(field -> queue.key().equals(field.queue())).toList();
    }

    public CustomField local(String queueReference, String key) {
        return local(queueReference).stream().filter(field -> field.key().equals(key)).findFirst()
                .orElseThrow(() -> new TrackerException(ErrorCode.NOT_FOUND, Message.FIELD_NOT_FOUND));
    }

    public Optional<CustomField> global(String id) {
        return global().stream().filter(field -> field.id().equals(id)).findFirst();
    }

    private CustomField read(JsonNode body, Queue queue) {
        String key = requiredText(body, "id");
        if (!key.matches("[A-Za-z][A-Za-z0-9_]{0,63}")) {
            throw TrackerException.invalidField("id", "must be a Latin letter followed by up to 63 letters, digits or _");
        }
        if (IssueField.byId(key).isPresent() || key.equals("favorite") || key.equals("self")) {
            throw TrackerException.invalidField("id", "'" + key + "' is a standard field");
        }
        JsonNode name = body.get("name");
        String nameEn;
        String nameRu;
        if (name != null && name.isObject()) {
            nameEn = text(name, "en").or(() -> text(name, "ru")).orElseThrow(() -> TrackerException.invalidField("name", "Field is required"));
            nameRu = text(name, "ru").orElse(nameEn);
        }
        else {
            nameEn = requiredText(body, "name");
            nameRu = nameEn;
        }
        String type = requiredText(body, "type");
        if (CustomField.kindOf(type).isEmpty()) {
            throw TrackerException.invalidField("type", "unknown field type '" + type + "'");
        }
        String fullType = type.startsWith(CustomField.TYPE_PREFIX) ? type : CustomField.TYPE_PREFIX + type;
        List<String> options = new ArrayList<>();
        JsonNode provider = body.get("optionsProvider");
        if (provider != null && !provider.isNull()) {
            if (!provider.isObject() || !provider.path("values").isArray()) {
                throw TrackerException.invalidField("optionsProvider", "must be an object with a values array");
            }
            provider.get("values").forEach(value -> {
                if (!value.isTextual() && !value.isNumber()) {
                    throw TrackerException.invalidField("optionsProvider", "values must be strings");
                }
                options.add(value.asText());
            });
        }
        boolean container = body.path("container").asBoolean(false);
        boolean readonly = body.path("readonly").asBoolean(false);
        String id = queue == null ? key : CustomField.localId(queue.id(), key);
        return new CustomField(id, key, queue == null ? null : queue.key(), nameEn, nameRu, fullType, container, options,
                text(body, "description").orElse(null), text(body, "category").orElse(DEFAULT_CATEGORY), readonly,
                body.path("order").asLong(0));
    }

    private static String requiredText(JsonNode body, String field) {
        return text(body, field).orElseThrow(() -> TrackerException.invalidField(field, "Field is required"));
    }

    private static Optional<String> text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw TrackerException.invalidField(field, "must be a non-empty string");
        }
        return Optional.of(value.asText().strip());
    }
}
