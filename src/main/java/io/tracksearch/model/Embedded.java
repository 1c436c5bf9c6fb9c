package io.tracksearch.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The objects kept inside an issue: its comments, links and worklog, each an array of objects in the
 * issue's stored values under the key below. Kept with the issue so that a write of them is one
 * durable write of the issue on every backend, a deleted one leaves the index with it, and export and
 * import carry them on the issue's line. They are never rendered as issue fields: the derived fields
 * of {@link IssueField} (comment text, linked keys ...) index what queries need from them.
 *
 * <p>Stored forms (users as uids, times as epoch milliseconds; anything else an import gave is kept):
 * <ul>
 *   <li>comment: {@code id, longId, text, createdBy, createdAt, updatedBy, updatedAt, summonees[], version};</li>
 *   <li>link: {@code id, type} ({@link LinkType#id()}), {@code direction} (this issue's side), {@code issue}
 *       (the other issue's key), {@code createdBy, createdAt, updatedBy, updatedAt}. A link is stored on
 *       both of its issues with the same id. Sub-issue and epic links are not stored: they are the
 *       {@code parent} and {@code epic} fields;</li>
 *   <li>worklog entry: {@code id, start, duration} (ISO 8601), {@code comment, createdBy, createdAt, updatedBy, updatedAt}.</li>
 * </ul>
 */
public enum Embedded {
    COMMENTS("comments"),
    LINKS("links"),
    WORKLOG("worklog");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String key;

    Embedded(String key) {
        this.key = key;
    }

    /** The key of the array in the issue's values. */
    public String key() {
        return key;
    }

    public static boolean isEmbedded(String key) {
        return byKey(key).isPresent();
    }

    public static Optional<Embedded> byKey(String key) {
        for (Embedded embedded : values()) {
            if (embedded.key.equals(key)) {
                return Optional.of(embedded);
            }
        }
        return Optional.empty();
    }

    /** The stored objects of this kind in an issue, oldest first; empty when it has none. */
    public List<ObjectNode> in(Issue issue) {
        JsonNode array = issue.values().get(key);
        List<ObjectNode> objects = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(element -> {
                if (element.isObject()) {
                    objects.add((ObjectNode) element);
                }
            });
        }
        return objects;
    }

    /** The object with this id, if the issue has it. */
    public Optional<ObjectNode> find(Issue issue, long id) {
        return in(issue).stream().filter(object -> object.path("id").asLong() == id).findFirst();
    }

    /** The objects of a stored array by id, in array order (none for null). */
    public static Map<Long, JsonNode> byId(JsonNode array) {
        Map<Long, JsonNode> objects = new LinkedHashMap<>();
        if (array != null) {
            array.forEach(object -> objects.put(object.path("id").asLong(), object));
        }
        return objects;
    }

    /** Stores the objects as the issue's array of this kind (an empty list removes it). */
    public void set(Issue.Builder issue, List<? extends JsonNode> objects) {
        ArrayNode array = NODES.arrayNode();
        objects.forEach(array::add);
        issue.set(key, array);
    }

    // ---- derivations of the derived fields in IssueField: null when there is nothing to index ----

    /** The texts of all comments, one paragraph each, for "Comment: words". */
    static JsonNode commentText(Issue issue) {
        StringBuilder text = new StringBuilder();
        for (ObjectNode comment : COMMENTS.in(issue)) {
            String one = comment.path("text").asText("");
            if (!one.isBlank()) {
                text.append(text.isEmpty() ? "" : "\n\n").append(one);
            }
        }
        return text.isEmpty() ? null : TextNode.valueOf(text.toString());
    }

    static JsonNode commentAuthors(Issue issue) {
        Set<Long> authors = new LinkedHashSet<>();
        COMMENTS.in(issue).forEach(comment -> authors.add(comment.path("createdBy").asLong()));
        return uids(authors);
    }

    /**
     * Users summoned in a comment who have not commented since ("Pending Reply From"): a reply is any
     * later comment of theirs on the issue.
     */
    static JsonNode pendingReplyFrom(Issue issue) {
        Map<Long, Long> summonedAt = new LinkedHashMap<>();
        for (ObjectNode comment : COMMENTS.in(issue)) {
            long at = comment.path("createdAt").asLong();
            summonedAt.computeIfPresent(comment.path("createdBy").asLong(), (uid, since) -> since <= at ? null : since);
            comment.path("summonees").forEach(uid -> summonedAt.put(uid.asLong(), at));
        }
        return uids(summonedAt.keySet());
    }

    static JsonNode worklogAuthors(Issue issue) {
        Set<Long> authors = new LinkedHashSet<>();
        WORKLOG.in(issue).forEach(entry -> authors.add(entry.path("createdBy").asLong()));
        return uids(authors);
    }

    /** Keys of the issues this issue is linked to from the given side ("depends on" = DEPENDS, OUTWARD). */
    static JsonNode linked(Issue issue, LinkType type, LinkType.Direction direction) {
        return strings(linkedKeys(issue, side -> side.type() == type && side.direction() == direction), false);
    }

    /** Queues of the issues this issue is linked to from the given side. */
    static JsonNode linkedQueues(Issue issue, LinkType type, LinkType.Direction direction) {
        return strings(linkedKeys(issue, side -> side.type() == type && side.direction() == direction), true);
    }

    /** Keys of every issue this issue links to, its parent and epic included ("Linked to"). */
    static JsonNode linkedAny(Issue issue) {
        return strings(linkedKeysAndHierarchy(issue), false);
    }

    /** Queues of every issue this issue links to, its parent's and epic's included ("Have Links To Queue"). */
    static JsonNode linkedAnyQueues(Issue issue) {
        return strings(linkedKeysAndHierarchy(issue), true);
    }

    /**
     * The queues of the issue keys a field holds: the parent's queue for "Subtasks For Queue", the queues
     * of an issue's old keys (its aliases after a move) for "Old Queue".
     */
    static JsonNode queuesOf(Issue issue, IssueField keyField) {
        JsonNode value = issue.value(keyField);
        if (value == null) {
            return null;
        }
        List<String> keys = new ArrayList<>();
        for (JsonNode key : value.isArray() ? value : List.of(value)) {
            keys.add(key.asText());
        }
        return strings(keys, true);
    }

    public static String queueOfKey(String key) {
        return key.substring(0, key.lastIndexOf('-'));
    }

    private static List<String> linkedKeysAndHierarchy(Issue issue) {
        List<String> keys = new ArrayList<>(linkedKeys(issue, side -> true));
        for (IssueField field : List.of(IssueField.PARENT, IssueField.EPIC)) {
            String key = issue.string(field);
            if (key != null) {
                keys.add(key);
            }
        }
        return keys;
    }

    private static List<String> linkedKeys(Issue issue, Predicate<LinkType.Side> wanted) {
        List<String> keys = new ArrayList<>();
        for (ObjectNode link : LINKS.in(issue)) {
            Optional<LinkType> type = LinkType.byId(link.path("type").asText());
            Optional<LinkType.Direction> direction = LinkType.Direction.byId(link.path("direction").asText());
            if (type.isPresent() && direction.isPresent() && wanted.test(new LinkType.Side(type.get(), direction.get()))) {
                keys.add(link.path("issue").asText());
            }
        }
        return keys;
    }

    private static JsonNode strings(List<String> keys, boolean queues) {
        Set<String> distinct = new LinkedHashSet<>();
        for (String key : keys) {
            if (key.lastIndexOf('-') > 0) {
                distinct.add(queues ? queueOfKey(key) : key);
            }
        }
        if (distinct.isEmpty()) {
            return null;
        }
        ArrayNode array = NODES.arrayNode();
        distinct.forEach(array::add);
        return array;
    }

    private static JsonNode uids(Set<Long> uids) {
        if (uids.isEmpty()) {
            return null;
        }
        ArrayNode array = NODES.arrayNode();
        uids.forEach(array::add);
        return array;
    }
}
