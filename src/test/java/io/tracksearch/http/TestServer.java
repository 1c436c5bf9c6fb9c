package io.tracksearch.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tracksearch.cli.Application;
import io.tracksearch.store.opensearch.OpenSearchIssueStore;
import io.tracksearch.testing.Backend;
import io.tracksearch.testing.OpenSearchNodes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real tracksearch server on a free loopback port with its own temporary data directory (users, and
 * for Lucene the index) or its own OpenSearch index on the shared test node, and a small HTTP client that
 * sends what real clients send (OAuth token, X-Org-Id).
 */
public final class TestServer implements AutoCloseable {
    public static final String ORGANIZATION = "test-org";
    public static final ObjectMapper JSON = new ObjectMapper();

    /** The key every test node signs scroll ids with, so a scroll opened on one node continues on another. */
    static final byte[] SCROLL_SECRET = "tracksearch-test-scroll-secret".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    private static final java.util.concurrent.atomic.AtomicInteger INDICES = new java.util.concurrent.atomic.AtomicInteger();

    private final Backend backend;
    private final Path dataDirectory;
    /** False for a sibling node, which shares its first node's data directory and index. */
    private final boolean ownsData;
    private final Application application;
    private final Application.Settings settings;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    public final String adminToken;

    private TestServer(Backend backend, Path dataDirectory, boolean ownsData, Application application,
            Application.Settings settings, String adminToken) {
        this.backend = backend;
        this.dataDirectory = dataDirectory;
        this.ownsData = ownsData;
        this.application = application;
        this.settings = settings;
        this.adminToken = adminToken;
    }

    public static TestServer start() {
        return start(Backend.LUCENE);
    }

    public static TestServer start(io.tracksearch.scroll.ScrollLimits scrollLimits) {
        return start(Backend.LUCENE, scrollLimits);
    }

    public static TestServer start(Backend backend) {
        return start(backend, io.tracksearch.scroll.ScrollLimits.DEFAULT);
    }

    /** A server on the backend; for OpenSearch, on the shared test node with an index of its own. */
    public static TestServer start(Backend backend, io.tracksearch.scroll.ScrollLimits scrollLimits) {
        return start(backend, scrollLimits, backend == Backend.OPENSEARCH ? OpenSearchNodes.shared().urls() : List.of());
    }

    /**
     * Server limits of test servers: the defaults, but a failed-authentication budget no suite exhausts by
     * accident (suites that test the throttle pass their own).
     */
    /**
     * The search cache is on in every test server (it is off by default): so every HTTP test that writes and
     * then searches also checks that no search answers from before its write.
     */
    static final long SEARCH_CACHE_BYTES = HttpSettings.SUGGESTED_SEARCH_CACHE_MB * 1024L * 1024;
    public static final ServerLimits LIMITS = ServerLimits.DEFAULT.withAuthFailures(100_000, Duration.ofMinutes(1));

    /** A server on the backend with the given server limits. */
    public static TestServer start(Backend backend, ServerLimits limits) {
        return start(backend, io.tracksearch.scroll.ScrollLimits.DEFAULT,
                backend == Backend.OPENSEARCH ? OpenSearchNodes.shared().urls() : List.of(), limits);
    }

    /** A server on OpenSearch at the given URLs (ignored for Lucene), with a fresh index. */
    public static TestServer start(Backend backend, io.tracksearch.scroll.ScrollLimits scrollLimits, List<URI> openSearchUrls) {
        return start(backend, scrollLimits, openSearchUrls, LIMITS);
    }

