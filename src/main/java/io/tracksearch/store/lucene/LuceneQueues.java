package io.tracksearch.store.lucene;

import io.tracksearch.error.ErrorCode;
import io.tracksearch.error.Message;
import io.tracksearch.error.TrackerException;
import io.tracksearch.model.Component;
import io.tracksearch.model.Queue;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.UnaryOperator;

/**
 * The embedded store's queues: one document of type {@code queue} each in the issue index (so one commit makes
 * it durable, like an issue), all held in memory by key, read back at open; and the ids of queues and of
 * their components, handed out from the largest stored.
 *
 * <p>Threads: writes run under the store's write lock (queue writes are rare, so they wait for durability
 * while holding it); a queue enters the map only after its write is durable, and the map is concurrent, so
 * reads need no lock.
 */
final class LuceneQueues {
    private static final Query QUEUES = new TermQuery(new Term(IssueDocuments.TYPE, IssueDocuments.TYPE_QUEUE));

    /** Serialises check-then-write; the store passes its write lock. */
    private final Object writeLock;
    private final LuceneStoredObjects.DurableWriter writer;
    /** Told after a queue changed in memory: part of the store's content version. */
    private final Runnable memoryChanged;
    private final ConcurrentSkipListMap<String, Queue> byKey = new ConcurrentSkipListMap<>();
    /** Guarded by writeLock. */
    private long lastQueueId;
    /** Largest component id handed out or stored; guarded by writeLock. */
    private long lastComponentId;

    LuceneQueues(Object writeLock, LuceneStoredObjects.DurableWriter writer, Runnable memoryChanged) {
        this.writeLock = writeLock;
        this.writer = writer;
        this.memoryChanged = memoryChanged;
    }

    /** Loads every queue; called once, at open, before any request. */
    void recover(IndexSearcher searcher) throws IOException {
        StoredFields storedFields = searcher.storedFields();
        TopDocs all = searcher.search(QUEUES, Math.max(1, searcher.count(QUEUES)));
        for (ScoreDoc hit : all.scoreDocs) {
            Queue queue = IssueDocuments.fromJson(storedFields.document(hit.doc).getBinaryValue(IssueDocuments.SOURCE), Queue.class);
            byKey.put(queue.key(), queue);
            lastQueueId = Math.max(lastQueueId, queue.id());
            for (Component component : queue.components()) {
                lastComponentId = Math.max(lastComponentId, component.id());
            }
        }
    }

    /** Stores a new queue. A queue with id 0 or less gets the next id (1, 2, 3...); others keep theirs. */
    Queue create(Queue queue) {
        synchronized (writeLock) {
            if (byKey.containsKey(queue.key())) {
                throw new TrackerException(ErrorCode.CONFLICT, Message.QUEUE_EXISTS, queue.key());
            }
            long id = queue.id() > 0 ? queue.id() : lastQueueId + 1;
            Queue stored = new Queue(id, queue.key(), queue.version(), queue.name(), queue.description(),
                    queue.lead(), queue.defaultType(), queue.defaultPriority(), queue.components());
            write(stored);
            lastQueueId = Math.max(lastQueueId, id);
            return stored;
        }
    }

    /** Under the write lock, so no other change of the queue can come between reading it and writing it. */
    Queue update(String key, UnaryOperator<Queue> change) {
        synchronized (writeLock) {
            Queue current = byKey.get(key);
            if (current == null) {
                throw new TrackerException(ErrorCode.NOT_FOUND, Message.QUEUE_NOT_FOUND);
            }
            Queue changed = change.apply(current);
            if (changed.equals(current)) {
                return current;
            }
            write(changed);
            return changed;
        }
    }

    long allocateComponentId() {
        synchronized (writeLock) {
            return ++lastComponentId;
        }
    }

    Optional<Queue> get(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    List<Queue> all() {
        return List.copyOf(byKey.values());
    }

    /** Under the write lock. */
    private void write(Queue queue) {
        writer.write(new Term(IssueDocuments.QUEUE_KEY, queue.key()), IssueDocuments.queue(queue));
        byKey.put(queue.key(), queue);
        memoryChanged.run();
    }
}
