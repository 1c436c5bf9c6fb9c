package io.tracksearch.query;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/**
 * Saved filters for the query field {@code Filter: <id>}: the stored definition, {@code {"query": "..."}}
 * or {@code {"filter": {...}}}, which the query then means in place of the field. Implemented where the
 * filters are kept ({@code search.SavedFilters}).
 */
@FunctionalInterface
public interface SavedFilterLookup {
    /** Knows no filter. */
    SavedFilterLookup NONE = id -> Optional.empty();

    /** The definition of the filter with this id; empty when there is none. */
    Optional<JsonNode> definition(String id);
}
