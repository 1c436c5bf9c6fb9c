package io.tracksearch.query;

import io.tracksearch.model.FieldRegistry;
import io.tracksearch.model.Queue;
import io.tracksearch.model.User;
import io.tracksearch.model.Users;

import java.time.Instant;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Everything a query or filter needs to turn values into constants: the caller (for me()), the
 * current instant (for now(), today() ... in UTC), the users (logins, names, groups) and the queues
 * (keys, names, component ids), a way to find issues named in values (by key or id), the fields
 * (standard and custom) names can refer to, the sprints of boards (for the board fields) and the saved
 * filters ({@code Filter: <id>}).
 */
public record QueryContext(User caller, Instant now, Users users, List<Queue> queues, IssueLookup issues, FieldRegistry fields,
        SprintLookup sprints, SavedFilterLookup savedFilters) {
    public QueryContext {
        requireNonNull(savedFilters, "savedFilters is null");
        requireNonNull(fields, "fields is null");
        requireNonNull(sprints, "sprints is null");
        requireNonNull(caller, "caller is null");
        requireNonNull(now, "now is null");
        requireNonNull(users, "users is null");
        requireNonNull(issues, "issues is null");
        queues = List.copyOf(queues);
    }

    /** A context without boards: the board fields match nothing. */
    public QueryContext(User caller, Instant now, Users users, List<Queue> queues, IssueLookup issues, FieldRegistry fields) {
        this(caller, now, users, queues, issues, fields, SprintLookup.NONE, SavedFilterLookup.NONE);
    }

    /** A context that cannot look issues up: issue-valued fields match only by key. */
    public QueryContext(User caller, Instant now, Users users, List<Queue> queues) {
        this(caller, now, users, queues, IssueLookup.NONE, FieldRegistry.standardOnly(), SprintLookup.NONE, SavedFilterLookup.NONE);
    }
}
