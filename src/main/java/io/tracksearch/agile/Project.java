package io.tracksearch.agile;

import java.util.List;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * A project (Tracker's {@code /v2/projects}); issues name one in {@code project}.
 *
 * @param lead the uid of the project's lead, null when none was given
 * @param queues the keys of the queues whose issues the project gathers
 */
public record Project(long id, long version, String name, String description, Long lead, Status status,
        String startDate, String endDate, List<String> queues) {
    static final String KIND = "project";

    /** Tracker's project states, written in lower case ({@code in_progress}). */
    public enum Status {
        DRAFT, IN_PROGRESS, LAUNCHED, POSTPONED;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Project {
        requireNonNull(name, "name is null");
        requireNonNull(status, "status is null");
        queues = queues == null ? List.of() : List.copyOf(queues);
    }
}
