package io.tracksearch.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.tracksearch.issue.Workflow;
import io.tracksearch.model.ChangeEvent;
import io.tracksearch.model.Embedded;
import io.tracksearch.model.ChangeType;
import io.tracksearch.model.FieldRegistry;
import io.tracksearch.model.Issue;
import io.tracksearch.model.IssueField;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Writes changelog entries in Tracker's shape (get-changelog): id, self, issue, updatedAt, updatedBy,
 * type, transport, and fields [{field: {self, id, display}, from, to}] with from and to rendered as the
 * issue renders that field's value ({@link IssueRenderer#valuesOf}); null where the field had no value.
 * A workflow entry also names the transition that made it (not in Tracker's example; derived from the
 * old and new status, which the one workflow maps to exactly one transition).
 */
final class ChangelogRenderer {
    /** Tracker's "service parameter": every write here comes through the REST API. */
    static final String TRANSPORT = "api";

    private final IssueRenderer issues;
    private final FieldRegistry fields;

    ChangelogRenderer(IssueRenderer issues, FieldRegistry fields) {
        this.issues = issues;
        this.fields = fields;
    }

    byte[] list(Issue issue, List<ChangeEvent> events, Urls urls) {
        IssueRenderer.FieldValueWriter values = issues.valuesOf(issue, urls, referencedIssues(events));
        return Json.write(g -> {
            g.writeStartArray();
            for (ChangeEvent event : events) {
                entry(g, issue, event, urls, values);
            }
            g.writeEndArray();
        });
    }

    byte[] one(Issue issue, ChangeEvent event, Urls urls) {
        IssueRenderer.FieldValueWriter values = issues.valuesOf(issue, urls, referencedIssues(List.of(event)));
        return Json.write(g -> entry(g, issue, event, urls, values));
    }

    /** Issue keys that old or new values of issue fields (parent, epic) name: looked up once per page. */
    private Set<String> referencedIssues(List<ChangeEvent> events) {
        Set<String> keys = new LinkedHashSet<>();
        for (ChangeEvent event : events) {
            for (ChangeEvent.FieldChange change : event.fields()) {
                if (fields.byId(change.field()).filter(field -> field.kind() == IssueField.Kind.ISSUE).isPresent()) {
                    addText(keys, change.from());
                    addText(keys, change.to());
                }
            }
        }
        return keys;
    }

    private static void addText(Set<String> keys, JsonNode value) {
        if (value != null) {
            keys.add(value.asText());
        }
    }

