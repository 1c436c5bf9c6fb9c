package io.tracksearch.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracksearch.issue.Workflow;
import io.tracksearch.model.Catalog;
import io.tracksearch.model.CatalogEntry;
import io.tracksearch.model.Component;
import io.tracksearch.model.Embedded;
import io.tracksearch.model.Issue;
import io.tracksearch.model.IssueLink;
import io.tracksearch.model.IssueField;
import io.tracksearch.model.Queue;
import io.tracksearch.model.User;
import io.tracksearch.model.Users;
import io.tracksearch.store.IssueStore;
import io.tracksearch.store.IssueSummary;
import io.tracksearch.store.StoredIssues;


import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes issues in the Tracker shape of spec 3.1: references as objects with self/id/key/display,
 * timestamps like 2017-06-11T05:16:01.339+0000, null and empty values omitted, fields in S5 order.
 * Summaries of referenced issues and reverse links are fetched once per page, never per issue.
 */
final class IssueRenderer {
    private static final JsonNode ZERO = LongNode.valueOf(0);
    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /**
     * The expansions of spec 3.4, and EMBEDDED: the issue's comments, stored links and worklog as arrays,
     * for export lines (never asked for by a client).
     */
    enum Expand { TRANSITIONS, ATTACHMENTS, LINKS, EMBEDDED }

    private final IssueStore store;
    private final Users users;
    private final ObjectRenderer objects;
    private final TemplatePages templatePages;

    IssueRenderer(IssueStore store, Users users) {
        this.store = store;
        this.users = users;
        this.objects = new ObjectRenderer(store, this);
        this.templatePages = new TemplatePages(store, this);
    }

    /** The renderer of comments, links and worklog entries, which writes users as this one does. */
    ObjectRenderer objects() {
        return objects;
    }

    /** Parses expand values (comma lists, repeated parameters, case-insensitive, unknown ignored). */
    static Set<Expand> expansions(Collection<String> values) {
        Set<Expand> result = new LinkedHashSet<>();
        for (String value : values) {
            for (String name : value.split(",")) {
                switch (name.strip().toLowerCase(Locale.ROOT)) {
                    case "transitions" -> result.add(Expand.TRANSITIONS);
                    case "attachments" -> result.add(Expand.ATTACHMENTS);
                    case "links" -> result.add(Expand.LINKS);
                    default -> { }
                }
            }
        }
        return result;
    }

    byte[] one(Issue issue, Urls urls, Set<Expand> expand) {
        RenderPage page = RenderPage.of(store, List.of(issue), expand);
        return Json.write(generator -> write(generator, issue, urls, expand, page));
    }

    byte[] list(List<Issue> issues, Urls urls, Set<Expand> expand) {
        if (expand.isEmpty() && issues instanceof StoredIssues stored && stored.allTemplated(TemplateTokens::isCurrent)) {
            return templatePages.page(stored, urls);
        }
        RenderPage page = RenderPage.of(store, issues, expand);
        return Json.write(generator -> {
            generator.writeStartArray();
            for (Issue issue : issues) {
                write(generator, issue, urls, expand, page);
            }
            generator.writeEndArray();
        });
    }

    /** Each issue as one line of NDJSON, related data looked up once for all of them. */
    void lines(List<Issue> issues, Urls urls, OutputStream out) throws IOException {
        if (issues instanceof StoredIssues stored && stored.allTemplated(TemplateTokens::isCurrent)) {
            templatePages.lines(stored, urls, out);
            return;
        }
        RenderPage page = RenderPage.of(store, issues, Set.of(Expand.EMBEDDED));
        for (Issue issue : issues) {
            out.write(Json.write(generator -> write(generator, issue, urls, Set.of(Expand.EMBEDDED), page)));
            out.write('\n');
        }
    }

    /** Writes one stored value of a field (a whole list for list fields) as the issue's own rendering does. */
    @FunctionalInterface
    interface FieldValueWriter {
        void write(JsonGenerator g, IssueField field, JsonNode stored) throws IOException;
    }

    /**
     * The value rendering of one issue for values it no longer has (its changelog's from and to): the
     * issues {@code referenced} names (old parents, epics) are looked up once, with the issue's own.
     */
    FieldValueWriter valuesOf(Issue issue, Urls urls, Set<String> referenced) {
        RenderPage page = RenderPage.of(store, List.of(issue), Set.of());
        Set<String> missing = new LinkedHashSet<>(referenced);
        missing.removeAll(page.related().keySet());
        missing.removeAll(page.summaries().keySet());
        RenderPage.lookUp(store, missing, page.related());
        return (g, field, stored) -> fieldValue(g, urls, field, stored, issue, page);
    }

