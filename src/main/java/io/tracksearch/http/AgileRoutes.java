package io.tracksearch.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tracksearch.agile.AgileService;
import io.tracksearch.agile.Board;
import io.tracksearch.agile.Project;
import io.tracksearch.agile.Sprint;
import io.tracksearch.agile.Version;
import io.tracksearch.error.TrackerException;
import io.tracksearch.issue.QueueService;
import io.tracksearch.model.Queue;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * Versions, boards, sprints and projects in Tracker's shapes: {@code /v2/versions} (and a queue's
 * {@code /v2/queues/{queue}/versions}), {@code /v2/boards} with their sprints, {@code /v2/sprints},
 * {@code /v2/projects}. Lists answer whole arrays, as Tracker does for these objects.
 */
final class AgileRoutes {
    private final Api api;
    private final AgileService agile;
    private final QueueService queues;
    private final IssueRenderer renderer;

    AgileRoutes(Api api, AgileService agile, QueueService queues, IssueRenderer renderer) {
        this.api = api;
        this.agile = agile;
        this.queues = queues;
        this.renderer = renderer;
    }

    /** Lists every object of a kind, each by the writer. */
    @FunctionalInterface
    private interface ObjectWriter<T> {
        void write(JsonGenerator g, Urls urls, T value) throws IOException;
    }

    void register(RoutesConfig routes, String prefix) {
        routes.post(prefix + "/versions", ctx -> created(ctx, agile.createVersion(body(ctx)), this::version));
        routes.get(prefix + "/versions", ctx -> list(ctx, agile.versions(ctx.queryParam("queue")), this::version));
        routes.get(prefix + "/versions/{id}", ctx -> one(ctx, agile.objects().version(ctx.pathParam("id")), this::version));
        routes.patch(prefix + "/versions/{id}", ctx -> one(ctx, agile.editVersion(ctx.pathParam("id"), Api.expectedVersion(ctx), body(ctx)),
                this::version));
        routes.get(prefix + "/queues/{queue}/versions", ctx -> list(ctx, agile.versions(ctx.pathParam("queue")), this::version));
        routes.post(prefix + "/boards", ctx -> created(ctx, agile.createBoard(body(ctx)), this::board));
        routes.get(prefix + "/boards", ctx -> list(ctx, agile.objects().boards(), this::board));
        routes.get(prefix + "/boards/{id}", ctx -> one(ctx, agile.objects().board(ctx.pathParam("id")), this::board));
        routes.get(prefix + "/boards/{id}/sprints", ctx -> list(ctx, agile.sprints(ctx.pathParam("id")), this::sprint));
        routes.post(prefix + "/boards/{id}/sprints", this::createSprintOfBoard);
        routes.post(prefix + "/sprints", ctx -> created(ctx, agile.createSprint(Api.caller(ctx), body(ctx)), this::sprint));
        routes.get(prefix + "/sprints/{id}", ctx -> one(ctx, agile.objects().sprint(ctx.pathParam("id")), this::sprint));
        routes.patch(prefix + "/sprints/{id}", ctx -> one(ctx, agile.editSprint(ctx.pathParam("id"), Api.expectedVersion(ctx), body(ctx)),
                this::sprint));
        routes.post(prefix + "/projects", ctx -> created(ctx, agile.createProject(Api.caller(ctx), body(ctx)), this::project));
        routes.get(prefix + "/projects", ctx -> list(ctx, agile.objects().projects(), this::project));
        routes.get(prefix + "/projects/{id}", ctx -> one(ctx, agile.objects().project(ctx.pathParam("id")), this::project));
    }

    /** {@code POST /v2/boards/{id}/sprints}: the board of the path; a body naming another board is refused. */
    private void createSprintOfBoard(Context ctx) {
        String board = Long.toString(agile.objects().board(ctx.pathParam("id")).id());
        ObjectNode body = (ObjectNode) body(ctx);
        JsonNode given = body.get("board");
        String named = given == null ? null : given.isObject() ? given.path("id").asText() : given.asText();
        if (named != null && !named.equals(board)) {
            throw TrackerException.invalidField("board", "the sprint is created on board " + board);
        }
        body.putObject("board").put("id", board);
        created(ctx, agile.createSprint(Api.caller(ctx), body), this::sprint);
    }

