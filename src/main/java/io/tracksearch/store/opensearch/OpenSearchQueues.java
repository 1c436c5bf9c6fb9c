package io.tracksearch.store.opensearch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracksearch.error.ErrorCode;
import io.tracksearch.error.Message;
import io.tracksearch.error.TrackerException;
import io.tracksearch.model.Component;
import io.tracksearch.model.Queue;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.OpType;
import org.opensearch.client.opensearch._types.Refresh;
import org.opensearch.client.opensearch.core.GetResponse;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Queues for {@link OpenSearchIssueStore}: one document each in the meta index, ids from cluster-wide
 * counters, changes with {@code if_seq_no}, the list read through {@link OpenSearchQueueCache}.
 */
final class OpenSearchQueues {
    /** Counter document of component ids ({@code #} cannot occur in a queue key, so no queue counter clashes). */
    static final String COMPONENT_ID_COUNTER = "counter:#component-ids";

    private final OpenSearchClient client;
    private final String metaIndex;
    private final OpenSearchCounters counters;
    /** A meta document by id, real-time. */
    private final Function<String, Optional<GetResponse<ObjectNode>>> meta;
    private final OpenSearchQueueCache queueCache = new OpenSearchQueueCache(this::readQueues, System::nanoTime);

    OpenSearchQueues(OpenSearchClient client, String metaIndex, OpenSearchCounters counters,
            Function<String, Optional<GetResponse<ObjectNode>>> meta) {
        this.client = client;
        this.metaIndex = metaIndex;
        this.counters = counters;
        this.meta = meta;
    }

    /** Stores a new queue; a queue with id 0 or less gets the next id from the cluster-wide queue-id counter. */
    Queue create(Queue queue) {
        long id;
        if (queue.id() > 0) {
            id = queue.id();
            counters.raise(OpenSearchDocuments.QUEUE_ID_COUNTER, "", id);
        } else {
            id = counters.increment(OpenSearchDocuments.QUEUE_ID_COUNTER, "", () -> 0);
        }
        Queue stored = new Queue(id, queue.key(), queue.version(), queue.name(), queue.description(),
                queue.lead(), queue.defaultType(), queue.defaultPriority(), queue.components());
        try {
            OpenSearchFailures.call(() -> client.index(i -> i.index(metaIndex).id(OpenSearchDocuments.queueId(queue.key()))
                    .document(queueDocument(stored)).opType(OpType.Create).refresh(Refresh.True)));
            queueCache.invalidate();
        } catch (TrackerException e) {
            if (OpenSearchFailures.isConflict(e)) {
                throw new TrackerException(ErrorCode.CONFLICT, Message.QUEUE_EXISTS, queue.key());
            }
            throw e;
        }
        return stored;
    }

    /** Read, change, write with {@code if_seq_no}: a change made meanwhile on another node makes us read again. */
    Queue update(String key, UnaryOperator<Queue> change) {
        String id = OpenSearchDocuments.queueId(key);
        for (int attempt = 0; attempt < OpenSearchCounters.MAX_ATTEMPTS; attempt++) {
            OpenSearchCounters.backOff(attempt);
            GetResponse<ObjectNode> current = meta.apply(id)
                    .orElseThrow(() -> new TrackerException(ErrorCode.NOT_FOUND, Message.QUEUE_NOT_FOUND));
            Queue queue = toQueue(current.source());
            Queue changed = change.apply(queue);
            if (changed.equals(queue)) {
                return queue;
            }
            try {
                OpenSearchFailures.call(() -> client.index(i -> i.index(metaIndex).id(id).document(queueDocument(changed))
                        .ifSeqNo(current.seqNo()).ifPrimaryTerm(current.primaryTerm()).refresh(Refresh.True)));
                queueCache.invalidate();
                return changed;
            } catch (TrackerException e) {
                if (!OpenSearchFailures.isConflict(e)) {
                    throw e;
                }
            }
        }
        throw OpenSearchFailures.unavailable("queue " + key + " stayed contended", null);
    }

    /** From a cluster-wide counter document; a new counter starts above the largest id stored before it existed. */
    long allocateComponentId() {
        return counters.increment(COMPONENT_ID_COUNTER, "", () -> readQueues().stream()
                .flatMap(queue -> queue.components().stream()).mapToLong(Component::id).max().orElse(0));
    }

    private static ObjectNode queueDocument(Queue queue) {
        ObjectNode document = OpenSearchDocuments.JSON.createObjectNode();
        document.put(OpenSearchDocuments.KIND, OpenSearchDocuments.KIND_QUEUE);
        document.put(OpenSearchDocuments.KEY, queue.key());
        document.set(OpenSearchDocuments.DATA, OpenSearchDocuments.JSON.valueToTree(queue));
        return document;
    }

    /** Real-time (GET): a queue just made on another node is found, and its components are current. */
    Optional<Queue> get(String key) {
        return meta.apply(OpenSearchDocuments.queueId(key)).map(found -> toQueue(found.source()));
    }

    /**
     * From {@link OpenSearchQueueCache}: current for this node's queue writes, at most
     * {@link OpenSearchQueueCache#TTL} old for other nodes'.
     */
    List<Queue> all() {
        return queueCache.queues();
    }

    private List<Queue> readQueues() {
        return OpenSearchMetaKinds.readAll(client, metaIndex, OpenSearchDocuments.KIND_QUEUE, OpenSearchDocuments.KEY, Queue.class);
    }

    private static Queue toQueue(ObjectNode source) {
        return OpenSearchMetaKinds.data(source, Queue.class);
    }
}