    /**
     * One issue: identity first, then every field of the registry that has a value, in registry order
     * (spec 3.1's order), each written by its kind; then fields no registry entry knows, as they were
     * given; then the requested expansions.
     */
    void write(JsonGenerator g, Issue issue, Urls urls, Set<Expand> expand, RenderPage page) throws IOException {
        g.writeStartObject();
        g.writeStringField("self", urls.issue(issue.key()));
        g.writeStringField("id", issue.id());
        g.writeStringField("key", issue.key());
        g.writeNumberField("version", issue.version());
        for (IssueField field : page.fields()) {
            if (field.equals(IssueField.QUEUE)) {
                g.writeFieldName("queue");
                queue(g, urls, issue.queue(), page);
                continue;
            }
            if (field.equals(IssueField.STATUS_START_TIME)) {
                g.writeBooleanField("favorite", false);   // per caller; favourites are not kept per user yet
            }
            JsonNode value = field.equals(IssueField.VOTES) && !issue.has(field) ? ZERO : issue.value(field);
            if (value == null || field.kind() == IssueField.Kind.KEY) {
                continue;
            }
            g.writeFieldName(field.id());
            fieldValue(g, urls, field, value, issue, page);
        }
        for (Map.Entry<String, JsonNode> entry : issue.values().entrySet()) {
            if (!Embedded.isEmbedded(entry.getKey()) && !page.fieldIds().contains(entry.getKey())) {
                g.writeFieldName(entry.getKey());
                g.writeTree(entry.getValue());
            }
        }
        if (expand.contains(Expand.TRANSITIONS)) {
            g.writeFieldName("transitions");
            transitions(g, urls, issue);
        }
        if (expand.contains(Expand.ATTACHMENTS)) {
            g.writeArrayFieldStart("attachments");
            g.writeEndArray();
        }
        if (expand.contains(Expand.LINKS)) {
            links(g, urls, issue, page);
        }
        if (expand.contains(Expand.EMBEDDED)) {
            embedded(g, urls, issue);
        }
        g.writeEndObject();
    }

    /** A field's whole stored value: an array of its elements for list fields. */
    private void fieldValue(JsonGenerator g, Urls urls, IssueField field, JsonNode value, Issue issue, RenderPage page) throws IOException {
        if (field.kind() == IssueField.Kind.QUEUE) {
            queue(g, urls, value.asText(), page);
            return;
        }
        if (!field.isMultiValued()) {
            value(g, urls, field, value, issue, page);
            return;
        }
        g.writeStartArray();
        for (JsonNode element : value) {
            value(g, urls, field, element, issue, page);
        }
        g.writeEndArray();
    }

    /** One stored value (one element of a list field) in the Tracker shape of its kind (spec 2.4, 2.5). */
    private void value(JsonGenerator g, Urls urls, IssueField field, JsonNode value, Issue issue, RenderPage page) throws IOException {
        switch (field.kind()) {
            case TEXT, STRING, EXACT, DATE, DURATION -> g.writeString(value.asText());
            case CATALOG -> catalogValue(g, urls, field.catalog(), value.asText());
            case USER -> {
                if (page.template()) {
                    g.writeRawValue(TemplateTokens.token(TemplateTokens.USER, Long.toString(value.asLong())));
                }
                else {
                    user(g, urls, value.asLong());
                }
            }
            case INSTANT -> g.writeString(timestamp(value.asLong()));
            case NUMBER -> {
                double number = value.asDouble();
                if (number == Math.rint(number) && Math.abs(number) < 1e15) {
                    g.writeNumber((long) number);
                }
                else {
                    g.writeNumber(number);
                }
            }
            case ISSUE -> issueReference(g, urls, value.asText(), page);
            case COMPONENT -> component(g, urls, issue.queue(), value.asText(), page);
            case REFERENCE -> {
                String id = value.path("id").asText();
                g.writeStartObject();
                g.writeStringField("self", urls.api(field.referencePath() + "/" + id));
                g.writeStringField("id", id);
                g.writeStringField("display", value.path("display").asText(id));
                g.writeEndObject();
            }
            case KEY, QUEUE -> throw new IllegalStateException("written as part of the identity: " + field);
        }
    }

