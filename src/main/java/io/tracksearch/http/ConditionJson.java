package io.tracksearch.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.tracksearch.store.Condition;
import io.tracksearch.store.IssueSort;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * Writes the neutral condition tree and a sort as JSON, for _validateQuery: one object per node with
 * its "type", the field id and the resolved values (uids, catalogue keys, UTC instants).
 */
final class ConditionJson {
    private ConditionJson() {
    }

    static void write(JsonGenerator g, Condition condition) throws IOException {
        g.writeStartObject();
        switch (condition) {
            case Condition.MatchAll ignored -> g.writeStringField("type", "matchAll");
            case Condition.MatchNone ignored -> g.writeStringField("type", "matchNone");
            case Condition.And and -> {
                g.writeStringField("type", "and");
                g.writeArrayFieldStart("conditions");
                for (Condition child : and.conditions()) {
                    write(g, child);
                }
                g.writeEndArray();
            }
            case Condition.Or or -> {
                g.writeStringField("type", "or");
                g.writeArrayFieldStart("conditions");
                for (Condition child : or.conditions()) {
                    write(g, child);
                }
                g.writeEndArray();
            }
            case Condition.Not not -> {
                g.writeStringField("type", "not");
                g.writeFieldName("condition");
                write(g, not.condition());
            }
            case Condition.AnyOf anyOf -> {
                g.writeStringField("type", "anyOf");
                g.writeStringField("field", anyOf.field().id());
                g.writeArrayFieldStart("values");
                for (String value : anyOf.values()) {
                    g.writeString(value);
                }
                g.writeEndArray();
            }
            case Condition.DateRange range -> {
                g.writeStringField("type", "dateRange");
                g.writeStringField("field", range.field().id());
                if (range.from() != null) {
                    g.writeStringField("from", Instant.ofEpochMilli(range.from()).toString());
                }
                if (range.to() != null) {
                    g.writeStringField("toExclusive", Instant.ofEpochMilli(range.to()).toString());
                }
            }
            case Condition.NumberRange range -> {
                g.writeStringField("type", "numberRange");
                g.writeStringField("field", range.field().id());
                if (range.min() != null) {
                    g.writeNumberField("min", range.min());
                    g.writeBooleanField("minInclusive", range.minInclusive());
                }
                if (range.max() != null) {
                    g.writeNumberField("max", range.max());
                    g.writeBooleanField("maxInclusive", range.maxInclusive());
                }
            }
            case Condition.Exists exists -> {
                g.writeStringField("type", "exists");
                g.writeStringField("field", exists.field().id());
            }
            case Condition.TextMatch match -> text(g, "textMatch", match.field().id(), match.text());
            case Condition.Phrase phrase -> text(g, "phrase", phrase.field().id(), phrase.text());
            case Condition.TextEquals equals -> text(g, "textEquals", equals.field().id(), equals.text());
            case Condition.Changed changed -> {
                g.writeStringField("type", "changed");
                g.writeStringField("field", changed.field().id());
                strings(g, "from", changed.from());
                strings(g, "to", changed.to());
                strings(g, "by", changed.by());
                if (changed.dateFrom() != null) {
                    g.writeStringField("dateFrom", Instant.ofEpochMilli(changed.dateFrom()).toString());
                }
                if (changed.dateTo() != null) {
                    g.writeStringField("dateToExclusive", Instant.ofEpochMilli(changed.dateTo()).toString());
                }
            }
            case Condition.HistoryText history -> {
                g.writeStringField("type", history.phrase() ? "historyPhrase" : "historyTextMatch");
                g.writeStringField("text", history.text());
            }
        }
        g.writeEndObject();
    }

    /** The sort as applied: the given keys, then the key tie-breaker every sort ends with. */
    static void write(JsonGenerator g, IssueSort sort) throws IOException {
        g.writeStartArray();
        for (IssueSort.Key key : sort.keys()) {
            g.writeStartObject();
            g.writeStringField("field", key.field().id());
            g.writeStringField("direction", key.descending() ? "desc" : "asc");
            g.writeEndObject();
        }
        g.writeStartObject();
        g.writeStringField("field", "key");
        g.writeStringField("direction", "asc");
        g.writeEndObject();
        g.writeEndArray();
    }

    private static void text(JsonGenerator g, String type, String field, String text) throws IOException {
        g.writeStringField("type", type);
        g.writeStringField("field", field);
        g.writeStringField("text", text);
    }

    private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        if (values.isEmpty()) {
            return;
        }
        g.writeArrayFieldStart(name);
        for (String value : values) {
            g.writeString(value);
        }
        g.writeEndArray();
    }
}
