package io.tracksearch.agile;

import com.fasterxml.jackson.databind.node.ObjectNode;

import static java.util.Objects.requireNonNull;

/**
 * An issue board (Tracker's {@code /v2/boards}); sprints belong to one. Issues name boards in {@code boards}.
 *
 * @param defaultQueue the key of the board's default queue
 * @param settings the optional settings Tracker's create request takes (boardType, filter, orderBy,
 *                 orderAsc, query, useRanking, country), kept and shown as given: tracksearch does not
 *                 run boards, it only keeps them for clients and for queries that name them
 */
public record Board(long id, long version, String name, String defaultQueue, ObjectNode settings) {
    static final String KIND = "board";

    public Board {
        requireNonNull(name, "name is null");
        requireNonNull(defaultQueue, "default queue is null");
        settings = settings == null ? null : settings.deepCopy();
    }
}