    private void entry(JsonGenerator g, Issue issue, ChangeEvent event, Urls urls, IssueRenderer.FieldValueWriter values)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("id", event.id());
        g.writeStringField("self", urls.issue(issue.key()) + "/changelog/" + event.id());
        g.writeFieldName("issue");
        IssueRenderer.reference(g, urls, issue);
        g.writeStringField("updatedAt", IssueRenderer.timestamp(event.at()));
        g.writeFieldName("updatedBy");
        issues.user(g, urls, event.by());
        g.writeStringField("type", event.type());
        g.writeStringField("transport", TRANSPORT);
        g.writeArrayFieldStart("fields");
        for (ChangeEvent.FieldChange change : event.fields()) {
            if (!Embedded.isEmbedded(change.field())) {
                fieldChange(g, change, urls, values);
            }
        }
        g.writeEndArray();
        for (ChangeEvent.FieldChange change : event.fields()) {
            Optional<Embedded> embedded = Embedded.byKey(change.field());
            if (embedded.isPresent()) {
                objects(g, issue, embedded.get(), change, urls);
            }
        }
        if (event.type().equals(ChangeType.WORKFLOW)) {
            transition(g, issue, event, urls);
        }
        g.writeEndObject();
    }

    /**
     * Comments as Tracker's changelog names them ({@code "comments": {"added": [...], "updated": [...],
     * "removed": [...]}}, each a reference with the start of its text); links and worklog entries as a list
     * of {@code {from, to}} pairs, each side a short reference or null.
     */
    private void objects(JsonGenerator g, Issue issue, Embedded kind, ChangeEvent.FieldChange change, Urls urls) throws IOException {
        Map<Long, JsonNode> from = Embedded.byId(change.from());
        Map<Long, JsonNode> to = Embedded.byId(change.to());
        if (kind == Embedded.COMMENTS) {
            g.writeObjectFieldStart(kind.key());
            section(g, issue, kind, urls, "added", to.keySet().stream().filter(id -> !from.containsKey(id)).map(to::get).toList());
            section(g, issue, kind, urls, "updated", to.keySet().stream().filter(from::containsKey).map(to::get).toList());
            section(g, issue, kind, urls, "removed", from.keySet().stream().filter(id -> !to.containsKey(id)).map(from::get).toList());
            g.writeEndObject();
            return;
        }
        Set<Long> ids = new LinkedHashSet<>(from.keySet());
        ids.addAll(to.keySet());
        g.writeArrayFieldStart(kind.key());
        for (long id : ids) {
            g.writeStartObject();
            g.writeFieldName("from");
            reference(g, issue, kind, urls, from.get(id));
            g.writeFieldName("to");
            reference(g, issue, kind, urls, to.get(id));
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void section(JsonGenerator g, Issue issue, Embedded kind, Urls urls, String name, List<JsonNode> objects)
            throws IOException {
        if (!objects.isEmpty()) {
            g.writeArrayFieldStart(name);
            for (JsonNode object : objects) {
                reference(g, issue, kind, urls, object);
            }
            g.writeEndArray();
        }
    }

    private static void reference(JsonGenerator g, Issue issue, Embedded kind, Urls urls, JsonNode object) throws IOException {
        if (object == null) {
            g.writeNull();
            return;
        }
        long id = object.path("id").asLong();
        g.writeStartObject();
        g.writeStringField("self", urls.issue(issue.key()) + "/" + kind.key() + "/" + id);
        g.writeNumberField("id", id);
        switch (kind) {
            case COMMENTS -> {
                String text = object.path("text").asText("");
                g.writeStringField("display", text.length() > 100 ? text.substring(0, 100) + "…" : text);
            }
            case LINKS -> {
                g.writeStringField("type", object.path("type").asText());
                g.writeStringField("direction", object.path("direction").asText());
                g.writeObjectFieldStart("object");
                g.writeStringField("self", urls.issue(object.path("issue").asText()));
                g.writeStringField("key", object.path("issue").asText());
                g.writeEndObject();
            }
            case WORKLOG -> g.writeStringField("duration", object.path("duration").asText());
        }
        g.writeEndObject();
    }

    private void fieldChange(JsonGenerator g, ChangeEvent.FieldChange change, Urls urls, IssueRenderer.FieldValueWriter values)
            throws IOException {
        Optional<IssueField> field = fields.byId(change.field());
        g.writeStartObject();
        g.writeObjectFieldStart("field");
        g.writeStringField("self", urls.api("fields/" + change.field()));
        g.writeStringField("id", change.field());
        g.writeStringField("display", field.map(IssueField::displayName).orElse(change.field()));
        g.writeEndObject();
        g.writeFieldName("from");
        value(g, field, change.from(), values);
        g.writeFieldName("to");
        value(g, field, change.to(), values);
        g.writeEndObject();
    }

    /** A value as the issue renders it; fields no registry entry knows are written as they were stored. */
    private static void value(JsonGenerator g, Optional<IssueField> field, JsonNode stored, IssueRenderer.FieldValueWriter values)
            throws IOException {
        if (stored == null) {
            g.writeNull();
        } else if (field.isEmpty()) {
            g.writeTree(stored);
        } else {
            values.write(g, field.get(), stored);
        }
    }

    private static void transition(JsonGenerator g, Issue issue, ChangeEvent event, Urls urls) throws IOException {
        Optional<ChangeEvent.FieldChange> status = event.change(IssueField.STATUS.id());
        if (status.isEmpty() || status.get().from() == null || status.get().to() == null) {
            return;
        }
        String from = status.get().from().asText();
        String to = status.get().to().asText();
        Optional<Workflow.Transition> transition = Workflow.from(from).stream()
                .filter(candidate -> candidate.to().equals(to)).findFirst();
        if (transition.isPresent()) {
            g.writeObjectFieldStart("transition");
            g.writeStringField("self", urls.issue(issue.key()) + "/transitions/" + transition.get().id());
            g.writeStringField("id", transition.get().id());
            g.writeStringField("display", transition.get().display());
            g.writeEndObject();
        }
    }
}
