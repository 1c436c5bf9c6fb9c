package io.tracksearch.model;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Keeps docs/fields.md, the field table, equal to the registry it describes. After changing a field,
 * regenerate it with {@code mvn test -Dtest=FieldTableTest -Dtracksearch.writeDocs=true}.
 */
class FieldTableTest {
    private static final Path TABLE = Path.of("docs/fields.md");

    @Test
    void docsFieldTableMatchesTheRegistry() throws IOException {
        String expected = table();
        if (Boolean.getBoolean("tracksearch.writeDocs")) {
            Files.writeString(TABLE, expected, StandardCharsets.UTF_8);
        }
        assertEquals(expected, Files.readString(TABLE, StandardCharsets.UTF_8),
                "docs/fields.md is stale: run mvn test -Dtest=FieldTableTest -Dtracksearch.writeDocs=true");
    }

    static String table() {
        List<String> lines = new ArrayList<>();
        lines.add("# Issue fields");
        lines.add("");
        lines.add("Generated from the field registry (`model/IssueField`) by `FieldTableTest`; do not edit by hand.");
        lines.add("Every field below is stored, rendered by `GET`, carried by `_export`/`_bulkImport` and accepted by");
        lines.add("`POST /v2/issues/_import`. *filter* = a key of the `filter` object and a query-language field (by its");
        lines.add("id and the names shown); *sort* = allowed in `order` and `\"Sort By\"`; *create*/*edit* = settable by");
        lines.add("`POST /v2/issues/` and `PATCH`; *history* = changes recorded for `changed()`.");
        lines.add("");
        lines.add("Kinds: how values are kept and matched. Durations are work time (1d = 8h, 1w = 5d), written ISO 8601");
        lines.add("(`P1W2DT3H`) and searched as `\"Time Spent\": > 2d`; references (versions, sprints, boards, project) match");
        lines.add("by id or, in any case, by display name.");
        lines.add("");
        lines.add("| id | query names | kind | list | filter | sort | create | edit | history |");
        lines.add("|---|---|---|---|---|---|---|---|---|");
        for (IssueField field : IssueField.standardFields().stream().filter(field -> !field.isDerived()).toList()) {
            lines.add("| `" + field.id() + "` | " + String.join(", ", field.queryNames()) + " | "
                    + field.kind().name().toLowerCase(Locale.ROOT) + " | " + mark(field.isMultiValued()) + " | "
                    + mark(field.can(IssueField.Capability.FILTER)) + " | " + mark(field.can(IssueField.Capability.SORT)) + " | "
                    + mark(field.can(IssueField.Capability.CREATE)) + " | " + mark(field.can(IssueField.Capability.EDIT)) + " | "
                    + mark(field.can(IssueField.Capability.HISTORY)) + " |");
        }
        lines.add("");
        lines.add("Fields an issue was given that no entry above knows are kept and rendered back as given.");
        lines.add("");
        lines.add("## Derived query fields");
        lines.add("Indexed from an issue's comments, links and worklog (kept inside the issue, see `model/Embedded`): never");
        lines.add("stored, rendered or set, so a write of a comment or link changes what they match at once. The ids are");
        lines.add("internal; they also work as `filter` keys. \"Linked to\" and \"Have Links To Queue\" also match the parents");
        lines.add("and epics of the named issues (queues), which the store looks up in one pass.");
        lines.add("");
        lines.add("| id | query names | kind | list |");
        lines.add("|---|---|---|---|");
        for (IssueField field : IssueField.standardFields().stream().filter(IssueField::isDerived).toList()) {
            lines.add("| `" + field.id() + "` | " + String.join(", ", field.queryNames()) + " | "
                    + field.kind().name().toLowerCase(Locale.ROOT) + " | " + mark(field.isMultiValued()) + " |");
        }
        lines.add("");
        lines.add("Query-only names, resolved before the search: Related (author, assignee or follower), \"Is Parent Task");
        lines.add("For\" and \"Is Epic Of\" (the parent or epic of the named issues), \"Parent Tasks For Queue\" and \"Epics For");
        lines.add("Queue\" (parents or epics of the named queues' issues, one pass over them), History (words of the");
        lines.add("summaries and descriptions the recorded history holds, old and new, as S9 defines it; one pass over the");
        lines.add("history). The history column: changes recorded as keywords for `changed()`; the changelog");
        lines.add("(`GET /v2/issues/{key}/changelog`) lists every field a write changed, and comments, links and worklog.");
        lines.add("");
        lines.add("Reference fields name objects kept by the store (`/v2/versions`, `/v2/sprints`, `/v2/boards`, `/v2/projects`):");
        lines.add("create and edit take an id, a name (any case) or `{\"id\"}` and store `{\"id\", \"display\"}`; an unknown one,");
        lines.add("or a version of another queue, is a 422. Imports keep references as given. Query-only names resolved");
        lines.add("through stored objects before a backend sees the query: \"Sprints By Board\" and \"Sprint In Progress By");
        lines.add("Board\" (boards by id or name become their sprints' ids), \"Queue Owner\" (queues the users lead),");
        lines.add("\"Component Owner\" (components the users lead, see `POST /v2/components`); `me()` and groups work.");
        lines.add("They are query-language names, not `filter` keys. `Filter: <id>` means what the saved filter of that id");
        lines.add("(`/v2/filters`: a query or a filter object, checked when saved) finds, resolved for the caller; saved");
        lines.add("filters may name saved filters, five deep. Every field of Tracker's query-language reference is answered:");
        lines.add("none is \"recognised but unsupported\" any more.");
        lines.add("");
        lines.add("## Custom fields");
        lines.add("Created with `POST /v2/fields` (global) or `POST /v2/queues/{queue}/localFields` (local, id");
        lines.add("`<queue id as 24 hex digits>--<key>`), in Tracker's request shape. Each becomes a registry entry at run");
        lines.add("time, kept by the store (OpenSearch: the index mapping grows in place), and then works like a standard");
        lines.add("field: set on create, edit and import (unless readonly), rendered under its id, a `filter` key by id,");
        lines.add("queried by its names (a local one as `Queue.\"Name\"` or `Queue.key`), sorted.");
        lines.add("");
        lines.add("| Tracker type | kind |");
        lines.add("|---|---|");
        CustomField.KINDS.entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(entry ->
                lines.add("| `" + CustomField.TYPE_PREFIX + entry.getKey() + "` | " + entry.getValue().name().toLowerCase(Locale.ROOT) + " |"));
        lines.add("");
        lines.add("`container: true` makes a list field; a `FixedListOptionsProvider` limits string values to its `values`.");
        return String.join("\n", lines) + "\n";
    }

    private static String mark(boolean value) {
        return value ? "yes" : "";
    }
}
