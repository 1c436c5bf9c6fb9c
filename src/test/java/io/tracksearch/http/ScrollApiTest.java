package io.tracksearch.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracksearch.error.ErrorCode;
import io.tracksearch.error.TrackerException;
import io.tracksearch.scroll.ScrollLimits;
import io.tracksearch.store.Cursor;
import io.tracksearch.store.IssueStore;
import io.tracksearch.store.StoreBehavior;
import io.tracksearch.testing.Backend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.tracksearch.http.SearchApiTest.keys;
import static io.tracksearch.http.SearchApiTest.relation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Scrolling over HTTP (spec 5, 6): snapshots, headers, Link following, TTL, clear, ownership, limits. */
@ParameterizedClass(name = "{0}")
@MethodSource("io.tracksearch.testing.Backend#enabled")
class ScrollApiTest {
    @Parameter
    Backend backend;
    private static final int ISSUES = 10_000;
    private static TestServer server;
    private static String bobToken;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        server = TestServer.start(backend, new ScrollLimits(Duration.ofSeconds(60), Duration.ofMinutes(10), 100, 1000, 5, 10_000));
        bobToken = server.addUser("bob", "Bob", "Brown");
        StringBuilder lines = new StringBuilder();
        String[] statuses = {"open", "inProgress", "resolved", "closed", "needInfo"};
        for (int i = 1; i <= ISSUES; i++) {
            lines.append("{\"key\":\"BIG-").append(i).append("\",\"summary\":\"issue ").append((i * 7919) % 1000)
                    .append("\",\"status\":\"").append(statuses[i % statuses.length]).append("\",\"priority\":\"")
                    .append(i % 3 == 0 ? "critical" : "minor").append("\",\"createdAt\":\"2024-01-01T00:00:00.000+0000\"}\n");
        }
        TestServer.Response imported = server.post("/v2/issues/_bulkImport", lines.toString());
        assertEquals(200, imported.status(), imported.toString());
        assertEquals(ISSUES, imported.json().get("imported").asInt());
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    @Test
    void sortedScrollEqualsPagedSearch() {
        String body = "{\"filter\":{\"queue\":\"BIG\"},\"order\":[\"-priority\",\"+summary\"]}";
        List<String> expected = new ArrayList<>();
        for (int page = 1; page <= ISSUES / 1000; page++) {
            expected.addAll(keys(server.post("/v2/issues/_search?perPage=1000&page=" + page, body).json()));
        }
        List<String> scrolled = followScroll("/v2/issues/_search?scrollType=sorted&perScroll=1000", body, server.adminToken);
        assertEquals(ISSUES, scrolled.size());
        assertEquals(expected, scrolled);
    }

    @Test
    void unsortedScrollReturnsTheSameSet() {
        String body = "{\"query\":\"Status: open, closed\"}";
        long count = Long.parseLong(server.post("/v2/issues/_count", body).body());
        List<String> scrolled = followScroll("/v2/issues/_search?scrollType=unsorted&perScroll=700", body, server.adminToken);
        assertEquals(count, scrolled.size());
        assertEquals(count, new HashSet<>(scrolled).size(), "each issue exactly once");
        for (String key : scrolled.subList(0, 50)) {
            String status = server.get("/v2/issues/" + key).json().at("/status/key").asText();
            assertTrue(status.equals("open") || status.equals("closed"), status);
        }
    }

