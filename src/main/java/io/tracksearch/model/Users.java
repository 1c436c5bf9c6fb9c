package io.tracksearch.model;

import java.util.List;
import java.util.Optional;

/** Read access to the organization's users, for resolving user values and rendering references. */
public interface Users {
    /** {@link #version} of users that do not track their changes. */
    long UNVERSIONED = -1;

    /**
     * A number that changes with every change to any user (pages show their names), read before the read
     * it labels; {@link #UNVERSIONED} when not tracked, and then nothing rendered from users may be reused.
     */
    default long version() {
        return UNVERSIONED;
    }

    Optional<User> byUid(long uid);

    Optional<User> byLogin(String login);

    /** Every user, ordered by uid. */
    List<User> all();

    /** Users whose display name is {@code name} in any case, ordered by uid (a scan here; registries index it). */
    default List<User> byDisplayName(String name) {
        return all().stream().filter(user -> user.display().equalsIgnoreCase(name)).toList();
    }

    /** Users whose first or last name is {@code name} in any case, ordered by uid (a scan here; registries index it). */
    default List<User> byFirstOrLastName(String name) {
        return all().stream().filter(user -> user.firstName().equalsIgnoreCase(name) || user.lastName().equalsIgnoreCase(name)).toList();
    }
}
