package io.tracksearch.query;

import io.tracksearch.model.Issue;

import java.util.Optional;

/**
 * Finds an issue by key or id, for the few query fields whose values name other issues and must be
 * resolved through them ("Is Parent Task For", "Is Epic Of") and for issue ids given as values.
 */
@FunctionalInterface
public interface IssueLookup {
    IssueLookup NONE = keyOrId -> Optional.empty();

    Optional<Issue> find(String keyOrId);
}