    @Test
    void pagesAndHeadersFollowTheSpec() {
        server.createQueue("TWELVE");
        for (int i = 0; i < 12; i++) {
            server.post("/v2/issues/", "{\"queue\":\"TWELVE\",\"summary\":\"s" + i + "\"}");
        }
        String body = "{\"filter\":{\"queue\":\"TWELVE\"}}";
        TestServer.Response first = server.post("/v2/issues/_search?scrollType=sorted&perScroll=4&scrollTTLMillis=10000&expand=transitions", body);
        assertEquals(200, first.status(), first.toString());
        assertEquals("12", first.header("X-Total-Count"));
        assertNull(first.header("X-Total-Pages"));
        String id = first.header("X-Scroll-Id");
        String token = first.header("X-Scroll-Token");
        assertTrue(id.matches("[A-Za-z0-9_-]{22,}"), id);
        assertTrue(token.matches("[0-9a-f]{64}:\\d+"), token);
        assertEquals(List.of("TWELVE-1", "TWELVE-2", "TWELVE-3", "TWELVE-4"), keys(first.json()));
        assertTrue(first.json().get(0).has("transitions"));
        String base = server.url() + "/v2/issues/_search?";
        assertEquals("<" + base + "scrollType=sorted&perScroll=4&scrollTTLMillis=10000&expand=transitions>; rel=\"first\", <"
                + base + "scrollId=" + id + "&scrollToken=" + token + "&scrollTTLMillis=10000&expand=transitions>; rel=\"next\"",
                first.header("Link"));

        // the Go client's way: scrollId and scrollToken pasted into the URL, no TTL, no body
        TestServer.Response second = server.post("/v3/issues/_search?scrollId=" + id + "&scrollToken=" + token, null);
        assertEquals(List.of("TWELVE-5", "TWELVE-6", "TWELVE-7", "TWELVE-8"), keys(second.json()));
        assertTrue(second.json().get(0).has("transitions"), "expand of the first request is kept");
        TestServer.Response again = server.post("/v2/issues/_search?scrollId=" + id, "{\"ignored\":true}");
        assertEquals(keys(second.json()), keys(again.json()), "re-sending an earlier id repeats its page");
        TestServer.Response third = server.post("/v2/issues/_search?scrollId=" + second.header("X-Scroll-Id"), body);
        assertEquals(List.of("TWELVE-9", "TWELVE-10", "TWELVE-11", "TWELVE-12"), keys(third.json()));
        assertNull(third.header("X-Scroll-Id"), "no scroll headers on the last page");
        assertNull(third.header("X-Scroll-Token"));
        assertNull(relation(third.header("Link"), "next"));
        assertNotNull(relation(third.header("Link"), "first"));
        assertEquals(404, server.post("/v2/issues/_search?scrollId=" + id, body).status(), "finished scrolls are released");

        TestServer.Response empty = server.post("/v2/issues/_search?scrollType=sorted", "{\"filter\":{\"queue\":\"TWELVE\",\"priority\":\"blocker\"}}");
        assertEquals("[]", empty.body());
        assertEquals("0", empty.header("X-Total-Count"));
        assertNull(empty.header("X-Scroll-Id"));
    }

