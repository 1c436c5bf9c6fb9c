package io.tracksearch.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tracksearch.cli.Application;

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
 * A real tracksearch server on a free loopback port with its own temporary data directory, and a
 * small HTTP client that sends what real clients send (OAuth token, X-Org-Id).
 */
public final class TestServer implements AutoCloseable {
    public static final String ORGANIZATION = "test-org";
    public static final ObjectMapper JSON = new ObjectMapper();

    private final Path dataDirectory;
    private final Application application;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    public final String adminToken;

    private TestServer(Path dataDirectory, Application application, String adminToken) {
        this.dataDirectory = dataDirectory;
        this.application = application;
        this.adminToken = adminToken;
    }

    public static TestServer start() {
        return start(io.tracksearch.scroll.ScrollLimits.DEFAULT);
    }

    public static TestServer start(io.tracksearch.scroll.ScrollLimits scrollLimits) {
        try {
            Path directory = Files.createTempDirectory("tracksearch-test");
            io.tracksearch.auth.UserRegistry users = new io.tracksearch.auth.UserRegistry(directory);
            String token = users.add("admin", "Admin", "Adminson", "admin@example.com", List.of(), null);
            Application application = Application.start(new Application.Settings(
                    new HttpSettings("127.0.0.1", 0, null, HttpSettings.DEFAULT_MAX_BODY_BYTES), directory, ORGANIZATION, scrollLimits));
            return new TestServer(directory, application, token);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return application.url();
    }

    public Path dataDirectory() {
        return dataDirectory;
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
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : url() + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "OAuth " + token);
            request.header("X-Org-Id", ORGANIZATION);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return new Response(client.send(request.build(), HttpResponse.BodyHandlers.ofString()));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
        try (Stream<Path> files = Files.walk(dataDirectory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (IOException ignored) {
            // a leftover temporary directory is harmless
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
