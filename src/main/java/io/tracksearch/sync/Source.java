package io.tracksearch.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.tracksearch.model.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Tracker endpoints a sync reads, in the source's own shapes: field definitions, queues, users, the
 * issue scroll, and each issue's comments (paged by {@code Link: rel="next"}), links and worklog.
 */
final class Source {
    /** Issues per scroll page: the most Tracker allows. */
    static final int PER_SCROLL = 1000;
    /** Long enough for a page's comments, links and worklog to be fetched before the next page is asked for. */
    private static final long SCROLL_TTL_MILLIS = 600_000;
    private static final int COMMENTS_PER_PAGE = 100;

    private static final Logger log = LoggerFactory.getLogger(Source.class);

    private final SourceClient client;

    Source(SourceClient client) {
        this.client = client;
    }

    SourceClient client() {
        return client;
    }

    List<JsonNode> fields() {
        return list("/v2/fields");
    }

    List<JsonNode> queues() {
        return list("/v2/queues?perPage=1000");
    }

    List<JsonNode> localFields(String queueKey) {
        return list("/v2/queues/" + encode(queueKey) + "/localFields");
    }

    /** A user as the source knows it; empty when the source no longer has it. */
    Optional<User> user(long uid) {
        SourceClient.Response response = client.get("/v2/users/" + uid);
        if (response.status() == 404) {
            return Optional.empty();
        }
        JsonNode user = client.json(response, "user " + uid);
        return Optional.of(new User(user.path("uid").asLong(uid), user.path("login").asText(), user.path("firstName").asText(null),
                user.path("lastName").asText(null), user.path("email").asText(null), List.of()));
    }

    /** The issue under this key at the source, or empty on 404 (gone, or moved without a trace). */
    Optional<JsonNode> issue(String key) {
        SourceClient.Response response = client.get("/v2/issues/" + encode(key));
        return response.status() == 404 ? Optional.empty() : Optional.of(client.json(response, "issue " + key));
    }

    /** Oldest first, every page. */
    ArrayNode comments(String key) {
        return concatenated("/v2/issues/" + encode(key) + "/comments?perPage=" + COMMENTS_PER_PAGE, "comments of " + key);
    }

    ArrayNode links(String key) {
        return concatenated("/v2/issues/" + encode(key) + "/links", "links of " + key);
    }

    ArrayNode worklog(String key) {
        return concatenated("/v2/issues/" + encode(key) + "/worklog", "worklog of " + key);
    }

    /** The first page of a scroll over the plan's issues. */
    ScrollPage openScroll(PassPlan plan) {
        return page(client.post("/v2/issues/_search?scrollType=" + plan.scrollType() + "&perScroll=" + PER_SCROLL
                + "&scrollTTLMillis=" + SCROLL_TTL_MILLIS, plan.body()));
    }

    ScrollPage next(ScrollPage page) {
        return page(client.post("/v2/issues/_search?scrollId=" + encode(page.scrollId().orElseThrow()) + "&scrollToken="
                + encode(page.scrollToken()) + "&scrollTTLMillis=" + SCROLL_TTL_MILLIS, SourceClient.JSON.createObjectNode()));
    }

    /** Releases a scroll left before its end; a failure is only reported (the source's TTL frees it anyway). */
    void clear(ScrollPage page) {
        if (page.scrollId().isEmpty()) {
            return;
        }
        try {
            client.post("/v2/system/search/scroll/_clear", SourceClient.JSON.createObjectNode().put(page.scrollId().get(), page.scrollToken()));
        }
        catch (SyncException e) {
            log.warn("scroll not cleared; the source's TTL expires it: {}", e.getMessage());
        }
    }

    /** One scroll page: its issues, the total, and the id and token of the next page (none after the last). */
    record ScrollPage(List<JsonNode> issues, long total, Optional<String> scrollId, String scrollToken) {
    }

    private ScrollPage page(SourceClient.Response response) {
        JsonNode body = client.json(response, "issue scroll");
        List<JsonNode> issues = new ArrayList<>(body.size());
        body.forEach(issues::add);
        long total = response.header("X-Total-Count").map(Long::parseLong).orElse(-1L);
        return new ScrollPage(issues, total, response.header("X-Scroll-Id"), response.header("X-Scroll-Token").orElse(""));
    }

    private List<JsonNode> list(String path) {
        List<JsonNode> all = new ArrayList<>();
        concatenated(path, path).forEach(all::add);
        return all;
    }

    /** The arrays of every page of a listing, following {@code Link: rel="next"}. */
    private ArrayNode concatenated(String path, String what) {
        ArrayNode all = SourceClient.JSON.createArrayNode();
        String next = path;
        while (next != null) {
            SourceClient.Response response = client.get(next);
            client.json(response, what).forEach(all::add);
            next = response.next().map(Object::toString).orElse(null);
        }
        return all;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
