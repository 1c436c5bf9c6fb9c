package io.tracksearch.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * One write of an issue as its history records it (the changelog entry of Tracker's
 * {@code GET /v2/issues/{key}/changelog}): every field whose stored value the write changed, with the
 * whole stored JSON before and after, who wrote and when, and the event {@link ChangeType type}. Backends
 * derive events from the issue versions they store ({@link #between}), so the SPI needs no history calls
 * for writing; {@link Change#of} derives the keyword changes changed() matches on.
 *
 * <p>An event is named by the issue's version after the write: versions grow by one per recorded write,
 * so they order an issue's events and page them ({@link #id()} carries it).
 */
public record ChangeEvent(String issueKey, String issueId, long version, String type, long by, long at,
        List<FieldChange> fields) {

    /** One changed field: its stored value before and after, each null when the field had none. */
    public record FieldChange(String field, JsonNode from, JsonNode to) {
        public FieldChange {
            requireNonNull(field, "field is null");
            from = absentAsNull(from);
            to = absentAsNull(to);
        }

        private static JsonNode absentAsNull(JsonNode value) {
            return value == null || value.isNull() || value.isMissingNode() ? null : value;
        }
    }

    /** Kept by the entry itself (its updatedAt and updatedBy), not listed as changed fields. */
    private static final Set<String> BOOKKEEPING = Set.of(IssueField.UPDATED_AT.id(), IssueField.UPDATED_BY.id(),
            IssueField.CREATED_AT.id(), IssueField.CREATED_BY.id());
    private static final HexFormat HEX = HexFormat.of();

    public ChangeEvent {
        requireNonNull(issueKey, "issueKey is null");
        requireNonNull(issueId, "issueId is null");
        requireNonNull(type, "type is null");
        fields = List.copyOf(fields);
    }

    /**
     * The event of the write that turned {@code before} into {@code after} ({@code before} null: the
     * creation, where every field with a value changed from nothing); empty when no value changed, so a
     * write that changes nothing recorded leaves no empty entry. Made by after.updatedBy at after.updatedAt.
     */
    public static Optional<ChangeEvent> between(Issue before, Issue after) {
        List<FieldChange> changes = new ArrayList<>();
        if (before == null || !before.queue().equals(after.queue())) {
            changes.add(new FieldChange(IssueField.QUEUE.id(), before == null ? null : TextNode.valueOf(before.queue()),
                    TextNode.valueOf(after.queue())));
        }
        // standard fields in registry (rendering) order, then custom and unknown ones as stored
        Set<String> ids = new LinkedHashSet<>();
        IssueField.standardFields().forEach(field -> ids.add(field.id()));
        ids.addAll(after.values().keySet());
        if (before != null) {
            ids.addAll(before.values().keySet());
        }
        for (String id : ids) {
            JsonNode old = before == null ? null : before.values().get(id);
            JsonNode now = after.values().get(id);
            if (!BOOKKEEPING.contains(id) && !Objects.equals(old, now)) {
                Optional<Embedded> embedded = Embedded.byKey(id);
                changes.add(embedded.isPresent() ? objectsChanged(id, old, now) : new FieldChange(id, old, now));
            }
        }
        if (changes.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ChangeEvent(after.key(), after.id(), after.version(), ChangeType.of(before, changes),
                after.updatedBy(), after.updatedAt(), changes));
    }

    /**
     * A change of comments, links or worklog: only the objects it touched (from: removed ones and old
     * versions; to: added ones and new versions, matched by id), so that an issue with many comments does
     * not copy all of them into every entry.
     */
    private static FieldChange objectsChanged(String id, JsonNode old, JsonNode now) {
        Map<Long, JsonNode> before = Embedded.byId(old);
        Map<Long, JsonNode> after = Embedded.byId(now);
        ArrayNode from = JsonNodeFactory.instance.arrayNode();
        ArrayNode to = JsonNodeFactory.instance.arrayNode();
        before.forEach((objectId, object) -> {
            if (!object.equals(after.get(objectId))) {
                from.add(object);
            }
        });
        after.forEach((objectId, object) -> {
            if (!object.equals(before.get(objectId))) {
                to.add(object);
            }
        });
        return new FieldChange(id, from.isEmpty() ? null : from, to.isEmpty() ? null : to);
    }

    /**
     * The entry id: 24 lowercase hex characters like Tracker's, 12 from the issue id (so ids differ
     * between issues) and 12 of the version (so an issue's ids sort in write order and name the event).
     */
    public String id() {
        String issuePart = Ids.isHexId(issueId) ? issueId.substring(12)
                : HEX.toHexDigits(Integer.toUnsignedLong(issueId.hashCode()) << 16).substring(4);
        return issuePart + HEX.toHexDigits(version).substring(4);
    }

    /** The version an entry id names; empty when the text is not an entry id. */
    public static OptionalLong versionOf(String id) {
        if (id == null || !Ids.isHexId(id)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(HexFormat.fromHexDigitsToLong(id.substring(12)));
    }

    /** The change of one field, if the event changed it. */
    public Optional<FieldChange> change(String fieldId) {
        return fields.stream().filter(change -> change.field().equals(fieldId)).findFirst();
    }
}
