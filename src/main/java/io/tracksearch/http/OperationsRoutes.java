package io.tracksearch.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tracksearch.error.Message;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * Routes for operators, outside the Tracker API: {@code GET /health/live} (the process answers),
 * {@code GET /health/ready} (the store is open and the server is not shutting down; 503 otherwise) and
 * {@code GET /metrics} (Prometheus text). Probes need no token, since load balancers and orchestrators
 * send none and the answer reveals nothing; /metrics needs a user's token but no organization, since
 * metrics describe the server, not an organization, and Prometheus before 3.0 cannot send custom headers.
 */
final class OperationsRoutes {
    static final String LIVE = "/health/live";
    static final String READY = "/health/ready";
    static final String METRICS = "/metrics";
    private static final Pattern REPEATED_SLASHES = Pattern.compile("/{2,}");
    /** Paths that bypass the request queue, so that probes and scrapes are answered under load. */
    static final List<String> PATHS = List.of(LIVE, READY, METRICS);

    /** What a path asks of the caller. */
    enum Access { OPEN, TOKEN, TOKEN_AND_ORGANIZATION }

    private final ServerMetrics metrics;
    private final BooleanSupplier ready;
    private final ErrorWriter errors;

    OperationsRoutes(ServerMetrics metrics, BooleanSupplier ready, ErrorWriter errors) {
        this.metrics = metrics;
        this.ready = ready;
        this.errors = errors;
    }

    void register(RoutesConfig routes) {
        routes.get(LIVE, ctx -> Api.json(ctx, 200, Json.bytes(Map.of("status", "live"))));
        routes.get(READY, this::ready);
        routes.get(METRICS, ctx -> ctx.status(200).contentType(ServerMetrics.CONTENT_TYPE)
                .result(metrics.scrape().getBytes(StandardCharsets.UTF_8)));
    }

    /** The access a request path needs, normalised as the router normalises it (repeated and trailing slashes). */
    static Access access(String path) {
        String normalised = path.contains("//") ? REPEATED_SLASHES.matcher(path).replaceAll("/") : path;
        if (normalised.length() > 1 && normalised.endsWith("/")) {
            normalised = normalised.substring(0, normalised.length() - 1);
        }
        return switch (normalised) {
            case LIVE, READY -> Access.OPEN;
            case METRICS -> Access.TOKEN;
            default -> Access.TOKEN_AND_ORGANIZATION;
        };
    }

    private void ready(Context ctx) {
        if (ready.getAsBoolean()) {
            Api.json(ctx, 200, Json.bytes(Map.of("status", "ready")));
            return;
        }
        ctx.header("Retry-After", Integer.toString(ErrorWriter.RETRY_AFTER_SECONDS));
        errors.respond(ctx, 503, Map.of(), Message.NOT_READY.in(ErrorWriter.language(ctx)));
    }
}
