package io.tracksearch.model;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** A member of the organization. {@code uid} is the public id; tokens live in the auth package, not here. */
public record User(long uid, String login, String firstName, String lastName, String email, List<String> groups) {
    public User {
        requireNonNull(login, "login is null");
        firstName = firstName == null ? "" : firstName;
        lastName = lastName == null ? "" : lastName;
        email = email == null ? "" : email;
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    /** "First Last", or the login when the user has no name. */
    public String display() {
        String display = (firstName + " " + lastName).strip();
        return display.isEmpty() ? login : display;
    }
}