    @Test
    void snapshotIgnoresLaterWrites() throws Exception {
        server.createQueue("SNAP");
        for (int i = 0; i < 300; i++) {
            server.post("/v2/issues/", "{\"queue\":\"SNAP\",\"summary\":\"before " + i + "\",\"tags\":[\"match\"]}");
        }
        String body = "{\"filter\":{\"queue\":\"SNAP\",\"tags\":\"match\"}}";
        TestServer.Response first = server.post("/v2/issues/_search?scrollType=sorted&perScroll=50", body);
        assertEquals("300", first.header("X-Total-Count"));
        ExecutorService writers = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> writes = new ArrayList<>();
            writes.add(writers.submit(() -> {
                for (int i = 0; i < 40; i++) {
                    server.post("/v2/issues/", "{\"queue\":\"SNAP\",\"summary\":\"after " + i + "\",\"tags\":[\"match\"]}");
                }
            }));
            writes.add(writers.submit(() -> {
                for (int i = 100; i < 140; i++) {
                    server.patch("/v2/issues/SNAP-" + i, "{\"summary\":\"edited\",\"tags\":[\"no-longer\"]}");
                }
            }));
            for (Future<?> write : writes) {
                write.get();
            }
        }
        finally {
            writers.shutdown();
        }
        List<JsonNode> all = new ArrayList<>();
        first.json().forEach(all::add);
        String next = relation(first.header("Link"), "next");
        while (next != null) {
            TestServer.Response page = server.post(next, body);
            page.json().forEach(all::add);
            next = relation(page.header("Link"), "next");
        }
        assertEquals(300, all.size());
        for (int i = 0; i < 300; i++) {
            assertEquals("SNAP-" + (i + 1), all.get(i).get("key").asText());
            assertEquals("before " + i, all.get(i).get("summary").asText(), "content as of the first request");
        }
        assertEquals("340", server.post("/v2/issues/_count", "{\"filter\":{\"queue\":\"SNAP\"}}").body());
    }

    /**
     * Read-ahead (embedded store): while a client reads a page, the next one is prepared. A client that
     * pauses between pages is served prepared pages; they equal a scroll read without pauses, follow the
     * API version and expansions of the request that asks for them, and a scroll cleared after its next
     * page was prepared answers 404.
     */
    @Test
    void pagesReadAheadAreThoseAsked() throws Exception {
        String body = "{\"filter\":{\"queue\":\"BIG\"},\"order\":[\"+summary\"]}";
        List<String> expected = followScroll("/v2/issues/_search?scrollType=sorted&perScroll=1000", body, server.adminToken);
        double usedBefore = readAheadUsed();
        List<String> paused = new ArrayList<>();
        TestServer.Response page = server.post("/v2/issues/_search?scrollType=sorted&perScroll=1000", body);
        while (true) {
            assertEquals(200, page.status(), page.toString());
            paused.addAll(keys(page.json()));
            String id = page.header("X-Scroll-Id");
            if (id == null) {
                break;
            }
            Thread.sleep(200);   // the client at work: time for the next page to be prepared
            page = server.post("/v2/issues/_search?scrollId=" + id + "&scrollToken=" + page.header("X-Scroll-Token"), body);
        }
        assertEquals(expected, paused);
        if (backend == Backend.LUCENE) {
            assertTrue(readAheadUsed() > usedBefore, "pages were prepared ahead and used");
        }
        else {
            assertEquals(usedBefore, readAheadUsed(), "scroll ids of this backend carry the cursor; nothing is read ahead");
        }

        TestServer.Response first = server.post("/v2/issues/_search?scrollType=sorted&perScroll=5", body);
        Thread.sleep(200);
        TestServer.Response second = server.post("/v3/issues/_search?scrollId=" + first.header("X-Scroll-Id") + "&scrollToken="
                + first.header("X-Scroll-Token") + "&expand=transitions", body);
        assertEquals(200, second.status(), second.toString());
        assertEquals(expected.subList(5, 10), keys(second.json()));
        assertTrue(second.json().get(0).get("self").asText().contains("/v3/issues/"), second.json().get(0).get("self").asText());
        assertTrue(second.json().get(0).has("transitions"), "the expansions of this request");
        Thread.sleep(200);
        assertEquals(200, clear(Map.of(second.header("X-Scroll-Id"), second.header("X-Scroll-Token")), server.adminToken).status());
        assertEquals(404, server.post("/v2/issues/_search?scrollId=" + second.header("X-Scroll-Id"), body).status());
    }

    private static double readAheadUsed() {
        TestServer.Response metrics = server.send("GET", "/metrics", null, null, "Authorization", "OAuth " + server.adminToken);
        return metrics.body().lines().filter(line -> line.startsWith("tracksearch_scroll_read_ahead_total{outcome=\"used\"}"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void ttlExpiresAndIsRenewed() throws Exception {
        String body = "{\"filter\":{\"queue\":\"BIG\"}}";
        TestServer.Response shortLived = server.post("/v2/issues/_search?scrollType=unsorted&perScroll=10&scrollTTLMillis=1", body);
        Thread.sleep(50);
        TestServer.Response expired = server.post("/v2/issues/_search?scrollId=" + shortLived.header("X-Scroll-Id"), body);
        assertEquals(404, expired.status());
        assertEquals("Scroll context not found or expired", expired.json().at("/errorMessages/0").asText());
        TestServer.Response expiredToken = server.post("/v2/issues/_search?scrollId=" + shortLived.header("X-Scroll-Id")
                + "&scrollToken=" + shortLived.header("X-Scroll-Token"), body);
        assertEquals(403, expiredToken.status());
        assertEquals("Expired signature", expiredToken.json().at("/errorMessages/0").asText());

        TestServer.Response renewed = server.post("/v2/issues/_search?scrollType=unsorted&perScroll=10&scrollTTLMillis=1500", body);
        String id = renewed.header("X-Scroll-Id");
        for (int i = 0; i < 3; i++) {
            Thread.sleep(800);
            TestServer.Response page = server.post("/v2/issues/_search?scrollId=" + id + "&scrollTTLMillis=1500", body);
            assertEquals(200, page.status(), "renewed by each request: " + page);
            id = page.header("X-Scroll-Id");
        }
        clear(Map.of(id, ""), server.adminToken);
    }

    @Test
    void clearReleasesAndOwnershipIsChecked() {
        String body = "{\"filter\":{\"queue\":\"BIG\"}}";
        TestServer.Response first = server.post("/v2/issues/_search?scrollType=sorted&perScroll=10", body);
        String id = first.header("X-Scroll-Id");
        String token = first.header("X-Scroll-Token");

        TestServer.Response foreign = server.send("POST", "/v2/issues/_search?scrollId=" + id + "&scrollToken=" + token, body, bobToken);
        assertEquals(403, foreign.status());
        assertEquals("Invalid scroll token", foreign.json().at("/errorMessages/0").asText());
        assertEquals(403, server.send("POST", "/v2/issues/_search?scrollId=" + id, body, bobToken).status());
        assertEquals(403, server.post("/v2/issues/_search?scrollId=" + id + "&scrollToken=" + "0".repeat(64) + ":1", body).status());
        assertEquals(403, server.post("/v2/issues/_search?scrollId=" + id + "&scrollToken=garbage", body).status());
        assertEquals(404, server.post("/v2/issues/_search?scrollId=nosuchscroll", body).status());
        assertEquals(200, clear(Map.of(id, token), bobToken).status(), "another user's clear is ignored silently");
        assertEquals(200, server.post("/v2/issues/_search?scrollId=" + id, body).status());

        TestServer.Response cleared = clear(Map.of(id, token.replace(":", "%3A")), server.adminToken);
        assertEquals(200, cleared.status());
        assertEquals("", cleared.body());
        assertEquals(404, server.post("/v2/issues/_search?scrollId=" + id, body).status());
        assertEquals(200, clear(Map.of(id, token), server.adminToken).status(), "idempotent");
        assertEquals(200, server.post("/v2/system/search/scroll/_clear", "{}").status());

        TestServer.Response literal = server.post("/v2/issues/_search?scrollType=sorted&perScroll=10", body);
        String literalId = literal.header("X-Scroll-Id");
        assertEquals(200, server.post("/v2/system/search/scroll/_clear", "{\"scrollId\":\"" + literalId + "\",\"scrollToken\":\""
                + literal.header("X-Scroll-Token") + "\"}").status());
        assertEquals(404, server.post("/v2/issues/_search?scrollId=" + literalId, body).status());
        assertEquals(400, server.post("/v2/system/search/scroll/_clear", "[]").status());
        assertEquals(400, server.post("/v2/system/search/scroll/_clear", "{\"abc\": 5}").status());
    }

    /** What the web page does for each search: open, read a page or two, clear with the latest id and token. */
    @Test
    void clearedScrollsNoLongerCountAgainstTheLimit() {
        String body = "{\"filter\":{\"queue\":\"BIG\"}}";
        for (int i = 0; i < 12; i++) {
            TestServer.Response page = server.post("/v2/issues/_search?scrollType=sorted&perScroll=10&scrollTTLMillis=600000", body);
            assertEquals(200, page.status(), "scroll #" + i + ": " + page);
            if (i % 2 == 0) {
                page = server.post("/v2/issues/_search?scrollId=" + page.header("X-Scroll-Id") + "&scrollToken="
                        + page.header("X-Scroll-Token") + "&scrollTTLMillis=600000", body);
                assertEquals(200, page.status(), "scroll #" + i + ", second page: " + page);
            }
            assertEquals(200, clear(Map.of(page.header("X-Scroll-Id"), page.header("X-Scroll-Token")), server.adminToken).status());
        }
    }

    @Test
    void limitsAndBadParameters() {
        String body = "{\"filter\":{\"queue\":\"BIG\"}}";
        List<String> open = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            TestServer.Response response = server.send("POST", "/v2/issues/_search?scrollType=unsorted&perScroll=1", body, bobToken);
            assertEquals(200, response.status());
            open.add(response.header("X-Scroll-Id"));
        }
        TestServer.Response tooMany = server.send("POST", "/v2/issues/_search?scrollType=unsorted&perScroll=1", body, bobToken);
        assertEquals(429, tooMany.status());
        assertEquals("Too many open scroll contexts", tooMany.json().at("/errorMessages/0").asText());
        for (String id : open) {
            assertEquals(200, server.send("POST", "/v2/system/search/scroll/_clear", "{\"" + id + "\":\"\"}", bobToken).status());
        }
        assertEquals(200, server.send("POST", "/v2/issues/_search?scrollType=unsorted&perScroll=1", body, bobToken).status());

        TestServer.Response clamped = server.post("/v2/issues/_search?scrollType=sorted&perScroll=5000&scrollTTLMillis=99999999", body);
        assertEquals(1000, clamped.json().size());
        assertTrue(clamped.header("Link").contains("perScroll=1000&scrollTTLMillis=600000"), clamped.header("Link"));
        assertEquals(400, server.post("/v2/issues/_search?scrollType=sorted&perScroll=0", body).status());
        assertEquals(400, server.post("/v2/issues/_search?scrollType=sorted&perScroll=many", body).status());
        assertEquals(400, server.post("/v2/issues/_search?scrollType=sorted&scrollTTLMillis=0", body).status());
        assertEquals(400, server.post("/v2/issues/_search?scrollType=sideways", body).status());
        TestServer.Response queueMode = server.post("/v2/issues/_search?scrollType=sorted", "{\"queue\":\"NOPE\"}");
        assertEquals(400, queueMode.status());
        assertEquals("Scroll is not supported", queueMode.json().at("/errorMessages/0").asText());
        assertEquals(400, server.post("/v2/issues/_search?scrollType=sorted", "{\"keys\":[\"BIG-1\"]}").status());
        assertFalse(server.post("/v2/issues/_search?perScroll=5", body).header("Link").contains("scroll"), "perScroll alone pages normally");
    }

    /**
     * StoreBehavior.RESUMABLE_SNAPSHOTS, asserted either way: supported, a scroll opened on this node is
     * continued by a second node on the same storage; unsupported, the SPI methods fail with their
     * documented error (scrolls then live in one process, which the tests above cover).
     */
    @Test
    void resumableSnapshotsAsDeclared() {
        IssueStore store = server.store();
        if (!store.supports(StoreBehavior.RESUMABLE_SNAPSHOTS)) {
            TrackerException e = assertThrows(TrackerException.class, () -> store.resume(new Cursor("any"), 1, Duration.ofSeconds(1)));
            assertEquals(ErrorCode.INTERNAL, e.code());
            assertEquals("resumable snapshots is not supported", e.getMessage());
            return;
        }
        String body = "{\"filter\":{\"queue\":\"BIG\"},\"order\":\"-summary\"}";
        List<String> expected = keys(server.post("/v2/issues/_search?perPage=30", body).json());
        TestServer.Response first = server.post("/v2/issues/_search?scrollType=sorted&perScroll=10", body);
        try (TestServer other = server.startSibling()) {
            TestServer.Response second = other.post(relation(first.header("Link"), "next"), body);
            assertEquals(200, second.status(), second.toString());
            TestServer.Response third = server.post(relation(second.header("Link"), "next"), body);
            List<String> scrolled = new ArrayList<>(keys(first.json()));
            scrolled.addAll(keys(second.json()));
            scrolled.addAll(keys(third.json()));
            assertEquals(expected, scrolled);
            assertEquals(200, clear(Map.of(third.header("X-Scroll-Id"), ""), server.adminToken).status());
        }
    }

    /**
     * A continuation whose re-sent body reaches the server after its headers (the JDK client writes them
     * apart): the server reads the body before answering, so the connection stays usable. When it answered
     * first, Jetty closed the connection, the late body made the kernel reset it, and the reset cut off the
     * page the client was still reading (seen as "chunked transfer encoding, state: READING_DATA" under load).
     */
    @Test
    void continuationWhoseBodyArrivesLateKeepsTheConnection() throws Exception {
        String body = "{\"filter\":{\"queue\":\"BIG\"}}";
        TestServer.Response first = server.post("/v2/issues/_search?scrollType=sorted&perScroll=500", body);
        String path = "/v2/issues/_search?scrollId=" + first.header("X-Scroll-Id") + "&scrollToken=" + first.header("X-Scroll-Token");
        String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: OAuth " + server.adminToken
                + "\r\nX-Org-Id: " + TestServer.ORGANIZATION + "\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length() + "\r\n\r\n";
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(30_000);
            var out = socket.getOutputStream();
            for (int round = 0; round < 2; round++) {
                out.write(head.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                out.flush();
                Thread.sleep(300);
                out.write(body.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                out.flush();
                RawHttp.Response page = RawHttp.read(socket.getInputStream());
                assertEquals(200, page.status(), "round " + round + ": " + page);
                assertEquals(500, page.json().size(), "round " + round);
                assertNull(page.header("Connection"), "round " + round + ": the connection stays open");
            }
        }
    }

    private static TestServer.Response clear(Map<String, String> pairs, String token) {
        StringBuilder body = new StringBuilder("{");
        pairs.forEach((id, value) -> body.append(body.length() > 1 ? "," : "").append('"').append(id).append("\":\"").append(value).append('"'));
        return server.send("POST", "/v2/system/search/scroll/_clear", body.append('}').toString(), token);
    }

    /** A client loop like the Python client's: follow rel="next" verbatim with the original body until it is absent. */
    static List<String> followScroll(String firstPath, String body, String token) {
        List<String> keys = new ArrayList<>();
        String next = firstPath;
        Set<String> seenUrls = new HashSet<>();
        while (next != null) {
            assertTrue(seenUrls.add(next), "the scroll must not loop");
            TestServer.Response page = server.send("POST", next, body, token);
            assertEquals(200, page.status(), page.toString());
            keys.addAll(keys(page.json()));
            next = relation(page.header("Link"), "next");
        }
        return keys;
    }
}
