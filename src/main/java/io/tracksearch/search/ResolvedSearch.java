package io.tracksearch.search;

import io.tracksearch.store.Condition;
import io.tracksearch.store.IssueSort;

import static java.util.Objects.requireNonNull;

/** A search request reduced to what the store needs: the chosen mode, the condition and the sort. */
public record ResolvedSearch(SearchMode mode, Condition condition, IssueSort sort) {
    public ResolvedSearch {
        requireNonNull(mode, "mode is null");
        requireNonNull(condition, "condition is null");
        requireNonNull(sort, "sort is null");
    }
}
