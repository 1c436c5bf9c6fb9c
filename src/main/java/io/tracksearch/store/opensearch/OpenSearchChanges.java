package io.tracksearch.store.opensearch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracksearch.model.Change;
import io.tracksearch.model.ChangeEvent;
import io.tracksearch.model.IssueField;
import io.tracksearch.store.ChangeResolution;
import io.tracksearch.store.ChangelogQuery;
import io.tracksearch.store.Condition;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.generic.Bodies;
import org.opensearch.client.opensearch.generic.Requests;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Issue history on OpenSearch, the same design as the embedded store's ({@code ChangeDocuments}): each
 * write that changed something is one document of the index {@code <index>-changelog}, written right
 * after the issue version that made it, with a refresh: the {@link ChangeEvent} as stored JSON
 * ({@code entry}, read back by the changelog), issue key and version (order and paging), type, author,
 * time, changed field ids, per tracked field its id and the normalised old and new keywords as
 * {@code field + US + keyword} ({@code keywordField}, {@code fieldFrom}, {@code fieldTo}: changed()),
 * and the old and new summary and description texts mapped as the issue index maps them ({@code History:}).
 *
 * <p>Earlier versions wrote one document per changed field to {@code <index>-changes} (issue key,
 * field, old and new keywords, author, time). That index is only read now: changed() searches both
 * indices in one request, so history written before an upgrade still answers it.
 *
 * <p>A history condition is answered in two steps: the documents matching it give issue keys (a
 * composite aggregation, paged), and the condition becomes "key is one of them". The issue and its event
 * are two requests: a crash between them loses that write's history entry (the issue write itself
 * stands); it never records a change that did not happen.
 */
final class OpenSearchChanges {
    private static final int PAGE = 1_000;

    private final OpenSearchClient client;
    private final String earlierIndex;
    private final String index;
    private final TextLayout texts;
    private final OpenSearchCompiler compiler;

    /** @param texts the text layout of the history index ({@link #indexOf}) */
    OpenSearchChanges(OpenSearchClient client, String issueIndex, TextLayout texts) {
        this.client = client;
        this.earlierIndex = issueIndex + "-changes";
        this.index = indexOf(issueIndex);
        this.texts = texts;
        this.compiler = new OpenSearchCompiler(texts);
    }

    /** The history index of an issue index. */
    static String indexOf(String issueIndex) {
        return issueIndex + "-changelog";
    }

    /** Body of the create-index request: the issue index's analysis, so history text is analysed alike. */
    static ObjectNode mapping(int replicas, TextLayout texts) {
        ObjectNode body = OpenSearchDocuments.issueIndex(1, replicas, texts);
        ObjectNode mappings = body.putObject("mappings");
        mappings.put("dynamic", "strict");
        texts.name(mappings);
        ObjectNode properties = mappings.putObject("properties");
        for (String keyword : List.of("issue", "type", "by", "fields", "keywordField", "fieldFrom", "fieldTo")) {
            properties.putObject(keyword).put("type", "keyword");
        }
        properties.putObject("version").put("type", "long");
        properties.putObject("at").put("type", "long");
        properties.putObject("entry").put("type", "object").put("enabled", false);
        Condition.HistoryText.FIELDS.forEach(text -> texts.addMapping(properties, text.id()));
        return body;
    }

    /** Appends the event of one write, if it changed anything; returns once OpenSearch has it searchable. */
    void record(Optional<ChangeEvent> recorded) {
        if (recorded.isEmpty()) {
            return;
        }
        ChangeEvent event = recorded.get();
        ObjectNode document = OpenSearchDocuments.JSON.createObjectNode()
                .put("issue", event.issueKey()).put("version", event.version()).put("type", event.type())
                .put("by", Long.toString(event.by())).put("at", event.at());
        ArrayNode fields = document.putArray("fields");
        event.fields().forEach(change -> fields.add(change.field()));
        ArrayNode keywordFields = document.putArray("keywordField");
        ArrayNode from = document.putArray("fieldFrom");
        ArrayNode to = document.putArray("fieldTo");
        for (Change change : Change.of(event)) {
            keywordFields.add(change.field().id());
            change.from().forEach(value -> from.add(Change.tagged(change.field(), value)));
            change.to().forEach(value -> to.add(Change.tagged(change.field(), value)));
        }
        for (IssueField text : Condition.HistoryText.FIELDS) {
            event.change(text.id()).ifPresent(change -> {
                List<String> values = new ArrayList<>(2);
                if (change.from() != null) {
                    values.add(change.from().asText());
                }
                if (change.to() != null) {
                    values.add(change.to().asText());
                }
                texts.addValues(document, text.id(), values);
            });
        }
        document.set("entry", OpenSearchDocuments.JSON.valueToTree(event));
        // the id names the write, so a retried write replaces its event instead of adding a second one
        request("PUT", "/" + index + "/_doc/" + event.issueKey() + ":" + event.version() + "?refresh=true", document.toString());
    }

