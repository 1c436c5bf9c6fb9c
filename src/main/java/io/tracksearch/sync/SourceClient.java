package io.tracksearch.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client of a Tracker API (hosted Tracker or another tracksearch): JSON over the JDK's HTTP client,
 * paced to the configured request rate, patient with an overloaded source and strict with a refusal.
 * <ul>
 *   <li>429 and 503 are retried after the source's {@code Retry-After} (seconds or an HTTP date), or after
 *       an exponential backoff when it gives none; 500, 502, 504 and lost connections after the backoff.</li>
 *   <li>401 and 403 throw {@link SourceRejectedException} at once: a wrong token does not get better.</li>
 *   <li>404 is an answer (the caller decides what a missing issue means); any other status is a
 *       {@link SyncException} with the source's error text.</li>
 * </ul>
 * Threads: safe for concurrent use; the pacing is shared by all callers.
 */
public final class SourceClient {
    /** How a wait is spent; tests record the waits (and still sleep them). */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** A response with its body parsed (missing when empty or not JSON). */
    public record Response(int status, JsonNode body, HttpResponse<?> raw) {
        public Optional<String> header(String name) {
            return raw.headers().firstValue(name);
        }

        /** The target of {@code Link: <...>; rel="next"}, if the source sent one. */
        public Optional<URI> next() {
            for (String link : raw.headers().allValues("Link")) {
                Matcher matcher = NEXT_LINK.matcher(link);
                if (matcher.find()) {
                    return Optional.of(URI.create(matcher.group(1)));
                }
            }
            return Optional.empty();
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"");
    private static final int MAX_ATTEMPTS = 10;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** A source asking for longer than this is treated as down rather than waited for. */
    private static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(10);

    private final SourceSettings settings;
    private final HttpClient client;
    private final Sleeper sleeper;
    private final long intervalNanos;
    /** When the next request may go out (System.nanoTime); guarded by this. */
    private long nextRequestAt = System.nanoTime();

    public SourceClient(SourceSettings settings, Sleeper sleeper) {
        this.settings = settings;
        this.sleeper = sleeper;
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();
        this.intervalNanos = settings.requestsPerSecond() > 0 ? (long) (1e9 / settings.requestsPerSecond()) : 0;
    }

    public SourceClient(SourceSettings settings) {
        this(settings, duration -> Thread.sleep(duration));
    }

    public Response get(String pathOrUrl) {
        return send("GET", pathOrUrl, null);
    }

    public Response post(String pathOrUrl, JsonNode body) {
        return send("POST", pathOrUrl, body.toString());
    }

    /** The body of a 2xx answer; a 404 is a {@link SyncException} here. */
    public JsonNode json(Response response, String what) {
        if (response.status() / 100 != 2) {
            throw new SyncException(what + ": the source answered " + response.status() + " " + errorText(response.body()), null);
        }
        return response.body();
    }

    /**
     * A path of the source ({@code /v2/...}), or a URL the source handed out (a Link header): only its path
     * and query are kept, so that a source behind a proxy or a load balancer is always reached at the
     * configured URL, whatever host it writes into its links.
     */
    URI resolve(String pathOrUrl) {
        if (!pathOrUrl.startsWith("http")) {
            return URI.create(settings.url() + pathOrUrl);
        }
        URI given = URI.create(pathOrUrl);
        return URI.create(settings.url() + given.getRawPath() + (given.getRawQuery() == null ? "" : "?" + given.getRawQuery()));
    }

    private Response send(String method, String pathOrUrl, String body) {
        URI uri = resolve(pathOrUrl);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(120))
                .header("Authorization", "OAuth " + settings.token())
                .header(settings.cloudOrganization() ? "X-Cloud-Org-ID" : "X-Org-ID", settings.organization())
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        HttpRequest request = builder.build();
        Duration backoff = FIRST_BACKOFF;
        for (int attempt = 1; ; attempt++) {
            pace();
            String failure;
            Duration wait;
            try {
                HttpResponse<String> raw = client.send(request, HttpResponse.BodyHandlers.ofString());
                int status = raw.statusCode();
                Response response = new Response(status, parse(raw.body()), raw);
                if (status == 401 || status == 403) {
                    throw new SourceRejectedException("the source " + settings.url() + " refused the "
                            + (status == 401 ? "token" : "token or organization '" + settings.organization() + "'") + " (" + status + " "
                            + errorText(response.body()) + ")");
                }
                if (status / 100 == 2 || status == 404) {
                    return response;
                }
                if (status != 429 && status != 503 && status != 500 && status != 502 && status != 504) {
                    throw new SyncException(method + " " + uri + ": the source answered " + status + " " + errorText(response.body()), null);
                }
                failure = method + " " + uri + " answered " + status;
                wait = status == 429 || status == 503 ? retryAfter(raw).orElse(backoff) : backoff;
            }
            catch (IOException e) {
                failure = method + " " + uri + " failed: " + e;
                wait = backoff;
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SyncException("interrupted", e);
            }
            if (attempt == MAX_ATTEMPTS || wait.compareTo(MAX_RETRY_AFTER) > 0) {
                throw new SyncException(failure + " (gave up after " + attempt + " attempts)", null);
            }
            holdAll(wait);
            sleep(wait);
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    /** {@code Retry-After} as seconds or as an HTTP date (RFC 9110 10.2.3). */
    static Optional<Duration> retryAfter(HttpResponse<?> response) {
        Optional<String> value = response.headers().firstValue("Retry-After").map(String::strip);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (value.get().matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value.get())));
        }
        try {
            Duration until = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(value.get(), DateTimeFormatter.RFC_1123_DATE_TIME));
            return Optional.of(until.isNegative() ? Duration.ZERO : until);
        }
        catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    // Spaces requests at least 1/rate apart, and holds all of them while the source asked for a pause; the
    // slot is taken under the lock, the wait is spent outside it.
    private void pace() {
        long waitNanos;
        synchronized (this) {
            long now = System.nanoTime();
            long slot = Math.max(now, nextRequestAt);
            nextRequestAt = slot + intervalNanos;
            waitNanos = slot - now;
        }
        if (waitNanos > 0) {
            try {
                Thread.sleep(Duration.ofNanos(waitNanos));
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SyncException("interrupted", e);
            }
        }
    }

    /** A 429 or 503 is about the whole client, not one request: no thread sends before the wait is over. */
    private synchronized void holdAll(Duration wait) {
        nextRequestAt = Math.max(nextRequestAt, System.nanoTime() + wait.toNanos());
    }

    private void sleep(Duration wait) {
        try {
            sleeper.sleep(wait);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SyncException("interrupted", e);
        }
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        }
        catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    /** Tracker's {@code errorMessages}, or nothing when the body has none. */
    private static String errorText(JsonNode body) {
        JsonNode messages = body.path("errorMessages");
        if (!messages.isArray() || messages.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        messages.forEach(message -> text.append(text.isEmpty() ? "" : "; ").append(message.asText()));
        return text.toString();
    }
}
