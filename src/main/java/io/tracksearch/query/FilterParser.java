package io.tracksearch.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracksearch.error.TrackerException;
import io.tracksearch.model.IssueField;
import io.tracksearch.model.WorkDuration;
import io.tracksearch.store.Condition;
import io.tracksearch.store.Condition.DateRange;
import io.tracksearch.store.Condition.Exists;
import io.tracksearch.store.Condition.MatchAll;
import io.tracksearch.store.Condition.NumberRange;
import io.tracksearch.store.Condition.TextMatch;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code filter} object of {@code _search}/{@code _count} (spec 4.5): field id -> value, entries
 * AND-ed, arrays OR-ed, {@code {"from","to"}} ranges, {@code null} = empty(), function strings, and
 * literals matched like the query language. No operators are parsed inside values.
 */
public final class FilterParser {
    private static final Pattern FUNCTION = Pattern.compile("\\s*([A-Za-z]+)\\s*\\(\\s*\\)\\s*");
    private static final Pattern NUMBER = Pattern.compile("\\s*[+-]?(\\d{1,15}(\\.\\d{0,15})?|\\.\\d{1,15})\\s*");

    private final QueryContext context;
    private final FieldValueLookup lookup;

    private FilterParser(QueryContext context) {
        this.context = context;
        this.lookup = new FieldValueLookup(context);
    }

