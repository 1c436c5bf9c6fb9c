package io.tracksearch.model;

import java.util.ArrayList;
import java.util.List;

/**
 * One recorded change of one field of an issue (spec 8.6 decision: history for changed()): the
 * normalised values before and after (as {@link FieldValues#keywords} gives them), who made it and
 * when. Backends derive changes from the versions they store, so the SPI needs no history calls.
 */
public record Change(IssueField field, List<String> from, List<String> to, long by, long at) {
    /** Fields whose changes are recorded: the keyword fields a person edits or a transition moves. */
    public static final List<IssueField> TRACKED = IssueField.standardFields().stream()
            .filter(field -> field.can(IssueField.Capability.HISTORY)).toList();

    public Change {
        from = List.copyOf(from);
        to = List.copyOf(to);
    }

    /**
     * The changes that lead from {@code before} to {@code after}; {@code before} null means creation,
     * where every field with a value counts as changed from nothing. Made by after.updatedBy at after.updatedAt.
     */
    public static List<Change> between(Issue before, Issue after) {
        List<Change> changes = new ArrayList<>();
        for (IssueField field : TRACKED) {
            List<String> old = before == null ? List.of() : FieldValues.keywords(field, before);
            List<String> now = FieldValues.keywords(field, after);
            if (!old.equals(now)) {
                changes.add(new Change(field, old, now, after.updatedBy(), after.updatedAt()));
            }
        }
        return changes;
    }
}
