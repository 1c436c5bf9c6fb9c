package io.tracksearch.store.opensearch;

import io.tracksearch.model.Queue;

import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * The queue list of the meta index as this node last read it, so that a search (which resolves queue
 * names, ids and components, and renders queue names) does not ask the cluster for it every time.
 *
 * <p><b>Consistency bound.</b> This node's own queue writes {@link #invalidate} the list, so the next read
 * (after the write's refresh) sees them. A write by another node sharing the cluster shows once the list
 * is older than {@link #TTL}: the first read after that reads it again, in the request that asks. A time
 * to live rather than a version check because any check costs a request to the node per search, which
 * is what the cache is there to save; queues change rarely, and 1 s is shorter than a person's next click.
 * A list read while this node wrote a queue is handed to its caller but not kept (it may predate the write).
 *
 * <p>Threads: safe for concurrent use; the state is guarded by {@code this}, the read itself runs outside
 * the lock (two threads may read at once when the list has expired; both answers are current).
 */
final class OpenSearchQueueCache {
    /** How long another node's queue write may stay unseen here. */
    static final Duration TTL = Duration.ofSeconds(1);

    private final Supplier<List<Queue>> source;
    private final LongSupplier nanoTime;
    /** Null until read, and after an own write. Guarded by {@code this}. */
    private List<Queue> queues;
    /** When the read of {@link #queues} started (nanoTime). Guarded by {@code this}. */
    private long readAt;
    /** Counts own writes, so that a read overlapping one is not kept. Guarded by {@code this}. */
    private long writes;

    OpenSearchQueueCache(Supplier<List<Queue>> source, LongSupplier nanoTime) {
        this.source = requireNonNull(source, "source is null");
        this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
    }

    /** All queues ordered by key, at most {@link #TTL} old for other nodes' writes and current for this node's. */
    List<Queue> queues() {
        long writesBefore;
        long started = nanoTime.getAsLong();
        synchronized (this) {
            if (queues != null && started - readAt < TTL.toNanos()) {
                return queues;
            }
            writesBefore = writes;
        }
        List<Queue> read = List.copyOf(source.get());
        synchronized (this) {
            if (writes == writesBefore && (queues == null || started - readAt > 0)) {
                queues = read;
                readAt = started;
            }
        }
        return read;
    }

    /** After a queue write of this node (refreshed, so that the next read sees it). */
    synchronized void invalidate() {
        writes++;
        queues = null;
    }
}
