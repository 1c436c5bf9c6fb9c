package io.tracksearch.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tracksearch.error.ErrorCode;
import io.tracksearch.error.Message;
import io.tracksearch.error.TrackerException;
import io.tracksearch.issue.CommentService;
import io.tracksearch.issue.LinkService;
import io.tracksearch.issue.WorklogService;
import io.tracksearch.model.Embedded;
import io.tracksearch.model.Issue;
import io.tracksearch.model.IssueLink;

import java.util.List;
import java.util.Map;

/**
 * The objects around an issue: comments, links and worklog ({@code /issues/{key}/comments|links|worklog}
 * and {@code /worklog}), in Tracker's request and response shapes.
 */
final class IssueObjectRoutes {
    /** Comments per page when the client does not say (Tracker's default). */
    private static final int DEFAULT_COMMENTS_PER_PAGE = 50;

    private final Api api;
    private final CommentService comments;
    private final LinkService links;
    private final WorklogService worklog;
    private final ObjectRenderer renderer;

    IssueObjectRoutes(Api api, CommentService comments, LinkService links, WorklogService worklog, ObjectRenderer renderer) {
        this.api = api;
        this.comments = comments;
        this.links = links;
        this.worklog = worklog;
        this.renderer = renderer;
    }

    void register(RoutesConfig routes, String prefix) {
        String issue = prefix + "/issues/{key}";
        routes.get(issue + "/comments", this::listComments);
        routes.post(issue + "/comments", this::addComment);
        routes.post(issue + "/comments/_import", this::importComment);
        routes.get(issue + "/comments/{comment}", this::getComment);
        routes.patch(issue + "/comments/{comment}", this::editComment);
        routes.delete(issue + "/comments/{comment}", this::deleteComment);
        routes.get(issue + "/links", this::listLinks);
        routes.post(issue + "/links", this::addLink);
        routes.post(issue + "/links/_import", this::importLink);
        routes.get(issue + "/links/{link}", this::getLink);
        routes.delete(issue + "/links/{link}", this::deleteLink);
        routes.get(issue + "/worklog", this::listWorklog);
        routes.post(issue + "/worklog", this::addWorklog);
        routes.get(issue + "/worklog/{entry}", this::getWorklog);
        routes.patch(issue + "/worklog/{entry}", this::editWorklog);
        routes.delete(issue + "/worklog/{entry}", this::deleteWorklog);
        routes.get(prefix + "/worklog", this::searchWorklogByParameters);
        routes.post(prefix + "/worklog/_search", this::searchWorklog);
    }

    // ---- comments ----

    /** Oldest first; {@code id} continues after that comment, {@code perPage} bounds the page; Link rel="next". */
    private void listComments(Context ctx) {
        Issue issue = comments.issue(ctx.pathParam("key"));
        int perPage = Paging.integer(ctx, "perPage", DEFAULT_COMMENTS_PER_PAGE, 1, Paging.MAX_PER_PAGE);
        long after = ctx.queryParam("id") == null ? Long.MIN_VALUE : objectId(ctx.queryParam("id"), "id");
        List<ObjectNode> all = Embedded.COMMENTS.in(issue).stream()
                .filter(comment -> comment.path("id").asLong() > after)
                .sorted((a, b) -> Long.compare(a.path("id").asLong(), b.path("id").asLong())).toList();
        List<ObjectNode> page = all.subList(0, Math.min(perPage, all.size()));
        Urls urls = api.urls(ctx);
        if (all.size() > page.size()) {
            ctx.header("Link", "<" + urls.issue(issue.key()) + "/comments?perPage=" + perPage + "&id="
                    + page.getLast().path("id").asLong() + ">; rel=\"next\"");
        }
        ctx.header("X-Total-Count", Integer.toString(Embedded.COMMENTS.in(issue).size()));
        Api.json(ctx, 200, Json.write(g -> {
            g.writeStartArray();
            for (ObjectNode comment : page) {
                renderer.comment(g, urls, issue, comment);
            }
            g.writeEndArray();
        }));
    }

