package io.tracksearch.http;

import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.tracksearch.auth.Authenticator;
import io.tracksearch.error.Message;
import io.tracksearch.error.TrackerException;
import io.tracksearch.issue.IssueImporter;
import io.tracksearch.issue.IssueService;
import io.tracksearch.issue.QueueService;
import io.tracksearch.model.Users;
import io.tracksearch.scroll.Scrolls;
import io.tracksearch.search.SearchService;
import io.tracksearch.store.IssueStore;

import java.util.List;
import java.util.Map;

/**
 * The HTTP face of tracksearch: one Javalin instance, every route under /v2 and identically under /v3
 * (spec 0.1), authentication before routing (spec 1.3 check order), and every error in the Tracker
 * format through {@link ErrorWriter}.
 */
public final class TrackerServer implements AutoCloseable {
    static final String JSON_CONTENT_TYPE = "application/json;charset=UTF-8";
    private static final List<String> VERSIONS = List.of("/v2", "/v3");

    private final Javalin javalin;
    private final HttpSettings settings;

    public TrackerServer(HttpSettings settings, Authenticator authenticator, Users users, IssueStore store,
            QueueService queues, IssueService issues, IssueImporter importer, SearchService search, Scrolls scrolls) {
        this.settings = settings;
        Api api = new Api(settings.publicUrl());
        ErrorWriter errors = new ErrorWriter();
        IssueRenderer renderer = new IssueRenderer(store, users);
        IssueRoutes issueRoutes = new IssueRoutes(api, issues, renderer);
        QueueRoutes queueRoutes = new QueueRoutes(api, queues, renderer);
        DirectoryRoutes directoryRoutes = new DirectoryRoutes(api, users);
        ImportRoutes importRoutes = new ImportRoutes(importer);
        ScrollRoutes scrollRoutes = new ScrollRoutes(api, search, scrolls, renderer, authenticator.organizationId());
        SearchRoutes searchRoutes = new SearchRoutes(api, search, renderer, scrollRoutes);
        WebPage webPage = new WebPage();
        this.javalin = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.router.ignoreTrailingSlashes = true;
            config.router.treatMultipleSlashesAsSingleSlash = true;
            config.http.prefer405over404 = true;
            config.http.maxRequestSize = settings.maxBodyBytes();
            config.http.defaultContentType = JSON_CONTENT_TYPE;
            config.jetty.host = settings.host();
            config.jetty.port = settings.port();
            RoutesConfig routes = config.routes;
            routes.before(ctx -> authenticate(authenticator, ctx));
            webPage.register(routes);
            for (String prefix : VERSIONS) {
                issueRoutes.register(routes, prefix);
                queueRoutes.register(routes, prefix);
                directoryRoutes.register(routes, prefix);
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

    public TrackerServer start() {
        javalin.start();
        return this;
    }

    /** The bound port (useful when started on port 0). */
    public int port() {
        return javalin.port();
    }

    public String url() {
        return "http://" + (settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host()) + ":" + port();
    }

    @Override
    public void close() {
        javalin.stop();
    }

    private static void authenticate(Authenticator authenticator, Context ctx) {
        if (WebPage.isPublic(ctx)) {
            return;   // the page's own files: it asks for the token, so it must load without one
        }
        ctx.attribute(Api.CALLER, authenticator.authenticate(ctx.header("Authorization"), ctx.header("X-Org-ID"),
                ctx.header("X-Cloud-Org-ID")));
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
            default -> exception.getMessage();
        };
        errors.respond(ctx, status, Map.of(), message);
    }

    private static void notFound(ErrorWriter errors, Context ctx) {
        if (ctx.result() == null || ctx.result().isEmpty()) {
            errors.respond(ctx, 404, Map.of(), Message.ROUTE_NOT_FOUND.in(ErrorWriter.language(ctx), ctx.path()));
        }
    }

}
