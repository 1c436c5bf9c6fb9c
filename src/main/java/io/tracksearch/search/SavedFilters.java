package io.tracksearch.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracksearch.error.ErrorCode;
import io.tracksearch.error.Message;
import io.tracksearch.error.TrackerException;
import io.tracksearch.model.Ids;
import io.tracksearch.model.User;
import io.tracksearch.query.FilterParser;
import io.tracksearch.query.QueryLanguage;
import io.tracksearch.store.IssueStore;
import io.tracksearch.store.StoredObject;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Saved issue filters (Tracker's {@code /v2/filters}): a name and either a query-language text or a
 * filter object, kept as stored objects of kind {@value #KIND}, and found by the query field
 * {@code Filter: <id>}. A filter is checked when it is saved (its query or filter must resolve for the
 * one saving it), so a saved filter does not fail later for a typo.
 */
public final class SavedFilters {
    static final String KIND = "filter";
    private static final Set<String> WRITABLE = Set.of("name", "query", "filter");

    private final IssueStore store;
    private final SearchService search;
    private final Clock clock;

    public SavedFilters(IssueStore store, SearchService search, Clock clock) {
        this.store = store;
        this.search = search;
        this.clock = clock;
    }

    /** The filter with this id (its decimal digits); empty for anything else. */
    static Optional<StoredObject> find(IssueStore store, String id) {
        if (!Ids.isUid(id)) {
            return Optional.empty();
        }
        return store.objects().get(KIND, Long.parseLong(id));
    }

    public StoredObject create(User caller, JsonNode body) {
        ObjectNode value = read(caller, body, null);
        if (!value.hasNonNull("name")) {
            throw TrackerException.invalidField("name", "Field is required");
        }
        if (!value.has("query") && !value.has("filter")) {
            throw TrackerException.invalidField("query", "a filter needs a query or a filter object");
        }
        long now = clock.millis();
        value.put("owner", caller.uid()).put("createdBy", caller.uid()).put("createdAt", now).put("updatedAt", now);
        return store.objects().create(KIND, value);
    }

    public StoredObject get(String id) {
        return find(store, id).orElseThrow(() -> new TrackerException(ErrorCode.NOT_FOUND, Message.plain("Filter does not exist.")));
    }

    public List<StoredObject> list() {
        return store.objects().list(KIND);
    }

    /** Changes the name, query or filter (a new query replaces a filter object and the other way round). */
    public StoredObject update(User caller, String id, Long expectedVersion, JsonNode body) {
        StoredObject current = get(id);
        ObjectNode change = read(caller, body, current);
        return store.objects().update(KIND, current.id(), stored -> {
            if (expectedVersion != null && expectedVersion != stored.version()) {
                throw new TrackerException(ErrorCode.CONFLICT, Message.VERSION_CONFLICT, stored.version());
            }
            ObjectNode value = stored.value().deepCopy();
            if (change.has("query") || change.has("filter")) {
                value.remove(List.of("query", "filter"));
            }
            value.setAll(change);
            value.put("updatedAt", clock.millis());
            return value;
        }).orElseThrow(() -> new TrackerException(ErrorCode.NOT_FOUND, Message.plain("Filter does not exist.")));
    }

    /** The given name, query and filter, each checked; a query and a filter object together are refused. */
    private ObjectNode read(User caller, JsonNode body, StoredObject current) {
        for (var names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!WRITABLE.contains(name)) {
                throw TrackerException.invalidField(name, "Field is not supported");
            }
        }
        ObjectNode value = body.deepCopy();
        value.properties().removeIf(entry -> entry.getValue().isNull());
        JsonNode name = value.get("name");
        if (name != null && (!name.isTextual() || name.asText().isBlank())) {
            throw TrackerException.invalidField("name", "must be a non-empty string");
        }
        if (value.has("query") && value.has("filter")) {
            throw TrackerException.invalidField("filter", "give a query or a filter object, not both");
        }
        JsonNode query = value.get("query");
        if (query != null) {
            if (!query.isTextual() || query.asText().isBlank()) {
                throw TrackerException.invalidField("query", "must be a query-language text");
            }
            QueryLanguage.parse(query.asText(), search.context(caller));   // its 400 names the error and position
        }
        JsonNode filter = value.get("filter");
        if (filter != null) {
            if (!filter.isObject()) {
                throw TrackerException.invalidField("filter", "must be an object of field values");
            }
            FilterParser.parse(filter, search.context(caller));
        }
        return value;
    }
}