    /** The transitions array of spec 3.4 / S11 get-transitions. */
    static void transitions(JsonGenerator g, Urls urls, Issue issue) throws IOException {
        g.writeStartArray();
        for (Workflow.Transition transition : Workflow.from(issue.status())) {
            g.writeStartObject();
            g.writeStringField("id", transition.id());
            g.writeStringField("self", urls.issue(issue.key()) + "/transitions/" + transition.id());
            g.writeStringField("display", transition.display());
            catalog(g, urls, "to", Catalog.STATUSES, transition.to());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private void links(JsonGenerator g, Urls urls, Issue issue, RenderPage page) throws IOException {
        List<IssueLink> links = new ArrayList<>(IssueLink.of(issue));
        for (Issue child : page.children().getOrDefault(issue.key(), List.of())) {
            page.related().putIfAbsent(child.key(), child);
            links.addAll(IssueLink.ofChild(child, issue.key()));
        }
        g.writeArrayFieldStart("links");
        for (IssueLink link : links) {
            objects.link(g, urls, issue, link, page.related());
        }
        g.writeEndArray();
    }

    /** Comments, stored links and worklog of an export line, in the shapes their endpoints answer. */
    void embedded(JsonGenerator g, Urls urls, Issue issue) throws IOException {
        if (!Embedded.COMMENTS.in(issue).isEmpty()) {
            g.writeArrayFieldStart(Embedded.COMMENTS.key());
            for (ObjectNode comment : Embedded.COMMENTS.in(issue)) {
                objects.comment(g, urls, issue, comment);
            }
            g.writeEndArray();
        }
        List<IssueLink> stored = IssueLink.of(issue).stream().filter(link -> !link.side().isHierarchy()).toList();
        if (!stored.isEmpty()) {
            g.writeArrayFieldStart(Embedded.LINKS.key());
            for (IssueLink link : stored) {
                objects.link(g, urls, issue, link, Map.of());
            }
            g.writeEndArray();
        }
        if (!Embedded.WORKLOG.in(issue).isEmpty()) {
            g.writeArrayFieldStart(Embedded.WORKLOG.key());
            for (ObjectNode entry : Embedded.WORKLOG.in(issue)) {
                objects.worklog(g, urls, issue, entry);
            }
            g.writeEndArray();
        }
    }

    void issueReference(JsonGenerator g, Urls urls, String key, RenderPage page) throws IOException {
        if (page.template()) {
            g.writeRawValue(TemplateTokens.token(TemplateTokens.ISSUE, key));
            return;
        }
        IssueSummary target = page.summary(key);
        g.writeStartObject();
        g.writeStringField("self", urls.issue(key));
        if (target != null) {
            g.writeStringField("id", target.id());
        }
        g.writeStringField("key", key);
        g.writeStringField("display", target == null ? key : target.summary());
        g.writeEndObject();
    }

    /** An issue as other objects name it: {@code {"self", "id", "key", "display"}}. */
    static void reference(JsonGenerator g, Urls urls, Issue issue) throws IOException {
        g.writeStartObject();
        g.writeStringField("self", urls.issue(issue.key()));
        g.writeStringField("id", issue.id());
        g.writeStringField("key", issue.key());
        g.writeStringField("display", issue.summary());
        g.writeEndObject();
    }

    void user(JsonGenerator g, Urls urls, long uid) throws IOException {
        Optional<User> user = users.byUid(uid);
        g.writeStartObject();
        g.writeStringField("self", urls.user(uid));
        g.writeStringField("id", Long.toString(uid));
        g.writeStringField("display", user.map(User::display).orElse(Long.toString(uid)));
        g.writeEndObject();
    }

    static void queue(JsonGenerator g, Urls urls, String key, RenderPage page) throws IOException {
        if (page.template()) {
            g.writeRawValue(TemplateTokens.token(TemplateTokens.QUEUE, key));
            return;
        }
        Optional<Queue> queue = Optional.ofNullable(page.queues().get(key));
        g.writeStartObject();
        g.writeStringField("self", urls.queue(key));
        g.writeStringField("id", queue.map(found -> Long.toString(found.id())).orElse(key));
        g.writeStringField("key", key);
        g.writeStringField("display", queue.map(Queue::name).orElse(key));
        g.writeEndObject();
    }

    static void component(JsonGenerator g, Urls urls, String queueKey, String name, RenderPage page) throws IOException {
        if (page.template()) {
            g.writeRawValue(TemplateTokens.token(TemplateTokens.COMPONENT, queueKey + ":" + name));
            return;
        }
        List<Component> known = Optional.ofNullable(page.queues().get(queueKey)).map(Queue::components).orElse(List.of());
        Optional<Component> component = known.stream().filter(candidate -> candidate.name().equals(name)).findFirst();
        String id = component.map(found -> Long.toString(found.id())).orElse(name);
        g.writeStartObject();
        g.writeStringField("self", urls.api("components/" + id));
        g.writeStringField("id", id);
        g.writeStringField("display", name);
        g.writeEndObject();
    }

    static void catalog(JsonGenerator g, Urls urls, String field, Catalog catalog, String key) throws IOException {
        g.writeFieldName(field);
        catalogValue(g, urls, catalog, key);
    }

    private static void catalogValue(JsonGenerator g, Urls urls, Catalog catalog, String key) throws IOException {
        CatalogEntry entry = catalog.byKey(key);
        g.writeStartObject();
        g.writeStringField("self", urls.api(catalog.path() + "/" + entry.id()));
        g.writeStringField("id", Integer.toString(entry.id()));
        g.writeStringField("key", entry.key());
        g.writeStringField("display", entry.display());
        g.writeEndObject();
    }

    static String timestamp(long epochMillis) {
        return TIMESTAMP.format(Instant.ofEpochMilli(epochMillis));
    }
}