    private void addComment(Context ctx) {
        JsonNode body = Json.object(ctx.bodyAsBytes(), false);
        boolean addToFollowers = !"false".equalsIgnoreCase(ctx.queryParam("isAddToFollowers"));
        CommentService.Created created = comments.add(Api.caller(ctx), ctx.pathParam("key"), body, addToFollowers);
        writeComment(ctx, 201, created.issue(), created.comment());
    }

    private void importComment(Context ctx) {
        JsonNode body = Json.object(ctx.bodyAsBytes(), false);
        CommentService.Created created = comments.importComment(ctx.pathParam("key"), body);
        writeComment(ctx, 201, created.issue(), created.comment());
    }

    private void getComment(Context ctx) {
        Issue issue = comments.issue(ctx.pathParam("key"));
        writeComment(ctx, 200, issue, comments.get(issue, commentId(ctx, issue)));
    }

    private void editComment(Context ctx) {
        JsonNode body = Json.object(ctx.bodyAsBytes(), false);
        Issue issue = comments.issue(ctx.pathParam("key"));
        CommentService.Created edited = comments.edit(Api.caller(ctx), issue.key(), commentId(ctx, issue), body);
        writeComment(ctx, 200, edited.issue(), edited.comment());
    }

    private void deleteComment(Context ctx) {
        Issue issue = comments.issue(ctx.pathParam("key"));
        comments.delete(Api.caller(ctx), issue.key(), commentId(ctx, issue));
        ctx.status(204);
    }

    /** A comment is named by its id or its longId. */
    private static long commentId(Context ctx, Issue issue) {
        String given = ctx.pathParam("comment");
        for (ObjectNode comment : Embedded.COMMENTS.in(issue)) {
            if (comment.path("longId").asText().equals(given)) {
                return comment.path("id").asLong();
            }
        }
        return objectId(given, null);
    }

    private void writeComment(Context ctx, int status, Issue issue, ObjectNode comment) {
        Urls urls = api.urls(ctx);
        Api.json(ctx, status, Json.write(g -> renderer.comment(g, urls, issue, comment)));
    }

    // ---- links ----

    private void listLinks(Context ctx) {
        Issue issue = links.issue(ctx.pathParam("key"));
        List<IssueLink> all = links.links(issue);
        Map<String, Issue> others = renderer.others(all);
        Urls urls = api.urls(ctx);
        Api.json(ctx, 200, Json.write(g -> {
            g.writeStartArray();
            for (IssueLink link : all) {
                renderer.link(g, urls, issue, link, others);
            }
            g.writeEndArray();
        }));
    }

    private void addLink(Context ctx) {
        JsonNode body = Json.object(ctx.bodyAsBytes(), false);
        writeLink(ctx, 201, links.create(Api.caller(ctx), ctx.pathParam("key"), body));
    }

    private void importLink(Context ctx) {
        JsonNode body = Json.object(ctx.bodyAsBytes(), false);
        writeLink(ctx, 201, links.importLink(Api.caller(ctx), ctx.pathParam("key"), body));
    }

    private void getLink(Context ctx) {
        Issue issue = links.issue(ctx.pathParam("key"));
        long id = objectId(ctx.pathParam("link"), null);
        IssueLink link = links.links(issue).stream().filter(candidate -> candidate.id() == id).findFirst()
                .orElseThrow(() -> new TrackerException(ErrorCode.NOT_FOUND, Message.LINK_NOT_FOUND));
        Urls urls = api.urls(ctx);
        Api.json(ctx, 200, Json.write(g -> renderer.link(g, urls, issue, link, renderer.others(List.of(link)))));
    }

    private void writeLink(Context ctx, int status, IssueLink link) {
        Issue issue = links.issue(ctx.pathParam("key"));
        Urls urls = api.urls(ctx);
        Api.json(ctx, status, Json.write(g -> renderer.link(g, urls, issue, link, renderer.others(List.of(link)))));
    }

    private void deleteLink(Context ctx) {
        links.delete(Api.caller(ctx), ctx.pathParam("key"), objectId(ctx.pathParam("link"), null));
        ctx.status(204);
    }

