package io.tracksearch.store.opensearch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracksearch.error.TrackerException;
import io.tracksearch.store.StoredObject;
import io.tracksearch.store.StoredObjects;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.OpType;
import org.opensearch.client.opensearch._types.Refresh;
import org.opensearch.client.opensearch._types.SortOptions;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.GetResponse;
import org.opensearch.client.opensearch.core.SearchResponse;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The cluster store's {@link StoredObjects}: each object is a document {@code object:<kind>:<id>} of the
 * meta index (kind {@code object}, key the object kind, value the id, data the stored object). Ids come
 * from a counter document per kind, incremented with optimistic concurrency, so two nodes never hand out
 * the same id; the document is created with {@code op_type=create} and {@code refresh=true}, so it is
 * acknowledged, durable and visible to every node when {@link #create} returns. Updates read, change and
 * write back with {@code if_seq_no}, so a change another node made meanwhile is read again, never lost. Reads go to the cluster
 * each time: another node may have created an object a moment ago.
 */
final class OpenSearchStoredObjects implements StoredObjects {
    /** More objects of one kind than a list answers; far beyond what a Tracker organization keeps. */
    private static final int MAX_LISTED = 10_000;
    /** Optimistic retries of an update before giving up with 503. */
    private static final int MAX_UPDATE_ATTEMPTS = 20;

    private final OpenSearchClient client;
    private final String metaIndex;
    /** The next id of a kind from the store's counter documents. */
    private final ToLongFunction<String> nextId;

    OpenSearchStoredObjects(OpenSearchClient client, String metaIndex, ToLongFunction<String> nextId) {
        this.client = client;
        this.metaIndex = metaIndex;
        this.nextId = nextId;
    }

    /** The counter document of a kind's ids ({@code #} never occurs in a queue key, so no queue counter clashes). */
    static String counterId(String kind) {
        return "counter:#" + kind + "-ids";
    }

    @Override
    public StoredObject create(String kind, ObjectNode value) {
        requireKind(kind);
        StoredObject stored = new StoredObject(kind, nextId.applyAsLong(kind), 1, value);
        // a counter never hands an id out twice, so a conflict here is a broken store: it surfaces as a failure
        OpenSearchFailures.call(() -> client.index(i -> i.index(metaIndex).id(documentId(kind, stored.id()))
                .document(document(stored)).opType(OpType.Create).refresh(Refresh.True)));
        return stored;
    }

    /** Read, change, write with {@code if_seq_no}: a change made meanwhile on another node makes us read again. */
    @Override
    public Optional<StoredObject> update(String kind, long id, Function<StoredObject, ObjectNode> change) {
        requireKind(kind);
        for (int attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt++) {
            GetResponse<ObjectNode> current = fetch(kind, id);
            if (!current.found()) {
                return Optional.empty();
            }
            StoredObject object = read(current.source());
            ObjectNode changed = change.apply(object);
            if (changed.equals(object.value())) {
                return Optional.of(object);
            }
            StoredObject stored = new StoredObject(kind, id, object.version() + 1, changed);
            try {
                OpenSearchFailures.call(() -> client.index(i -> i.index(metaIndex).id(documentId(kind, id)).document(document(stored))
                        .ifSeqNo(current.seqNo()).ifPrimaryTerm(current.primaryTerm()).refresh(Refresh.True)));
                return Optional.of(stored);
            } catch (TrackerException e) {
                if (!OpenSearchFailures.isConflict(e)) {
                    throw e;
                }
            }
        }
        throw OpenSearchFailures.unavailable(kind + " " + id + " stayed contended", null);
    }

    @Override
    public Optional<StoredObject> get(String kind, long id) {
        requireKind(kind);
        GetResponse<ObjectNode> response = fetch(kind, id);
        return response.found() ? Optional.of(read(response.source())) : Optional.empty();
    }

    private GetResponse<ObjectNode> fetch(String kind, long id) {
        return OpenSearchFailures.call(() -> client.get(g -> g.index(metaIndex).id(documentId(kind, id)), ObjectNode.class));
    }

    private static ObjectNode document(StoredObject stored) {
        ObjectNode document = OpenSearchDocuments.JSON.createObjectNode()
                .put(OpenSearchDocuments.KIND, OpenSearchDocuments.KIND_OBJECT)
                .put(OpenSearchDocuments.KEY, stored.kind())
                .put(OpenSearchDocuments.VALUE, stored.id());
        document.set(OpenSearchDocuments.DATA, OpenSearchDocuments.JSON.valueToTree(stored));
        return document;
    }

    @Override
    public List<StoredObject> list(String kind) {
        requireKind(kind);
        Query query = Query.of(q -> q.bool(b -> b
                .filter(OpenSearchCompiler.term(OpenSearchDocuments.KIND, OpenSearchDocuments.KIND_OBJECT))
                .filter(OpenSearchCompiler.term(OpenSearchDocuments.KEY, kind))));
        SearchResponse<ObjectNode> response = OpenSearchFailures.call(() -> client.search(s -> s.index(metaIndex).query(query)
                .sort(SortOptions.of(o -> o.field(f -> f.field(OpenSearchDocuments.VALUE).order(SortOrder.Asc))))
                .size(MAX_LISTED), ObjectNode.class));
        OpenSearchFailures.requireAllShards(response.shards());
        return response.hits().hits().stream().map(hit -> read(hit.source())).toList();
    }

    private static String documentId(String kind, long id) {
        return "object:" + kind + ":" + id;
    }

    private static StoredObject read(ObjectNode source) {
        try {
            return OpenSearchDocuments.JSON.treeToValue(source.get(OpenSearchDocuments.DATA), StoredObject.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored object JSON is unreadable", e);
        }
    }

    private static void requireKind(String kind) {
        if (!StoredObjects.isKind(kind)) {
            throw new IllegalArgumentException("not a kind: " + kind);
        }
    }
}
