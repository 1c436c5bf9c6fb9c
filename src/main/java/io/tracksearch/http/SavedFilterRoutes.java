package io.tracksearch.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tracksearch.search.SavedFilters;
import io.tracksearch.store.StoredObject;

import java.io.IOException;
import java.util.List;

/** Saved filters in Tracker's shape: {@code POST/GET /v2/filters}, {@code GET/PATCH /v2/filters/{id}}. */
final class SavedFilterRoutes {
    private final Api api;
    private final SavedFilters filters;
    private final IssueRenderer renderer;

    SavedFilterRoutes(Api api, SavedFilters filters, IssueRenderer renderer) {
        this.api = api;
        this.filters = filters;
        this.renderer = renderer;
    }

    void register(RoutesConfig routes, String prefix) {
        routes.post(prefix + "/filters", ctx -> write(ctx, 201, filters.create(Api.caller(ctx), Json.object(ctx.bodyAsBytes(), false))));
        routes.get(prefix + "/filters", this::list);
        routes.get(prefix + "/filters/{id}", ctx -> write(ctx, 200, filters.get(ctx.pathParam("id"))));
        routes.patch(prefix + "/filters/{id}", ctx -> write(ctx, 200, filters.update(Api.caller(ctx), ctx.pathParam("id"),
                Api.expectedVersion(ctx), Json.object(ctx.bodyAsBytes(), false))));
    }

    private void list(Context ctx) {
        Urls urls = api.urls(ctx);
        List<StoredObject> all = filters.list();
        Api.json(ctx, 200, Json.write(g -> {
            g.writeStartArray();
            for (StoredObject filter : all) {
                filter(g, urls, filter);
            }
            g.writeEndArray();
        }));
    }

    private void write(Context ctx, int status, StoredObject filter) {
        Urls urls = api.urls(ctx);
        Api.json(ctx, status, Json.write(g -> filter(g, urls, filter)));
    }

    private void filter(JsonGenerator g, Urls urls, StoredObject filter) throws IOException {
        var value = filter.value();
        g.writeStartObject();
        g.writeStringField("self", urls.api("filters/" + filter.id()));
        g.writeNumberField("id", filter.id());
        g.writeNumberField("version", filter.version());
        g.writeStringField("name", value.path("name").asText());
        for (String user : List.of("owner", "createdBy")) {
            g.writeFieldName(user);
            renderer.user(g, urls, value.path(user).asLong());
        }
        g.writeStringField("createdAt", IssueRenderer.timestamp(value.path("createdAt").asLong()));
        g.writeStringField("updatedAt", IssueRenderer.timestamp(value.path("updatedAt").asLong()));
        if (value.has("query")) {
            g.writeStringField("query", value.get("query").asText());
        }
        if (value.has("filter")) {
            g.writeFieldName("filter");
            g.writeTree(value.get("filter"));
        }
        g.writeEndObject();
    }
}
