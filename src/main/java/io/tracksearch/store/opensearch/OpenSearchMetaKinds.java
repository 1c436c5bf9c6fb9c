package io.tracksearch.store.opensearch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.SortOptions;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch.core.SearchResponse;

import java.util.List;

/**
 * Reading the meta index's documents of one kind whole (queues, custom field definitions): each holds its
 * object as JSON under {@link OpenSearchDocuments#DATA}. There are few of each kind (at most
 * {@link #LIMIT}), so one search reads them all.
 */
final class OpenSearchMetaKinds {
    /** Documents of one kind read at most; a team has tens of queues and fields, not thousands. */
    static final int LIMIT = 10_000;

    private OpenSearchMetaKinds() {
    }

    /** Every document of {@code kind}, in ascending order of its field {@code order}, as {@code type}. */
    static <T> List<T> readAll(OpenSearchClient client, String metaIndex, String kind, String order, Class<T> type) {
        SearchResponse<ObjectNode> response = OpenSearchFailures.call(() -> client.search(s -> s.index(metaIndex)
                .query(OpenSearchCompiler.term(OpenSearchDocuments.KIND, kind))
                .sort(SortOptions.of(o -> o.field(f -> f.field(order).order(SortOrder.Asc))))
                .size(LIMIT), ObjectNode.class));
        OpenSearchFailures.requireAllShards(response.shards());
        return response.hits().hits().stream().map(hit -> data(hit.source(), type)).toList();
    }

    /** The object a meta document holds. */
    static <T> T data(ObjectNode source, Class<T> type) {
        try {
            return OpenSearchDocuments.JSON.treeToValue(source.get(OpenSearchDocuments.DATA), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored " + type.getSimpleName() + " is unreadable", e);
        }
    }
}
