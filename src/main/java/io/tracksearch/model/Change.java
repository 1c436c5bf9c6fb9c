package io.tracksearch.model;

import java.util.ArrayList;
import java.util.List;

/**
 * One recorded change of one field of an issue as changed() matches it (spec 8.6): the normalised
 * values before and after (as {@link FieldValues#keywordsOf} gives them), who made it and when. Derived
 * from a {@link ChangeEvent}, which keeps the whole values.
 */
public record Change(IssueField field, List<String> from, List<String> to, long by, long at) {
    /** Fields changed() can ask about: the keyword fields a person edits or a transition moves. */
    public static final List<IssueField> TRACKED = IssueField.standardFields().stream()
            .filter(field -> field.can(IssueField.Capability.HISTORY)).toList();

    /** Separates a field id from a keyword in {@link #tagged} terms; no keyword contains it. */
    private static final char SEPARATOR = '\u001f';

    public Change {
        from = List.copyOf(from);
        to = List.copyOf(to);
    }

    /**
     * A keyword of one field as a term of its own: history documents keep several fields' old and new
     * keywords in one document, and changed() on one field must not match another's.
     */
    public static String tagged(IssueField field, String keyword) {
        return field.id() + SEPARATOR + keyword;
    }

    /** The keyword changes of an event: its tracked fields whose normalised values differ. */
    public static List<Change> of(ChangeEvent event) {
        List<Change> changes = new ArrayList<>();
        for (IssueField field : TRACKED) {
            event.change(field.id()).ifPresent(change -> {
                List<String> old = FieldValues.keywordsOf(field, change.from());
                List<String> now = FieldValues.keywordsOf(field, change.to());
                if (!old.equals(now)) {
                    changes.add(new Change(field, old, now, event.by(), event.at()));
                }
            });
        }
        return changes;
    }
}
