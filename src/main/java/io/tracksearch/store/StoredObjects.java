package io.tracksearch.store;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The objects issues refer to but do not contain (versions, boards, sprints, projects), kept by the store
 * under a kind: one small generic part of the SPI instead of one per object type. Which kinds exist and
 * what their values hold is decided above the store ({@code io.tracksearch.agile}).
 *
 * <p>Durability: {@link #create} and {@link #update} return only once the object is durable and visible to every later read,
 * on every node sharing the store, like every other write of {@link IssueStore}. Ids are allocated with
 * the store's own concurrency control (1, 2, 3... per kind; never twice, also across nodes). Threads:
 * every method may be called concurrently.
 */
public interface StoredObjects {
    /** Lower-case Latin letters, at most 32: safe in document ids and index terms of every backend. */
    Pattern KIND = Pattern.compile("[a-z]{1,32}");

    /** Stores a new object of the kind under the next id of that kind, with version 1, and returns it as stored. */
    StoredObject create(String kind, ObjectNode value);

    /**
     * Changes an object atomically and returns it as stored, its version one higher: {@code change} gets the
     * object as stored and returns its new value; it may be called again when another writer (thread or
     * node) changed the object meanwhile, so it must have no other effects, and may throw to refuse the
     * change (for example on a stale version). A value equal to the stored one writes nothing. Empty when
     * there is no such object. Durable on return, like {@link #create}.
     */
    Optional<StoredObject> update(String kind, long id, Function<StoredObject, ObjectNode> change);

    /** The object of the kind with this id; empty when there is none. */
    Optional<StoredObject> get(String kind, long id);

    /** Every object of the kind, ordered by id. */
    List<StoredObject> list(String kind);

    static boolean isKind(String kind) {
        return KIND.matcher(kind).matches();
    }
}
