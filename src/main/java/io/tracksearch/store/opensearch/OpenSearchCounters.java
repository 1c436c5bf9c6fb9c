package io.tracksearch.store.opensearch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracksearch.error.TrackerException;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.OpType;
import org.opensearch.client.opensearch.core.GetResponse;

import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Counters in the meta index (per-queue issue numbers, queue, component and stored-object ids): one
 * document each, changed with optimistic concurrency (sequence number and primary term), so that every
 * node of ours sharing the cluster draws distinct values. A lost race is retried after a short random
 * wait, up to {@link #MAX_ATTEMPTS} times, then answered with 503.
 */
final class OpenSearchCounters {
    /** Optimistic retries of a counter update (or another read-modify-write of a meta document) before 503. */
    static final int MAX_ATTEMPTS = 1000;

    private final OpenSearchClient client;
    private final String metaIndex;
    private final Function<String, Optional<GetResponse<ObjectNode>>> readMeta;

    OpenSearchCounters(OpenSearchClient client, String metaIndex, Function<String, Optional<GetResponse<ObjectNode>>> readMeta) {
        this.client = client;
        this.metaIndex = metaIndex;
        this.readMeta = readMeta;
    }

    /**
     * Adds one to a counter document and returns the new value; a missing counter is created as
     * {@code start} + 1.
     */
    long increment(String id, String key, LongSupplier start) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            backOff(attempt);
            Optional<GetResponse<ObjectNode>> current = readMeta.apply(id);
            long next = current.isPresent() ? current.get().source().get(OpenSearchDocuments.VALUE).asLong() + 1 : start.getAsLong() + 1;
            if (write(id, key, next, current)) {
                return next;
            }
        }
        throw OpenSearchFailures.unavailable("counter " + id + " stayed contended", null);
    }

    /** Raises a counter to at least {@code value} (after imports that keep their numbers). */
    void raise(String id, String key, long value) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            backOff(attempt);
            Optional<GetResponse<ObjectNode>> current = readMeta.apply(id);
            if (current.isPresent() && current.get().source().get(OpenSearchDocuments.VALUE).asLong() >= value) {
                return;
            }
            if (write(id, key, value, current)) {
                return;
            }
        }
        throw OpenSearchFailures.unavailable("counter " + id + " stayed contended", null);
    }

    /** Writes the counter only if nobody changed it since {@code current} was read; false on a lost race. */
    private boolean write(String id, String key, long value, Optional<GetResponse<ObjectNode>> current) {
        ObjectNode document = OpenSearchDocuments.JSON.createObjectNode()
                .put(OpenSearchDocuments.KIND, OpenSearchDocuments.KIND_COUNTER)
                .put(OpenSearchDocuments.KEY, key)
                .put(OpenSearchDocuments.VALUE, value);
        try {
            OpenSearchFailures.call(() -> client.index(i -> {
                i.index(metaIndex).id(id).document(document);
                if (current.isPresent()) {
                    i.ifSeqNo(current.get().seqNo()).ifPrimaryTerm(current.get().primaryTerm());
                } else {
                    i.opType(OpType.Create);
                }
                return i;
            }));
            return true;
        } catch (TrackerException e) {
            if (OpenSearchFailures.isConflict(e)) {
                return false;
            }
            throw e;
        }
    }

    /** Before a retry of a lost race: a random wait of up to 20 ms, growing with the attempts. */
    static void backOff(int attempt) {
        if (attempt == 0) {
            return;
        }
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(Math.min(attempt, 20) + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw OpenSearchFailures.unavailable("interrupted", e);
        }
    }
}