    // ---- worklog ----

    private void listWorklog(Context ctx) {
        Issue issue = worklog.issue(ctx.pathParam("key"));
        Urls urls = api.urls(ctx);
        Api.json(ctx, 200, Json.write(g -> {
            g.writeStartArray();
            for (ObjectNode entry : Embedded.WORKLOG.in(issue)) {
                renderer.worklog(g, urls, issue, entry);
            }
            g.writeEndArray();
        }));
    }

    private void addWorklog(Context ctx) {
        JsonNode body = Json.object(ctx.bodyAsBytes(), false);
        writeWorklog(ctx, 201, worklog.add(Api.caller(ctx), ctx.pathParam("key"), body));
    }

    private void getWorklog(Context ctx) {
        Issue issue = worklog.issue(ctx.pathParam("key"));
        writeWorklog(ctx, 200, new WorklogService.Entry(issue, worklog.get(issue, objectId(ctx.pathParam("entry"), null))));
    }

    private void editWorklog(Context ctx) {
        JsonNode body = Json.object(ctx.bodyAsBytes(), false);
        writeWorklog(ctx, 200, worklog.edit(Api.caller(ctx), ctx.pathParam("key"), objectId(ctx.pathParam("entry"), null), body));
    }

    private void deleteWorklog(Context ctx) {
        worklog.delete(Api.caller(ctx), ctx.pathParam("key"), objectId(ctx.pathParam("entry"), null));
        ctx.status(204);
    }

    /** {@code GET /v2/worklog?createdBy=login&createdAt=from:2024-01-01T00:00:00&createdAt=to:...}. */
    private void searchWorklogByParameters(Context ctx) {
        var nodes = Json.MAPPER.getNodeFactory();
        String author = ctx.queryParam("createdBy");
        JsonNode from = null;
        JsonNode to = null;
        for (String bound : ctx.queryParams("createdAt")) {
            int colon = bound.indexOf(':');
            String which = colon < 0 ? "" : bound.substring(0, colon);
            switch (which) {
                case "from" -> from = nodes.textNode(bound.substring(colon + 1));
                case "to" -> to = nodes.textNode(bound.substring(colon + 1));
                default -> throw TrackerException.invalidParameter("createdAt", "must be from:<date-time> or to:<date-time>");
            }
        }
        writeEntries(ctx, worklog.search(author == null ? null : nodes.textNode(author), from, to));
    }

    /** {@code POST /v2/worklog/_search {"createdBy": "login", "createdAt": {"from": .., "to": ..}}}. */
    private void searchWorklog(Context ctx) {
        JsonNode body = Json.object(ctx.bodyAsBytes(), true);
        JsonNode createdAt = body.path("createdAt");
        writeEntries(ctx, worklog.search(body.get("createdBy"), createdAt.get("from"), createdAt.get("to")));
    }

    private void writeEntries(Context ctx, List<WorklogService.Entry> entries) {
        Urls urls = api.urls(ctx);
        Api.json(ctx, 200, Json.write(g -> {
            g.writeStartArray();
            for (WorklogService.Entry entry : entries) {
                renderer.worklog(g, urls, entry.issue(), entry.entry());
            }
            g.writeEndArray();
        }));
    }

    private void writeWorklog(Context ctx, int status, WorklogService.Entry entry) {
        Urls urls = api.urls(ctx);
        Api.json(ctx, status, Json.write(g -> renderer.worklog(g, urls, entry.issue(), entry.entry())));
    }

    /** A numeric object id from the path (404 when it is not one: no such object) or a parameter (400). */
    private static long objectId(String given, String parameter) {
        try {
            return Long.parseLong(given.strip());
        }
        catch (NumberFormatException e) {
            if (parameter != null) {
                throw TrackerException.invalidParameter(parameter, "'" + given + "' is not an id");
            }
            throw new TrackerException(ErrorCode.NOT_FOUND, Message.plain("Object does not exist."));
        }
    }
}
