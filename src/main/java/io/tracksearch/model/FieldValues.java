package io.tracksearch.model;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The normalised values of an issue's field, exactly as backends index them and as the conditions of
 * the neutral tree compare against them, derived from the field's {@link IssueField.Kind} alone. One
 * place, so that every backend and the test oracle agree, for standard and custom fields alike.
 */
public final class FieldValues {
    private FieldValues() {
    }

    /** Normalised string values of a keyword-kind field; empty when the field has no value. */
    public static List<String> keywords(IssueField field, Issue issue) {
        if (field.isDerived() && field.kind() == IssueField.Kind.QUEUE) {
            // queues of linked issues ("Depend On Queue"): queue keys like the issue's own queue
            JsonNode value = field.valueIn(issue);
            List<String> result = new ArrayList<>();
            for (JsonNode element : value == null ? List.<JsonNode>of() : value.isArray() ? value : List.of(value)) {
                result.add(element.asText());
            }
            return result;
        }
        switch (field.kind()) {
            case KEY -> {
                return List.of(issue.key());
            }
            case QUEUE -> {
                return List.of(issue.queue());
            }
            case TEXT, INSTANT, DATE, NUMBER, DURATION -> throw new IllegalArgumentException(field + " is not a keyword field");
            case CATALOG, USER, STRING, COMPONENT, ISSUE, EXACT, REFERENCE -> {
                return keywordsOf(field, field.valueIn(issue));
            }
        }
        throw new IllegalStateException("unreachable");
    }

    /**
     * Normalised string values of one stored value of a keyword-kind field (null: none), as
     * {@link #keywords} gives them for an issue; the key and the queue are their text. For values kept
     * apart from an issue (the history's old and new values).
     */
    public static List<String> keywordsOf(IssueField field, JsonNode value) {
        if (!field.kind().isKeyword()) {
            throw new IllegalArgumentException(field + " is not a keyword field");
        }
        if (value == null) {
            return List.of();
        }
        List<String> result = new ArrayList<>();
        for (JsonNode element : value.isArray() ? value : List.of(value)) {
            addKeywords(result, field.kind(), element);
        }
        return result;
    }

    private static void addKeywords(List<String> result, IssueField.Kind kind, JsonNode element) {
        switch (kind) {
            case STRING, COMPONENT -> result.add(element.asText().toLowerCase(Locale.ROOT));
            case REFERENCE -> {
                // matched by id, or by display name written in any case
                result.add(element.path("id").asText());
                String display = element.path("display").asText("");
                if (!display.isEmpty()) {
                    result.add(display.toLowerCase(Locale.ROOT));
                }
            }
            default -> result.add(element.asText());
        }
    }

    /** Epoch milliseconds of an instant or date field, or null. */
    public static Long epochMillis(IssueField field, Issue issue) {
        JsonNode value = field.valueIn(issue);
        if (value == null) {
            return null;
        }
        return switch (field.kind()) {
            case INSTANT -> value.asLong();
            case DATE -> dateMillis(value.asText());
            default -> throw new IllegalArgumentException(field + " is not a date field");
        };
    }

    /** Value of a number or duration field (durations in work milliseconds), or null. */
    public static Double number(IssueField field, Issue issue) {
        JsonNode value = field.valueIn(issue);
        if (field == IssueField.VOTES && value == null) {
            return 0.0;   // Tracker shows votes 0 on an issue nobody voted for, and searches it so
        }
        if (value == null) {
            return null;
        }
        return switch (field.kind()) {
            case NUMBER -> value.asDouble();
            case DURATION -> WorkDuration.parse(value.asText()).map(Long::doubleValue).orElse(null);
            default -> throw new IllegalArgumentException(field + " is not a number field");
        };
    }

    /** Text of a text field, or null. */
    public static String text(IssueField field, Issue issue) {
        if (field.kind() != IssueField.Kind.TEXT) {
            throw new IllegalArgumentException(field + " is not a text field");
        }
        JsonNode value = field.valueIn(issue);
        return value == null ? null : value.asText();
    }

    /** Whether the field has a value (spec: null and empty lists count as no value). */
    public static boolean hasValue(IssueField field, Issue issue) {
        return switch (field.kind()) {
            case KEY -> true;
            case QUEUE -> !field.isDerived() || field.valueIn(issue) != null;
            case TEXT -> {
                String text = text(field, issue);
                yield text != null && !text.isEmpty();
            }
            case NUMBER, DURATION -> number(field, issue) != null;
            default -> field.valueIn(issue) != null;
        };
    }

    public static Long dateMillis(String isoDate) {
        return isoDate == null ? null : LocalDate.parse(isoDate).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }
}
