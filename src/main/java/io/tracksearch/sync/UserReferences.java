package io.tracksearch.sync;

import io.tracksearch.model.Ids;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Set;

/**
 * Finds the users a Tracker JSON value names. A user reference is {@code {"self": ".../users/<uid>",
 * "id": "<uid>", "display": ...}}: it carries no login, so the sync asks the source for each new uid once.
 */
final class UserReferences {
    private UserReferences() {
    }

    static void collect(JsonNode value, Set<Long> uids) {
        if (value.isObject()) {
            String self = value.path("self").asText("");
            String id = value.path("id").asText("");
            if (self.contains("/users/") && Ids.isUid(id)) {
                uids.add(Long.parseLong(id));
            }
        }
        if (value.isContainerNode()) {
            value.forEach(child -> collect(child, uids));
        }
    }
}
