package io.tracksearch.store;

/** What a page shows of an issue another issue refers to (parent, epic): its id and summary. */
public record IssueSummary(String id, String summary) {
}
