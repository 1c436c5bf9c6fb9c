package io.tracksearch.query;

import io.tracksearch.store.Condition;
import io.tracksearch.store.IssueSort;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** A resolved query: what to match, and the sort of its "Sort By" clause when it has one. */
public record ParsedQuery(Condition condition, Optional<IssueSort> sort) {
    public ParsedQuery {
        requireNonNull(condition, "condition is null");
        requireNonNull(sort, "sort is null");
    }
}
