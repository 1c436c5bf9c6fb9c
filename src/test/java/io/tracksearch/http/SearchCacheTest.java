package io.tracksearch.http;

import io.tracksearch.testing.Backend;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The search cache ({@link SearchCache}): a repeated search is answered from it on the embedded store
 * and never on OpenSearch, and no answer from it is older than the last write, whatever was written.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.tracksearch.testing.Backend#enabled")
class SearchCacheTest {
    private static final String QUEUE = "CACHE";
    private static final String SEARCH = "{\"filter\":{\"queue\":\"" + QUEUE + "\"},\"order\":[\"-updatedAt\"]}";

    @Parameter
    Backend backend;
    private static TestServer server;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        server = TestServer.start(backend);
        server.createQueue(QUEUE);
        for (int i = 0; i < 6; i++) {
            created("issue " + i);
        }
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    @BeforeEach
    void settle() {
        search(SEARCH, "perPage=50");   // whatever an earlier test left: this class's searches start from here
    }

    @Test
    void aRepeatedSearchIsAnsweredFromTheCacheOnTheEmbeddedStoreOnly() {
        long hits = outcomes("hit");
        TestServer.Response first = search(SEARCH, "perPage=4&page=2");
        TestServer.Response second = search(SEARCH, "perPage=4&page=2");
        assertEquals(first.body(), second.body());
        for (String header : List.of("X-Total-Count", "X-Total-Pages", "Link")) {
            assertEquals(first.header(header), second.header(header), header);
        }
        assertEquals(backend == Backend.LUCENE ? hits + 1 : hits, outcomes("hit"));
        if (backend != Backend.LUCENE) {
            assertTrue(outcomes("bypass") > 0, "OpenSearch searches bypass the cache");
        }
    }

    @Test
    void noCacheAsksForAFreshAnswer() {
        search(SEARCH, "perPage=3");
        long hits = outcomes("hit");
        long bypasses = outcomes("bypass");
        TestServer.Response fresh = server.send("POST", "/v2/issues/_search?perPage=3", SEARCH, server.adminToken, "Cache-Control", "no-cache");
        assertEquals(200, fresh.status(), fresh.toString());
        assertEquals(bypasses + 1, outcomes("bypass"));
        assertEquals(hits, outcomes("hit"));
        assertEquals(search(SEARCH, "perPage=3").body(), fresh.body());
        assertEquals(backend == Backend.LUCENE ? hits + 1 : hits, outcomes("hit"));   // the search without the header
    }

    @Test
    void aLargeRequestIsNotKept() {
        String keys = "\"" + QUEUE + "-1\"" + (",\"" + QUEUE + "-999999\"").repeat(SearchCache.LARGEST_REQUEST_BYTES / 10);
        long bypasses = outcomes("bypass");
        search("{\"keys\":[" + keys + "]}", "perPage=5");
        assertEquals(bypasses + 1, outcomes("bypass"));
    }

    @Test
    void everyKindOfWriteIsSeenByTheNextSearch() {
        String key = created("to be changed");
        String page = search(SEARCH, "perPage=50").body();
        assertEquals(page, search(SEARCH, "perPage=50").body());

        assertEquals(200, server.patch("/v2/issues/" + key, "{\"summary\":\"changed by a patch\"}").status());
        page = expectChanged(page, "changed by a patch");

        assertEquals(201, server.post("/v2/issues/" + key + "/comments", "{\"text\":\"a comment\"}").status());
        page = expectChanged(page, null);   // updatedAt moves: the page's order and times change

        String login = "cachecarol";
        server.addUser(login, "Carol", "Cached");
        assertEquals(200, server.patch("/v2/issues/" + key, "{\"assignee\":\"" + login + "\"}").status());
        page = expectChanged(page, "Carol Cached");
        server.users().remove(login);   // a user change: the page no longer shows her name
        page = expectChanged(page, null);
        assertTrue(!page.contains("Carol Cached"), page);

        created("one more");
        page = expectChanged(page, "one more");

        server.store().delete(key);   // as a sync pass deletes: not through HTTP
        page = expectChanged(page, null);
        assertTrue(!page.contains(key + "\""), page);
    }

    /**
     * Random writes and searches, each search asked twice: as a client asks, and with no-cache. The two
     * answers must be the same: a cached answer is never older than the last write. Seeded; the seed is
     * printed on failure.
     */
    @Test
    void cachedAnswersEqualFreshOnesThroughRandomWrites() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<String> keys = new ArrayList<>();
        List<String> searches = List.of(SEARCH, "{\"filter\":{\"queue\":\"" + QUEUE + "\"}}",
                "{\"query\":\"Queue: " + QUEUE + " Summary: random\"}", "{\"query\":\"Queue: " + QUEUE + " Tags: red \\\"Sort By\\\": Summary\"}",
                "{\"query\":\"Queue: " + QUEUE + " Created: <= now()\"}");
        for (int step = 0; step < 60; step++) {
            int action = random.nextInt(10);
            if (action < 2 || keys.isEmpty()) {
                keys.add(created("random " + random.nextInt(5)));
            }
            else if (action < 4) {
                String key = keys.get(random.nextInt(keys.size()));
                String change = random.nextBoolean() ? "{\"summary\":\"random " + random.nextInt(5) + "\"}"
                        : "{\"tags\":[\"" + (random.nextBoolean() ? "red" : "blue") + "\"]}";
                assertEquals(200, server.patch("/v2/issues/" + key, change).status(), "seed " + seed);
            }
            else {
                String body = searches.get(random.nextInt(searches.size()));
                String paging = "perPage=" + (1 + random.nextInt(4)) + "&page=" + (1 + random.nextInt(3));
                TestServer.Response cached = search(body, paging);
                TestServer.Response fresh = server.send("POST", "/v2/issues/_search?" + paging, body, server.adminToken, "Cache-Control", "no-cache");
                assertEquals(fresh.body(), cached.body(), "seed " + seed + ", step " + step + ", " + body + " " + paging);
                assertEquals(fresh.header("X-Total-Count"), cached.header("X-Total-Count"), "seed " + seed);
            }
        }
    }

    private static String expectChanged(String before, String shown) {
        String after = search(SEARCH, "perPage=50").body();
        assertNotEquals(before, after, "the page did not change");
        if (shown != null) {
            assertTrue(after.contains(shown), "missing " + shown + " in " + after);
        }
        return after;
    }

    private static String created(String summary) {
        TestServer.Response created = server.post("/v2/issues/", "{\"queue\":\"" + QUEUE + "\",\"summary\":\"" + summary + "\"}");
        assertEquals(201, created.status(), created.toString());
        return created.json().path("key").asText();
    }

    private static TestServer.Response search(String body, String paging) {
        TestServer.Response response = server.post("/v2/issues/_search?" + paging, body);
        assertEquals(200, response.status(), response.toString());
        return response;
    }

    /** The counter of one cache outcome from /metrics. */
    private static long outcomes(String outcome) {
        String metrics = server.send("GET", "/metrics", null, null, "Authorization", "OAuth " + server.adminToken).body();
        Matcher matcher = Pattern.compile("tracksearch_search_cache_total\\{outcome=\"" + outcome + "\"} ([0-9.E]+)").matcher(metrics);
        assertTrue(matcher.find(), metrics);
        return (long) Double.parseDouble(matcher.group(1));
    }
}
