package io.tracksearch.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tracksearch.error.TrackerException;
import io.tracksearch.scroll.ScrollLimits;
import io.tracksearch.scroll.ScrollPage;
import io.tracksearch.scroll.Scrolls;
import io.tracksearch.search.ResolvedSearch;
import io.tracksearch.search.SearchMode;
import io.tracksearch.search.SearchService;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scrolling on POST /v2/issues/_search (spec 5) and POST /v2/system/search/scroll/_clear (spec 6).
 * The first request (scrollType) freezes a snapshot; continuations (scrollId) ignore the body.
 */
final class ScrollRoutes {
    private final Api api;
    private final SearchService search;
    private final Scrolls scrolls;
    private final IssueRenderer renderer;
    private final ScrollReadAhead readAhead;
    private final String organization;

    ScrollRoutes(Api api, SearchService search, Scrolls scrolls, IssueRenderer renderer, ScrollReadAhead readAhead, String organization) {
        this.api = api;
        this.search = search;
        this.scrolls = scrolls;
        this.renderer = renderer;
        this.readAhead = readAhead;
        this.organization = organization;
    }

    void register(RoutesConfig routes, String prefix) {
        routes.post(prefix + "/system/search/scroll/_clear", this::clear);
    }

    static boolean isScroll(Context ctx) {
        return ctx.queryParam("scrollId") != null || ctx.queryParam("scrollType") != null;
    }

    /** Serves a scroll request of _search: a continuation when scrollId is present, else a new scroll. */
    void scroll(Context ctx) {
        ScrollLimits limits = scrolls.limits();
        long ttl = Paging.integer(ctx, "scrollTTLMillis", (int) limits.defaultTtl().toMillis(), 1, Integer.MAX_VALUE);
        ttl = Math.min(ttl, limits.maxTtl().toMillis());
        List<String> expand = Api.expandParameters(ctx);
        ScrollPage page;
        String scrollId = ctx.queryParam("scrollId");
        if (scrollId != null) {
            page = scrolls.next(Api.caller(ctx), organization, scrollId, emptyToNull(ctx.queryParam("scrollToken")), ttl, expand);
        }
        else {
            JsonNode body = Json.object(ctx.bodyAsBytes(), true);
            SearchMode mode = search.mode(body);
            SearchService.requireScrollable(mode);
            String type = ctx.queryParam("scrollType").strip().toLowerCase(Locale.ROOT);
            if (!type.equals("sorted") && !type.equals("unsorted")) {
                throw TrackerException.invalidParameter("scrollType", "must be sorted or unsorted");
            }
            int perScroll = Paging.integer(ctx, "perScroll", limits.defaultPerScroll(), 1, Integer.MAX_VALUE);
            perScroll = Math.min(perScroll, limits.maxPerScroll());
            ResolvedSearch resolved = search.resolve(Api.caller(ctx), body, ctx.queryParam("order"));
            List<String> firstExpand = SearchRoutes.expand(ctx, body);
            page = scrolls.open(Api.caller(ctx), organization, resolved.condition(), type.equals("sorted") ? resolved.sort() : null,
                    new Scrolls.Options(type, perScroll, ttl, firstExpand));
        }
        Urls urls = api.urls(ctx);
        String path = urls.base() + ctx.path();
        String expandSuffix = page.expand().isEmpty() ? "" : "&expand=" + URLEncoder.encode(String.join(",", page.expand()), StandardCharsets.UTF_8);
        ctx.header("X-Total-Count", Long.toString(page.totalCount()));
        List<String> links = new ArrayList<>();
        links.add("<" + path + "?scrollType=" + page.type() + "&perScroll=" + page.perScroll() + "&scrollTTLMillis=" + page.ttlMillis()
                + expandSuffix + ">; rel=\"first\"");
        if (!page.isLast()) {
            ctx.header("X-Scroll-Id", page.nextScrollId());
            ctx.header("X-Scroll-Token", page.nextScrollToken());
            links.add("<" + path + "?scrollId=" + page.nextScrollId() + "&scrollToken=" + page.nextScrollToken()
                    + "&scrollTTLMillis=" + page.ttlMillis() + expandSuffix + ">; rel=\"next\"");
        }
        ctx.header("Link", String.join(", ", links));
        byte[] body = scrollId == null ? null : readAhead.take(scrollId, page, urls);
        if (body == null) {
            body = renderer.list(page.issues(), urls, IssueRenderer.expansions(page.expand()));
        }
        readAhead.after(Api.caller(ctx), page, urls, ttl);   // the next page is prepared while this one travels
        Api.json(ctx, 200, body);
    }

    private void clear(Context ctx) {
        JsonNode body = Json.object(ctx.bodyAsBytes(), true);
        Map<String, String> pairs = new LinkedHashMap<>();
        boolean literalForm = body.has("scrollId") && body.size() <= 2
                && (body.size() == 1 || body.has("scrollToken"));
        if (literalForm) {
            pairs.put(text(body, "scrollId"), body.has("scrollToken") ? text(body, "scrollToken") : null);
        }
        else {
            for (var fields = body.fields(); fields.hasNext(); ) {
                var field = fields.next();
                pairs.put(field.getKey(), text(body, field.getKey()));
            }
        }
        scrolls.clear(Api.caller(ctx), organization, pairs);
        readAhead.forget(pairs.keySet());
        ctx.status(200).result("");
    }

    private static String text(JsonNode body, String name) {
        JsonNode value = body.get(name);
        if (!value.isTextual()) {
            throw TrackerException.invalidParameter(name, "must be a string");
        }
        return value.asText();
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
