package io.tracksearch.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Plain OpenSearch holding the same issues in one index with the equivalent mapping
 * ({@code opensearch-index.json}: keywords, dates, text with the same English + Russian stemming).
 * Loads with {@code _bulk} from {@link #BULK_CLIENTS} concurrent clients (one shard indexes a bulk
 * request on one thread), refresh disabled during the load and one refresh at the end.
 */
final class OpenSearchTarget extends HttpTarget {
    static final String INDEX = "issues";
    static final int BULK_CHUNK = 5_000;
    static final int BULK_CLIENTS = 2;
    static final String PIT = "PIT + search_after";
    static final String SCROLL = "scroll API";

    private final String name;
    private final NdjsonChunks data;
    private final ServerProcess server;

    OpenSearchTarget(String name, String baseUrl, Path bulkFile, ServerProcess server) throws IOException {
        super(baseUrl);
        this.name = name;
        this.data = new NdjsonChunks(bulkFile, 2);
        this.server = server;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    protected HttpRequest.Builder headers(HttpRequest.Builder builder) {
        return builder;
    }

    /** Creates the index with the equivalent mapping, replacing an old one. */
    void createIndex() throws IOException, InterruptedException {
        send("DELETE", "/" + INDEX + "?ignore_unavailable=true", HttpRequest.BodyPublishers.noBody());
        String mapping;
        try (InputStream in = OpenSearchTarget.class.getResourceAsStream("opensearch-index.json")) {
            mapping = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ok(send("PUT", "/" + INDEX, HttpRequest.BodyPublishers.ofString(mapping)));
    }

    String version() throws IOException, InterruptedException {
        return Json.tree(ok(send("GET", "/", HttpRequest.BodyPublishers.noBody())).body()).path("version").path("number").asText();
    }

    @Override
    public long load(long count) throws IOException, InterruptedException {
        ExecutorService workers = Executors.newFixedThreadPool(BULK_CLIENTS);
        Semaphore inFlight = new Semaphore(BULK_CLIENTS);
        List<Future<Integer>> results = new ArrayList<>();
        long read = 0;
        try {
            while (read < count) {
                NdjsonChunks.Chunk chunk = data.next((int) Math.min(BULK_CHUNK, count - read));
                if (chunk.issues() == 0) {
                    break;
                }
                read += chunk.issues();
                inFlight.acquire();
                results.add(workers.submit(() -> {
                    try {
                        return bulk(chunk);
                    } finally {
                        inFlight.release();
                    }
                }));
            }
            long stored = 0;
            for (Future<Integer> result : results) {
                stored += result.get();
            }
            return stored;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(name + " bulk load failed", e.getCause());
        } finally {
            workers.shutdownNow();
        }
    }

    private int bulk(NdjsonChunks.Chunk chunk) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(java.net.URI.create(baseUrl + "/" + INDEX + "/_bulk"))
                .timeout(java.time.Duration.ofMinutes(10))
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofByteArray(chunk.bytes()))
                .build();
        HttpResponse<byte[]> response = ok(client.send(request, HttpResponse.BodyHandlers.ofByteArray()));
        String head = new String(response.body(), 0, Math.min(200, response.body().length), StandardCharsets.UTF_8);
        if (!head.contains("\"errors\":false")) {
            throw new IllegalStateException(name + " bulk had errors: " + Json.preview(response.body()));
        }
        return chunk.issues();
    }

    @Override
    public void finishLoad() throws IOException, InterruptedException {
        ok(post("/" + INDEX + "/_refresh", ""));
    }

    @Override
    public Page search(QuerySpec query, int size, long page) throws IOException, InterruptedException {
        String body = "{\"size\":" + size + ",\"from\":" + (page - 1) * size + ",\"track_total_hits\":true,\"query\":" + query.openSearchQuery()
                + ",\"sort\":" + query.openSearchSort() + "}";
        Json.SearchHits hits = Json.openSearchHits(ok(post("/" + INDEX + "/_search", body)).body());
        return new Page(hits.total(), hits.ids());
    }

    @Override
    public void roundTrip() throws IOException, InterruptedException {
        ok(send("GET", "/", HttpRequest.BodyPublishers.noBody()));
    }

    @Override
    public long count(QuerySpec query) throws IOException, InterruptedException {
        JsonNode result = Json.tree(ok(post("/" + INDEX + "/_count", "{\"query\":" + query.openSearchQuery() + "}")).body());
        return result.path("count").asLong(-1);
    }

