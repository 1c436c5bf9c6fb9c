package io.tracksearch.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracksearch.model.Change;
import io.tracksearch.model.IssueField;
import io.tracksearch.store.ChangeResolution;
import io.tracksearch.store.Condition;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.generic.Bodies;
import org.opensearch.client.opensearch.generic.Requests;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Issue history for changed() on OpenSearch, the same design as the embedded store's: each recorded
 * {@link Change} is a document of the index {@code <index>-changes} (issue key, field, old and new
 * values, author, time), written right after the issue version that made it, with a refresh. A changed()
 * condition is answered in two steps: the change documents matching every argument give issue keys
 * (a composite aggregation, paged), and the condition becomes "key is one of them".
 *
 * <p>The issue and its changes are two requests: a crash between them loses that version's history
 * entries (the issue write itself stands); it never records a change that did not happen.
 */
final class OpenSearchChanges {
    private static final int PAGE = 1_000;

    private final OpenSearchClient client;
    private final String index;

    OpenSearchChanges(OpenSearchClient client, String issueIndex) {
        this.client = client;
        this.index = issueIndex + "-changes";
    }

    String index() {
        return index;
    }

    /** Body of the create-index request. */
    static ObjectNode mapping(int replicas) {
        ObjectNode body = OpenSearchDocuments.JSON.createObjectNode();
        ObjectNode settings = body.putObject("settings").putObject("index");
        settings.put("number_of_shards", 1);
        settings.put("number_of_replicas", replicas);
        ObjectNode mappings = body.putObject("mappings");
        mappings.put("dynamic", "strict");
        ObjectNode properties = mappings.putObject("properties");
        for (String keyword : List.of("issue", "field", "from", "to", "by")) {
            properties.putObject(keyword).put("type", "keyword");
        }
        properties.putObject("at").put("type", "long");
        return body;
    }

    /** Appends the change documents of one write; returns once OpenSearch has them searchable. */
    void record(String issueKey, List<Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        StringBuilder bulk = new StringBuilder();
        for (Change change : changes) {
            ObjectNode document = OpenSearchDocuments.JSON.createObjectNode()
                    .put("issue", issueKey).put("field", change.field().id())
                    .put("by", Long.toString(change.by())).put("at", change.at());
            change.from().forEach(document.putArray("from")::add);
            change.to().forEach(document.putArray("to")::add);
            bulk.append("{\"index\":{}}\n").append(document).append('\n');
        }
        JsonNode answer = post("/" + index + "/_bulk?refresh=true", bulk.toString(), "application/x-ndjson");
        if (answer.path("errors").asBoolean(false)) {
            throw OpenSearchFailures.unavailable("recording history failed: " + answer.path("items"), null);
        }
    }

    /** Replaces every Changed node by the issues whose history satisfies it. */
    Condition resolve(Condition condition) {
        return ChangeResolution.resolve(condition, this::issuesWith);
    }

    private Condition issuesWith(Condition.Changed changed) {
        ObjectNode body = OpenSearchDocuments.JSON.createObjectNode().put("size", 0);
        ArrayNode filters = body.putObject("query").putObject("bool").putArray("filter");
        filters.addObject().putObject("term").put("field", changed.field().id());
        terms(filters, "from", changed.from());
        terms(filters, "to", changed.to());
        terms(filters, "by", changed.by());
        if (changed.dateFrom() != null || changed.dateTo() != null) {
            ObjectNode range = filters.addObject().putObject("range").putObject("at");
            if (changed.dateFrom() != null) {
                range.put("gte", changed.dateFrom());
            }
            if (changed.dateTo() != null) {
                range.put("lt", changed.dateTo());
            }
        }
        ObjectNode composite = body.putObject("aggs").putObject("issues").putObject("composite").put("size", PAGE);
        composite.putArray("sources").addObject().putObject("issue").putObject("terms").put("field", "issue");
        TreeSet<String> keys = new TreeSet<>();
        while (true) {
            JsonNode answer = post("/" + index + "/_search", body.toString(), "application/json");
            if (answer.path("_shards").path("failed").asInt(0) > 0) {
                throw OpenSearchFailures.unavailable("history search had failed shards", null);
            }
            JsonNode issues = answer.path("aggregations").path("issues");
            issues.path("buckets").forEach(bucket -> keys.add(bucket.path("key").path("issue").asText()));
            if (!issues.has("after_key") || issues.path("buckets").size() < PAGE) {
                break;
            }
            composite.set("after", issues.get("after_key"));
        }
        return keys.isEmpty() ? new Condition.MatchNone() : new Condition.AnyOf(IssueField.KEY, new ArrayList<>(keys));
    }

    private static void terms(ArrayNode filters, String field, List<String> values) {
        if (!values.isEmpty()) {
            ArrayNode array = filters.addObject().putObject("terms").putArray(field);
            values.forEach(array::add);
        }
    }

    private JsonNode post(String endpoint, String body, String contentType) {
        return OpenSearchFailures.call(() -> {
            try (var response = client.generic().execute(Requests.builder().method("POST").endpoint(endpoint)
                    .body(Bodies.json(body)).build())) {
                String text = response.getBody().map(b -> b.bodyAsString()).orElse("{}");
                if (response.getStatus() >= 300) {
                    throw OpenSearchFailures.answered(response.getStatus(), endpoint + ": " + text, null);
                }
                return OpenSearchDocuments.JSON.readTree(text);
            }
        });
    }
}
