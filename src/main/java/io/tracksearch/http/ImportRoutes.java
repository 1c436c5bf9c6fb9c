package io.tracksearch.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tracksearch.issue.IssueImporter;
import io.tracksearch.model.Issue;
import io.tracksearch.search.ResolvedSearch;
import io.tracksearch.search.SearchService;
import io.tracksearch.store.Snapshot;

import java.io.InputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Moving issues in and out:
 * <ul>
 *   <li>{@code POST /v2/issues/_import}: Tracker's single-issue import (one issue JSON, keeps createdAt and
 *       createdBy), answered 201 with the issue;</li>
 *   <li>{@code POST /v2/issues/_bulkImport} (beyond Tracker): NDJSON, one issue a line in the shape GET
 *       returns or the flat form, streamed (not subject to the body size limit); answers the counts, and
 *       everything counted as imported is durable;</li>
 *   <li>{@code POST /v2/issues/_export} (beyond Tracker): any {@code _search} body; the whole result from
 *       one snapshot as NDJSON, each line exactly what GET returns, so that {@code _bulkImport} of the
 *       file into another server gives the same issues. Constant memory: read and written a page at a time.</li>
 * </ul>
 */
final class ImportRoutes {
    /** Issues read from the snapshot and rendered per step of an export. */
    private static final int EXPORT_PAGE = 1000;

    private final Api api;
    private final IssueImporter importer;
    private final SearchService search;
    private final IssueRenderer renderer;
    private final Clock clock;

    ImportRoutes(Api api, IssueImporter importer, SearchService search, IssueRenderer renderer, Clock clock) {
        this.api = api;
        this.importer = importer;
        this.search = search;
        this.renderer = renderer;
        this.clock = clock;
    }

    private static final String BULK_PATH = "/issues/_bulkImport";

    void register(RoutesConfig routes, String prefix) {
        routes.post(prefix + "/issues/_import", this::importOne);
        routes.post(prefix + BULK_PATH, this::importLines);
        routes.post(prefix + "/issues/_export", this::export);
    }

    /** Whether a request path is the bulk import, whose body streams and has no size limit. */
    static boolean isImport(String path) {
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return trimmed.endsWith(BULK_PATH);
    }

    private void importOne(Context ctx) {
        JsonNode body = Json.object(ctx.bodyAsBytes(), false);
        Issue issue = importer.importOne(body, clock.millis());
        Urls urls = api.urls(ctx);
        ctx.header("Location", urls.issue(issue.key()));
        Api.json(ctx, 201, renderer.one(issue, urls, Set.of()));
    }

    private void importLines(Context ctx) throws IOException {
        IssueImporter.Result result;
        try (InputStream body = ctx.req().getInputStream()) {
            result = importer.importLines(body, count -> { });
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("imported", result.imported());
        body.put("rejected", result.rejected());
        body.put("problems", result.problems());
        Api.json(ctx, 200, Json.bytes(body));
    }

    private void export(Context ctx) throws IOException {
        JsonNode body = Json.object(ctx.bodyAsBytes(), true);
        ResolvedSearch resolved = search.resolve(Api.caller(ctx), body, ctx.queryParam("order"));
        Urls urls = api.urls(ctx);
        try (Snapshot snapshot = search.snapshot(resolved)) {
            ctx.status(200);
            ctx.contentType("application/x-ndjson");
            ctx.header("X-Total-Count", Long.toString(snapshot.size()));
            OutputStream out = ctx.outputStream();
            for (long position = 0; position < snapshot.size(); position += EXPORT_PAGE) {
                List<Issue> issues = snapshot.read(position, EXPORT_PAGE);
                renderer.lines(issues, urls, out);
            }
            out.flush();
        }
    }
}
