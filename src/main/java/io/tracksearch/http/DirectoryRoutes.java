package io.tracksearch.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tracksearch.error.ErrorCode;
import io.tracksearch.error.Message;
import io.tracksearch.error.TrackerException;
import io.tracksearch.model.Catalog;
import io.tracksearch.model.CatalogEntry;
import io.tracksearch.model.Ids;
import io.tracksearch.model.User;
import io.tracksearch.model.Users;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** Read-only endpoints clients use around search: myself, users, catalogues (spec 9.7). */
final class DirectoryRoutes {
    private final Api api;
    private final Users users;

    DirectoryRoutes(Api api, Users users) {
        this.api = api;
        this.users = users;
    }

    void register(RoutesConfig routes, String prefix) {
        routes.get(prefix + "/myself", this::myself);
        routes.get(prefix + "/users", this::list);
        routes.get(prefix + "/users/{user}", this::user);
        for (Catalog catalog : Catalog.values()) {
            routes.get(prefix + "/" + catalog.path(), ctx -> catalog(ctx, catalog));
            routes.get(prefix + "/" + catalog.path() + "/{id}", ctx -> catalogEntry(ctx, catalog));
        }
    }

    private void myself(Context ctx) {
        Urls urls = api.urls(ctx);
        Api.json(ctx, 200, Json.write(generator -> writeUser(generator, urls, Api.caller(ctx))));
    }

    private void list(Context ctx) {
        Paging paging = Paging.of(ctx);
        List<User> all = users.all();
        Urls urls = api.urls(ctx);
        List<User> page = all.stream().skip(paging.offset()).limit(paging.perPage()).toList();
        paging.writeHeaders(ctx, urls, all.size());
        Api.json(ctx, 200, Json.write(generator -> {
            generator.writeStartArray();
            for (User user : page) {
                writeUser(generator, urls, user);
            }
            generator.writeEndArray();
        }));
    }

    private void user(Context ctx) {
        String wanted = ctx.pathParam("user");
        Optional<User> user = users.byLogin(wanted);
        if (user.isEmpty() && Ids.isUid(wanted)) {
            user = users.byUid(Long.parseLong(wanted));
        }
        User found = user.orElseThrow(() -> new TrackerException(ErrorCode.NOT_FOUND, Message.USER_NOT_FOUND));
        Urls urls = api.urls(ctx);
        Api.json(ctx, 200, Json.write(generator -> writeUser(generator, urls, found)));
    }

    private void catalog(Context ctx, Catalog catalog) {
        Urls urls = api.urls(ctx);
        Api.json(ctx, 200, Json.write(generator -> {
            generator.writeStartArray();
            for (CatalogEntry entry : catalog.entries()) {
                writeEntry(generator, urls, catalog, entry);
            }
            generator.writeEndArray();
        }));
    }

    private void catalogEntry(Context ctx, Catalog catalog) {
        CatalogEntry entry = catalog.find(ctx.pathParam("id"))
                .orElseThrow(() -> new TrackerException(ErrorCode.NOT_FOUND, Message.plain("Object does not exist.")));
        Urls urls = api.urls(ctx);
        Api.json(ctx, 200, Json.write(generator -> writeEntry(generator, urls, catalog, entry)));
    }

    private static void writeEntry(JsonGenerator g, Urls urls, Catalog catalog, CatalogEntry entry) throws IOException {
        g.writeStartObject();
        g.writeStringField("self", urls.api(catalog.path() + "/" + entry.id()));
        g.writeNumberField("id", entry.id());
        g.writeStringField("key", entry.key());
        g.writeNumberField("version", 1);
        g.writeStringField("name", entry.display());
        g.writeNumberField("order", entry.order());
        g.writeEndObject();
    }

    static void writeUser(JsonGenerator g, Urls urls, User user) throws IOException {
        g.writeStartObject();
        g.writeStringField("self", urls.user(user.uid()));
        g.writeNumberField("uid", user.uid());
        g.writeStringField("login", user.login());
        g.writeNumberField("trackerUid", user.uid());
        g.writeNumberField("passportUid", user.uid());
        g.writeStringField("firstName", user.firstName());
        g.writeStringField("lastName", user.lastName());
        g.writeStringField("display", user.display());
        g.writeStringField("email", user.email());
        g.writeBooleanField("external", false);
        g.writeBooleanField("hasLicense", true);
        g.writeBooleanField("dismissed", false);
        g.writeEndObject();
    }
}
