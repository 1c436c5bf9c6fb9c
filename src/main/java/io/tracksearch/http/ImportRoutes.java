package io.tracksearch.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tracksearch.issue.IssueImporter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * POST /v2/issues/_import: the bulk import of {@link IssueImporter} over HTTP, NDJSON body streamed
 * (not subject to the body size limit). Answers the counts; everything counted as imported is durable.
 */
final class ImportRoutes {
    private final IssueImporter importer;

    ImportRoutes(IssueImporter importer) {
        this.importer = importer;
    }

    private static final String PATH = "/issues/_import";

    void register(RoutesConfig routes, String prefix) {
        routes.post(prefix + PATH, this::importIssues);
    }

    /** Whether a request path is the import, whose body streams and has no size limit. */
    static boolean isImport(String path) {
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return trimmed.endsWith(PATH);
    }

    private void importIssues(Context ctx) throws IOException {
        IssueImporter.Result result;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(ctx.req().getInputStream(), StandardCharsets.UTF_8))) {
            result = importer.importLines(reader, count -> { });
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("imported", result.imported());
        body.put("rejected", result.rejected());
        body.put("problems", result.problems());
        Api.json(ctx, 200, Json.bytes(body));
    }
}
