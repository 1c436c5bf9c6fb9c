package io.tracksearch.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tracksearch.search.ResolvedSearch;
import io.tracksearch.search.SearchService;
import io.tracksearch.store.IssuePage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** POST /v2/issues/_search (paged) and POST /v2/issues/_count (spec 4, 7). */
final class SearchRoutes {
    private final Api api;
    private final SearchService search;
    private final IssueRenderer renderer;
    private final ScrollRoutes scrolls;
    private final SearchCache cache;
    private final Consumer<SearchCache.Outcome> cacheOutcomes;

    SearchRoutes(Api api, SearchService search, IssueRenderer renderer, ScrollRoutes scrolls, SearchCache cache,
            Consumer<SearchCache.Outcome> cacheOutcomes) {
        this.api = api;
        this.scrolls = scrolls;
        this.search = search;
        this.renderer = renderer;
        this.cache = cache;
        this.cacheOutcomes = cacheOutcomes;
    }

    void register(RoutesConfig routes, String prefix) {
        routes.post(prefix + "/issues/_search", this::search);
        routes.post(prefix + "/issues/_count", this::count);
        routes.post(prefix + "/issues/_validateQuery", this::validate);
    }

    private void search(Context ctx) {
        if (ScrollRoutes.isScroll(ctx)) {
            scrolls.scroll(ctx);
            return;
        }
        JsonNode body = Json.object(ctx.bodyAsBytes(), true);
        ResolvedSearch resolved = search.resolve(Api.caller(ctx), body, ctx.queryParam("order"));
        Paging paging = Paging.of(ctx);
        Urls urls = api.urls(ctx);
        Set<IssueRenderer.Expand> expansions = IssueRenderer.expansions(expand(ctx, body));
        Optional<SearchCache.Key> key = cache.key(ctx, resolved, paging, expansions, urls);   // before the search: see SearchCache
        Optional<SearchCache.Page> cached = key.flatMap(cache::get);
        SearchCache.Page answer;
        if (cached.isPresent()) {
            answer = cached.get();
        }
        else {
            IssuePage page = search.page(resolved, paging.offset(), paging.perPage());
            answer = new SearchCache.Page(renderer.list(page.issues(), urls, expansions), page.totalCount());
            key.ifPresent(found -> cache.put(found, answer));
        }
        cacheOutcomes.accept(key.isEmpty() ? SearchCache.Outcome.BYPASS : cached.isPresent() ? SearchCache.Outcome.HIT : SearchCache.Outcome.MISS);
        paging.writeHeaders(ctx, urls, answer.totalCount());
        Api.json(ctx, 200, answer.body());
    }

    private void count(Context ctx) {
        JsonNode body = Json.object(ctx.bodyAsBytes(), true);
        ResolvedSearch resolved = search.resolve(Api.caller(ctx), body, null);
        Api.json(ctx, 200, Long.toString(search.count(resolved)).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Beyond Tracker: takes a _search body and answers how it is understood (mode, resolved condition
     * tree, sort with its tie-breaker, the backend's compiled query), or the error the search would give.
     */
    private void validate(Context ctx) {
        JsonNode body = Json.object(ctx.bodyAsBytes(), true);
        ResolvedSearch resolved = search.resolve(Api.caller(ctx), body, ctx.queryParam("order"));
        Optional<String> compiled = search.explain(resolved);
        Api.json(ctx, 200, Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("mode", resolved.mode().name().toLowerCase(Locale.ROOT));
            g.writeFieldName("condition");
            ConditionJson.write(g, resolved.condition());
            g.writeFieldName("sort");
            ConditionJson.write(g, resolved.sort());
            if (compiled.isPresent()) {
                g.writeStringField("compiled", compiled.get());
            }
            g.writeEndObject();
        }));
    }

    /** expand from the query string merged with the older body form (string or array). */
    static List<String> expand(Context ctx, JsonNode body) {
        List<String> values = new ArrayList<>(Api.expandParameters(ctx));
        JsonNode fromBody = body.get("expand");
        if (fromBody != null && fromBody.isTextual()) {
            values.add(fromBody.asText());
        }
        else if (fromBody != null && fromBody.isArray()) {
            fromBody.forEach(value -> values.add(value.asText()));
        }
        return values;
    }
}
