package io.tracksearch.issue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.tracksearch.error.TrackerException;
import io.tracksearch.model.CustomField;
import io.tracksearch.model.Ids;
import io.tracksearch.model.Issue;
import io.tracksearch.model.IssueField;
import io.tracksearch.model.Users;
import io.tracksearch.model.WorkDuration;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the values clients send for issue fields (create, edit, import) into their stored form, by the
 * field's {@link IssueField.Kind}: one reader per kind serves every field of that kind, standard or
 * custom. Every problem is a 422 naming the field.
 *
 * <p>Two modes differ where Tracker's import API is more permissive than create and edit: an import
 * may set read-only fields (timestamps, authors, status), refer to users by the {@code {"id"}} objects
 * that {@code GET} returns even when they are unknown here, and to issues that are not (yet) stored.
 */
final class FieldInput {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd'T'HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.MILLI_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .toFormatter(Locale.ROOT);

    enum Mode { WRITE, IMPORT }

    /** What reading a value may need to look up: users, the queue's components, other issues. */
    interface Lookups {
        Users users();

        /** The component name for a client's name or id in the queue; creates nothing. */
        String componentName(String queueKey, JsonNode element);

        /** An issue by key or id. */
        Optional<Issue> issue(String keyOrId);

        /**
         * The stored {@code {"id", "display"}} of the version, sprint, board or project a reference field
         * names by id or name; empty when there is none. Imports never ask: they keep references as given.
         */
        default Optional<ObjectNode> reference(IssueField field, String queueKey, String idOrName) {
            return Optional.empty();
        }
    }

    private final Lookups lookups;
    private final Mode mode;

    FieldInput(Lookups lookups, Mode mode) {
        this.lookups = lookups;
        this.mode = mode;
    }

    /**
     * Applies a client value to a field of the issue being built: list fields accept the edit forms of
     * spec 9.4 ({@link ListEdit}), scalars a plain value or {@code {"set": value}}; null clears.
     */
    void apply(Issue.Builder issue, IssueField field, JsonNode value) {
        Optional<String> localQueue = field.localQueue();
        if (localQueue.isPresent() && !localQueue.get().equals(issue.queue())) {
            throw TrackerException.invalidField(field.id(), "a local field of queue " + localQueue.get()
                    + ", not of " + issue.queue());
        }
        if (field.isMultiValued()) {
            List<JsonNode> current = new ArrayList<>();
            JsonNode stored = issue.value(field);
            if (stored != null) {
                stored.forEach(current::add);
            }
            List<JsonNode> elements = ListEdit.apply(field.id(), current, value, element -> one(field, element, issue));
            ArrayNode array = NODES.arrayNode(elements.size());
            elements.forEach(array::add);
            issue.set(field, array);
            return;
        }
        JsonNode plain = Values.unwrapSet(value);
        if (Values.isNull(plain) || plain.isArray() && plain.isEmpty() && field.kind() == IssueField.Kind.USER) {
            if (field.isRequired()) {
                throw TrackerException.invalidField(field.id(), field == IssueField.SUMMARY ? "Field is required" : "Field cannot be empty");
            }
            issue.remove(field);
            return;
        }
        issue.set(field, one(field, plain, issue));
    }

    /** One value (one element of a list field) in stored form. */
    private JsonNode one(IssueField field, JsonNode value, Issue.Builder issue) {
        String id = field.id();
        return switch (field.kind()) {
            case TEXT -> text(field, value);
            case STRING -> {
                String text = Values.string(id, value).strip();
                if (text.isEmpty()) {
                    throw TrackerException.invalidField(id, "a value must not be empty");
                }
                List<String> options = field.definition().map(CustomField::options).orElse(List.of());
                if (!options.isEmpty() && !options.contains(text)) {
                    throw TrackerException.invalidField(id, "must be one of " + String.join(", ", options));
                }
                yield TextNode.valueOf(text);
            }
            case EXACT -> TextNode.valueOf(Values.string(id, value));
            case CATALOG -> TextNode.valueOf(Values.catalog(id, field.catalog(), value).key());
            case USER -> LongNode.valueOf(user(id, value));
            case COMPONENT -> TextNode.valueOf(lookups.componentName(issue.queue(), value));
            case ISSUE -> TextNode.valueOf(issueKey(id, value, issue.key()));
            case DATE -> TextNode.valueOf(Values.date(id, value));
            case INSTANT -> LongNode.valueOf(instant(id, value));
            case NUMBER -> DoubleNode.valueOf(number(id, value));
            case DURATION -> TextNode.valueOf(duration(id, value));
            case REFERENCE -> mode == Mode.IMPORT ? reference(id, value) : storedReference(field, value, issue.queue());
            case KEY, QUEUE -> throw TrackerException.invalidField(id, "Field is not editable");
        };
    }

