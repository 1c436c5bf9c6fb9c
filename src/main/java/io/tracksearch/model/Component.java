package io.tracksearch.model;

import static java.util.Objects.requireNonNull;

/**
 * A queue component; issues refer to it by name, responses show its id.
 *
 * @param lead the uid of the component's lead ("Component Owner"), null when it has none
 * @param description null when it has none
 */
public record Component(long id, String name, Long lead, String description) {
    public Component {
        requireNonNull(name, "name is null");
    }

    /** A component made by naming it on an issue: no lead, no description. */
    public Component(long id, String name) {
        this(id, name, null, null);
    }
}
