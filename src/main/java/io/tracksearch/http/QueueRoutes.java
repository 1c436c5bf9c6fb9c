package io.tracksearch.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tracksearch.issue.QueueService;
import io.tracksearch.model.Catalog;
import io.tracksearch.model.Component;
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
        routes.post(prefix + "/components", this::createComponent);
    }

    /** Tracker's component object: the last component of the queue the create answered is the new one. */
    private void createComponent(Context ctx) {
        Queue queue = queues.createComponent(Json.object(ctx.bodyAsBytes(), false));
        Component component = queue.components().getLast();
        Urls urls = api.urls(ctx);
        Api.json(ctx, 201, Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("self", urls.api("components/" + component.id()));
            g.writeNumberField("id", component.id());
            g.writeNumberField("version", 1);
            g.writeStringField("name", component.name());
            reference(g, urls, "queue", queue);
            if (component.description() != null) {
                g.writeStringField("description", component.description());
            }
            if (component.lead() != null) {
                g.writeFieldName("lead");
                renderer.user(g, urls, component.lead());
            }
            g.writeBooleanField("assignAuto", false);
            g.writeEndObject();
        }));
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

    /** A queue as other objects refer to it: {@code {"self", "id", "key", "display"}}. */
    static void reference(JsonGenerator g, Urls urls, String field, Queue queue) throws IOException {
        g.writeObjectFieldStart(field);
        g.writeStringField("self", urls.queue(queue.key()));
        g.writeStringField("id", Long.toString(queue.id()));
        g.writeStringField("key", queue.key());
        g.writeStringField("display", queue.name());
        g.writeEndObject();
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
