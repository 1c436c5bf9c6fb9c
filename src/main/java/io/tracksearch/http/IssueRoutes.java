package io.tracksearch.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tracksearch.error.ErrorCode;
import io.tracksearch.error.Message;
import io.tracksearch.error.TrackerException;
import io.tracksearch.issue.IssueMover;
import io.tracksearch.issue.IssueService;
import io.tracksearch.model.Issue;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Issue endpoints: create, get, edit, find by unique, transitions (spec 9.1–9.5). */
final class IssueRoutes {
    // POST-only actions that share the issues/{key} path shape (spec decision 51: GET _search is 405).
    private static final Set<String> POST_ACTIONS = Set.of("_search", "_count", "_findbyunique", "_import", "_validatequery");

    private final Api api;
    private final IssueService issues;
    private final IssueMover mover;
    private final IssueRenderer renderer;

    IssueRoutes(Api api, IssueService issues, IssueMover mover, IssueRenderer renderer) {
        this.api = api;
        this.issues = issues;
        this.mover = mover;
        this.renderer = renderer;
    }

    void register(RoutesConfig routes, String prefix) {
        routes.post(prefix + "/issues", this::create);
        routes.post(prefix + "/issues/_findByUnique", this::findByUnique);
        routes.get(prefix + "/issues/{key}", this::get);
        routes.patch(prefix + "/issues/{key}", this::patch);
        routes.get(prefix + "/issues/{key}/transitions", this::transitions);
        routes.post(prefix + "/issues/{key}/transitions/{transition}/_execute", this::execute);
        routes.post(prefix + "/issues/{key}/_move", this::move);
    }

    private void create(Context ctx) {
        JsonNode body = Json.object(ctx.bodyAsBytes(), false);
        Issue issue = issues.create(Api.caller(ctx), body);
        Urls urls = api.urls(ctx);
        ctx.header("Location", urls.issue(issue.key()));
        Api.json(ctx, 201, renderer.one(issue, urls, IssueRenderer.expansions(Api.expandParameters(ctx))));
    }

    private void findByUnique(Context ctx) {
        String unique = ctx.queryParam("unique");
        if (unique == null || unique.isEmpty()) {
            throw TrackerException.invalidParameter("unique", "is required");
        }
        Issue issue = issues.findByUnique(unique);
        Api.json(ctx, 200, renderer.one(issue, api.urls(ctx), IssueRenderer.expansions(Api.expandParameters(ctx))));
    }

    private void get(Context ctx) {
        String key = ctx.pathParam("key");
        if (POST_ACTIONS.contains(key.toLowerCase(Locale.ROOT))) {
            ctx.header("Allow", "POST");
            throw new TrackerException(ErrorCode.METHOD_NOT_ALLOWED, Message.METHOD_NOT_ALLOWED, "GET", ctx.path());
        }
        Issue issue = issues.get(key);
        Api.json(ctx, 200, renderer.one(issue, api.urls(ctx), IssueRenderer.expansions(Api.expandParameters(ctx))));
    }

    private void patch(Context ctx) {
        Long expected = Api.expectedVersion(ctx);
        JsonNode body = Json.object(ctx.bodyAsBytes(), true);
        Issue issue = issues.patch(Api.caller(ctx), ctx.pathParam("key"), body, expected);
        Api.json(ctx, 200, renderer.one(issue, api.urls(ctx), IssueRenderer.expansions(Api.expandParameters(ctx))));
    }

    /**
     * Tracker's move: {@code queue} (key or id) is required; {@code initialStatus} and {@code move_all_fields}
     * (also spelt {@code moveAllFields}) are booleans, {@code notMovedFields} a comma-separated list of field
     * ids; {@code notify} and {@code notifyAuthor} are accepted and ignored (this server sends no mail).
     */
    private void move(Context ctx) {
        String queue = ctx.queryParam("queue");
        if (queue == null || queue.isBlank()) {
            throw TrackerException.invalidParameter("queue", "is required");
        }
        String notMoved = ctx.queryParam("notMovedFields");
        List<String> notMovedFields = notMoved == null ? List.of()
                : Arrays.stream(notMoved.split(",")).map(String::strip).filter(id -> !id.isEmpty()).toList();
        IssueMover.Options options = new IssueMover.Options(flag(ctx, "initialStatus"),
                flag(ctx, "move_all_fields") || flag(ctx, "moveAllFields"), notMovedFields);
        Issue issue = mover.move(Api.caller(ctx), ctx.pathParam("key"), queue.strip(), options);
        Api.json(ctx, 200, renderer.one(issue, api.urls(ctx), IssueRenderer.expansions(Api.expandParameters(ctx))));
    }

    /** A boolean query parameter: absent is false; anything but true/false is a 400. */
    private static boolean flag(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw TrackerException.invalidParameter(name, "must be true or false");
        };
    }

    private void transitions(Context ctx) {
        Issue issue = issues.get(ctx.pathParam("key"));
        Urls urls = api.urls(ctx);
        Api.json(ctx, 200, Json.write(generator -> IssueRenderer.transitions(generator, urls, issue)));
    }

    private void execute(Context ctx) {
        Long expected = Api.expectedVersion(ctx);
        JsonNode body = Json.object(ctx.bodyAsBytes(), true);
        Issue issue = issues.transition(Api.caller(ctx), ctx.pathParam("key"), ctx.pathParam("transition"), body, expected);
        Urls urls = api.urls(ctx);
        Api.json(ctx, 200, Json.write(generator -> IssueRenderer.transitions(generator, urls, issue)));
    }
}
