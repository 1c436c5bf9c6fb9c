package io.tracksearch.model;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The normalised values of an issue's field, exactly as backends index them and as the conditions of
 * the neutral tree compare against them. One place, so that every backend and the test oracle agree.
 */
public final class FieldValues {
    private FieldValues() {
    }

    /** Normalised string values of a keyword-kind field; empty when the field has no value. */
    public static List<String> keywords(IssueField field, Issue issue) {
        return switch (field) {
            case KEY -> List.of(issue.key());
            case QUEUE -> List.of(issue.queue());
            case TYPE -> List.of(issue.type());
            case PRIORITY -> List.of(issue.priority());
            case STATUS -> List.of(issue.status());
            case RESOLUTION -> optional(issue.resolution());
            case ASSIGNEE -> uid(issue.assignee());
            case CREATED_BY -> uid(issue.createdBy());
            case UPDATED_BY -> uid(issue.updatedBy());
            case RESOLVED_BY -> uid(issue.resolvedBy());
            case FOLLOWERS -> issue.followers().stream().map(String::valueOf).toList();
            case TAGS -> lowerCase(issue.tags());
            case COMPONENTS -> lowerCase(issue.components());
            case PARENT -> optional(issue.parent());
            case EPIC -> optional(issue.epic());
            case UNIQUE -> optional(issue.unique());
            case SUMMARY, DESCRIPTION, CREATED_AT, UPDATED_AT, RESOLVED_AT, STATUS_START_TIME,
                    LAST_COMMENT_UPDATED_AT, DEADLINE, START, END, VOTES, STORY_POINTS ->
                    throw new IllegalArgumentException(field + " is not a keyword field");
        };
    }

    /** Epoch milliseconds of an instant or date field, or null. */
    public static Long epochMillis(IssueField field, Issue issue) {
        return switch (field) {
            case CREATED_AT -> issue.createdAt();
            case UPDATED_AT -> issue.updatedAt();
            case RESOLVED_AT -> issue.resolvedAt();
            case STATUS_START_TIME -> issue.statusStartTime();
            case LAST_COMMENT_UPDATED_AT -> null;
            case DEADLINE -> dateMillis(issue.deadline());
            case START -> dateMillis(issue.start());
            case END -> dateMillis(issue.end());
            default -> throw new IllegalArgumentException(field + " is not a date field");
        };
    }

    /** Value of a number field, or null. Votes are always 0 (no voting endpoint). */
    public static Double number(IssueField field, Issue issue) {
        return switch (field) {
            case VOTES -> 0.0;
            case STORY_POINTS -> issue.storyPoints();
            default -> throw new IllegalArgumentException(field + " is not a number field");
        };
    }

    /** Text of a text field, or null. */
    public static String text(IssueField field, Issue issue) {
        return switch (field) {
            case SUMMARY -> issue.summary();
            case DESCRIPTION -> issue.description();
            default -> throw new IllegalArgumentException(field + " is not a text field");
        };
    }

    /** Whether the field has a value (spec: null and empty lists count as no value). */
    public static boolean hasValue(IssueField field, Issue issue) {
        return switch (field.kind()) {
            case TEXT -> {
                String text = text(field, issue);
                yield text != null && !text.isEmpty();
            }
            case INSTANT, DATE -> epochMillis(field, issue) != null;
            case NUMBER -> number(field, issue) != null;
            default -> !keywords(field, issue).isEmpty();
        };
    }

    public static Long dateMillis(String isoDate) {
        return isoDate == null ? null : LocalDate.parse(isoDate).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    private static List<String> optional(String value) {
        return value == null ? List.of() : List.of(value);
    }

    private static List<String> uid(Long uid) {
        return uid == null ? List.of() : List.of(Long.toString(uid));
    }

    private static List<String> lowerCase(List<String> values) {
        List<String> result = new ArrayList<>(values.size());
        for (String value : values) {
            result.add(value.toLowerCase(Locale.ROOT));
        }
        return result;
    }
}
