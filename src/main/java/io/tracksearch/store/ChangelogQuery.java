package io.tracksearch.store;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Which events of an issue's changelog to read: those recorded after version {@code afterVersion}
 * (0 = from the first), at most {@code limit}, only events that changed {@code field} and only of
 * {@code type} when given.
 */
public record ChangelogQuery(long afterVersion, int limit, Optional<String> field, Optional<String> type) {
    public ChangelogQuery {
        requireNonNull(field, "field is null");
        requireNonNull(type, "type is null");
        if (afterVersion < 0 || limit < 0) {
            throw new IllegalArgumentException("afterVersion and limit must not be negative");
        }
    }
}
