package io.tracksearch.issue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracksearch.model.IssueField;

import java.util.Optional;

/**
 * Finds the stored object a value of a {@link IssueField.Kind#REFERENCE} field names (a version, sprint,
 * board or project), for create and edit: its stored form {@code {"id", "display"}}, or empty when no such
 * object exists (the write is then refused). Implemented where the objects live ({@code io.tracksearch.agile}).
 */
@FunctionalInterface
public interface ReferenceResolver {
    /** Knows no object: every reference is refused (for tools that write no reference fields). */
    ReferenceResolver NONE = (field, queueKey, idOrName) -> Optional.empty();

    /**
     * @param queueKey the queue of the issue being written (versions belong to one queue)
     * @param idOrName the object's id, or its name in any case
     */
    Optional<ObjectNode> resolve(IssueField field, String queueKey, String idOrName);
}
