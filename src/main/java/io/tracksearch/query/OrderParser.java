package io.tracksearch.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracksearch.error.TrackerException;
import io.tracksearch.model.FieldRegistry;
import io.tracksearch.model.IssueField;
import io.tracksearch.store.IssueSort;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code order} parameter (spec 4.4): {@code [+|-]<field id>} entries, comma-separated in a string
 * or one per element of an array; no sign is ascending; aliases created, updated/update, resolved, author.
 */
public final class OrderParser {
    private OrderParser() {
    }

    /** The sort over standard fields only (tools and tests without a store). */
    public static IssueSort parse(JsonNode order) {
        return parse(order, FieldRegistry.standardOnly());
    }

    /** The sort; absent ({@code null}) or empty order means key order. Custom fields sort by their id. */
    public static IssueSort parse(JsonNode order, FieldRegistry fields) {
        if (order == null || order.isNull() || order.isMissingNode()) {
            return IssueSort.BY_KEY;
        }
        List<String> entries = new ArrayList<>();
        if (order.isTextual()) {
            entries.addAll(List.of(order.textValue().split(",")));
        } else if (order.isArray()) {
            for (JsonNode element : order) {
                if (!element.isTextual()) {
                    throw TrackerException.badRequest("order must be a string or an array of strings");
                }
                entries.addAll(List.of(element.textValue().split(",")));
            }
        } else {
            throw TrackerException.badRequest("order must be a string or an array of strings");
        }
        return parse(entries, fields);
    }

    /** The sort of already split entries such as {@code "-updated"}. */
    public static IssueSort parse(List<String> entries, FieldRegistry fields) {
        List<IssueSort.Key> keys = new ArrayList<>();
        for (String raw : entries) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            boolean descending = entry.startsWith("-");
            String name = entry.startsWith("-") || entry.startsWith("+") ? entry.substring(1).strip() : entry;
            IssueField field = FieldNames.orderField(name).or(() -> fields.byId(name).filter(IssueSort::isSortable)).orElseThrow(() ->
                    TrackerException.badRequest("Unknown field in order: " + name));
            keys.add(new IssueSort.Key(field, descending));
        }
        return new IssueSort(keys);
    }
}
