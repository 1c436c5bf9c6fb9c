package io.tracksearch.store;

import io.tracksearch.model.IssueField;

import java.util.List;

/**
 * Sort order of a search, highest priority first. Backends always append "key ascending" as the final
 * tie-breaker (spec 4.4), so an empty list means key order. Missing values sort last in both directions;
 * list fields sort by their smallest element ascending and their largest descending.
 */
public record IssueSort(List<Key> keys) {
    public static final IssueSort BY_KEY = new IssueSort(List.of());

    public IssueSort {
        keys = List.copyOf(keys);
    }

    public record Key(IssueField field, boolean descending) {
        public Key {
            if (!isSortable(field)) {
                throw new IllegalArgumentException("not sortable: " + field);
            }
        }
    }

    /** Whether a field can appear in a sort (the registry's SORT capability; spec 4.4 list of sortable ids). */
    public static boolean isSortable(IssueField field) {
        return field.can(IssueField.Capability.SORT);
    }
}
