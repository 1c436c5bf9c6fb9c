package io.tracksearch.store;

import io.tracksearch.model.User;
import io.tracksearch.model.Users;

import java.util.List;
import java.util.Optional;

/** A fixed in-memory user list for tests; names differ in case and script on purpose. */
public final class TestUsers implements Users {
    public static final TestUsers DEFAULT = new TestUsers(List.of(
            new User(1001, "alice", "Alice", "Smith", null, null),
            new User(1002, "bob", "bob", "Brown", null, null),
            new User(1003, "carol", "Carol", "brown", null, null),
            new User(1004, "dmitry", "Дмитрий", "Иванов", null, null),
            new User(1005, "eve", "", "", null, null),
            new User(1006, "zed", "Zed", "", null, null)));

    /** A uid that issues may carry but that no user has (it displays as its digits). */
    public static final long UNKNOWN_UID = 1999;

    private final List<User> users;

    public TestUsers(List<User> users) {
        this.users = List.copyOf(users);
    }

    public List<Long> uids() {
        return users.stream().map(User::uid).toList();
    }

    @Override
    public Optional<User> byUid(long uid) {
        return users.stream().filter(user -> user.uid() == uid).findFirst();
    }

    @Override
    public Optional<User> byLogin(String login) {
        return users.stream().filter(user -> user.login().equalsIgnoreCase(login)).findFirst();
    }

    @Override
    public List<User> all() {
        return users;
    }
}