    private static TestServer start(Backend backend, io.tracksearch.scroll.ScrollLimits scrollLimits, List<URI> openSearchUrls,
            ServerLimits limits) {
        try {
            Path directory = Files.createTempDirectory("tracksearch-test");
            io.tracksearch.auth.UserRegistry users = new io.tracksearch.auth.UserRegistry(directory);
            String token = users.add("admin", "Admin", "Adminson", "admin@example.com", List.of(), null);
            OpenSearchIssueStore.Settings openSearch = switch (backend) {
                case LUCENE -> null;
                case OPENSEARCH -> new OpenSearchIssueStore.Settings(openSearchUrls,
                        "tracksearch-test-" + ProcessHandle.current().pid() + "-" + INDICES.incrementAndGet(), openSearchUrls.size() > 1 ? 2 : 1,
                        openSearchUrls.size() > 1 ? 1 : 0);
            };
            Application.Settings settings = new Application.Settings(
                    new HttpSettings("127.0.0.1", 0, null, HttpSettings.DEFAULT_MAX_BODY_BYTES, limits, SEARCH_CACHE_BYTES), directory, ORGANIZATION,
                    scrollLimits, openSearch, SCROLL_SECRET);
            return new TestServer(backend, directory, true, Application.start(settings), settings, token);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A Lucene server on an existing data directory (one a separate process wrote), reached with
     * {@code token}, a token of one of its users; closing it leaves the directory in place.
     */
    public static TestServer startOn(Path directory, String token) {
        Application.Settings settings = new Application.Settings(
                new HttpSettings("127.0.0.1", 0, null, HttpSettings.DEFAULT_MAX_BODY_BYTES, LIMITS, SEARCH_CACHE_BYTES), directory, ORGANIZATION,
                io.tracksearch.scroll.ScrollLimits.DEFAULT, null, SCROLL_SECRET);
        return new TestServer(Backend.LUCENE, directory, false, Application.start(settings), settings, token);
    }

    /**
     * A second tracksearch node on the same storage: the same users directory and, for OpenSearch, the same
     * index and scroll secret. Only meaningful for OpenSearch (two processes cannot share a Lucene index).
     */
    public TestServer startSibling() {
        if (backend != Backend.OPENSEARCH) {
            throw new IllegalStateException("only OpenSearch nodes can share storage");
        }
        return new TestServer(backend, dataDirectory, false, Application.start(settings), settings, adminToken);
    }

    /**
     * This server stopped and started again on the same data (directory and, for OpenSearch, index): what it
     * acknowledged must still be there. Use only the returned server afterwards; it owns the data now.
     */
    public TestServer restarted() {
        application.close();
        return new TestServer(backend, dataDirectory, ownsData, Application.start(settings), settings, adminToken);
    }

    public Backend backend() {
        return backend;
    }

    /** The store the server runs on, for its declared behaviours. */
    public io.tracksearch.store.IssueStore store() {
        return application.store();
    }

    public String url() {
        return application.url();
    }

    public int port() {
        return application.port();
    }

    /** Every route the server registered (method, path template). */
    List<TrackerServer.Route> routes() {
        return application.routes();
    }

    /** The issue index of an OpenSearch server (its meta and history indices share it as prefix). */
    public String openSearchIndex() {
        return settings.openSearch().index();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** The server's users (a sync into its store adds the source's users here). */
    public io.tracksearch.auth.UserRegistry users() {
        return application.users();
    }

    /** Adds a user and returns its token. */
    public String addUser(String login, String firstName, String lastName, String... groups) {
        return application.users().add(login, firstName, lastName, login + "@example.com", List.of(groups), null);
    }

    public Response get(String path) {
        return send("GET", path, null, adminToken);
    }

    public Response post(String path, String body) {
        return send("POST", path, body, adminToken);
    }

    public Response patch(String path, String body) {
        return send("PATCH", path, body, adminToken);
    }

    public Response send(String method, String path, String body, String token, String... headers) {
        return sendBody(method, path, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body), token, headers);
    }

    /** A POST of exactly these bytes (which need not be UTF-8), as the admin. */
    public Response postBytes(String path, byte[] body) {
        return sendBody("POST", path, HttpRequest.BodyPublishers.ofByteArray(body), adminToken);
    }

    private Response sendBody(String method, String path, HttpRequest.BodyPublisher body, String token, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : url() + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body)
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "OAuth " + token);
            request.header("X-Org-Id", ORGANIZATION);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            try {
                return new Response(client.send(request.build(), HttpResponse.BodyHandlers.ofString()));
            }
            catch (IOException e) {
                if (!String.valueOf(e.getMessage()).contains("received no bytes")) {
                    throw e;
                }
                // a pooled keep-alive connection the server closed as this request went out: the request was
                // never read (the JDK client retries only GETs by itself); RawHttpFuzzTest checks, on raw
                // sockets, that the server never closes a connection without answering a request it read
                return new Response(client.send(request.build(), HttpResponse.BodyHandlers.ofString()));
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Keys of the issues a query finds (first 1,000, in the query's order) through {@code _search};
     * fails on any answer but 200.
     */
    public List<String> queryKeys(String query) {
        Response response = post("/v2/issues/_search?perPage=1000", JSON.createObjectNode().put("query", query).toString());
        if (response.status() != 200) {
            throw new AssertionError("query " + query + " answered " + response);
        }
        List<String> keys = new java.util.ArrayList<>();
        response.json().forEach(issue -> keys.add(issue.get("key").asText()));
        return keys;
    }

    /** Creates a queue with defaults; returns its key. */
    public String createQueue(String key) {
        Response response = post("/v2/queues/", "{\"key\":\"" + key + "\",\"name\":\"Queue " + key
                + "\",\"defaultType\":\"task\",\"defaultPriority\":\"normal\"}");
        if (response.status() != 201) {
            throw new IllegalStateException("queue create failed: " + response);
        }
        return key;
    }

    @Override
    public void close() {
        application.close();
        if (!ownsData) {
            return;
        }
        if (settings.openSearch() != null) {
            deleteIndices(settings.openSearch());
        }
        try (Stream<Path> files = Files.walk(dataDirectory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (IOException ignored) {
            // a leftover temporary directory is harmless
        }
    }

    /** Deletes this server's OpenSearch indices under the running server (a store fault for tests). */
    void deleteStoreIndices() {
        deleteIndices(settings.openSearch());
    }

    /** Frees the shared node of this server's indices; a failure only leaves an index behind. */
    private void deleteIndices(OpenSearchIssueStore.Settings openSearch) {
        String index = openSearch.index();
        HttpRequest request = HttpRequest.newBuilder(openSearch.urls().getFirst().resolve("/" + index + "," + index + "-meta," + index + "-changelog?ignore_unavailable=true"))
                .timeout(Duration.ofSeconds(30)).DELETE().build();
        try {
            client.send(request, HttpResponse.BodyHandlers.discarding());
        }
        catch (IOException e) {
            System.err.println("could not delete test index " + index + ": " + e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A response with its body parsed lazily as JSON. */
    public record Response(HttpResponse<String> raw) {
        public int status() {
            return raw.statusCode();
        }

        public String body() {
            return raw.body();
        }

        public JsonNode json() {
            try {
                return JSON.readTree(raw.body());
            }
            catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + raw.body(), e);
            }
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return raw.statusCode() + " " + raw.body();
        }
    }
}
