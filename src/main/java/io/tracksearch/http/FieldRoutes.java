package io.tracksearch.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tracksearch.error.ErrorCode;
import io.tracksearch.error.Message;
import io.tracksearch.error.TrackerException;
import io.tracksearch.issue.FieldService;
import io.tracksearch.model.CustomField;
import io.tracksearch.model.IssueField;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Issue fields as Tracker describes them: {@code GET /v2/fields} (standard and global custom fields),
 * {@code GET /v2/fields/{id}}, {@code POST /v2/fields}, and a queue's local fields under
 * {@code /v2/queues/{queue}/localFields}. Standard fields come from the registry; custom ones from
 * {@link FieldService}, in Tracker's response shape.
 */
final class FieldRoutes {
    private final Api api;
    private final FieldService fields;

    FieldRoutes(Api api, FieldService fields) {
        this.api = api;
        this.fields = fields;
    }

    void register(RoutesConfig routes, String prefix) {
        routes.get(prefix + "/fields", this::list);
        routes.post(prefix + "/fields", this::createGlobal);
        routes.get(prefix + "/fields/{field}", this::one);
        routes.get(prefix + "/queues/{queue}/localFields", this::listLocal);
        routes.post(prefix + "/queues/{queue}/localFields", this::createLocal);
        routes.get(prefix + "/queues/{queue}/localFields/{key}", this::oneLocal);
    }

    private void list(Context ctx) {
        Urls urls = api.urls(ctx);
        Api.json(ctx, 200, Json.write(g -> {
            g.writeStartArray();
            for (IssueField field : IssueField.standardFields()) {
                if (!field.isDerived()) {   // derived fields exist for queries only: no issue has them
                    standard(g, urls, field);
                }
            }
            standardFavorite(g, urls);
            for (CustomField field : fields.global()) {
                custom(g, urls, field);
            }
            g.writeEndArray();
        }));
    }

    private void one(Context ctx) {
        String id = ctx.pathParam("field");
        Urls urls = api.urls(ctx);
        Optional<IssueField> standard = IssueField.byId(id).filter(field -> !field.isDerived());
        if (standard.isPresent()) {
            Api.json(ctx, 200, Json.write(g -> standard(g, urls, standard.get())));
            return;
        }
        CustomField custom = fields.global(id).orElseThrow(() -> new TrackerException(ErrorCode.NOT_FOUND, Message.FIELD_NOT_FOUND));
        Api.json(ctx, 200, Json.write(g -> custom(g, urls, custom)));
    }

    private void createGlobal(Context ctx) {
        CustomField created = fields.createGlobal(Json.object(ctx.bodyAsBytes(), false));
        Urls urls = api.urls(ctx);
        Api.json(ctx, 201, Json.write(g -> custom(g, urls, created)));
    }

    private void listLocal(Context ctx) {
        List<CustomField> local = fields.local(ctx.pathParam("queue"));
        Urls urls = api.urls(ctx);
        Api.json(ctx, 200, Json.write(g -> {
            g.writeStartArray();
            for (CustomField field : local) {
                custom(g, urls, field);
            }
            g.writeEndArray();
        }));
    }

    private void createLocal(Context ctx) {
        CustomField created = fields.createLocal(ctx.pathParam("queue"), Json.object(ctx.bodyAsBytes(), false));
        Urls urls = api.urls(ctx);
        Api.json(ctx, 201, Json.write(g -> custom(g, urls, created)));
    }

    private void oneLocal(Context ctx) {
        CustomField field = fields.local(ctx.pathParam("queue"), ctx.pathParam("key"));
        Urls urls = api.urls(ctx);
        Api.json(ctx, 200, Json.write(g -> custom(g, urls, field)));
    }

    private static void standard(JsonGenerator g, Urls urls, IssueField field) throws IOException {
        boolean readonly = !field.can(IssueField.Capability.CREATE) && !field.can(IssueField.Capability.EDIT);
        head(g, urls.api("fields/" + field.id()), field.id(), field.id(), field.displayName());
        schema(g, field.isMultiValued(), field.schemaType(), field.isRequired());
        g.writeBooleanField("readonly", readonly);
        g.writeStringField("type", "standard");
        g.writeEndObject();
    }

    /** {@code favorite}: rendered per caller, not stored, so not in the registry; listed for clients that read it. */
    private static void standardFavorite(JsonGenerator g, Urls urls) throws IOException {
        head(g, urls.api("fields/favorite"), "favorite", "favorite", "Favorite");
        schema(g, false, "boolean", false);
        g.writeBooleanField("readonly", true);
        g.writeStringField("type", "standard");
        g.writeEndObject();
    }

    /** Tracker's shape of a global or local field (create-field and get-local-fields responses). */
    private static void custom(JsonGenerator g, Urls urls, CustomField field) throws IOException {
        String self = field.isLocal() ? urls.api("queues/" + field.queue() + "/localFields/" + field.key())
                : urls.api("fields/" + field.id());
        head(g, self, field.id(), field.key(), field.nameEn());
        if (field.description() != null) {
            g.writeStringField("description", field.description());
        }
        schema(g, field.container(), field.schema(), false);
        g.writeBooleanField("readonly", field.readonly());
        g.writeBooleanField("options", !field.options().isEmpty());
        g.writeBooleanField("suggest", false);
        if (!field.options().isEmpty()) {
            g.writeObjectFieldStart("optionsProvider");
            g.writeStringField("type", "FixedListOptionsProvider");
            g.writeBooleanField("needValidation", true);
            g.writeArrayFieldStart("values");
            for (String option : field.options()) {
                g.writeString(option);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeNumberField("order", field.order());
        g.writeObjectFieldStart("category");
        g.writeStringField("self", urls.api("fields/categories/" + field.category()));
        g.writeStringField("id", field.category());
        g.writeStringField("display", field.category());
        g.writeEndObject();
        g.writeStringField("type", field.isLocal() ? "local" : "standard");
        g.writeEndObject();
    }

    private static void head(JsonGenerator g, String self, String id, String key, String name) throws IOException {
        g.writeStartObject();
        g.writeStringField("self", self);
        g.writeStringField("id", id);
        g.writeStringField("name", name);
        g.writeStringField("key", key);
        g.writeNumberField("version", 1);
    }

    private static void schema(JsonGenerator g, boolean list, String type, boolean required) throws IOException {
        g.writeObjectFieldStart("schema");
        if (list) {
            g.writeStringField("type", "array");
            g.writeStringField("items", type);
        }
        else {
            g.writeStringField("type", type);
        }
        g.writeBooleanField("required", required);
        g.writeEndObject();
    }
}
