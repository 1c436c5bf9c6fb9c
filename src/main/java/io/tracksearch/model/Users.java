package io.tracksearch.model;

import java.util.List;
import java.util.Optional;

/** Read access to the organization's users, for resolving user values and rendering references. */
public interface Users {
    Optional<User> byUid(long uid);

    Optional<User> byLogin(String login);

    /** Every user, ordered by uid. */
    List<User> all();
}
