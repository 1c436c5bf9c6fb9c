package io.tracksearch.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A plain HTTP proxy in front of a real OpenSearch node that records every request passing through it
 * ({@code METHOD /path}), so a test can count the round trips tracksearch makes to its node for one API
 * request. It forwards bodies, status and content type unchanged; the node answers everything.
 *
 * <p>Threads: requests are forwarded concurrently; the record is guarded by {@code this}.
 */
public final class CountingProxy implements AutoCloseable {
    /** Headers java.net.http sets itself and refuses from callers, and hop-by-hop headers. */
    private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "transfer-encoding",
            "expect", "upgrade", "keep-alive");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(16);
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final URI target;
    /** Every request forwarded so far, in arrival order. Guarded by {@code this}. */
    private final List<String> requests = new ArrayList<>();
    /** Per path ending (the part after the last slash), requests in flight now and at most. Guarded by {@code this}. */
    private final Map<String, Integer> inFlight = new HashMap<>();
    private final Map<String, Integer> mostInFlight = new HashMap<>();
    /** Every Accept-Encoding value requests came with. Guarded by {@code this}. */
    private final Set<String> acceptEncodings = new TreeSet<>();

    public CountingProxy(URI target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::forward);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** How many requests have passed so far: take it before an API call and pass it to {@link #since}. */
    public synchronized int mark() {
        return requests.size();
    }

    /** The requests ({@code METHOD /path?query}) that passed after {@code mark}. */
    public synchronized List<String> since(int mark) {
        return List.copyOf(requests.subList(mark, requests.size()));
    }

    /** The most requests whose path ends with {@code ending} (such as {@code /_bulk}) that were in flight at once. */
    public synchronized int mostInFlight(String ending) {
        return mostInFlight.getOrDefault(ending.substring(ending.lastIndexOf('/') + 1), 0);
    }

    /** The Accept-Encoding values of the requests so far (empty when none asked for a compressed answer). */
    public synchronized Set<String> acceptEncodings() {
        return Set.copyOf(acceptEncodings);
    }

    private void forward(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String ending = path.substring(path.lastIndexOf('/') + 1);
        synchronized (this) {
            requests.add(exchange.getRequestMethod().toUpperCase(Locale.ROOT) + " " + path
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
            acceptEncodings.addAll(exchange.getRequestHeaders().getOrDefault("Accept-Encoding", List.of()));
            int now = inFlight.merge(ending, 1, Integer::sum);
            mostInFlight.merge(ending, now, Math::max);
        }
        try {
            send(exchange);
        } finally {
            synchronized (this) {
                inFlight.merge(ending, -1, Integer::sum);
            }
        }
    }

    private void send(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String pathAndQuery = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(pathAndQuery)).timeout(Duration.ofSeconds(120))
                    .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            HttpResponse<byte[]> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(502, -1);
                return;
            } catch (IOException e) {
                exchange.sendResponseHeaders(502, -1);
                return;
            }
            response.headers().map().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] answer = response.body();
            boolean empty = answer.length == 0 || method.equals("HEAD");
            exchange.sendResponseHeaders(response.statusCode(), empty ? -1 : answer.length);
            if (!empty) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
