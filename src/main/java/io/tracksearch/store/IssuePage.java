package io.tracksearch.store;

import io.tracksearch.model.Issue;

import java.util.List;

/** One page of a search and the exact total number of matches. */
public record IssuePage(List<Issue> issues, long totalCount) {
    public IssuePage {
        issues = List.copyOf(issues);
    }
}