    private static JsonNode text(IssueField field, JsonNode value) {
        String text = Values.string(field.id(), value);
        if (field == IssueField.SUMMARY) {
            text = text.strip();
            if (text.isEmpty() || text.length() > field.maxLength()) {
                throw TrackerException.invalidField(field.id(), "must be 1 to " + field.maxLength() + " characters");
            }
        }
        if (field.maxLength() > 0 && text.length() > field.maxLength()) {
            throw TrackerException.invalidField(field.id(), "must be at most " + field.maxLength() + " characters");
        }
        return text.isEmpty() ? null : TextNode.valueOf(text);
    }

    /** A user named by uid, login or a user object, as a uid (see {@link Mode} for unknown uids on import). */
    long user(String field, JsonNode value) {
        if (mode == Mode.IMPORT) {
            // GET returns {"self","id":"<uid>","display"}; keep the uid even when no such user is known here
            JsonNode plain = Values.unwrapSet(value);
            JsonNode id = plain.isObject() ? plain.get("id") : plain;
            if (id != null && (id.isIntegralNumber() || id.isTextual() && Ids.isUid(id.asText()))
                    && lookups.users().byLogin(id.asText()).isEmpty()) {
                return id.asLong();
            }
        }
        return Values.user(field, lookups.users(), value).uid();
    }

    private String issueKey(String field, JsonNode value, String ownKey) {
        String reference = Values.issueReference(field, value);
        if (mode == Mode.IMPORT && Ids.isIssueKey(reference)) {
            return reference.toUpperCase(Locale.ROOT);   // imports may name an issue that comes later in the file
        }
        Optional<Issue> target = lookups.issue(reference);
        Issue found = target.orElseThrow(() -> TrackerException.invalidField(field, "issue '" + reference + "' does not exist"));
        if (found.key().equals(ownKey)) {
            throw TrackerException.invalidField(field, "an issue cannot refer to itself");
        }
        return found.key();
    }

    /** A date-time: Tracker's {@code 2017-08-29T12:34:41.740+0000} (also Z, +00:00, no fraction) or epoch millis. */
    static long instant(String field, JsonNode value) {
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        if (value.isTextual()) {
            String text = value.asText().strip();
            long millis = commonInstant(text);
            if (millis != NOT_COMMON) {
                return millis;
            }
            try {
                return OffsetDateTime.parse(text, DATE_TIME).toInstant().toEpochMilli();
            }
            catch (DateTimeParseException e) {
                // reported below
            }
        }
        throw TrackerException.invalidField(field, "must be a date-time like 2017-08-29T12:34:41.740+0000");
    }

    static final long NOT_COMMON = Long.MIN_VALUE;

