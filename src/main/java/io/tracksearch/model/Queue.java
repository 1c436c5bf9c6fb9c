package io.tracksearch.model;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** A queue, spec 9.6. {@code key} is upper-case Latin letters. */
public record Queue(long id, String key, long version, String name, String description, long lead,
        String defaultType, String defaultPriority, List<Component> components) {
    public Queue {
        requireNonNull(key, "key is null");
        requireNonNull(name, "name is null");
        components = components == null ? List.of() : List.copyOf(components);
    }

    public Queue withComponents(List<Component> newComponents) {
        return new Queue(id, key, version + 1, name, description, lead, defaultType, defaultPriority, newComponents);
    }
}
