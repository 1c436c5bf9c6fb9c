package io.tracksearch.store;

import io.tracksearch.model.Issue;

import java.util.List;

/** One page of a search and the exact total number of matches; {@code issues} may be {@link StoredIssues}. */
public record IssuePage(List<Issue> issues, long totalCount) {
    public IssuePage {
        issues = StoredIssues.keep(issues);
    }
}
