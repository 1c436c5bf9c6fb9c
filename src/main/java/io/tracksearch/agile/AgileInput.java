package io.tracksearch.agile;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracksearch.error.TrackerException;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the values of create requests for versions, boards, sprints and projects. Every problem is a 422
 * naming the field, in the Tracker error format, as for issue bodies.
 */
final class AgileInput {
    private static final int MAX_NAME = 255;
    private static final int MAX_DESCRIPTION = 512_000;

    private AgileInput() {
    }

    /**
     * Refuses fields the request does not take, so that a misspelt field is not silently dropped; a
     * {@code name} that an edit does not take is refused with the reason.
     */
    static void requireKnownFields(JsonNode body, Set<String> known) {
        for (var names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (name.equals("name") && !known.contains(name)) {
                throw TrackerException.invalidField(name, "cannot be changed: issues keep the name they were given");
            }
            if (!known.contains(name)) {
                throw TrackerException.invalidField(name, "unknown field");
            }
        }
    }

    static boolean isMissing(JsonNode value) {
        return value == null || value.isNull();
    }

    /** A required non-blank name of at most 255 characters, stripped. */
    static String name(JsonNode body, String field) {
        String text = optionalText(body, field, MAX_NAME);
        if (text == null || text.isBlank()) {
            throw TrackerException.invalidField(field, "Field is required");
        }
        return text.strip();
    }

    /** An optional text of at most 512,000 characters; null when absent. */
    static String description(JsonNode body, String field) {
        return optionalText(body, field, MAX_DESCRIPTION);
    }

    private static String optionalText(JsonNode body, String field, int maxLength) {
        JsonNode value = body.get(field);
        if (isMissing(value)) {
            return null;
        }
        String text = text(field, value);
        if (text.length() > maxLength) {
            throw TrackerException.invalidField(field, "must be at most " + maxLength + " characters");
        }
        return text;
    }

    /** An optional date {@code YYYY-MM-DD}; null when absent. */
    static String date(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (isMissing(value)) {
            return null;
        }
        if (value.isTextual()) {
            try {
                return LocalDate.parse(value.asText().strip()).toString();
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        throw TrackerException.invalidField(field, "must be a date YYYY-MM-DD");
    }

    static String requiredDate(JsonNode body, String field) {
        String date = date(body, field);
        if (date == null) {
            throw TrackerException.invalidField(field, "Field is required");
        }
        return date;
    }

    /** A start and an end date; either may be null. */
    record Dates(String start, String end) {
    }

    /**
     * The dates after an edit: each given one replaces the current one (a required one cannot be cleared),
     * and the end must not come before the start.
     */
    static Dates editedDates(JsonNode body, String startField, String endField, Dates current, boolean required) {
        String start = !body.has(startField) ? current.start() : required ? requiredDate(body, startField) : date(body, startField);
        String end = !body.has(endField) ? current.end() : required ? requiredDate(body, endField) : date(body, endField);
        requireOrdered(start, end, endField);
        return new Dates(start, end);
    }

    /** Refuses an end before the start; both may be null. */
    static void requireOrdered(String start, String end, String endField) {
        if (start != null && end != null && LocalDate.parse(end).isBefore(LocalDate.parse(start))) {
            throw TrackerException.invalidField(endField, "must not be before the start date");
        }
    }

    static boolean flag(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (isMissing(value)) {
            return false;
        }
        if (!value.isBoolean()) {
            throw TrackerException.invalidField(field, "must be true or false");
        }
        return value.asBoolean();
    }

    /** An optional state of an enumeration, written as its lower-case key ({@code in_progress}) in any case. */
    static <E extends Enum<E>> Optional<E> state(JsonNode body, String field, Class<E> type) {
        JsonNode value = body.get(field);
        if (isMissing(value)) {
            return Optional.empty();
        }
        String wanted = text(field, value).strip();
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(wanted)) {
                return Optional.of(constant);
            }
        }
        throw TrackerException.invalidField(field, "unknown value '" + wanted + "'");
    }

    /**
     * The text naming an object: a string, a number, or an object with one of {@code names} (its
     * {@code id}, {@code key}...), as Tracker's requests give queues and boards.
     */
    static String reference(String field, JsonNode value, String... names) {
        if (value.isTextual() && !value.asText().isBlank() || value.isIntegralNumber()) {
            return value.asText().strip();
        }
        if (value.isObject()) {
            for (String name : names) {
                JsonNode part = value.get(name);
                if (part != null && (part.isTextual() && !part.asText().isBlank() || part.isIntegralNumber())) {
                    return part.asText().strip();
                }
            }
        }
        throw TrackerException.invalidField(field, "must be an id, a key or an object with " + String.join(" or ", names));
    }

    private static String text(String field, JsonNode value) {
        if (!value.isTextual()) {
            throw TrackerException.invalidField(field, "must be a string");
        }
        return value.asText();
    }
}
