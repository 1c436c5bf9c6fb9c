package io.tracksearch.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.HealthStatus;
import org.opensearch.client.opensearch.generic.Bodies;
import org.opensearch.client.opensearch.generic.Requests;

import java.util.function.Function;

/**
 * The indexes of a deployment as OpenSearch holds them: made when missing, their mappings extended, and the
 * {@link TextLayout} each was made with read back, since an index keeps the layout of the version that
 * created it.
 */
final class OpenSearchIndexes {
    private final OpenSearchClient client;

    OpenSearchIndexes(OpenSearchClient client) {
        this.client = client;
    }

    /**
     * Creates the index with the current text layout if it is missing (the body for a layout), then answers
     * the layout the index has: another node, or an earlier version, may have made it.
     */
    TextLayout prepare(String name, Function<TextLayout, ObjectNode> body) {
        createIfMissing(name, body.apply(TextLayout.ANALYSED_HERE));
        return textLayoutOf(name);
    }

    void createIfMissing(String name, ObjectNode body) {
        OpenSearchFailures.call(() -> {
            try (var exists = client.generic().execute(Requests.builder().method("HEAD").endpoint("/" + name).build())) {
                if (exists.getStatus() == 200) {
                    return null;
                }
            }
            try (var created = client.generic().execute(Requests.builder().method("PUT").endpoint("/" + name)
                    .body(Bodies.json(OpenSearchDocuments.JSON.writeValueAsString(body))).build())) {
                String answer = created.getBody().map(b -> b.bodyAsString()).orElse("");
                // another node may have created it at the same moment
                if (created.getStatus() != 200 && !answer.contains("resource_already_exists_exception")) {
                    throw OpenSearchFailures.answered(created.getStatus(), "creating index " + name + ": " + answer, null);
                }
            }
            // wait until the primaries can take writes
            client.cluster().health(h -> h.index(name).waitForStatus(HealthStatus.Yellow).timeout(t -> t.time("60s")));
            return null;
        });
    }

    /**
     * Adds fields to an index's mapping (a custom field, or the fields of this version's mapping that an
     * index made by an earlier version lacks): OpenSearch extends a mapping in place, so an upgrade needs no
     * reindex. Issues stored before keep their values in the source and gain the new field when written again.
     * Only fields the index lacks are sent: a field it has keeps the definition it was made with (OpenSearch
     * refuses to change one, e.g. its doc values, and this version defines some differently).
     */
    void extendMapping(String name, ObjectNode mappingOrProperties) {
        ObjectNode missing = missingProperties((ObjectNode) mappingOrProperties.get("properties"),
                mappingOf(name).path("properties"));
        if (missing.isEmpty()) {
            return;
        }
        ObjectNode body = OpenSearchDocuments.JSON.createObjectNode();
        body.set("properties", missing);
        OpenSearchFailures.call(() -> {
            try (var answer = client.generic().execute(Requests.builder().method("PUT").endpoint("/" + name + "/_mapping")
                    .body(Bodies.json(OpenSearchDocuments.JSON.writeValueAsString(body))).build())) {
                if (answer.getStatus() != 200) {
                    throw OpenSearchFailures.answered(answer.getStatus(), "extending the mapping of " + name + ": "
                            + answer.getBody().map(b -> b.bodyAsString()).orElse(""), null);
                }
            }
            return null;
        });
    }

    /** The properties of {@code wanted} that {@code existing} lacks, also inside objects both have. */
    static ObjectNode missingProperties(ObjectNode wanted, JsonNode existing) {
        ObjectNode missing = OpenSearchDocuments.JSON.createObjectNode();
        wanted.properties().forEach(property -> {
            JsonNode had = existing.path(property.getKey());
            if (had.isMissingNode()) {
                missing.set(property.getKey(), property.getValue());
            }
            else if (property.getValue().has("properties") && had.has("properties")) {
                ObjectNode inner = missingProperties((ObjectNode) property.getValue().get("properties"), had.get("properties"));
                if (!inner.isEmpty()) {
                    ObjectNode object = property.getValue().deepCopy();
                    object.set("properties", inner);
                    missing.set(property.getKey(), object);
                }
            }
        });
        return missing;
    }

    private TextLayout textLayoutOf(String name) {
        return TextLayout.of(mappingOf(name));
    }

    /** The index's mapping ({@code mappings} of the concrete index, also when the name is an alias). */
    private JsonNode mappingOf(String name) {
        return OpenSearchFailures.call(() -> {
            try (var answer = client.generic().execute(Requests.builder().method("GET").endpoint("/" + name + "/_mapping").build())) {
                String text = answer.getBody().map(b -> b.bodyAsString()).orElse("");
                if (answer.getStatus() != 200) {
                    throw OpenSearchFailures.answered(answer.getStatus(), "reading the mapping of " + name + ": " + text, null);
                }
                // keyed by the concrete index, which differs from the name when the name is an alias
                JsonNode indexes = OpenSearchDocuments.JSON.readTree(text);
                return indexes.elements().next().path("mappings");
            }
        });
    }
}
