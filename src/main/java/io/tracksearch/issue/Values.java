package io.tracksearch.issue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracksearch.error.TrackerException;
import io.tracksearch.model.Catalog;
import io.tracksearch.model.CatalogEntry;
import io.tracksearch.model.Ids;
import io.tracksearch.model.User;
import io.tracksearch.model.Users;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the value forms clients send for references (spec 9.1, S6): plain keys, numeric ids,
 * {"id"}/{"key"}/{"name"}/{"login"}/{"uid"} objects, and {"set": ...} wrappers. Every problem is a 422
 * naming the field, as Tracker answers body validation errors.
 */
final class Values {
    private Values() {
    }

    /** Unwraps {"set": x} to x. */
    static JsonNode unwrapSet(JsonNode value) {
        if (value != null && value.isObject() && value.size() == 1 && value.has("set")) {
            return value.get("set");
        }
        return value;
    }

    static boolean isNull(JsonNode value) {
        return value == null || value.isNull();
    }

    static String string(String field, JsonNode value) {
        if (!value.isTextual()) {
            throw TrackerException.invalidField(field, "must be a string");
        }
        return value.asText();
    }

    static CatalogEntry catalog(String field, Catalog catalog, JsonNode value) {
        JsonNode plain = unwrapSet(value);
        String wanted = null;
        if (plain.isTextual() || plain.isIntegralNumber()) {
            wanted = plain.asText();
        }
        else if (plain.isObject()) {
            for (String name : List.of("key", "id", "name", "display")) {
                if (plain.hasNonNull(name) && (plain.get(name).isTextual() || plain.get(name).isIntegralNumber())) {
                    wanted = plain.get(name).asText();
                    break;
                }
            }
        }
        if (wanted == null) {
            throw TrackerException.invalidField(field, "must be a key, an id or an object with key, id or name");
        }
        String finalWanted = wanted;
        return catalog.find(wanted).orElseThrow(() -> TrackerException.invalidField(field, "unknown value '" + finalWanted + "'"));
    }

    /** A single user: login, uid (number or numeric string), {"id"}/{"uid"}/{"login"}; a one-element array is tolerated. */
    static User user(String field, Users users, JsonNode value) {
        JsonNode plain = unwrapSet(value);
        if (plain.isArray() && plain.size() == 1) {
            plain = plain.get(0);
        }
        Optional<User> found = Optional.empty();
        String shown = plain.toString();
        if (plain.isIntegralNumber()) {
            found = users.byUid(plain.asLong());
        }
        else if (plain.isTextual()) {
            found = byLoginOrUid(users, plain.asText());
            shown = plain.asText();
        }
        else if (plain.isObject()) {
            for (String name : List.of("id", "uid", "login")) {
                JsonNode part = plain.get(name);
                if (part != null && (part.isTextual() || part.isIntegralNumber())) {
                    found = name.equals("login") ? users.byLogin(part.asText()) : byLoginOrUid(users, part.asText());
                    shown = part.asText();
                    break;
                }
            }
        }
        else {
            throw TrackerException.invalidField(field, "must be a login, a uid or an object with id or login");
        }
        String finalShown = shown;
        return found.orElseThrow(() -> TrackerException.invalidField(field, "user '" + finalShown + "' does not exist"));
    }

    private static Optional<User> byLoginOrUid(Users users, String text) {
        Optional<User> byLogin = users.byLogin(text);
        if (byLogin.isPresent() || !Ids.isUid(text)) {
            return byLogin;
        }
        return users.byUid(Long.parseLong(text));
    }

    /** A list value: an array, or a single element standing for a one-element list. */
    static List<JsonNode> elements(JsonNode value) {
        List<JsonNode> elements = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(elements::add);
        }
        else {
            elements.add(value);
        }
        return elements;
    }

    static String date(String field, JsonNode value) {
        JsonNode plain = unwrapSet(value);
        if (!plain.isTextual()) {
            throw TrackerException.invalidField(field, "must be a date YYYY-MM-DD");
        }
        try {
            return LocalDate.parse(plain.asText()).toString();
        }
        catch (DateTimeParseException e) {
            throw TrackerException.invalidField(field, "must be a date YYYY-MM-DD");
        }
    }

    static Double number(String field, JsonNode value) {
        JsonNode plain = unwrapSet(value);
        if (!plain.isNumber() || !Double.isFinite(plain.asDouble())) {
            throw TrackerException.invalidField(field, "must be a number");
        }
        return plain.asDouble();
    }

    /** An issue reference: key string or {"key"}/{"id"} object; returns the key or id text. */
    static String issueReference(String field, JsonNode value) {
        JsonNode plain = unwrapSet(value);
        if (plain.isTextual()) {
            return plain.asText().strip();
        }
        if (plain.isObject()) {
            for (String name : List.of("key", "id")) {
                if (plain.hasNonNull(name) && plain.get(name).isTextual()) {
                    return plain.get(name).asText().strip();
                }
            }
        }
        throw TrackerException.invalidField(field, "must be an issue key or an object with key or id");
    }

    /**
     * Refuses a body key the request does not know (422 naming it): a value a client gave is never
     * dropped without a word.
     */
    static void requireKnownKeys(JsonNode body, Set<String> known) {
        for (var names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw TrackerException.invalidField(name, "Field is not supported");
            }
        }
    }

    /** A component named by a string, or by an object with name, display or id, as given. */
    static String componentName(String field, JsonNode value) {
        return componentReference(field, value).asText().strip();
    }

    /** What names a component: a name or an id, itself or the name, display or id of an object (in that order). */
    static JsonNode componentReference(String field, JsonNode value) {
        JsonNode plain = value;
        if (value.isObject()) {
            for (String name : List.of("name", "display", "id")) {
                if (value.hasNonNull(name)) {
                    plain = value.get(name);
                    break;
                }
            }
        }
        if (!(plain.isTextual() || plain.isIntegralNumber()) || plain.asText().isBlank()) {
            throw TrackerException.invalidField(field, "must be a component name or id");
        }
        return plain;
    }

    /** A queue named by key, id, or an object with key or id. */
    static String queueReference(JsonNode value) {
        if (value.isTextual() || value.isIntegralNumber()) {
            return value.asText();
        }
        if (value.isObject()) {
            JsonNode part = value.hasNonNull("key") ? value.get("key") : value.get("id");
            if (part != null && (part.isTextual() || part.isIntegralNumber())) {
                return part.asText();
            }
        }
        throw TrackerException.invalidField("queue", "must be a queue key, an id or an object with key or id");
    }
}