    /** Replaces every history node by the issues whose history satisfies it. */
    Condition resolve(Condition condition) {
        return ChangeResolution.resolve(condition, this::issuesWith);
    }

    private Condition issuesWith(Condition.History history) {
        ObjectNode body = OpenSearchDocuments.JSON.createObjectNode().put("size", 0);
        ObjectNode query = body.putObject("query");
        String indices = index;
        switch (history) {
            case Condition.Changed changed -> {
                ArrayNode either = query.putObject("bool").put("minimum_should_match", 1).putArray("should");
                ArrayNode recorded = either.addObject().putObject("bool").putArray("filter");
                recorded.addObject().putObject("term").put("keywordField", changed.field().id());
                terms(recorded, "fieldFrom", changed.from().stream().map(value -> Change.tagged(changed.field(), value)).toList());
                terms(recorded, "fieldTo", changed.to().stream().map(value -> Change.tagged(changed.field(), value)).toList());
                common(recorded, changed);
                ArrayNode earlier = either.addObject().putObject("bool").putArray("filter");
                earlier.addObject().putObject("term").put("field", changed.field().id());
                terms(earlier, "from", changed.from());
                terms(earlier, "to", changed.to());
                common(earlier, changed);
                // a pattern, so a store made by this version (no such index) searches the events alone,
                // while a missing event index is still an error
                indices = index + "," + earlierIndex + "*";
            }
            case Condition.HistoryText text -> query.setAll(readTree(PitCursor.queryJson(
                    compiler.compile(text.onRecordedText()))));
        }
        ObjectNode composite = body.putObject("aggs").putObject("issues").putObject("composite").put("size", PAGE);
        composite.putArray("sources").addObject().putObject("issue").putObject("terms").put("field", "issue");
        TreeSet<String> keys = new TreeSet<>();
        while (true) {
            JsonNode answer = request("POST", "/" + indices + "/_search", body.toString());
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
        return ChangeResolution.issuesRecordedAs(keys);
    }

    private static void common(ArrayNode filters, Condition.Changed changed) {
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
    }

    private static void terms(ArrayNode filters, String field, List<String> values) {
        if (!values.isEmpty()) {
            ArrayNode array = filters.addObject().putObject("terms").putArray(field);
            values.forEach(array::add);
        }
    }

    /** The issue's events the query selects, oldest first, read from their stored JSON. */
    List<ChangeEvent> changelog(List<String> issueKeys, ChangelogQuery changelog) {
        if (changelog.limit() == 0) {
            return List.of();
        }
        ObjectNode body = OpenSearchDocuments.JSON.createObjectNode().put("size", changelog.limit());
        body.putArray("_source").add("entry");
        body.putArray("sort").addObject().put("version", "asc");
        ArrayNode filters = body.putObject("query").putObject("bool").putArray("filter");
        ArrayNode keys = filters.addObject().putObject("terms").putArray("issue");
        issueKeys.forEach(keys::add);
        filters.addObject().putObject("range").putObject("version").put("gt", changelog.afterVersion());
        changelog.field().ifPresent(field -> filters.addObject().putObject("term").put("fields", field));
        changelog.type().ifPresent(type -> filters.addObject().putObject("term").put("type", type));
        JsonNode answer = request("POST", "/" + index + "/_search", body.toString());
        if (answer.path("_shards").path("failed").asInt(0) > 0) {
            throw OpenSearchFailures.unavailable("changelog search had failed shards", null);
        }
        List<ChangeEvent> events = new ArrayList<>();
        for (JsonNode hit : answer.path("hits").path("hits")) {
            try {
                events.add(OpenSearchDocuments.JSON.treeToValue(hit.path("_source").path("entry"), ChangeEvent.class));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored change event is unreadable", e);
            }
        }
        return events;
    }

    private static ObjectNode readTree(String json) {
        try {
            return (ObjectNode) OpenSearchDocuments.JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("compiled query is not JSON", e);
        }
    }

    private JsonNode request(String method, String endpoint, String body) {
        return OpenSearchFailures.call(() -> {
            try (var response = client.generic().execute(Requests.builder().method(method).endpoint(endpoint)
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
