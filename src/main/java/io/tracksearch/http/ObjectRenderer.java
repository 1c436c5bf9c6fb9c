package io.tracksearch.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracksearch.model.Catalog;
import io.tracksearch.model.Issue;
import io.tracksearch.model.IssueField;
import io.tracksearch.model.IssueLink;
import io.tracksearch.store.Condition;
import io.tracksearch.store.IssueSort;
import io.tracksearch.store.IssueStore;

import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes comments, links and worklog entries in Tracker's shapes: users as references, times as
 * Tracker timestamps, the other issue of a link with its summary, assignee and status. Stored
 * properties this server does not interpret (kept from an import) are written back as given.
 */
final class ObjectRenderer {
    /** Stored properties written in a shape of their own (or not at all) rather than as given. */
    private static final Set<String> SHAPED = Set.of("id", "createdBy", "updatedBy", "createdAt", "updatedAt", "summonees",
            "start", "type", "direction", "issue", "transport");

    private final IssueStore store;
    private final IssueRenderer issues;

    ObjectRenderer(IssueStore store, IssueRenderer issues) {
        this.store = store;
        this.issues = issues;
    }

    // ---- comments ----

    void comment(JsonGenerator g, Urls urls, Issue issue, ObjectNode comment) throws IOException {
        g.writeStartObject();
        long id = comment.path("id").asLong();
        g.writeStringField("self", urls.issue(issue.key()) + "/comments/" + id);
        g.writeNumberField("id", id);
        writeGiven(g, comment);
        who(g, urls, comment);
        if (comment.path("summonees").size() > 0) {
            g.writeArrayFieldStart("summonees");
            for (JsonNode uid : comment.path("summonees")) {
                issues.user(g, urls, uid.asLong());
            }
            g.writeEndArray();
        }
        g.writeStringField("type", comment.path("type").asText("standard"));
        g.writeStringField("transport", comment.path("transport").asText("internal"));
        g.writeEndObject();
    }

    // ---- worklog ----

    void worklog(JsonGenerator g, Urls urls, Issue issue, ObjectNode entry) throws IOException {
        g.writeStartObject();
        long id = entry.path("id").asLong();
        g.writeStringField("self", urls.issue(issue.key()) + "/worklog/" + id);
        g.writeNumberField("id", id);
        g.writeFieldName("issue");
        IssueRenderer.reference(g, urls, issue);
        writeGiven(g, entry);
        who(g, urls, entry);
        g.writeStringField("start", IssueRenderer.timestamp(entry.path("start").asLong()));
        g.writeEndObject();
    }

    // ---- links ----

    /** The other issues of these links, looked up in one search (summaries, assignees, statuses). */
    Map<String, Issue> others(Collection<IssueLink> links) {
        Set<String> keys = new LinkedHashSet<>();
        links.forEach(link -> keys.add(link.otherKey()));
        Map<String, Issue> found = new HashMap<>();
        if (!keys.isEmpty()) {
            store.search(new Condition.AnyOf(IssueField.KEY, List.copyOf(keys)), IssueSort.BY_KEY, 0, keys.size())
                    .issues().forEach(other -> found.put(other.key(), other));
        }
        return found;
    }

    void link(JsonGenerator g, Urls urls, Issue issue, IssueLink link, Map<String, Issue> others) throws IOException {
        g.writeStartObject();
        g.writeStringField("self", urls.issue(issue.key()) + "/links/" + link.id());
        g.writeNumberField("id", link.id());
        g.writeObjectFieldStart("type");
        g.writeStringField("self", urls.api("linktypes/" + link.side().type().id()));
        g.writeStringField("id", link.side().type().id());
        g.writeStringField("inward", link.side().type().inward());
        g.writeStringField("outward", link.side().type().outward());
        g.writeEndObject();
        g.writeStringField("direction", link.side().direction().id());
        Issue other = others.get(link.otherKey());
        g.writeObjectFieldStart("object");
        g.writeStringField("self", urls.issue(link.otherKey()));
        if (other != null) {
            g.writeStringField("id", other.id());
        }
        g.writeStringField("key", link.otherKey());
        g.writeStringField("display", other == null ? link.otherKey() : other.summary());
        g.writeEndObject();
        g.writeFieldName("createdBy");
        issues.user(g, urls, link.createdBy());
        g.writeFieldName("updatedBy");
        issues.user(g, urls, link.updatedBy());
        g.writeStringField("createdAt", IssueRenderer.timestamp(link.createdAt()));
        g.writeStringField("updatedAt", IssueRenderer.timestamp(link.updatedAt()));
        if (other != null) {
            if (other.assignee() != null) {
                g.writeFieldName("assignee");
                issues.user(g, urls, other.assignee());
            }
            IssueRenderer.catalog(g, urls, "status", Catalog.STATUSES, other.status());
        }
        g.writeEndObject();
    }

    private void who(JsonGenerator g, Urls urls, ObjectNode object) throws IOException {
        g.writeFieldName("createdBy");
        issues.user(g, urls, object.path("createdBy").asLong());
        g.writeFieldName("updatedBy");
        issues.user(g, urls, object.path("updatedBy").asLong());
        g.writeStringField("createdAt", IssueRenderer.timestamp(object.path("createdAt").asLong()));
        g.writeStringField("updatedAt", IssueRenderer.timestamp(object.path("updatedAt").asLong()));
    }

    private static void writeGiven(JsonGenerator g, ObjectNode object) throws IOException {
        for (var property : object.properties()) {
            if (!SHAPED.contains(property.getKey()) && !property.getKey().equals("self")) {
                g.writeFieldName(property.getKey());
                g.writeTree(property.getValue());
            }
        }
    }
}
