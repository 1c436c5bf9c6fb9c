package io.tracksearch.http;

/**
 * Settings of the HTTP layer.
 *
 * @param host address to bind, e.g. 127.0.0.1
 * @param port port to bind; 0 picks a free one
 * @param publicUrl base of the absolute URLs the server emits; null means scheme://Host of each request
 * @param maxBodyBytes largest accepted request body (bulk import streams and has no limit)
 * @param limits threads, queues, timeouts and the failed-authentication throttle
 */
public record HttpSettings(String host, int port, String publicUrl, long maxBodyBytes, ServerLimits limits) {
    public static final long DEFAULT_MAX_BODY_BYTES = 8L * 1024 * 1024;

    public HttpSettings {
        if (publicUrl != null && publicUrl.endsWith("/")) {
            publicUrl = publicUrl.substring(0, publicUrl.length() - 1);
        }
    }

    public HttpSettings(String host, int port, String publicUrl, long maxBodyBytes) {
        this(host, port, publicUrl, maxBodyBytes, ServerLimits.DEFAULT);
    }
}
