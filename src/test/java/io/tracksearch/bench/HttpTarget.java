package io.tracksearch.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Shared HTTP plumbing of the targets: one keep-alive HTTP/1.1 client per target. */
abstract class HttpTarget implements Target {
    protected final String baseUrl;
    protected final HttpClient client;

    HttpTarget(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** Adds target-specific headers (authorization...). */
    protected abstract HttpRequest.Builder headers(HttpRequest.Builder builder);

    /** {@code headers}: more headers, name then value. */
    protected HttpResponse<byte[]> send(String method, String path, HttpRequest.BodyPublisher body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = headers(HttpRequest.newBuilder(URI.create(baseUrl + path)))
                .timeout(Duration.ofMinutes(10))
                .header("Content-Type", "application/json")
                .method(method, body);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    protected HttpResponse<byte[]> post(String path, String body, String... headers) throws IOException, InterruptedException {
        return send("POST", path, HttpRequest.BodyPublishers.ofString(body), headers);
    }

    protected static HttpResponse<byte[]> ok(HttpResponse<byte[]> response) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(response.request().method() + " " + response.request().uri() + " -> "
                    + response.statusCode() + ": " + Json.preview(response.body()));
        }
        return response;
    }

    @Override
    public void close() {
        client.close();
    }
}
