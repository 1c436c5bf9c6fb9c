package io.tracksearch.sync;

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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A source as a busy hosted Tracker behaves: a proxy in front of it that answers every {@code every}-th
 * request itself, alternately 429 with {@code Retry-After} in seconds and 503 with an HTTP date, and
 * records when it did and when each request came, so a test can check the client waited. It can also
 * break for good (every request a 400), to stop a pass half way.
 */
final class FlakyProxy implements AutoCloseable {
    /** One refusal: when it was answered (nanoTime) and how long it asked for. */
    record Refusal(int status, long answeredAt, Duration asked) {
    }

    private static final List<String> FORWARDED = List.of("Link", "X-Scroll-Id", "X-Scroll-Token", "X-Total-Count", "Content-Type");

    private final HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();
    private final String target;
    private final int every;
    private final Duration retryAfter;
    private final AtomicInteger requests = new AtomicInteger();
    /** Guarded by this. */
    private final List<Refusal> refusals = new ArrayList<>();
    /** When each request arrived (nanoTime); guarded by this. */
    private final List<Long> arrivals = new ArrayList<>();
    private volatile int brokenAfter = Integer.MAX_VALUE;

    FlakyProxy(String target, int every, Duration retryAfter) throws IOException {
        this.target = target;
        this.every = every;
        this.retryAfter = retryAfter;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** From the {@code count}-th request on, every request is answered 400. */
    void breakAfter(int count) {
        brokenAfter = count;
    }

    void repair() {
        brokenAfter = Integer.MAX_VALUE;
    }

    int requests() {
        return requests.get();
    }

    synchronized List<Refusal> refusals() {
        return List.copyOf(refusals);
    }

    /** Requests that arrived in (from, to), nanoTime. */
    synchronized long arrivalsBetween(long from, long to) {
        return arrivals.stream().filter(arrival -> arrival > from && arrival < to).count();
    }

    private void handle(HttpExchange exchange) throws IOException {
        long arrival = System.nanoTime();
        int number = requests.incrementAndGet();
        synchronized (this) {
            arrivals.add(arrival);
        }
        try (exchange) {
            if (number >= brokenAfter) {
                answer(exchange, 400, "{\"errorMessages\":[\"the proxy is broken\"],\"statusCode\":400}");
                return;
            }
            if (number % every == 0) {
                boolean tooMany = (number / every) % 2 == 1;
                // an HTTP date has whole seconds: ask for one more so the wait is never shorter than retryAfter
                exchange.getResponseHeaders().set("Retry-After", tooMany ? Long.toString(retryAfter.toSeconds())
                        : DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plus(retryAfter).plusSeconds(1)));
                synchronized (this) {
                    refusals.add(new Refusal(tooMany ? 429 : 503, System.nanoTime(), retryAfter));
                }
                answer(exchange, tooMany ? 429 : 503, "{\"errorMessages\":[\"slow down\"],\"statusCode\":" + (tooMany ? 429 : 503) + "}");
                return;
            }
            forward(exchange);
        }
    }

    private void forward(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String header : List.of("Authorization", "X-Org-ID", "X-Cloud-Org-ID", "Content-Type")) {
            String value = exchange.getRequestHeaders().getFirst(header);
            if (value != null) {
                request.header(header, value);
            }
        }
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            for (String header : FORWARDED) {
                response.headers().allValues(header).forEach(value -> exchange.getResponseHeaders().add(header, value));
            }
            exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
            if (response.body().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