    /**
     * Epoch millis of the form every export and Tracker itself write, {@code 2017-08-29T12:34:41.740+0000}
     * (also {@code Z}, {@code +03:00}, without the fraction), read without {@link #DATE_TIME}: a bulk import
     * reads three or four per issue, and the formatter took about 4 % of its CPU. Only valid values are read
     * here (the formatter gives them the same instant); anything else is {@link #NOT_COMMON}, for the formatter.
     */
    static long commonInstant(String text) {
        int length = text.length();
        if (length < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return NOT_COMMON;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        int at = 19;
        int millis = 0;
        if (text.charAt(at) == '.') {
            millis = length >= at + 4 ? digits(text, at + 1, 3) : -1;
            at += 4;
        }
        int offsetSeconds = offsetSeconds(text, at);
        if (year < 1 || month < 1 || month > 12 || day < 1 || day > YearMonth.of(year, month).lengthOfMonth()
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || millis < 0
                || offsetSeconds == Integer.MIN_VALUE) {
            return NOT_COMMON;   // the formatter's lenient resolution (24:00, 02-30) or an error
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return ((epochDay * 86_400 + hour * 3_600L + minute * 60L + second) - offsetSeconds) * 1_000 + millis;
    }

    /** The offset ending the text at {@code at}: Z, +HHMM or +HH:MM (either sign), or Integer.MIN_VALUE. */
    private static int offsetSeconds(String text, int at) {
        int rest = text.length() - at;
        if (rest == 1 && text.charAt(at) == 'Z') {
            return 0;
        }
        if ((rest != 5 && rest != 6) || (text.charAt(at) != '+' && text.charAt(at) != '-')
                || (rest == 6 && text.charAt(at + 3) != ':')) {
            return Integer.MIN_VALUE;
        }
        int hours = digits(text, at + 1, 2);
        int minutes = digits(text, at + rest - 2, 2);
        if (hours < 0 || hours > 18 || minutes < 0 || minutes > 59 || hours == 18 && minutes > 0) {
            return Integer.MIN_VALUE;
        }
        int seconds = hours * 3_600 + minutes * 60;
        return text.charAt(at) == '-' ? -seconds : seconds;
    }

    /** The decimal number of {@code count} ASCII digits at {@code from}, or -1. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static double number(String field, JsonNode value) {
        if (value.isTextual() && value.asText().strip().matches("[+-]?\\d{1,15}(\\.\\d{1,15})?")) {
            return Double.parseDouble(value.asText().strip());
        }
        return Values.number(field, value);
    }

    /** Milliseconds (the import API's form), ISO 8601 or {@code 1w 2d 3h}; stored as ISO 8601. */
    static String duration(String field, JsonNode value) {
        Optional<Long> millis = Optional.empty();
        if (value.isIntegralNumber()) {
            millis = Optional.of(value.asLong());
        }
        else if (value.isTextual()) {
            millis = WorkDuration.parse(value.asText());
        }
        if (millis.isEmpty()) {
            throw TrackerException.invalidField(field, "must be a duration such as P1W2DT3H, 3h 30m or milliseconds");
        }
        if (millis.get() < 0) {
            throw TrackerException.invalidField(field, "must not be negative");
        }
        return WorkDuration.format(millis.get());
    }

    /**
     * For create and edit: the object a value names must exist (a version of the issue's queue), and the
     * value is stored as the object's {@code {"id", "display"}}, whatever form named it: an id (number or
     * string), a name, or an object with id (as GET returns it) or name.
     */
    private JsonNode storedReference(IssueField field, JsonNode value, String queueKey) {
        JsonNode plain = value;
        if (value.isObject()) {
            plain = value.hasNonNull("id") ? value.get("id") : value.hasNonNull("name") ? value.get("name") : value.get("display");
        }
        if (plain == null || !(plain.isIntegralNumber() || plain.isTextual() && !plain.asText().isBlank())) {
            throw TrackerException.invalidField(field.id(), "must be an id, a name or an object with id");
        }
        String wanted = plain.asText().strip();
        return lookups.reference(field, queueKey, wanted).orElseThrow(() -> TrackerException.invalidField(field.id(),
                field.schemaType() + " '" + wanted + "' does not exist" + (field.referencePath().equals("versions") ? " in queue " + queueKey : "")));
    }

    /** Import: an id (number or string), or an object with id and display as GET returns it, kept as given. */
    private static JsonNode reference(String field, JsonNode value) {
        ObjectNode stored = NODES.objectNode();
        if (value.isIntegralNumber() || value.isTextual() && !value.asText().isBlank()) {
            stored.put("id", value.asText().strip());
            return stored;
        }
        if (value.isObject() && value.hasNonNull("id") && (value.get("id").isTextual() || value.get("id").isIntegralNumber())) {
            stored.put("id", value.get("id").asText());
            if (value.hasNonNull("display")) {
                stored.put("display", value.get("display").asText());
            }
            return stored;
        }
        throw TrackerException.invalidField(field, "must be an id or an object with id");
    }
}
