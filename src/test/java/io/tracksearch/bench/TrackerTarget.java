package io.tracksearch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracksearch.testing.BulkImport;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * A server speaking the Tracker API (tracksearch, whatever its storage): loads through
 * {@code POST /v2/issues/_bulkImport}, searches through {@code _search}, {@code _count} and scrolls.
 * Searches and counts say {@code Cache-Control: no-cache}, so that the server's search cache takes no part
 * in the figures, except {@link #searchReusing} (the cache cell).
 */
final class TrackerTarget extends HttpTarget {
    /** Issues per import request: one import batch (and so one commit) of the server. */
    static final int IMPORT_CHUNK = 20_000;
    private static final String[] FRESH = {"Cache-Control", "no-cache"};

    private final String name;
    private final String token;
    private final String organization;
    private final NdjsonChunks data;
    private final ServerProcess server;
    private final OpenSearchNode storeNode;

    TrackerTarget(String name, String baseUrl, String token, String organization, Path issuesFile, ServerProcess server) throws IOException {
        this(name, baseUrl, token, organization, issuesFile, server, null);
    }

    /** {@code storeNode}: the OpenSearch node holding this server's issues (its memory is reported too), or null. */
    TrackerTarget(String name, String baseUrl, String token, String organization, Path issuesFile, ServerProcess server,
            OpenSearchNode storeNode) throws IOException {
        super(baseUrl);
        this.storeNode = storeNode;
        this.name = name;
        this.token = token;
        this.organization = organization;
        this.data = new NdjsonChunks(issuesFile, 1);
        this.server = server;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    protected HttpRequest.Builder headers(HttpRequest.Builder builder) {
        return builder.header("Authorization", "OAuth " + token).header("X-Org-ID", organization);
    }

    @Override
    public long load(long count) throws IOException, InterruptedException {
        long stored = 0;
        while (stored < count) {
            NdjsonChunks.Chunk chunk = data.next((int) Math.min(IMPORT_CHUNK, count - stored));
            if (chunk.issues() == 0) {
                break;
            }
            HttpResponse<byte[]> response = ok(send("POST", BulkImport.PATH, HttpRequest.BodyPublishers.ofByteArray(chunk.bytes())));
            JsonNode result = Json.tree(response.body());
            if (result.path("rejected").asLong() != 0 || result.path("imported").asLong() != chunk.issues()) {
                throw new IllegalStateException(name + " import rejected issues: " + Json.preview(response.body()));
            }
            stored += chunk.issues();
        }
        return stored;
    }

    @Override
    public void finishLoad() {
        // an import request returns when its issues are durable and searchable
    }

    @Override
    public Page search(QuerySpec query, int size, long page) throws IOException, InterruptedException {
        return page(ok(post("/v2/issues/_search?perPage=" + size + "&page=" + page, query.trackerBody(), FRESH)));
    }

    /** Page 1 as a client asks that lets the server reuse answers (its search cache). */
    Page searchReusing(QuerySpec query, int size) throws IOException, InterruptedException {
        return page(ok(post("/v2/issues/_search?perPage=" + size, query.trackerBody())));
    }

    /** A write: the issue's summary set through {@code PATCH /v2/issues/{key}}. */
    void changeSummary(String key, String summary) throws IOException, InterruptedException {
        ok(send("PATCH", "/v2/issues/" + key, HttpRequest.BodyPublishers.ofString(Json.MAPPER.createObjectNode().put("summary", summary).toString())));
    }

    private static Page page(HttpResponse<byte[]> response) {
        long total = Long.parseLong(response.headers().firstValue("X-Total-Count").orElseThrow());
        return new Page(total, Json.trackerKeys(response.body()));
    }

    @Override
    public void roundTrip() throws IOException, InterruptedException {
        ok(send("GET", "/health/live", HttpRequest.BodyPublishers.noBody()));
    }

    @Override
    public long count(QuerySpec query) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = ok(post("/v2/issues/_count", query.trackerBody(), FRESH));
        return Long.parseLong(new String(response.body(), StandardCharsets.US_ASCII).strip());
    }

    @Override
    public List<String> scrollMethods() {
        return List.of("scroll");
    }

    @Override
    public ScrollResult scroll(String method, QuerySpec query, boolean sorted, int perPage) throws IOException, InterruptedException {
        KeyHasher hasher = new KeyHasher();
        long pages = 0;
        long start = System.nanoTime();
        HttpResponse<byte[]> response = ok(post("/v2/issues/_search?scrollType=" + (sorted ? "sorted" : "unsorted")
                + "&perScroll=" + perPage, query.trackerBody(), FRESH));
        long total = Long.parseLong(response.headers().firstValue("X-Total-Count").orElseThrow());
        while (true) {
            pages++;
            Json.trackerKeys(response.body()).forEach(hasher::add);
            String scrollId = response.headers().firstValue("X-Scroll-Id").orElse(null);
            if (scrollId == null) {
                break;
            }
            String token = response.headers().firstValue("X-Scroll-Token").orElseThrow();
            response = ok(post("/v2/issues/_search?scrollId=" + scrollId + "&scrollToken="
                    + URLEncoder.encode(token, StandardCharsets.UTF_8), query.trackerBody()));
        }
        long nanos = System.nanoTime() - start;
        if (hasher.count() != total) {
            throw new IllegalStateException(name + " scroll returned " + hasher.count() + " issues, X-Total-Count " + total);
        }
        return hasher.result(pages, nanos);
    }

    @Override
    public String memory() throws IOException, InterruptedException {
        String memory = server == null ? "n/a" : server.memory();
        return storeNode == null ? memory : memory + "; its OpenSearch node: " + storeNode.heapAndRss();
    }

    @Override
    public void close() {
        try {
            data.close();
        } catch (IOException ignored) {
            // nothing to do
        }
        super.close();
    }
}
