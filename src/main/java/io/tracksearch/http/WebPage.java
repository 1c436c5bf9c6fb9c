package io.tracksearch.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The web search page at {@code /}: a fixed list of static files from {@code src/main/resources/web},
 * read once at start. These GETs are the only requests served without a token (the page asks for one
 * and sends it with every API call); any other path still goes through authentication and answers in
 * the Tracker error format. The page uses only the public API: it has no endpoints of its own.
 */
final class WebPage {
    /** URL path -> resource under /web; a new asset must be listed here (WebAssetsTest checks it). */
    static final Map<String, String> ASSETS = assetList();

    /** Nothing outside this server: no fonts, scripts or images from the internet, no framing by other sites. */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'";

    private final Map<String, byte[]> contents = new LinkedHashMap<>();

    WebPage() {
        ASSETS.forEach((path, resource) -> contents.put(path, read(resource)));
    }

    void register(RoutesConfig routes) {
        for (String path : ASSETS.keySet()) {
            // the registered path, not ctx.path(): routing also matches "/web//main.js" and "/web/main.js/"
            routes.get(path, ctx -> serve(ctx, path));
        }
    }

    /** True for a GET or HEAD of one of the listed assets: the page must load before anyone signs in. */
    static boolean isPublic(Context ctx) {
        HandlerType method = ctx.method();
        return (method == HandlerType.GET || method == HandlerType.HEAD) && ASSETS.containsKey(ctx.path());
    }

    private void serve(Context ctx, String path) {
        ctx.status(200)
                .contentType(contentType(path))
                .header("Cache-Control", "no-cache")   // revalidate, so a new jar's page is seen at once
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .result(contents.get(path));
    }

    private static Map<String, String> assetList() {
        Map<String, String> assets = new LinkedHashMap<>();
        assets.put("/", "index.html");
        for (String file : new String[] {"app.css", "favicon.svg", "main.js", "api.js", "session.js", "i18n.js", "values.js",
                "query-text.js", "query-box.js", "completion.js", "filter-chips.js", "results-table.js", "issue-scroll.js",
                "issue-panel.js", "export.js", "columns.js", "catalogues.js"}) {
            assets.put("/web/" + file, file);
        }
        return Map.copyOf(assets);
    }

    private static String contentType(String path) {
        if (path.endsWith(".js")) {
            return "text/javascript;charset=UTF-8";
        }
        if (path.endsWith(".css")) {
            return "text/css;charset=UTF-8";
        }
        if (path.endsWith(".svg")) {
            return "image/svg+xml";
        }
        return "text/html;charset=UTF-8";
    }

    private static byte[] read(String resource) {
        try (InputStream in = WebPage.class.getResourceAsStream("/web/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("web asset missing from the jar: " + resource);
            }
            return in.readAllBytes();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
