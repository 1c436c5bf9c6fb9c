package io.tracksearch.store;

import com.fasterxml.jackson.databind.node.ObjectNode;

import static java.util.Objects.requireNonNull;

/**
 * One object kept beside the issues (a queue version, a board, a sprint, a project): its kind, the id the
 * store allocated for it within the kind, a version that starts at 1, and its value as JSON. The store
 * keeps the value as given; what the fields mean is the business of the layer above.
 *
 * <p>The value is copied on the way in; callers must not change the node they get back.
 */
public record StoredObject(String kind, long id, long version, ObjectNode value) {
    public StoredObject {
        requireNonNull(kind, "kind is null");
        requireNonNull(value, "value is null");
        if (!StoredObjects.isKind(kind)) {
            throw new IllegalArgumentException("kind must be lower-case Latin letters: " + kind);
        }
        if (id <= 0 || version <= 0) {
            throw new IllegalArgumentException("id and version must be positive: " + id + ", " + version);
        }
        value = value.deepCopy();
    }
}
