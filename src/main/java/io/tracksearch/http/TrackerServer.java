package io.tracksearch.http;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.router.ParsedEndpoint;
import io.tracksearch.agile.AgileService;
import io.tracksearch.auth.AuthenticationThrottle;
import io.tracksearch.auth.Authenticator;
import io.tracksearch.error.ErrorCode;
import io.tracksearch.error.Message;
import io.tracksearch.error.TrackerException;
import io.tracksearch.issue.CommentService;
import io.tracksearch.issue.FieldService;
import io.tracksearch.issue.LinkService;
import io.tracksearch.issue.WorklogService;
import io.tracksearch.issue.IssueImporter;
import io.tracksearch.issue.IssueMover;
import io.tracksearch.issue.IssueService;
import io.tracksearch.issue.QueueService;
import io.tracksearch.model.User;
import io.tracksearch.model.Users;
import io.tracksearch.scroll.Scrolls;
import io.tracksearch.search.SavedFilters;
import io.tracksearch.search.SearchService;
import io.tracksearch.store.IssueStore;
import java.util.function.DoubleSupplier;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.server.ConnectionLimit;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The HTTP face of tracksearch: one Javalin instance, every route under /v2 and identically under /v3
 * (spec 0.1), authentication before routing (spec 1.3 check order), and every error in the Tracker
 * format through {@link ErrorWriter} (Javalin's) and {@link JettyErrorHandler} (Jetty's own).
 *
 * <p>Jetty underneath is bounded by {@link ServerLimits}: a fixed thread pool with a bounded job queue, at
 * most {@code maxConnections} connections, and a request queue ({@link QoSHandler}) in front of the routes
 * that answers 503 with Retry-After when full or after {@code maxQueueWait}. A {@link GracefulHandler}
 * lets {@link #close()} finish in-flight requests within {@code shutdownTimeout}. The operations routes
 * ({@link OperationsRoutes}) bypass the request queue so that probes and scrapes work under load.
 */
public final class TrackerServer implements AutoCloseable {
    static final String JSON_CONTENT_TYPE = "application/json;charset=UTF-8";
    private static final List<String> VERSIONS = List.of("/v2", "/v3");
    private static final long SHUTDOWN_IDLE_TIMEOUT_MILLIS = 1_000;
    /** Oversized bodies up to this size are read and dropped so that the client sees the 413 (see Guard). */
    private static final long DRAIN_LIMIT_BYTES = 64L * 1024 * 1024;
    /** A client that sends nothing for this long while its refused body is drained is cut off. */
    private static final long DRAIN_SILENCE_MILLIS = 2_000;

    /** One registered route: the method and the path template. */
    public record Route(String method, String path) {
    }

    private final Javalin javalin;
    private final HttpSettings settings;
    private final ServerMetrics metrics;
    private final AccessLog accessLog = new AccessLog();
    private volatile boolean stopping;
    private final ScrollReadAhead readAhead;

    public TrackerServer(HttpSettings settings, Authenticator authenticator, Users users, IssueStore store,
            QueueService queues, IssueService issues, AgileService agile, IssueImporter importer, SearchService search, Scrolls scrolls) {
        this.settings = settings;
        this.metrics = new ServerMetrics(store, scrolls);
        Api api = new Api(settings.publicUrl());
        ErrorWriter errors = new ErrorWriter();
        ServerLimits limits = settings.limits();
        AuthenticationThrottle throttle = new AuthenticationThrottle(limits.authFailureLimit(), limits.authFailureWindow(), System::nanoTime);
        Guard guard = new Guard(authenticator, throttle, settings.maxBodyBytes());
        IssueRenderer renderer = new IssueRenderer(store, users);
        IssueRoutes issueRoutes = new IssueRoutes(api, issues, new IssueMover(issues, queues, store, Clock.systemUTC()), renderer);
        IssueObjectRoutes objectRoutes = new IssueObjectRoutes(api, new CommentService(issues, Clock.systemUTC()),
                new LinkService(issues, store, Clock.systemUTC()), new WorklogService(issues, store, Clock.systemUTC()),
                renderer.objects());
        ChangelogRoutes changelogRoutes = new ChangelogRoutes(api, issues, store, renderer);
        QueueRoutes queueRoutes = new QueueRoutes(api, queues, renderer);
        FieldRoutes fieldRoutes = new FieldRoutes(api, new FieldService(store, queues));
        DirectoryRoutes directoryRoutes = new DirectoryRoutes(api, users);
        AgileRoutes agileRoutes = new AgileRoutes(api, agile, queues, renderer);
        SavedFilterRoutes filterRoutes = new SavedFilterRoutes(api, new SavedFilters(store, search, Clock.systemUTC()), renderer);
        ImportRoutes importRoutes = new ImportRoutes(api, importer, search, renderer, Clock.systemUTC());
        readAhead = new ScrollReadAhead(scrolls, renderer, authenticator.organizationId(), metrics::scrollReadAhead);
        ScrollRoutes scrollRoutes = new ScrollRoutes(api, search, scrolls, renderer, readAhead, authenticator.organizationId());
        SearchCache cache = new SearchCache(store, users, settings.searchCacheBytes());
        metrics.bindSearchCache(cache);
        SearchRoutes searchRoutes = new SearchRoutes(api, search, renderer, scrollRoutes, cache, metrics::searchCache);
        OperationsRoutes operations = new OperationsRoutes(metrics, () -> !stopping, errors);
        WebPage webPage = new WebPage();
        this.javalin = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.router.ignoreTrailingSlashes = true;
            config.router.treatMultipleSlashesAsSingleSlash = true;
            config.http.prefer405over404 = true;
            config.http.maxRequestSize = settings.maxBodyBytes();
            config.http.defaultContentType = JSON_CONTENT_TYPE;
            configureJetty(config, settings);
            config.requestLogger.http((ctx, millis) -> observe(ctx, millis));
            RoutesConfig routes = config.routes;
            routes.before(ctx -> guard.check(ctx));
            operations.register(routes);
            webPage.register(routes);
            for (String prefix : VERSIONS) {
                issueRoutes.register(routes, prefix);
                objectRoutes.register(routes, prefix);
                changelogRoutes.register(routes, prefix);
                queueRoutes.register(routes, prefix);
                fieldRoutes.register(routes, prefix);
                directoryRoutes.register(routes, prefix);
                agileRoutes.register(routes, prefix);
                filterRoutes.register(routes, prefix);
                importRoutes.register(routes, prefix);
                searchRoutes.register(routes, prefix);
                scrollRoutes.register(routes, prefix);
            }
            routes.exception(TrackerException.class, errors::write);
            routes.exception(HttpResponseException.class, (exception, ctx) -> frameworkError(errors, exception, ctx, settings.maxBodyBytes()));
            routes.exception(Exception.class, errors::unexpected);
            routes.error(404, ctx -> notFound(errors, ctx));
        });
    }

    private void configureJetty(JavalinConfig config, HttpSettings settings) {
        ServerLimits limits = settings.limits();
        // A fixed maximum of threads. The pool's job queue stays Jetty's default (it warns against a bounded one:
        // a rejected internal job stalls a connection); it is bounded in practice by the connection limit, and
        // requests are bounded by the QoS queue below, which answers 503 with Retry-After when full.
        QueuedThreadPool pool = new QueuedThreadPool(limits.maxThreads(), ServerLimits.RESERVED_THREADS);
        pool.setName("tracksearch-http");
        config.jetty.threadPool = pool;
        QoSHandler queue = new QoSHandler();
        queue.setMaxRequestCount(Math.min(limits.maxActiveRequests(), limits.maxThreads() - ServerLimits.RESERVED_THREADS));
        queue.setMaxSuspendedRequestCount(limits.maxQueuedRequests());
        queue.setMaxSuspend(limits.maxQueueWait());
        queue.excludePath(OperationsRoutes.PATHS.toArray(String[]::new));
        metrics.bindJetty(pool, queue);
        config.jetty.modifyServer(server -> {
            server.setErrorHandler(new JettyErrorHandler());
            server.setStopTimeout(limits.shutdownTimeout().toMillis());
            server.addBean(new ConnectionLimit(limits.maxConnections(), server));
            GracefulHandler graceful = new GracefulHandler(queue);
            // on stop, idle keep-alive connections are closed soon instead of holding the stop until their idle timeout
            graceful.setShutdownIdleTimeout(SHUTDOWN_IDLE_TIMEOUT_MILLIS);
            server.setHandler(graceful);
        });
        config.jetty.addConnector((server, http) -> {
            ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
            connector.setHost(settings.host());
            connector.setPort(settings.port());
            connector.setIdleTimeout(limits.idleTimeout().toMillis());
            connector.setAcceptQueueSize(ServerLimits.ACCEPT_QUEUE);
            return connector;
        });
        config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(new JettyErrorHandler()));
    }

    public TrackerServer start() {
        javalin.start();
        return this;
    }

    /** The bound port (useful when started on port 0). */
    public int port() {
        return javalin.port();
    }

    /**
     * Adds a gauge to {@code /metrics} for a part of the process the server does not know (the sync job of
     * {@code serve --sync-from}); name in Micrometer's dotted form, e.g. {@code tracksearch.sync.lag.seconds}.
     */
    public void gauge(String name, String description, DoubleSupplier value) {
        metrics.gauge(name, description, value);
    }

    public String url() {
        return "http://" + (settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host()) + ":" + port();
    }

    /** Every route the server answers (method and path template), so tests can cover all of them. */
    public List<Route> routes() {
        return javalin.unsafe.internalRouter.allHttpHandlers().stream().map(parsed -> parsed.endpoint)
                .filter(endpoint -> endpoint.method.isHttpMethod())
                .map(endpoint -> new Route(endpoint.method.name(), endpoint.path)).distinct().toList();
    }

    /**
     * Stops accepting, lets in-flight requests finish within the shutdown timeout (readiness answers 503
     * meanwhile), then stops Jetty. Idempotent.
     */
    @Override
    public void close() {
        stopping = true;
        javalin.stop();
        readAhead.close();
        metrics.close();
    }

    private void observe(Context ctx, float millis) {
        String route = routeTemplate(ctx);
        int status = ctx.statusCode();
        metrics.request(ctx.method().name(), route, status, (long) (millis * 1_000_000));
        User caller = Api.caller(ctx);
        accessLog.write(new AccessLog.Entry(Instant.now(), Api.requestId(ctx), caller == null ? null : caller.login(),
                ctx.method().name(), route, ctx.path(), status, millis));
    }

    /** The template of the route the request was for, or "unmatched": bounded, unlike raw paths. */
    private String routeTemplate(Context ctx) {
        var matched = ctx.endpoints().matchedHttpEndpoint();
        if (matched != null) {
            return matched.path;   // the router's own match: no second lookup per request
        }
        List<ParsedEndpoint> candidates = javalin.unsafe.internalRouter.findHttpHandlerEntries(ctx.method(), ctx.path());
        return candidates.stream().map(parsed -> parsed.endpoint).filter(endpoint -> endpoint.method.isHttpMethod())
                .map(endpoint -> endpoint.path).findFirst().orElse("unmatched");
    }

    // Javalin's own responses (unknown route, wrong method, body too large) in the Tracker format.
    private static void frameworkError(ErrorWriter errors, HttpResponseException exception, Context ctx, long maxBodyBytes) {
        String language = ErrorWriter.language(ctx);
        int status = exception.getStatus();
        if (status == 405) {
            // spec 2.2: a 405 names the methods the path does support
            String allowed = exception.getDetails().getOrDefault("availableMethods", exception.getDetails().get("Available methods"));
            if (allowed != null) {
                ctx.header("Allow", allowed.replace(" ", ""));
            }
        }
        String message = switch (status) {
            case 404 -> Message.ROUTE_NOT_FOUND.in(language, ctx.path());
            case 405 -> Message.METHOD_NOT_ALLOWED.in(language, ctx.method().name(), ctx.path());
            case 413 -> Message.BODY_TOO_LARGE.in(language, maxBodyBytes);
            default -> JettyErrorHandler.text(status, language);
        };
        errors.respond(ctx, status, Map.of(), message);
    }

    private static void notFound(ErrorWriter errors, Context ctx) {
        if (ctx.result() == null || ctx.result().isEmpty()) {
            errors.respond(ctx, 404, Map.of(), Message.ROUTE_NOT_FOUND.in(ErrorWriter.language(ctx), ctx.path()));
        }
    }

    /** Whether every charset parameter of a Content-Type names a charset this JVM has. */
    static boolean hasUsableCharset(String contentType) {
        if (contentType == null) {
            return true;
        }
        for (String parameter : contentType.split(";")) {
            String trimmed = parameter.strip();
            if (!trimmed.toLowerCase(Locale.ROOT).startsWith("charset")) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            if (equals < 0) {
                return false;
            }
            try {
                if (!Charset.isSupported(trimmed.substring(equals + 1).strip().replace("\"", ""))) {
                    return false;
                }
            }
            catch (IllegalArgumentException e) {
                return false; // IllegalCharsetNameException, or an empty name
            }
        }
        return true;
    }

    /**
     * Runs before every route: gives the request its id, refuses an address that failed to authenticate too
     * often (429 + Retry-After), then authenticates: API routes need a token and the organization, /metrics a
     * token only, health probes nothing. A body announced larger than the limit is refused (413) before a
     * byte of it is read, except on the streaming bulk import.
     */
    private record Guard(Authenticator authenticator, AuthenticationThrottle throttle, long maxBodyBytes) {
        void check(Context ctx) {
            ctx.header("X-Request-Id", Api.requestId(ctx));
            OperationsRoutes.Access access = OperationsRoutes.access(ctx.path());
            if (access == OperationsRoutes.Access.OPEN || WebPage.isPublic(ctx)) {
                return;   // health checks, and the page's own files: it asks for the token, so it loads without one
            }
            // the address only when some address failed lately (reading it was 2 % of a search's CPU)
            long wait = throttle.anyFailures() ? throttle.retryAfterSeconds(ctx.ip()) : 0;
            if (wait > 0) {
                ctx.header("Retry-After", Long.toString(wait));
                throw new TrackerException(ErrorCode.TOO_MANY_REQUESTS, Message.TOO_MANY_FAILED_AUTHENTICATIONS);
            }
            try {
                ctx.attribute(Api.CALLER, access == OperationsRoutes.Access.TOKEN
                        ? authenticator.authenticateToken(ctx.header("Authorization"))
                        : authenticator.authenticate(ctx.header("Authorization"), ctx.header("X-Org-ID"), ctx.header("X-Cloud-Org-ID")));
            }
            catch (TrackerException e) {
                if (e.code() == ErrorCode.NOT_AUTHENTICATED) {
                    throttle.failed(ctx.ip());
                }
                throw e;
            }
            if (!hasUsableCharset(ctx.header("Content-Type"))) {
                // Javalin fails with an IndexOutOfBoundsException on "charset" without a value
                throw new TrackerException(ErrorCode.BAD_REQUEST, Message.UNSUPPORTED_CHARSET);
            }
            long length = ctx.req().getContentLengthLong();
            if (length > maxBodyBytes && !ImportRoutes.isImport(ctx.path())) {
                if (length <= DRAIN_LIMIT_BYTES) {
                    refuseAndDrain(ctx);
                    return;
                }
                throw new HttpResponseException(413, "body too large");
            }
            if (!ImportRoutes.isImport(ctx.path()) && (length > 0 || ctx.header("Transfer-Encoding") != null)) {
                // Read the whole body before answering, also where the route ignores it (a scroll continuation:
                // clients re-send the first request's body). A response finished before its request's body
                // arrived leaves the connection unusable; Jetty closes it, the late body then makes the kernel
                // reset it, and the reset discards answer bytes the client had not read yet (a truncated page).
                ctx.bodyAsBytes();
            }
        }

        /**
         * Answers 413 at once (flushed, connection closing), then reads and drops a moderately oversized body:
         * closing a connection with unread bytes in its receive buffer makes the kernel send a reset, and a
         * client still writing its body would lose the 413 and see a dropped connection instead (nginx's
         * "lingering close"). A client that stops sending is given up after {@link #DRAIN_SILENCE_MILLIS}.
         */
        private void refuseAndDrain(Context ctx) {
            byte[] body = ErrorWriter.body(413, Map.of(), Message.BODY_TOO_LARGE.in(ErrorWriter.language(ctx), maxBodyBytes));
            try {
                ctx.res().setStatus(413);
                ctx.res().setContentType(JSON_CONTENT_TYPE);
                ctx.res().setHeader("Connection", "close");
                ctx.res().setContentLength(body.length);
                ctx.res().getOutputStream().write(body);
                ctx.res().flushBuffer();
                ServletContextRequest.getServletContextRequest(ctx.req()).getConnectionMetaData().getConnection()
                        .getEndPoint().setIdleTimeout(DRAIN_SILENCE_MILLIS);
                try (InputStream in = ctx.req().getInputStream()) {
                    in.transferTo(OutputStream.nullOutputStream());
                }
            }
            catch (IOException | RuntimeException e) {
                // the client went away or stalled: it has its 413, or wanted none
            }
            ctx.skipRemainingHandlers();
        }
    }
}
