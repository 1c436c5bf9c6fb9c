package io.tracksearch.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.tracksearch.error.ErrorCode;
import io.tracksearch.error.Message;
import io.tracksearch.error.TrackerException;
import io.tracksearch.model.IssueField;
import io.tracksearch.model.Queue;
import io.tracksearch.model.User;
import io.tracksearch.model.Users;
import io.tracksearch.query.FilterParser;
import io.tracksearch.query.OrderParser;
import io.tracksearch.query.ParsedQuery;
import io.tracksearch.query.QueryContext;
import io.tracksearch.query.QueryLanguage;
import io.tracksearch.query.SprintLookup;
import io.tracksearch.store.Condition;
import io.tracksearch.store.IssuePage;
import io.tracksearch.store.IssueSort;
import io.tracksearch.store.IssueStore;
import io.tracksearch.store.StoredObject;
import io.tracksearch.store.Snapshot;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The four search modes and their priority rules (spec 4.2–4.4): turns a _search/_count body into a
 * condition and a sort. A parameter counts as given when present and not JSON null (the Python
 * client sends all six keys, unused ones null).
 */
public final class SearchService {
    private final IssueStore store;
    private final Users users;
    private final SprintLookup sprints;
    private final Clock clock;

    public SearchService(IssueStore store, Users users, Clock clock) {
        this(store, users, SprintLookup.NONE, clock);
    }

    public SearchService(IssueStore store, Users users, SprintLookup sprints, Clock clock) {
        this.store = store;
        this.users = users;
        this.sprints = sprints;
        this.clock = clock;
    }

    /**
     * @param body the request body (an object)
     * @param orderParameter the {@code order} query parameter, used only when the body has none
     */
    public ResolvedSearch resolve(User caller, JsonNode body, String orderParameter) {
        SearchMode mode = mode(body);
        return switch (mode) {
            case QUEUE -> new ResolvedSearch(mode, new Condition.AnyOf(IssueField.QUEUE, List.of(queue(body.get("queue")).key())), IssueSort.BY_KEY);
            case KEYS -> new ResolvedSearch(mode, keys(body.get("keys")), new IssueSort(List.of(new IssueSort.Key(IssueField.SUMMARY, false))));
            case FILTER -> new ResolvedSearch(mode, FilterParser.parse(body.get("filter"), context(caller)), order(body, orderParameter));
            case QUERY -> query(caller, body.get("query"));
            case NONE -> new ResolvedSearch(mode, new Condition.MatchAll(), order(body, orderParameter));
        };
    }

    /** The mode a body selects (spec 4.3): the given one of highest priority; three or more given is a 400. */
    public SearchMode mode(JsonNode body) {
        List<SearchMode> given = new ArrayList<>();
        for (SearchMode mode : SearchMode.values()) {
            if (mode != SearchMode.NONE && isGiven(body, mode.parameter())) {
                given.add(mode);
            }
        }
        if (given.size() >= 3) {
            throw new TrackerException(ErrorCode.BAD_REQUEST, Message.MODES_COMBINED);
        }
        if (isGiven(body, "filterId")) {
            throw TrackerException.badRequest("filterId is not supported");
        }
        return given.isEmpty() ? SearchMode.NONE : given.getFirst();
    }

    /** Queue and keys searches cannot be scrolled (spec 5.2). */
    public static void requireScrollable(SearchMode mode) {
        if (mode == SearchMode.QUEUE || mode == SearchMode.KEYS) {
            throw new TrackerException(ErrorCode.BAD_REQUEST, Message.SCROLL_NOT_SUPPORTED);
        }
    }

    public IssuePage page(ResolvedSearch search, long offset, int limit) {
        if (offset >= Integer.MAX_VALUE - limit) {
            return new IssuePage(List.of(), store.count(search.condition()));
        }
        return store.search(search.condition(), search.sort(), (int) offset, limit);
    }

    /** The store's own rendering of the compiled condition, if it has one. */
    public Optional<String> explain(ResolvedSearch search) {
        return store.explain(search.condition());
    }

    /** Freezes the whole result of a search (for export); the caller closes the snapshot. */
    public Snapshot snapshot(ResolvedSearch search) {
        return store.openSnapshot(search.condition(), search.sort());
    }

    public long count(ResolvedSearch search) {
        return store.count(search.condition());
    }

    /** What the query language and filter values are resolved against: caller, now, users, queues. */
    public QueryContext context(User caller) {
        return new QueryContext(caller, clock.instant(), users, store.queues(), new StoreIssueLookup(store), store.fields(), sprints,
                id -> SavedFilters.find(store, id).map(StoredObject::value));
    }

    private ResolvedSearch query(User caller, JsonNode query) {
        if (!query.isTextual()) {
            throw TrackerException.invalidParameter("query", "must be a string");
        }
        ParsedQuery parsed = QueryLanguage.parse(query.asText(), context(caller));
        return new ResolvedSearch(SearchMode.QUERY, parsed.condition(), parsed.sort().orElse(IssueSort.BY_KEY));
    }

    private IssueSort order(JsonNode body, String orderParameter) {
        JsonNode order = body.get("order");
        if (order == null || order.isNull()) {
            if (orderParameter == null) {
                return IssueSort.BY_KEY;
            }
            order = TextNode.valueOf(orderParameter);
        }
        return OrderParser.parse(order, store.fields());
    }

    private Queue queue(JsonNode value) {
        String wanted;
        if (value.isTextual() || value.isIntegralNumber()) {
            wanted = value.asText().strip();
        }
        else if (value.isObject() && (value.path("key").isTextual() || value.path("id").canConvertToLong())) {
            wanted = value.path("key").isTextual() ? value.get("key").asText() : value.get("id").asText();
        }
        else {
            throw TrackerException.invalidParameter("queue", "must be a queue key, an id or an object with key or id");
        }
        // the queue list first (a remote store caches it), the store itself for a key the list does not have yet
        String key = wanted.toUpperCase(Locale.ROOT);
        return store.queues().stream()
                .filter(queue -> queue.key().equals(key) || Long.toString(queue.id()).equals(wanted)).findFirst()
                .or(() -> store.queue(key))
                .orElseThrow(() -> new TrackerException(ErrorCode.NOT_FOUND, Message.QUEUE_NOT_FOUND));
    }

    private static Condition keys(JsonNode value) {
        LinkedHashSet<String> keys = new LinkedHashSet<>();
        if (value.isTextual()) {
            for (String key : value.asText().split(",")) {
                if (!key.isBlank()) {
                    keys.add(key.strip().toUpperCase(Locale.ROOT));
                }
            }
        }
        else if (value.isArray()) {
            for (JsonNode key : value) {
                if (!key.isTextual()) {
                    throw TrackerException.invalidParameter("keys", "must be a string or an array of strings");
                }
                keys.add(key.asText().strip().toUpperCase(Locale.ROOT));
            }
        }
        else {
            throw TrackerException.invalidParameter("keys", "must be a string or an array of strings");
        }
        return keys.isEmpty() ? new Condition.MatchNone() : new Condition.AnyOf(IssueField.KEY, List.copyOf(keys));
    }

    private static boolean isGiven(JsonNode body, String name) {
        JsonNode value = body.get(name);
        return value != null && !value.isNull();
    }
}
