package io.tracksearch.store.opensearch;

import io.tracksearch.model.Queue;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The bound of the queue cache, with a hand-set clock: own writes at once, the cluster's after {@link OpenSearchQueueCache#TTL}. */
class OpenSearchQueueCacheTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final List<Queue> stored = new ArrayList<>();
    private final AtomicInteger reads = new AtomicInteger();
    private Runnable duringRead = () -> { };
    private final OpenSearchQueueCache cache = new OpenSearchQueueCache(() -> {
        reads.incrementAndGet();
        List<Queue> answer = List.copyOf(stored);
        duringRead.run();
        return answer;
    }, now::get);

    private static Queue queue(String key) {
        return new Queue(1, key, 1, "Queue " + key, null, 1, "task", "normal", List.of());
    }

    @Test
    void readsOnceWithinTheTimeToLive() {
        stored.add(queue("A"));
        assertEquals(List.of(queue("A")), cache.queues());
        stored.add(queue("B"));   // written by another node
        now.addAndGet(OpenSearchQueueCache.TTL.toNanos() - 1);
        assertEquals(List.of(queue("A")), cache.queues());
        assertEquals(1, reads.get());
        now.addAndGet(1);
        assertEquals(List.of(queue("A"), queue("B")), cache.queues());
        assertEquals(2, reads.get());
    }

    @Test
    void ownWriteShowsAtOnce() {
        assertEquals(List.of(), cache.queues());
        stored.add(queue("A"));
        cache.invalidate();
        assertEquals(List.of(queue("A")), cache.queues());
    }

    /** A read that started before an own write may answer its caller but is not kept for the next one. */
    @Test
    void readOverlappingAnOwnWriteIsNotKept() {
        duringRead = () -> {
            stored.add(queue("A"));
            cache.invalidate();
            duringRead = () -> { };
        };
        assertEquals(List.of(), cache.queues());
        assertEquals(List.of(queue("A")), cache.queues());
        assertEquals(2, reads.get());
    }
}
