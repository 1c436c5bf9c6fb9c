package io.tracksearch.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tracksearch.error.ErrorCode;
import io.tracksearch.error.Message;
import io.tracksearch.error.TrackerException;
import io.tracksearch.issue.IssueService;
import io.tracksearch.model.ChangeEvent;
import io.tracksearch.model.ChangeType;
import io.tracksearch.model.Issue;
import io.tracksearch.store.ChangelogQuery;
import io.tracksearch.store.IssueStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /v2/issues/{key}/changelog} (Tracker's get-changelog) and one entry by its id. Paging is by
 * entry id, as Tracker pages it: {@code perPage} (default 50) entries after the entry {@code id}, oldest
 * first, with a {@code Link} header to the first page and, when more entries follow, to the next one
 * ({@code id} = the last entry of this page). {@code field} and {@code type} keep the entries that
 * changed that field, or are of that type.
 */
final class ChangelogRoutes {
    private final Api api;
    private final IssueService issues;
    private final IssueStore store;
    private final ChangelogRenderer renderer;

    ChangelogRoutes(Api api, IssueService issues, IssueStore store, IssueRenderer issueRenderer) {
        this.api = api;
        this.issues = issues;
        this.store = store;
        this.renderer = new ChangelogRenderer(issueRenderer, store.fields());
    }

    void register(RoutesConfig routes, String prefix) {
        routes.get(prefix + "/issues/{key}/changelog", this::list);
        routes.get(prefix + "/issues/{key}/changelog/{id}", this::one);
    }

    private void list(Context ctx) {
        int perPage = Paging.integer(ctx, "perPage", Paging.DEFAULT_PER_PAGE, 1, Paging.MAX_PER_PAGE);
        String after = ctx.queryParam("id");
        long afterVersion = after == null ? 0 : version(after, "id");
        Optional<String> field = Optional.ofNullable(ctx.queryParam("field")).map(String::strip);
        if (field.isPresent() && store.fields().byId(field.get()).isEmpty()) {
            throw TrackerException.invalidParameter("field", "unknown field '" + field.get() + "'");
        }
        Optional<String> type = Optional.ofNullable(ctx.queryParam("type")).map(String::strip);
        if (type.isPresent() && !ChangeType.DOCUMENTED.contains(type.get())) {
            throw TrackerException.invalidParameter("type", "unknown change type '" + type.get() + "'");
        }
        Issue issue = issues.get(ctx.pathParam("key"));
        // one entry more than the page tells whether a next page exists
        List<ChangeEvent> events = new ArrayList<>(store.changelog(issue, new ChangelogQuery(afterVersion, perPage + 1, field, type)));
        boolean more = events.size() > perPage;
        List<ChangeEvent> page = more ? events.subList(0, perPage) : events;
        Urls urls = api.urls(ctx);
        String path = urls.base() + ctx.path();
        String first = Paging.withParameter(ctx.queryString(), "id", null);
        List<String> links = new ArrayList<>();
        links.add(link(path, first, "first"));
        if (more) {
            links.add(link(path, Paging.withParameter(first, "id", page.getLast().id()), "next"));
        }
        ctx.header("Link", String.join(", ", links));
        Api.json(ctx, 200, renderer.list(issue, page, urls));
    }

    private void one(Context ctx) {
        long version = version(ctx.pathParam("id"), "id");
        Issue issue = issues.get(ctx.pathParam("key"));
        ChangeEvent event = store.changelog(issue, new ChangelogQuery(version - 1, 1, Optional.empty(), Optional.empty()))
                .stream().filter(found -> found.id().equals(ctx.pathParam("id"))).findFirst()
                .orElseThrow(() -> new TrackerException(ErrorCode.NOT_FOUND, Message.plain("Changelog entry not found.")));
        Api.json(ctx, 200, renderer.one(issue, event, api.urls(ctx)));
    }

    private static String link(String path, String queryString, String relation) {
        return "<" + path + (queryString.isEmpty() ? "" : "?" + queryString) + ">; rel=\"" + relation + "\"";
    }

    /** The version an entry id names; 400 for text that is no entry id. */
    private static long version(String id, String parameter) {
        long version = ChangeEvent.versionOf(id.strip())
                .orElseThrow(() -> TrackerException.invalidParameter(parameter, "'" + id + "' is not a changelog entry id"));
        if (version < 1) {
            throw TrackerException.invalidParameter(parameter, "'" + id + "' is not a changelog entry id");
        }
        return version;
    }
}
