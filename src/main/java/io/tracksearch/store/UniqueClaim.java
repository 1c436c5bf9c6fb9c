package io.tracksearch.store;

import static java.util.Objects.requireNonNull;

/**
 * A {@code unique} value reserved for one create by {@link IssueStore#claimUnique}, before the create
 * spends an issue number: so a create that loses a unique race spends none. {@code token} is the
 * backend's proof of ownership, opaque to callers.
 */
public record UniqueClaim(String unique, String token) {
    public UniqueClaim {
        requireNonNull(unique, "unique is null");
        requireNonNull(token, "token is null");
    }
}