    @Override
    public List<String> scrollMethods() {
        return List.of(PIT, SCROLL);
    }

    @Override
    public ScrollResult scroll(String method, QuerySpec query, boolean sorted, int perPage) throws IOException, InterruptedException {
        return method.equals(PIT) ? pitScroll(query, sorted, perPage) : scrollApi(query, sorted, perPage);
    }

    private ScrollResult pitScroll(QuerySpec query, boolean sorted, int perPage) throws IOException, InterruptedException {
        KeyHasher hasher = new KeyHasher();
        String sort = sorted ? query.openSearchSort() : "[{\"_shard_doc\":\"asc\"}]";
        long pages = 0;
        long start = System.nanoTime();
        String pitId = Json.tree(ok(post("/" + INDEX + "/_search/point_in_time?keep_alive=1m", "")).body()).path("pit_id").asText();
        long total = -1;
        JsonNode after = null;
        try {
            while (true) {
                String body = "{\"size\":" + perPage + ",\"track_total_hits\":" + (after == null) + ",\"query\":" + query.openSearchQuery()
                        + ",\"sort\":" + sort + ",\"pit\":{\"id\":" + Json.quote(pitId) + ",\"keep_alive\":\"1m\"}"
                        + (after == null ? "" : ",\"search_after\":" + after) + "}";
                Json.SearchHits hits = Json.openSearchHits(ok(post("/_search", body)).body());
                pages++;
                if (after == null) {
                    total = hits.total();
                }
                hits.ids().forEach(hasher::add);
                if (hits.pitId() != null) {
                    pitId = hits.pitId();
                }
                if (hits.ids().size() < perPage) {
                    break;
                }
                after = hits.lastSort();
            }
        } finally {
            send("DELETE", "/_search/point_in_time", HttpRequest.BodyPublishers.ofString("{\"pit_id\":[" + Json.quote(pitId) + "]}"));
        }
        long nanos = System.nanoTime() - start;
        if (hasher.count() != total) {
            throw new IllegalStateException(name + " PIT scroll returned " + hasher.count() + " of " + total);
        }
        return hasher.result(pages, nanos);
    }

    private ScrollResult scrollApi(QuerySpec query, boolean sorted, int perPage) throws IOException, InterruptedException {
        KeyHasher hasher = new KeyHasher();
        String sort = sorted ? query.openSearchSort() : "[\"_doc\"]";
        long pages = 0;
        long start = System.nanoTime();
        Json.SearchHits hits = Json.openSearchHits(ok(post("/" + INDEX + "/_search?scroll=1m", "{\"size\":" + perPage
                + ",\"track_total_hits\":true,\"query\":" + query.openSearchQuery() + ",\"sort\":" + sort + "}")).body());
        long total = hits.total();
        String scrollId = hits.scrollId();
        try {
            while (true) {
                pages++;
                hits.ids().forEach(hasher::add);
                if (hits.scrollId() != null) {
                    scrollId = hits.scrollId();
                }
                if (hits.ids().isEmpty() || hasher.count() >= total) {
                    break;
                }
                hits = Json.openSearchHits(ok(post("/_search/scroll", "{\"scroll\":\"1m\",\"scroll_id\":" + Json.quote(scrollId) + "}")).body());
            }
        } finally {
            send("DELETE", "/_search/scroll", HttpRequest.BodyPublishers.ofString("{\"scroll_id\":[" + Json.quote(scrollId) + "]}"));
        }
        long nanos = System.nanoTime() - start;
        if (hasher.count() != total) {
            throw new IllegalStateException(name + " scroll returned " + hasher.count() + " of " + total);
        }
        return hasher.result(pages, nanos);
    }

    @Override
    public String memory() throws IOException, InterruptedException {
        JsonNode nodes = Json.tree(ok(send("GET", "/_nodes/stats/jvm", HttpRequest.BodyPublishers.noBody())).body()).path("nodes");
        JsonNode jvm = nodes.elements().next().path("jvm").path("mem");
        String heap = "heap used " + mib(jvm.path("heap_used_in_bytes").asLong()) + " of " + mib(jvm.path("heap_max_in_bytes").asLong())
                + " (node stats, no forced GC)";
        return server == null ? heap : heap + "; " + server.memory();
    }

    static String mib(long bytes) {
        return bytes / (1 << 20) + " MiB";
    }

    @Override
    public void close() {
        try {
            data.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        super.close();
    }
}
