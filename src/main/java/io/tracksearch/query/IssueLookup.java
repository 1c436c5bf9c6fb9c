package io.tracksearch.query;

import io.tracksearch.model.Issue;
import io.tracksearch.model.IssueField;
import io.tracksearch.store.Condition;

import java.util.List;
import java.util.Optional;

/**
 * Finds an issue by key or id, for the few query fields whose values name other issues and must be
 * resolved through them ("Is Parent Task For", "Is Epic Of", "Parent Tasks For Queue") and for issue ids
 * given as values.
 */
@FunctionalInterface
public interface IssueLookup {
    IssueLookup NONE = keyOrId -> Optional.empty();

    Optional<Issue> find(String keyOrId);

    /**
     * The distinct values of a keyword field over every issue that matches (the parents of a queue's
     * issues for "Parent Tasks For Queue"): one pass over the matching issues. Empty without a store.
     */
    default List<String> values(IssueField field, Condition condition) {
        return List.of();
    }
}
