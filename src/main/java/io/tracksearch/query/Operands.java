package io.tracksearch.query;

import io.tracksearch.error.TrackerException;
import io.tracksearch.model.IssueField;
import io.tracksearch.model.WorkDuration;
import io.tracksearch.query.QueryNode.Call;
import io.tracksearch.query.QueryNode.Operand;
import io.tracksearch.query.QueryNode.Operator;
import io.tracksearch.query.QueryNode.Quoted;
import io.tracksearch.query.QueryNode.Word;
import io.tracksearch.store.Condition;
import io.tracksearch.store.Condition.DateRange;
import io.tracksearch.store.Condition.NumberRange;
import io.tracksearch.text.PhrasePart;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What {@link QueryResolver} asks of a single operand that needs nothing but the operand: the checks (no
 * shift, no wildcard, no arguments, a function applicable to the field), its scalar values (numbers, work
 * durations) and the range a comparison operator makes of a date interval or a number (spec 8.5).
 */
final class Operands {
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d{1,15}(\\.\\d{0,15})?|\\.\\d{1,15})");
    private static final Set<String> KNOWN_FUNCTIONS = Set.of("empty", "notempty", "me", "now", "today", "week",
            "month", "quarter", "year", "unresolved", "group", "changed");

    private Operands() {
    }

    /**
     * Gaps one {@code #} phrase may hold (decision; Tracker documents none). Each gap makes the phrase one
     * interval more; a real phrase has a few, and thousands of them kept the embedded store building one
     * query for minutes.
     */
    static final int MAX_PHRASE_GAPS = 32;

    static void requireFewGaps(String text, int position) {
        int gaps = PhrasePart.pieces(text).length - 1;
        if (gaps > MAX_PHRASE_GAPS) {
            throw QueryErrors.at(position, "a '#' phrase may hold at most " + MAX_PHRASE_GAPS + " '||' gaps, not " + gaps);
        }
    }

    static void requireNoWildcard(String text, int position) {
        if (text.contains(PhrasePart.GAP)) {
            throw QueryErrors.at(position, "'||' is only allowed inside a '#' phrase");
        }
    }

    record PositionedText(String text, int position) {
    }

    /** A word or quoted string without arithmetic. */
    static PositionedText text(Operand operand, String name) {
        requireNoShift(operand, name);
        return switch (operand.atom()) {
            case Word word -> new PositionedText(word.text(), word.position());
            case Quoted quoted -> new PositionedText(quoted.text(), quoted.position());
            case Call call -> throw notApplicable(call, name);
        };
    }

    static void requireNoShift(Operand operand, String name) {
        if (!operand.shifts().isEmpty()) {
            throw QueryErrors.at(operand.shifts().getFirst().position(),
                    "arithmetic is not applicable to field " + QueryErrors.quote(name));
        }
    }

    /** Spec 8.5 interval table. */
    static Condition dateCondition(IssueField field, Operator operator, Interval value, Optional<Interval> rangeEnd) {
        long[] bounds = dateBounds(operator, value, rangeEnd);
        return new DateRange(field, bounds[0] == Long.MIN_VALUE ? null : bounds[0],
                bounds[1] == Long.MAX_VALUE ? null : bounds[1]);
    }

    /** [from, to) for a date value under an operator; MIN/MAX_VALUE for an open end. */
    static long[] dateBounds(Operator operator, Interval value, Optional<Interval> rangeEnd) {
        if (rangeEnd.isPresent()) {
            return new long[] {value.start(), rangeEnd.get().end()};
        }
        return switch (operator) {
            case NONE, NOT -> new long[] {value.start(), value.end()};
            case GREATER -> new long[] {value.end(), Long.MAX_VALUE};
            case GREATER_OR_EQUAL -> new long[] {value.start(), Long.MAX_VALUE};
            case LESS -> new long[] {Long.MIN_VALUE, value.start()};
            case LESS_OR_EQUAL -> new long[] {Long.MIN_VALUE, value.end()};
            case PHRASE, NOT_EXACTLY -> throw new IllegalStateException("checked by the caller: " + operator);
        };
    }

    static double number(Operand operand, String name) {
        requireNoShift(operand, name);
        return switch (operand.atom()) {
            case Word word -> parseNumber(word.text(), word.position());
            case Quoted quoted -> parseNumber(quoted.text(), quoted.position());
            case Call call -> throw notApplicable(call, name);
        };
    }

    /** A work duration ({@code 2d 4h}, {@code P1W}) in milliseconds (see WorkDuration). */
    static double duration(Operand operand, String name) {
        requireNoShift(operand, name);
        PositionedText text = switch (operand.atom()) {
            case Word word -> new PositionedText(word.text(), word.position());
            case Quoted quoted -> new PositionedText(quoted.text(), quoted.position());
            case Call call -> throw notApplicable(call, name);
        };
        return WorkDuration.parse(text.text()).orElseThrow(() ->
                QueryErrors.at(text.position(), "invalid duration " + QueryErrors.quote(text.text())));
    }

    static double parseNumber(String text, int position) {
        if (!NUMBER.matcher(text.strip()).matches()) {
            throw QueryErrors.at(position, "invalid number " + QueryErrors.quote(text));
        }
        return Double.parseDouble(text.strip());
    }

    static Condition numberCondition(IssueField field, Operator operator, double value, Optional<Double> rangeEnd) {
        if (rangeEnd.isPresent()) {
            return new NumberRange(field, value, true, rangeEnd.get(), true);
        }
        return switch (operator) {
            case NONE, NOT -> new NumberRange(field, value, true, value, true);
            case GREATER -> new NumberRange(field, value, false, null, false);
            case GREATER_OR_EQUAL -> new NumberRange(field, value, true, null, false);
            case LESS -> new NumberRange(field, null, false, value, false);
            case LESS_OR_EQUAL -> new NumberRange(field, null, false, value, true);
            case PHRASE, NOT_EXACTLY -> throw new IllegalStateException("checked by the caller: " + operator);
        };
    }

    static void requireNoArguments(Call call) {
        if (!call.arguments().isEmpty()) {
            throw QueryErrors.at(call.arguments().getFirst().position(),
                    "function " + functionName(call) + " takes no arguments");
        }
    }

    static TrackerException notApplicable(Call call, String field) {
        if (!KNOWN_FUNCTIONS.contains(call.name().toLowerCase(Locale.ROOT))) {
            throw QueryErrors.at(call.position(), "unknown function " + functionName(call));
        }
        return QueryErrors.at(call.position(), "function " + functionName(call) + " is not applicable to field "
                + QueryErrors.quote(field));
    }

    static String functionName(Call call) {
        return QueryErrors.quote(call.name() + "()");
    }
}