    /** The condition of a filter object; {@code {}} matches every issue. */
    public static Condition parse(JsonNode filter, QueryContext context) {
        if (filter == null || filter.isNull() || filter.isMissingNode()) {
            return new MatchAll();
        }
        if (!filter.isObject()) {
            throw TrackerException.badRequest("filter must be a JSON object");
        }
        FilterParser parser = new FilterParser(context);
        List<Condition> entries = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = filter.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = fields.next();
            IssueField field = FieldNames.filterField(entry.getKey(), context.fields()).orElseThrow(() ->
                    TrackerException.badRequest("Unknown field in filter: " + entry.getKey()));
            entries.add(parser.value(field, entry.getKey(), entry.getValue()));
        }
        return Conditions.and(entries);
    }

    private Condition value(IssueField field, String name, JsonNode value) {
        if (value.isArray()) {
            List<Condition> alternatives = new ArrayList<>();
            for (JsonNode element : value) {
                if (element.isArray()) {
                    throw invalid(name, "nested arrays are not allowed");
                }
                alternatives.add(single(field, name, element));
            }
            return Conditions.or(alternatives);   // [] matches nothing
        }
        return single(field, name, value);
    }

    private Condition single(IssueField field, String name, JsonNode value) {
        if (value.isNull()) {
            return Conditions.not(new Exists(field));
        }
        if (value.isObject()) {
            return range(field, name, value);
        }
        if (value.isTextual()) {
            Optional<Condition> function = function(field, name, value.textValue());
            return function.orElseGet(() -> literal(field, name, value.textValue()));
        }
        if (value.isNumber()) {
            return number(field, name, value);
        }
        if (value.isBoolean()) {
            if (field.kind().isOrdered()) {
                throw invalid(name, "expected a " + (field.kind().isNumeric() ? "number" : "date") + ", got " + value);
            }
            return literal(field, name, value.asText());
        }
        throw invalid(name, "unsupported value " + value);
    }

    /** {@code "empty()"}, {@code "Me( )"}...: case-insensitive, inner whitespace allowed; empty when not a function. */
    private Optional<Condition> function(IssueField field, String name, String text) {
        Matcher matcher = FUNCTION.matcher(text);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String function = matcher.group(1).toLowerCase(Locale.ROOT);
        return switch (function) {
            case "empty" -> Optional.of(Conditions.not(new Exists(field)));
            case "notempty" -> Optional.of(new Exists(field));
            case "me" -> {
                if (field.kind() != IssueField.Kind.USER) {
                    throw notApplicable(text, name);
                }
                yield Optional.of(Conditions.anyOf(field, List.of(lookup.me())));
            }
            case "unresolved" -> {
                if (field != IssueField.RESOLUTION) {
                    throw notApplicable(text, name);
                }
                yield Optional.of(Conditions.not(new Exists(field)));
            }
            default -> {
                Optional<Interval> interval = TimeValues.function(function, context.now());
                if (interval.isEmpty()) {
                    yield Optional.empty();   // any other string is a literal
                }
                if (field.kind() != IssueField.Kind.INSTANT && field.kind() != IssueField.Kind.DATE) {
                    throw notApplicable(text, name);
                }
                yield Optional.of(new DateRange(field, interval.get().start(), interval.get().end()));
            }
        };
    }

    private Condition literal(IssueField field, String name, String text) {
        return switch (field.kind()) {
            case CATALOG -> Conditions.anyOf(field, List.of(field.catalog().find(text).orElseThrow(() ->
                    TrackerException.badRequest("Unknown value '" + text + "' for field " + name)).key()));
            case USER -> Conditions.anyOf(field, lookup.usersByLoginUidOrDisplayName(text));
            case QUEUE, KEY, STRING, COMPONENT, ISSUE, EXACT, REFERENCE -> Conditions.anyOf(field, lookup.plainKeywords(field, text));
            case TEXT -> new TextMatch(field, text);
            case INSTANT, DATE -> {
                Interval interval = date(name, text);
                yield new DateRange(field, interval.start(), interval.end());
            }
            case NUMBER -> {
                double number = parseNumber(name, text);
                yield new NumberRange(field, number, true, number, true);
            }
            case DURATION -> {
                double millis = durationMillis(name, text);
                yield new NumberRange(field, millis, true, millis, true);
            }
        };
    }

    private Condition number(IssueField field, String name, JsonNode value) {
        return switch (field.kind()) {
            case NUMBER, DURATION -> new NumberRange(field, value.doubleValue(), true, value.doubleValue(), true);
            case INSTANT, DATE -> throw invalid(name, "expected a date, got " + value);
            default -> literal(field, name, value.isIntegralNumber() ? value.bigIntegerValue().toString() : value.asText());
        };
    }

    private Condition range(IssueField field, String name, JsonNode range) {
        if (!field.kind().isOrdered()) {
            throw invalid(name, "a range is allowed only for date and number fields");
        }
        for (Iterator<String> keys = range.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!key.equals("from") && !key.equals("to")) {
                throw invalid(name, "unexpected key '" + key + "' in range");
            }
        }
        JsonNode from = range.path("from");
        JsonNode to = range.path("to");
        boolean hasFrom = !from.isMissingNode() && !from.isNull();
        boolean hasTo = !to.isMissingNode() && !to.isNull();
        if (!hasFrom && !hasTo) {
            return new Exists(field);
        }
        if (field.kind() == IssueField.Kind.NUMBER) {
            return new NumberRange(field, hasFrom ? numberBound(name, from) : null, hasFrom,
                    hasTo ? numberBound(name, to) : null, hasTo);
        }
        if (field.kind() == IssueField.Kind.DURATION) {
            return new NumberRange(field, hasFrom ? durationBound(name, from) : null, hasFrom,
                    hasTo ? durationBound(name, to) : null, hasTo);
        }
        return new DateRange(field, hasFrom ? dateBound(name, from).start() : null, hasTo ? dateBound(name, to).end() : null);
    }

    /** A date range bound: a date, a date-time or a date function; the range covers it inclusively. */
    private Interval dateBound(String name, JsonNode bound) {
        if (!bound.isTextual()) {
            throw invalid(name, "expected a date, got " + bound);
        }
        Matcher matcher = FUNCTION.matcher(bound.textValue());
        if (matcher.matches()) {
            return TimeValues.function(matcher.group(1).toLowerCase(Locale.ROOT), context.now())
                    .orElseThrow(() -> notApplicable(bound.textValue(), name));
        }
        return date(name, bound.textValue());
    }

    private static double numberBound(String name, JsonNode bound) {
        if (bound.isNumber()) {
            return bound.doubleValue();
        }
        if (bound.isTextual()) {
            return parseNumber(name, bound.textValue());
        }
        throw invalid(name, "expected a number, got " + bound);
    }

    /** A duration bound: milliseconds, or a text such as {@code 2d 4h} or {@code P1W}. */
    private static double durationBound(String name, JsonNode bound) {
        if (bound.isNumber()) {
            return bound.doubleValue();
        }
        if (bound.isTextual()) {
            return durationMillis(name, bound.textValue());
        }
        throw invalid(name, "expected a duration, got " + bound);
    }

    private static double durationMillis(String name, String text) {
        return WorkDuration.parse(text).orElseThrow(() -> invalid(name, "expected a duration, got '" + text + "'"));
    }

    private static Interval date(String name, String text) {
        return TimeValues.filterLiteral(text).orElseThrow(() -> invalid(name, "expected a date, got '" + text + "'"));
    }

    private static double parseNumber(String name, String text) {
        if (!NUMBER.matcher(text).matches()) {
            throw invalid(name, "expected a number, got '" + text + "'");
        }
        return Double.parseDouble(text.strip());
    }

    private static TrackerException invalid(String field, String problem) {
        return TrackerException.badRequest("Invalid value for field " + field + " in filter: " + problem);
    }

    private static TrackerException notApplicable(String function, String field) {
        return TrackerException.badRequest("Function " + function.strip() + " is not applicable to field " + field);
    }
}
