package io.tracksearch.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tracksearch.issue.QueueService;
import io.tracksearch.model.Catalog;
import io.tracksearch.model.Queue;

import java.io.IOException;
import java.util.List;

/** Queue endpoints (spec 9.6). */
final class QueueRoutes {
    private final Api api;
    private final QueueService queues;
    private final IssueRenderer renderer;

    QueueRoutes(Api api, QueueService queues, IssueRenderer renderer) {
        this.api = api;
        this.queues = queues;
        this.renderer = renderer;
    }

    void register(RoutesConfig routes, String prefix) {
        routes.post(prefix + "/queues", this::create);
        routes.get(prefix + "/queues", this::list);
        routes.get(prefix + "/queues/{key}", this::get);
    }

    private void create(Context ctx) {
        Queue queue = queues.create(Api.caller(ctx), Json.object(ctx.bodyAsBytes(), false));
        Urls urls = api.urls(ctx);
        ctx.header("Location", urls.queue(queue.key()));
        Api.json(ctx, 201, Json.write(generator -> write(generator, urls, queue)));
    }

    private void get(Context ctx) {
        Queue queue = queues.get(ctx.pathParam("key"));
        Urls urls = api.urls(ctx);
        Api.json(ctx, 200, Json.write(generator -> write(generator, urls, queue)));
    }

    private void list(Context ctx) {
        List<Queue> all = queues.list();
        Urls urls = api.urls(ctx);
        Api.json(ctx, 200, Json.write(generator -> {
            generator.writeStartArray();
            for (Queue queue : all) {
                write(generator, urls, queue);
            }
            generator.writeEndArray();
        }));
    }

    private void write(JsonGenerator g, Urls urls, Queue queue) throws IOException {
        g.writeStartObject();
        g.writeStringField("self", urls.queue(queue.key()));
        g.writeNumberField("id", queue.id());
        g.writeStringField("key", queue.key());
        g.writeNumberField("version", queue.version());
        g.writeStringField("name", queue.name());
        if (queue.description() != null) {
            g.writeStringField("description", queue.description());
        }
        g.writeFieldName("lead");
        renderer.user(g, urls, queue.lead());
        g.writeBooleanField("assignAuto", false);
        g.writeBooleanField("allowExternals", false);
        IssueRenderer.catalog(g, urls, "defaultType", Catalog.ISSUE_TYPES, queue.defaultType());
        IssueRenderer.catalog(g, urls, "defaultPriority", Catalog.PRIORITIES, queue.defaultPriority());
        g.writeEndObject();
    }
}
