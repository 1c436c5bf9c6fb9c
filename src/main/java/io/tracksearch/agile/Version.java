package io.tracksearch.agile;

import static java.util.Objects.requireNonNull;

/**
 * A queue version (Tracker's {@code /v2/versions}): issues name it in {@code fixVersions} and
 * {@code affectedVersions}. Dates are {@code YYYY-MM-DD} or null.
 *
 * @param queue the key of the queue the version belongs to
 */
public record Version(long id, long version, String queue, String name, String description, String startDate,
        String dueDate, boolean released, boolean archived) {
    static final String KIND = "version";

    public Version {
        requireNonNull(queue, "queue is null");
        requireNonNull(name, "name is null");
    }
}
