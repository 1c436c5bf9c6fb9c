package io.tracksearch.http;

import io.tracksearch.model.Component;
import io.tracksearch.model.Queue;
import io.tracksearch.scroll.ScrollLimits;
import io.tracksearch.testing.Backend;
import io.tracksearch.testing.OpenSearchNodes;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.tracksearch.http.SearchApiTest.keys;
import static io.tracksearch.http.SearchApiTest.relation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Several tracksearch nodes on one OpenSearch, and an OpenSearch node lost mid-scroll: what only a shared
 * cluster backend can do (StoreBehavior.RESUMABLE_SNAPSHOTS and cluster-wide key allocation). Runs when
 * the OpenSearch backend is enabled ({@link Backend#enabled()}).
 */
class OpenSearchClusterTest {

    private static void assumeOpenSearch() {
        Assumptions.assumeTrue(Backend.enabled().anyMatch(backend -> backend == Backend.OPENSEARCH),
                "OpenSearch backend not enabled (-Dtracksearch.backends)");
    }

    /**
     * Versions and sprints made on two nodes at once: distinct ids (the counter documents of the cluster),
     * each node sees every object the other made, and a sprint started on one node is the one in progress
     * for queries on the other.
     */
    @Test
    void twoNodesShareStoredObjects() throws Exception {
        assumeOpenSearch();
        try (TestServer first = TestServer.start(Backend.OPENSEARCH); TestServer second = first.startSibling()) {
            first.createQueue("OBJ");
            String board = second.post("/v2/boards", "{\"name\":\"Shared\",\"defaultQueue\":\"OBJ\"}").json().get("id").asText();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<String> versions = Collections.synchronizedList(new ArrayList<>());
            try {
                List<Future<?>> writers = new ArrayList<>();
                for (int thread = 0; thread < 4; thread++) {
                    TestServer node = thread % 2 == 0 ? first : second;
                    int number = thread;
                    writers.add(pool.submit(() -> {
                        for (int i = 0; i < 10; i++) {
                            TestServer.Response response = node.post("/v2/versions", "{\"queue\":\"OBJ\",\"name\":\"v" + number + "." + i + "\"}");
                            assertEquals(201, response.status(), response.toString());
                            versions.add(response.json().get("id").asText());
                        }
                    }));
                }
                for (Future<?> writer : writers) {
                    writer.get();
                }
            } finally {
                pool.shutdown();
            }
            assertEquals(40, new HashSet<>(versions).size(), "version ids handed out twice: " + versions);
            assertEquals(40, first.get("/v2/queues/OBJ/versions").json().size());
            assertEquals(40, second.get("/v2/versions?queue=OBJ").json().size());

            String sprint = first.post("/v2/sprints", "{\"name\":\"S\",\"board\":{\"id\":" + board
                    + "},\"startDate\":\"2025-01-01\",\"endDate\":\"2025-01-14\"}").json().get("id").asText();
            assertEquals(201, second.post("/v2/issues", "{\"queue\":\"OBJ\",\"summary\":\"in sprint\",\"sprint\":[" + sprint + "]}").status());
            assertEquals(List.of(), first.queryKeys("\"Sprint In Progress By Board\": Shared"));
            assertEquals(200, second.patch("/v2/sprints/" + sprint, "{\"status\":\"in_progress\"}").status());
            assertEquals(List.of("OBJ-1"), first.queryKeys("\"Sprint In Progress By Board\": Shared"));
        }
    }

    @Test
    void twoNodesShareKeysUniqueAndScrolls() throws Exception {
        assumeOpenSearch();
        try (TestServer first = TestServer.start(Backend.OPENSEARCH); TestServer second = first.startSibling()) {
            first.createQueue("DUO");
            assertEquals(409, second.post("/v2/queues/", "{\"key\":\"DUO\",\"name\":\"again\",\"defaultType\":\"task\","
                    + "\"defaultPriority\":\"normal\"}").status(), "queue keys are unique across nodes");

            // concurrent creates in one queue from both nodes: unique, consecutive keys
            int perThread = 15;
            ExecutorService pool = Executors.newFixedThreadPool(6);
            List<String> created = Collections.synchronizedList(new ArrayList<>());
            try {
                List<Future<?>> writers = new ArrayList<>();
                for (int thread = 0; thread < 6; thread++) {
                    TestServer node = thread % 2 == 0 ? first : second;
                    int number = thread;
                    writers.add(pool.submit(() -> {
                        for (int i = 0; i < perThread; i++) {
                            TestServer.Response response = node.post("/v2/issues/", "{\"queue\":\"DUO\",\"summary\":\"t"
                                    + number + " i" + i + "\"}");
                            assertEquals(201, response.status(), response.toString());
                            created.add(response.json().get("key").asText());
                        }
                    }));
                }
                for (Future<?> writer : writers) {
                    writer.get();
                }

                // the same unique value sent to both nodes at once: exactly one issue
                List<Future<Integer>> racing = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    TestServer node = i % 2 == 0 ? first : second;
                    racing.add(pool.submit(() -> node.post("/v2/issues/",
                            "{\"queue\":\"DUO\",\"summary\":\"once\",\"unique\":\"only-one\"}").status()));
                }
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> status : racing) {
                    statuses.add(status.get());
                }
                assertEquals(1, statuses.stream().filter(status -> status == 201).count(), statuses.toString());
                assertEquals(5, statuses.stream().filter(status -> status == 409).count(), statuses.toString());
            }
            finally {
                pool.shutdown();
            }
            int total = 6 * perThread;
            assertEquals(total, created.stream().distinct().count());
            for (int i = 1; i <= total; i++) {
                assertTrue(created.contains("DUO-" + i), "missing DUO-" + i);
            }
            String unique = second.post("/v2/issues/_findByUnique?unique=only-one", null).json().get("key").asText();
            assertEquals("DUO-" + (total + 1), unique, "the unique issue took the next number, no gap");
            TestServer.Response after = first.post("/v2/issues/", "{\"queue\":\"DUO\",\"summary\":\"after the race\"}");
            assertEquals("DUO-" + (total + 2), after.json().get("key").asText(), "the losers of the race spent no number");

            // a scroll opened on one node continues on the other, page by page
            String body = "{\"filter\":{\"queue\":\"DUO\"},\"order\":\"-summary\"}";
            List<String> expected = keys(first.post("/v2/issues/_search?perPage=1000", body).json());
            assertEquals(total + 2, expected.size());
            List<String> scrolled = new ArrayList<>();
            String next = "/v2/issues/_search?scrollType=sorted&perScroll=7";
            int page = 0;
            while (next != null) {
                TestServer node = page++ % 2 == 0 ? first : second;
                TestServer.Response response = node.post(next, body);
                assertEquals(200, response.status(), response.toString());
                assertEquals(Integer.toString(total + 2), response.header("X-Total-Count"));
                scrolled.addAll(keys(response.json()));
                next = relation(response.header("Link"), "next");
            }
            assertEquals(expected, scrolled);

            // cleared on one node: gone on the other
            TestServer.Response opened = first.post("/v2/issues/_search?scrollType=unsorted&perScroll=5", body);
            String id = opened.header("X-Scroll-Id");
            assertEquals(200, second.post("/v2/issues/_search?scrollId=" + id, null).status());
            assertEquals(200, second.post("/v2/system/search/scroll/_clear", "{\"" + id + "\":\"\"}").status());
            TestServer.Response cleared = first.post("/v2/issues/_search?scrollId=" + id, null);
            assertEquals(404, cleared.status(), cleared.toString());
            assertEquals("Scroll context not found or expired", cleared.json().at("/errorMessages/0").asText());

            // an altered scroll id is unknown, not someone else's scroll
            String altered = id.substring(0, id.length() - 2) + (id.endsWith("AA") ? "BB" : "AA");
            assertEquals(404, second.post("/v2/issues/_search?scrollId=" + altered, null).status());
        }
    }

    /**
     * Queue and component ids come from the cluster, not from one node's memory: two nodes creating queues
     * and adding components to one queue at the same time give distinct queue ids, distinct component ids,
     * and no lost component.
     */
    @Test
    void twoNodesCreateQueuesAndComponentsConcurrently() throws Exception {
        assumeOpenSearch();
        try (TestServer first = TestServer.start(Backend.OPENSEARCH); TestServer second = first.startSibling()) {
            first.createQueue("PARTS");
            int threads = 4;
            int perThread = 6;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> writers = new ArrayList<>();
                for (int thread = 0; thread < threads; thread++) {
                    TestServer node = thread % 2 == 0 ? first : second;
                    char letter = (char) ('A' + thread);
                    writers.add(pool.submit(() -> {
                        for (int i = 0; i < perThread; i++) {
                            String queueKey = "Q" + letter + (char) ('A' + i);
                            TestServer.Response queue = node.post("/v2/queues/", "{\"key\":\"" + queueKey + "\",\"name\":\"q\","
                                    + "\"defaultType\":\"task\",\"defaultPriority\":\"normal\"}");
                            assertEquals(201, queue.status(), queue.toString());
                            TestServer.Response issue = node.post("/v2/issues/", "{\"queue\":\"PARTS\",\"summary\":\"s\","
                                    + "\"components\":[\"part " + letter + i + "\"]}");
                            assertEquals(201, issue.status(), issue.toString());
                        }
                    }));
                }
                for (Future<?> writer : writers) {
                    writer.get();
                }
            }
            finally {
                pool.shutdown();
            }
            // the second node's queues show on the first within its queue cache's bound (1 s; polled up to 5 s)
            long deadline = System.nanoTime() + 5_000_000_000L;
            List<Queue> queues = first.store().queues();
            while (queues.size() < threads * perThread + 1 && System.nanoTime() < deadline) {
                Thread.sleep(50);
                queues = first.store().queues();
            }
            assertEquals(threads * perThread + 1, queues.size());
            assertEquals(queues.size(), queues.stream().mapToLong(Queue::id).distinct().count(),
                    "queue ids are unique across nodes: " + queues);
            List<Component> components = second.store().queue("PARTS").orElseThrow().components();
            assertEquals(threads * perThread, components.size(), "no component lost: " + components);
            assertEquals(components.size(), components.stream().mapToLong(Component::id).distinct().count(),
                    "component ids are unique: " + components);
        }
    }

    /**
     * Three OpenSearch nodes, an index of two shards with one replica each; one node is killed (SIGKILL)
     * mid-scroll. Every later page is either exactly the next issues of the snapshot or an error in the
     * Tracker format (404 snapshot lost, 503 storage unavailable): never wrong or missing issues.
     */
    @Test
    void nodeKilledMidScrollNeverLosesIssuesSilently() {
        assumeOpenSearch();
        try (OpenSearchNodes cluster = OpenSearchNodes.cluster(3, "tracksearch-kill");
                TestServer server = TestServer.start(Backend.OPENSEARCH, ScrollLimits.DEFAULT, cluster.urls())) {
            StringBuilder lines = new StringBuilder();
            for (int i = 1; i <= 600; i++) {
                lines.append("{\"key\":\"KILL-").append(i).append("\",\"summary\":\"issue ").append((i * 31) % 97)
                        .append("\",\"createdAt\":\"2024-01-01T00:00:00.000+0000\"}\n");
            }
            assertEquals(200, server.post("/v2/issues/_bulkImport", lines.toString()).status());
            String body = "{\"filter\":{\"queue\":\"KILL\"},\"order\":\"+summary\"}";
            List<String> expected = keys(server.post("/v2/issues/_search?perPage=1000", body).json());
            assertEquals(600, expected.size());

            List<String> scrolled = new ArrayList<>();
            TestServer.Response first = server.post("/v2/issues/_search?scrollType=sorted&perScroll=50", body);
            assertEquals(200, first.status(), first.toString());
            scrolled.addAll(keys(first.json()));
            String next = relation(first.header("Link"), "next");
            TestServer.Response second = server.post(next, body);
            assertEquals(200, second.status(), second.toString());
            scrolled.addAll(keys(second.json()));
            next = relation(second.header("Link"), "next");

            cluster.kill(1);

            int failure = 0;
            while (next != null) {
                TestServer.Response page = server.post(next, body);
                if (page.status() != 200) {
                    failure = page.status();
                    assertTrue(failure == 404 || failure == 503, page.toString());
                    assertEquals(failure, page.json().get("statusCode").asInt(), "Tracker error format");
                    assertTrue(page.json().get("errorMessages").size() > 0);
                    break;
                }
                scrolled.addAll(keys(page.json()));
                next = relation(page.header("Link"), "next");
            }
            assertEquals(expected.subList(0, scrolled.size()), scrolled, "pages served are exactly the snapshot's next issues");
            if (failure == 0) {
                assertEquals(expected, scrolled, "a scroll that did not fail delivered every issue");
            }
            System.out.println("scroll after node loss: " + (failure == 0 ? "continued to the end" : "failed with " + failure)
                    + " after " + scrolled.size() + " issues");
        }
    }
}
