package io.tracksearch.store;

import io.tracksearch.model.IssueField;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The backend-neutral query tree. Filter objects and query-language text both resolve to it (user
 * names to uids, functions like me() and today() to constants), and each storage backend compiles it.
 * Values are already normalised as {@link io.tracksearch.model.FieldValues} indexes them.
 * A new node type breaks every exhaustive switch over this interface, which is the point.
 */
public sealed interface Condition {

    /** Every issue. */
    record MatchAll() implements Condition {
    }

    /** No issue. */
    record MatchNone() implements Condition {
    }

    record And(List<Condition> conditions) implements Condition {
        public And {
            conditions = List.copyOf(conditions);
        }
    }

    record Or(List<Condition> conditions) implements Condition {
        public Or {
            conditions = List.copyOf(conditions);
        }
    }

    record Not(Condition condition) implements Condition {
        public Not {
            requireNonNull(condition, "condition is null");
        }
    }

    /** A keyword-kind field has at least one of the values (normalised: see FieldValues.keywords). */
    record AnyOf(IssueField field, List<String> values) implements Condition {
        public AnyOf {
            requireKind(field.kind().isKeyword(), field);
            values = List.copyOf(values);
        }
    }

    /** A date or date-time field lies in [from, to); either end may be null (unbounded). Epoch millis. */
    record DateRange(IssueField field, Long from, Long to) implements Condition {
        public DateRange {
            requireKind(field.kind() == IssueField.Kind.INSTANT || field.kind() == IssueField.Kind.DATE, field);
        }
    }

    /** A number or duration (work milliseconds) field lies between min and max; either may be null (unbounded). */
    record NumberRange(IssueField field, Double min, boolean minInclusive, Double max, boolean maxInclusive)
            implements Condition {
        public NumberRange {
            requireKind(field.kind().isNumeric(), field);
        }
    }

    /** The field has a value (non-empty list for list fields). */
    record Exists(IssueField field) implements Condition {
    }

    /** Every word of {@code text} occurs in the text field, in any inflected form (stemmed, case-insensitive). */
    record TextMatch(IssueField field, String text) implements Condition {
        public TextMatch {
            requireKind(field.kind() == IssueField.Kind.TEXT, field);
            requireNonNull(text, "text is null");
        }
    }

    /**
     * The text field contains the exact phrase (consecutive words, no stemming, case-insensitive).
     * A {@code ||} in the text stands for one or more arbitrary words at that position (spec 8.4).
     */
    record Phrase(IssueField field, String text) implements Condition {
        public Phrase {
            requireKind(field.kind() == IssueField.Kind.TEXT, field);
            requireNonNull(text, "text is null");
        }
    }

    /**
     * The whole summary equals the text, case-insensitively with whitespace collapsed (for {@code ~},
     * which the spec allows on Summary only; so backends index the exact form of summaries alone).
     */
    record TextEquals(IssueField field, String text) implements Condition {
        public TextEquals {
            requireKind(field == IssueField.SUMMARY, field);
            requireNonNull(text, "text is null");
        }

        /** The normal form both sides are compared in. */
        private static final Pattern WHITESPACE = Pattern.compile("\\s+");

        public static String normalize(String text) {
            return WHITESPACE.matcher(text.strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
        }
    }

    /**
     * At least one recorded change of {@code field} satisfies every given argument (spec 8.6 changed()):
     * old value in {@code from}, new value in {@code to}, made by a uid in {@code by}, at a time in
     * [dateFrom, dateTo). Empty lists and null bounds mean "any". Values normalised like AnyOf.
     */
    record Changed(IssueField field, List<String> from, List<String> to, List<String> by, Long dateFrom, Long dateTo)
            implements History {
        public Changed {
            from = List.copyOf(from);
            to = List.copyOf(to);
            by = List.copyOf(by);
        }
    }

    /**
     * Conditions on an issue's recorded history rather than its values: backends answer them from their
     * change documents before compiling ({@link ChangeResolution}).
     */
    sealed interface History extends Condition permits Changed, HistoryText {
    }

    /**
     * {@code History: text} (S9: "a search is only made by the Summary and Description field values"):
     * some recorded change set or replaced a summary or description whose text has every word of
     * {@code text} in any inflected form, or with {@code phrase} the exact phrase, as TextMatch and
     * Phrase define them. Old and new values alike count, so a word the issue's text ever had matches.
     */
    record HistoryText(String text, boolean phrase) implements History {
        /** The fields whose recorded values History: searches (S9). */
        public static final List<IssueField> FIELDS = List.of(IssueField.SUMMARY, IssueField.DESCRIPTION);

        public HistoryText {
            requireNonNull(text, "text is null");
        }

        /** The same words on the recorded summary and description values, as the history documents index them. */
        public Condition onRecordedText() {
            return new Or(FIELDS.stream().map(this::onField).toList());
        }

        private Condition onField(IssueField field) {
            return phrase ? new Phrase(field, text) : new TextMatch(field, text);
        }
    }

    private static void requireKind(boolean ok, IssueField field) {
        if (!ok) {
            throw new IllegalArgumentException("condition not applicable to field " + field);
        }
    }

    static Condition all() {
        return new MatchAll();
    }

    static Condition and(Condition... conditions) {
        return new And(List.of(conditions));
    }

    static Condition or(Condition... conditions) {
        return new Or(List.of(conditions));
    }

    static Condition not(Condition condition) {
        return new Not(condition);
    }
}
