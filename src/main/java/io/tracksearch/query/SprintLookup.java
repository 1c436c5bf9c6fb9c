package io.tracksearch.query;

import java.util.List;

/**
 * The sprints of a board, for "Sprints By Board" and "Sprint In Progress By Board": the query names boards,
 * issues name sprints, so a board becomes the ids of its sprints before any backend sees the condition.
 * Implemented where boards and sprints live ({@code io.tracksearch.agile}).
 */
@FunctionalInterface
public interface SprintLookup {
    /** Knows no board: the fields match nothing. */
    SprintLookup NONE = (board, inProgressOnly) -> List.of();

    /**
     * Ids of the sprints of the board named by id or name (any case); only the one in progress when
     * {@code inProgressOnly}. Empty for an unknown board.
     */
    List<String> sprintIds(String board, boolean inProgressOnly);
}
