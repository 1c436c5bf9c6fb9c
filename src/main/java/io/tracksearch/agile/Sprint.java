package io.tracksearch.agile;

import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * A sprint of a board (Tracker's {@code /v2/sprints}); issues name sprints in {@code sprint}.
 *
 * @param board the id of the board
 * @param createdBy the uid of the user who created it
 * @param createdAt epoch milliseconds
 */
public record Sprint(long id, long version, String name, long board, Status status, boolean archived, long createdBy,
        long createdAt, String startDate, String endDate) {
    static final String KIND = "sprint";

    /** Tracker's sprint states, written in lower case ({@code in_progress}). */
    public enum Status {
        DRAFT, IN_PROGRESS, RELEASED, ARCHIVED;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Sprint {
        requireNonNull(name, "name is null");
        requireNonNull(status, "status is null");
        requireNonNull(startDate, "start date is null");
        requireNonNull(endDate, "end date is null");
    }
}
