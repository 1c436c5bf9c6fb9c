package io.tracksearch.issue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tracksearch.model.Embedded;
import io.tracksearch.model.Ids;
import io.tracksearch.model.IssueField;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One NDJSON line of a bulk import read as JSON, with the logins it names (users the import creates before
 * its lines become issues); or, when the line is not JSON in UTF-8 or is too long to be read, the problem
 * reported for it.
 */
record ImportLine(JsonNode tree, List<String> logins, String problem) {
    /** Anything after the line's JSON value (a second object, stray text) makes it malformed: never dropped unseen. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** @param userFields the fields of user kind, whose values (and those of comments, links, worklog) name logins */
    static ImportLine read(byte[] line, List<IssueField> userFields) {
        if (line == NdjsonLines.TOO_LONG) {
            return new ImportLine(null, List.of(), "longer than " + (NdjsonLines.MAX_LINE_BYTES >> 20) + " MiB");
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(line);
        }
        catch (IOException e) {
            return new ImportLine(null, List.of(), "malformed JSON");
        }
        Set<String> logins = new LinkedHashSet<>();
        for (IssueField field : userFields) {
            tree.path(field.id()).forEach(element -> addLogin(logins, element));
            addLogin(logins, tree.path(field.id()));
        }
        for (Embedded embedded : Embedded.values()) {   // authors of comments, links and worklog too
            for (JsonNode object : tree.path(embedded.key())) {
                for (String userField : List.of("createdBy", "updatedBy")) {
                    addLogin(logins, object.path(userField));
                }
                object.path("summonees").forEach(element -> addLogin(logins, element));
            }
        }
        return new ImportLine(tree, List.copyOf(logins), null);
    }

    /** Logins named by a user value (a login string or a {"login"} object); digits are uids, not logins. */
    private static void addLogin(Set<String> logins, JsonNode value) {
        JsonNode login = value.isObject() ? value.path("login") : value;
        if (login.isTextual() && !Ids.isUid(login.asText())) {
            logins.add(login.asText());
        }
    }
}
