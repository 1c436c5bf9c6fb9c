package io.tracksearch.issue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracksearch.error.TrackerException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The list-field edit forms of spec 9.4: an array replaces, null clears, {"set"} replaces,
 * {"add"}/{"remove"}/{"replace"} edit in place (remove, then add, then replace). No duplicates.
 */
final class ListEdit {
    private static final Set<String> OPERATIONS = Set.of("add", "remove", "replace", "set");

    private ListEdit() {
    }

    static <T> List<T> apply(String field, List<T> current, JsonNode value, Function<JsonNode, T> reader) {
        if (Values.isNull(value)) {
            return List.of();
        }
        if (!value.isObject()) {
            return read(value, reader);
        }
        for (var names = value.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!OPERATIONS.contains(name)) {
                throw TrackerException.invalidField(field, "unknown list operation '" + name + "'");
            }
        }
        if (value.has("set")) {
            if (value.size() != 1) {
                throw TrackerException.invalidField(field, "'set' must be alone in its object");
            }
            return Values.isNull(value.get("set")) ? List.of() : read(value.get("set"), reader);
        }
        LinkedHashSet<T> result = new LinkedHashSet<>(current);
        if (!Values.isNull(value.get("remove"))) {
            read(value.get("remove"), reader).forEach(result::remove);
        }
        if (!Values.isNull(value.get("add"))) {
            result.addAll(read(value.get("add"), reader));
        }
        JsonNode replace = value.get("replace");
        if (!Values.isNull(replace)) {
            List<T> replaced = new ArrayList<>(result);
            for (JsonNode pair : Values.elements(replace)) {
                if (!pair.isObject() || !pair.has("target") || !pair.has("replacement")) {
                    throw TrackerException.invalidField(field, "replace needs objects with target and replacement");
                }
                T target = reader.apply(pair.get("target"));
                T replacement = reader.apply(pair.get("replacement"));
                int index = replaced.indexOf(target);
                if (index >= 0) {
                    replaced.set(index, replacement);
                }
            }
            return List.copyOf(new LinkedHashSet<>(replaced));
        }
        return List.copyOf(result);
    }

    private static <T> List<T> read(JsonNode value, Function<JsonNode, T> reader) {
        LinkedHashSet<T> result = new LinkedHashSet<>();
        for (JsonNode element : Values.elements(value)) {
            if (element.isNull()) {
                continue;
            }
            result.add(reader.apply(element));
        }
        return List.copyOf(result);
    }
}
