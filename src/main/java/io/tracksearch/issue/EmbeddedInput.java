package io.tracksearch.issue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracksearch.auth.UserRegistry;
import io.tracksearch.error.TrackerException;
import io.tracksearch.model.Embedded;
import io.tracksearch.model.Ids;
import io.tracksearch.model.Issue;
import io.tracksearch.model.IssueField;
import io.tracksearch.model.LinkType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the comments, links and worklog of an imported issue (the embedded arrays of an export line, or
 * Tracker's own shapes as its endpoints return them) into their stored form ({@link Embedded}): users
 * to uids, times to epoch milliseconds, durations to ISO 8601. Everything else an object carries is kept
 * as given. Sub-issue and epic links are skipped: they are the issue's parent and epic fields.
 */
final class EmbeddedInput {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Parts of the rendered shapes that are derived on output, not data. */
    private static final Set<String> RENDERED_ONLY = Set.of("self", "object", "relationship", "issue");

    private final FieldInput input;

    EmbeddedInput(FieldInput input) {
        this.input = input;
    }

    /** Sets the issue's array of this kind from the given JSON array. */
    void read(Issue.Builder issue, Embedded kind, JsonNode array) {
        if (!array.isArray()) {
            throw TrackerException.invalidField(kind.key(), "must be an array of objects");
        }
        List<ObjectNode> stored = new ArrayList<>();
        for (JsonNode element : array) {
            if (!element.isObject()) {
                throw TrackerException.invalidField(kind.key(), "must be an array of objects");
            }
            switch (kind) {
                case COMMENTS -> stored.add(comment(element, issue));
                case LINKS -> link(element).ifPresent(stored::add);
                case WORKLOG -> stored.add(worklog(element, issue));
            }
        }
        kind.set(issue, stored);
    }

    private ObjectNode comment(JsonNode given, Issue.Builder issue) {
        ObjectNode stored = common(given, issue, "comments");
        if (!stored.has("longId")) {
            stored.put("longId", ObjectIds.longId(stored.get("createdAt").asLong()));
        }
        stored.put("text", given.path("text").asText(""));
        List<Long> summonees = new ArrayList<>();
        given.path("summonees").forEach(user -> summonees.add(input.user("comments.summonees", user)));
        stored.remove("summonees");
        summonees.forEach(stored.putArray("summonees")::add);
        if (!given.path("version").canConvertToLong()) {
            stored.put("version", 1);
        }
        return stored;
    }

    private Optional<ObjectNode> link(JsonNode given) {
        JsonNode typeNode = given.path("type");
        String typeId = typeNode.isObject() ? typeNode.path("id").asText() : typeNode.asText();
        Optional<LinkType> type = LinkType.byId(typeId);
        Optional<LinkType.Direction> direction = LinkType.Direction.byId(given.path("direction").asText().toLowerCase(Locale.ROOT));
        if (given.hasNonNull("relationship")) {
            Optional<LinkType.Side> side = LinkType.relationship(given.get("relationship").asText());
            type = side.map(LinkType.Side::type);
            direction = side.map(LinkType.Side::direction);
        }
        if (type.isEmpty() || direction.isEmpty()) {
            throw TrackerException.invalidField("links", "a link needs a type (" + String.join(", ",
                    Arrays.stream(LinkType.values()).map(LinkType::id).toList()) + ") and a direction");
        }
        if (type.get() == LinkType.SUBTASK || type.get() == LinkType.EPIC) {
            return Optional.empty();   // the parent and epic fields carry these
        }
        String other = given.path("object").isObject() ? given.path("object").path("key").asText("") : given.path("issue").asText("");
        if (!Ids.isIssueKey(other)) {
            throw TrackerException.invalidField("links", "a link needs the other issue's key (object.key)");
        }
        ObjectNode stored = common(given, null, "links");
        stored.put("type", type.get().id());
        stored.put("direction", direction.get().id());
        stored.put("issue", other.toUpperCase(Locale.ROOT));
        return Optional.of(stored);
    }

    private ObjectNode worklog(JsonNode given, Issue.Builder issue) {
        ObjectNode stored = common(given, issue, "worklog");
        stored.put("start", given.hasNonNull("start") ? FieldInput.instant("worklog.start", given.get("start"))
                : stored.get("createdAt").asLong());
        if (!given.hasNonNull("duration")) {
            throw TrackerException.invalidField("worklog", "an entry needs a duration");
        }
        stored.put("duration", FieldInput.duration("worklog.duration", given.get("duration")));
        return stored;
    }

    /** The id and the who and when every object has; other properties copied as given. */
    private ObjectNode common(JsonNode given, Issue.Builder issue, String field) {
        ObjectNode stored = NODES.objectNode();
        for (Map.Entry<String, JsonNode> property : given.properties()) {
            if (!RENDERED_ONLY.contains(property.getKey())) {
                stored.set(property.getKey(), property.getValue());
            }
        }
        JsonNode id = given.get("id");
        stored.put("id", id != null && id.canConvertToLong() && id.asLong() > 0 ? id.asLong()
                : id != null && id.isTextual() && id.asText().matches("\\d{1,15}") ? Long.parseLong(id.asText()) : ObjectIds.next());
        long defaultBy = issue != null && issue.value(IssueField.CREATED_BY) != null ? issue.value(IssueField.CREATED_BY).asLong()
                : UserRegistry.FIRST_UID;
        long createdBy = given.hasNonNull("createdBy") ? input.user(field + ".createdBy", given.get("createdBy")) : defaultBy;
        long createdAt = given.hasNonNull("createdAt") ? FieldInput.instant(field + ".createdAt", given.get("createdAt"))
                : System.currentTimeMillis();
        stored.put("createdBy", createdBy);
        stored.put("createdAt", createdAt);
        stored.put("updatedBy", given.hasNonNull("updatedBy") ? input.user(field + ".updatedBy", given.get("updatedBy")) : createdBy);
        stored.put("updatedAt", given.hasNonNull("updatedAt") ? FieldInput.instant(field + ".updatedAt", given.get("updatedAt"))
                : createdAt);
        return stored;
    }
}
