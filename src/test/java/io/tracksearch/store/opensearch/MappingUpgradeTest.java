package io.tracksearch.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracksearch.model.Issue;
import io.tracksearch.model.IssueField;
import io.tracksearch.store.Condition;
import io.tracksearch.store.IssueSort;
import io.tracksearch.store.RandomIssues;
import io.tracksearch.store.TestUsers;
import io.tracksearch.testing.Backend;
import io.tracksearch.testing.OpenSearchNodes;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * An issue index made by an earlier version (keyword fields with doc values, a field it lacked) opens
 * under this version: the mapping gains only the fields it lacks, the fields it has keep their
 * definitions (OpenSearch refuses to change a field's doc values), and its issues stay searchable. A new
 * index is made without keyword doc values.
 */
class MappingUpgradeTest {
    @Test
    void onlyMissingPropertiesAreAdded() {
        ObjectNode wanted = (ObjectNode) json("{\"a\":{\"type\":\"keyword\",\"doc_values\":false},\"b\":{\"type\":\"long\"},"
                + "\"sort\":{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"keyword\"},\"c\":{\"type\":\"keyword\"}}},"
                + "\"exact\":{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"keyword\"}}}}");
        JsonNode existing = json("{\"a\":{\"type\":\"keyword\"},\"sort\":{\"properties\":{\"a\":{\"type\":\"keyword\"}}},"
                + "\"exact\":{\"properties\":{\"a\":{\"type\":\"keyword\"}}}}");
        assertEquals(json("{\"b\":{\"type\":\"long\"},\"sort\":{\"type\":\"object\",\"properties\":{\"c\":{\"type\":\"keyword\"}}}}"),
                OpenSearchIndexes.missingProperties(wanted, existing));
        assertTrue(OpenSearchIndexes.missingProperties(wanted, wanted).isEmpty());
    }

    @Test
    void anIndexMadeBeforeOpensAndKeepsItsFields() throws Exception {
        assumeTrue(Backend.enabled().anyMatch(backend -> backend == Backend.OPENSEARCH), "OpenSearch backend not enabled");
        URI node = OpenSearchNodes.shared().urls().getFirst();
        String index = "tracksearch-upgrade-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        ObjectNode before = OpenSearchDocuments.issueIndex(1, 0, TextLayout.ANALYSED_HERE);
        ObjectNode properties = before.withObject("/mappings/properties");
        properties.remove(IssueField.TAGS.id());   // a field this version has and the earlier one lacked
        properties.properties().forEach(property -> {
            if (property.getValue() instanceof ObjectNode field && field.has("doc_values") && "keyword".equals(field.path("type").asText())) {
                field.remove("doc_values");   // as versions before this one made keyword fields
            }
        });
        HttpResponse<String> created = NodeHttp.request(node, "PUT", "/" + index, before.toString());
        assertTrue(created.statusCode() < 300, created.body());

        Random random = new Random(7);
        RandomIssues generator = new RandomIssues(random, TestUsers.DEFAULT.uids());
        List<Issue> older = generator.issues(20).stream().filter(issue -> issue.unique() == null).limit(10).toList();
        try (OpenSearchIssueStore store = new OpenSearchIssueStore(new OpenSearchIssueStore.Settings(List.of(node), index, 1, 0),
                TestUsers.DEFAULT)) {
            store.importIssues(older);   // written without templates, as before
        }
        Issue newer = generator.issue().toBuilder().key("TREK-9001").id("newer").remove(IssueField.UNIQUE)
                .setStrings(IssueField.TAGS, List.of("upgraded")).build();
        try (OpenSearchIssueStore store = new OpenSearchIssueStore(new OpenSearchIssueStore.Settings(List.of(node), index, 1, 0),
                TestUsers.DEFAULT)) {
            store.importIssues(List.of(newer));
            JsonNode mapping = NodeHttp.mapping(node, index).path("properties");
            assertEquals("keyword", mapping.path(IssueField.TAGS.id()).path("type").asText(), "the missing field was added");
            assertFalse(mapping.path(IssueField.ASSIGNEE.id()).has("doc_values"), "an existing field keeps its definition");
            long assigned = older.stream().filter(issue -> issue.assignee() != null).count();
            assertEquals(assigned, store.count(new Condition.Exists(IssueField.ASSIGNEE)) - (newer.assignee() != null ? 1 : 0));
            assertEquals(List.of("TREK-9001"), store.search(new Condition.AnyOf(IssueField.TAGS, List.of("upgraded")), IssueSort.BY_KEY, 0, 10)
                    .issues().stream().map(Issue::key).toList(), "the added field is searchable for issues written since");
        }

        String fresh = index + "-new";
        try (OpenSearchIssueStore store = new OpenSearchIssueStore(new OpenSearchIssueStore.Settings(List.of(node), fresh, 1, 0),
                TestUsers.DEFAULT)) {
            JsonNode mapping = NodeHttp.mapping(node, fresh).path("properties");
            assertFalse(mapping.path(IssueField.ASSIGNEE.id()).path("doc_values").asBoolean(true), "a new index has no keyword doc values");
            assertTrue(mapping.path("sort").path("properties").path(IssueField.ASSIGNEE.id()).path("doc_values").asBoolean(true),
                    "sort keys keep theirs");
            store.importIssues(older);
            assertEquals(older.size(), store.search(new Condition.MatchAll(), new IssueSort(List.of(new IssueSort.Key(IssueField.ASSIGNEE, true))),
                    0, 100).issues().size(), "sorting by a user field still works");
        }
    }

    private static JsonNode json(String text) {
        try {
            return OpenSearchDocuments.JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

}