    private static JsonNode body(Context ctx) {
        return Json.object(ctx.bodyAsBytes(), false);
    }

    private <T> void created(Context ctx, T value, ObjectWriter<T> writer) {
        Urls urls = api.urls(ctx);
        Api.json(ctx, 201, Json.write(g -> writer.write(g, urls, value)));
    }

    private <T> void one(Context ctx, T value, ObjectWriter<T> writer) {
        Urls urls = api.urls(ctx);
        Api.json(ctx, 200, Json.write(g -> writer.write(g, urls, value)));
    }

    private <T> void list(Context ctx, List<T> values, ObjectWriter<T> writer) {
        Urls urls = api.urls(ctx);
        Api.json(ctx, 200, Json.write(g -> {
            g.writeStartArray();
            for (T value : values) {
                writer.write(g, urls, value);
            }
            g.writeEndArray();
        }));
    }

    private void version(JsonGenerator g, Urls urls, Version version) throws IOException {
        head(g, urls.api("versions/" + version.id()), version.id(), version.version());
        queue(g, urls, "queue", version.queue());
        g.writeStringField("name", version.name());
        optional(g, "description", version.description());
        optional(g, "startDate", version.startDate());
        optional(g, "dueDate", version.dueDate());
        g.writeBooleanField("released", version.released());
        g.writeBooleanField("archived", version.archived());
        g.writeEndObject();
    }

    private void board(JsonGenerator g, Urls urls, Board board) throws IOException {
        head(g, urls.api("boards/" + board.id()), board.id(), board.version());
        g.writeStringField("name", board.name());
        queue(g, urls, "defaultQueue", board.defaultQueue());
        if (board.settings() != null) {
            for (var setting : board.settings().properties()) {
                g.writeFieldName(setting.getKey());
                Json.MAPPER.writeTree(g, setting.getValue());
            }
        }
        g.writeEndObject();
    }

    private void sprint(JsonGenerator g, Urls urls, Sprint sprint) throws IOException {
        head(g, urls.api("sprints/" + sprint.id()), sprint.id(), sprint.version());
        g.writeStringField("name", sprint.name());
        g.writeObjectFieldStart("board");
        g.writeStringField("self", urls.api("boards/" + sprint.board()));
        g.writeStringField("id", Long.toString(sprint.board()));
        g.writeStringField("display", agile.objects().board(Long.toString(sprint.board())).name());
        g.writeEndObject();
        g.writeStringField("status", sprint.status().key());
        g.writeBooleanField("archived", sprint.archived());
        g.writeFieldName("createdBy");
        renderer.user(g, urls, sprint.createdBy());
        g.writeStringField("createdAt", IssueRenderer.TIMESTAMP.format(Instant.ofEpochMilli(sprint.createdAt())));
        g.writeStringField("startDate", sprint.startDate());
        g.writeStringField("endDate", sprint.endDate());
        g.writeEndObject();
    }

    private void project(JsonGenerator g, Urls urls, Project project) throws IOException {
        head(g, urls.api("projects/" + project.id()), project.id(), project.version());
        g.writeStringField("key", project.name());   // Tracker's projects have no key of their own: it shows the name
        g.writeStringField("name", project.name());
        optional(g, "description", project.description());
        if (project.lead() != null) {
            g.writeFieldName("lead");
            renderer.user(g, urls, project.lead());
        }
        g.writeStringField("status", project.status().key());
        optional(g, "startDate", project.startDate());
        optional(g, "endDate", project.endDate());
        g.writeEndObject();
    }

    private static void head(JsonGenerator g, String self, long id, long version) throws IOException {
        g.writeStartObject();
        g.writeStringField("self", self);
        g.writeNumberField("id", id);
        g.writeNumberField("version", version);
    }

    private static void optional(JsonGenerator g, String field, String value) throws IOException {
        if (value != null) {
            g.writeStringField(field, value);
        }
    }

    /** A queue reference by key; queues are never deleted. */
    private void queue(JsonGenerator g, Urls urls, String field, String key) throws IOException {
        QueueRoutes.reference(g, urls, field, queues.get(key));
    }
}
