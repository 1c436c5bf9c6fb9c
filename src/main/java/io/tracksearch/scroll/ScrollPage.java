package io.tracksearch.scroll;

import io.tracksearch.model.Issue;
import io.tracksearch.store.StoredIssues;

import java.util.List;

/**
 * One page of a scroll and what the response headers need: the snapshot size, and for every page but
 * the last the id and token of the next page. {@code type}, {@code perScroll}, {@code ttlMillis} and
 * {@code expand} are those in effect, for the Link URLs.
 */
public record ScrollPage(List<Issue> issues, long totalCount, String nextScrollId, String nextScrollToken,
        String type, int perScroll, long ttlMillis, List<String> expand) {
    public ScrollPage {
        issues = StoredIssues.keep(issues);   // pages are rendered from the stored issues' templates
        expand = List.copyOf(expand);
    }

    public boolean isLast() {
        return nextScrollId == null;
    }
}
