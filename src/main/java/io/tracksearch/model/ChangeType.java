package io.tracksearch.model;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Optional;

/**
 * The type of a changelog entry (Tracker's documented change types), derived from which fields a write
 * changed: one function, so a new kind of write (a comment, a worklog record, a link kept in the issue's
 * values) becomes its own type by one more line in {@link #of}.
 */
public final class ChangeType {
    public static final String CREATED = "IssueCreated";
    public static final String UPDATED = "IssueUpdated";
    public static final String MOVED = "IssueMoved";
    public static final String WORKFLOW = "IssueWorkflow";

    /** Every type Tracker documents for the changelog's {@code type} parameter, in its order. */
    public static final List<String> DOCUMENTED = List.of(UPDATED, CREATED, MOVED, "IssueCloned",
            "IssueCommentAdded", "IssueCommentUpdated", "IssueCommentRemoved",
            "IssueWorklogAdded", "IssueWorklogUpdated", "IssueWorklogRemoved",
            "IssueCommentReactionAdded", "IssueCommentReactionRemoved", "IssueVoteAdded", "IssueVoteRemoved",
            "IssueLinked", "IssueLinkChanged", "IssueUnlinked", "RelatedIssueResolutionChanged",
            "IssueAttachmentAdded", "IssueAttachmentRemoved", WORKFLOW);

    private ChangeType() {
    }

    /**
     * The type of a write that made {@code changes} to {@code before} (null for a creation). A transition
     * is a workflow event even when it also set other fields (Tracker lists them in the same entry).
     * Embedded collections (comments, worklog, links stored in the issue's values) are typed by how their
     * element count moved: added, removed, or updated in place.
     */
    static String of(Issue before, List<ChangeEvent.FieldChange> changes) {
        if (before == null) {
            return CREATED;
        }
        if (changed(changes, IssueField.QUEUE.id()).isPresent()) {
            return MOVED;
        }
        if (changed(changes, IssueField.STATUS.id()).isPresent()) {
            return WORKFLOW;
        }
        return collection(changes, "comments", "IssueCommentAdded", "IssueCommentRemoved", "IssueCommentUpdated")
                .or(() -> collection(changes, "worklog", "IssueWorklogAdded", "IssueWorklogRemoved", "IssueWorklogUpdated"))
                .or(() -> collection(changes, "links", "IssueLinked", "IssueUnlinked", "IssueLinkChanged"))
                .orElse(UPDATED);
    }

    private static Optional<ChangeEvent.FieldChange> changed(List<ChangeEvent.FieldChange> changes, String fieldId) {
        return changes.stream().filter(change -> change.field().equals(fieldId)).findFirst();
    }

    private static Optional<String> collection(List<ChangeEvent.FieldChange> changes, String fieldId, String added,
            String removed, String updated) {
        return changed(changes, fieldId).map(change -> {
            int difference = size(change.to()) - size(change.from());
            return difference > 0 ? added : difference < 0 ? removed : updated;
        });
    }

    private static int size(JsonNode value) {
        return value == null ? 0 : value.isArray() ? value.size() : 1;
    }
}
