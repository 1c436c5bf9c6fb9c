package io.tracksearch.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.tracksearch.issue.Workflow;
import io.tracksearch.model.ChangeEvent;
import io.tracksearch.model.ChangeType;
import io.tracksearch.model.FieldRegistry;
import io.tracksearch.model.Issue;
import io.tracksearch.model.IssueField;

import java.io.IOException;
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
        g.writeObjectFieldStart("issue");
        g.writeStringField("self", urls.issue(issue.key()));
        g.writeStringField("id", issue.id());
        g.writeStringField("key", issue.key());
        g.writeStringField("display", issue.summary());
        g.writeEndObject();
        g.writeStringField("updatedAt", IssueRenderer.timestamp(event.at()));
        g.writeFieldName("updatedBy");
        issues.user(g, urls, event.by());
        g.writeStringField("type", event.type());
        g.writeStringField("transport", TRANSPORT);
        g.writeArrayFieldStart("fields");
        for (ChangeEvent.FieldChange change : event.fields()) {
            fieldChange(g, change, urls, values);
        }
        g.writeEndArray();
        if (event.type().equals(ChangeType.WORKFLOW)) {
            transition(g, issue, event, urls);
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
