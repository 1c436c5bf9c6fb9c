package io.tracksearch.store;

import io.tracksearch.error.ErrorCode;
import io.tracksearch.error.Message;
import io.tracksearch.error.TrackerException;
import io.tracksearch.model.Issue;
import io.tracksearch.model.Queue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The storage SPI. Speaks only our own types: the layers above hand it a neutral {@link Condition}, an
 * {@link IssueSort} and positions; backends (embedded Lucene, OpenSearch) never leak their types.
 *
 * <p>Durability: every write method returns only once the write is durable (on disk for the embedded
 * store, acknowledged by the cluster for OpenSearch) and visible to searches that start afterwards.
 * Threads: every method may be called concurrently.
 */
public interface IssueStore extends AutoCloseable {

    /** Stores a new queue; throws CONFLICT when the key exists. */
    void createQueue(Queue queue);

    /** Replaces a queue (e.g. new components). */
    void updateQueue(Queue queue);

    Optional<Queue> queue(String key);

    /** All queues ordered by key. */
    List<Queue> queues();

    /** The next issue number of a queue: 1, 2, 3... never handed out twice. */
    long allocateNumber(String queueKey);

    /**
     * Stores a new issue. Throws CONFLICT (message {@code UNIQUE_CONFLICT}) when another issue has the
     * same {@code unique} value.
     */
    void create(Issue issue);

    /** Replaces an issue; throws CONFLICT ({@code VERSION_CONFLICT}) unless its stored version is {@code expectedVersion}. */
    void update(Issue issue, long expectedVersion);

    /** Stores many issues as given (keys, numbers and timestamps kept), replacing ones with the same key; durable on return. */
    void importIssues(List<Issue> issues);

    /** By upper-case key. */
    Optional<Issue> get(String key);

    Optional<Issue> getById(String id);

    Optional<Issue> findByUnique(String unique);

    /** Issues at positions [offset, offset + limit) of the sorted result, with the exact total. */
    IssuePage search(Condition condition, IssueSort sort, int offset, int limit);

    long count(Condition condition);

    /**
     * Freezes the result of a search. {@code sort} null means unsorted: the cheapest order the backend
     * has, each issue exactly once. The caller must close the snapshot.
     */
    Snapshot openSnapshot(Condition condition, IssueSort sort);

    /** Backend-native text of the compiled condition, for _validateQuery; empty when the backend has none. */
    default Optional<String> explain(Condition condition) {
        return Optional.empty();
    }

    /** Whether the backend has an optional capability; default: none. */
    default boolean supports(StoreBehavior behavior) {
        return false;
    }

    /**
     * {@link StoreBehavior#RESUMABLE_SNAPSHOTS}: freezes the result of a search in the backend and reads
     * its first {@code count} issues. {@code sort} null means unsorted (the cheapest stable order). The
     * backend keeps the snapshot for {@code keepAlive} after each request, then frees it by itself.
     */
    default ResumablePage openResumable(Condition condition, IssueSort sort, int count, Duration keepAlive) {
        throw notResumable();
    }

    /**
     * {@link StoreBehavior#RESUMABLE_SNAPSHOTS}: the {@code count} issues after the cursor. The same cursor
     * always gives the same page while the snapshot lives. Throws NOT_FOUND ({@code SCROLL_NOT_FOUND})
     * when the snapshot is gone (expired, released); STORE_UNAVAILABLE when the backend cannot serve the
     * whole page (never a silently short page).
     */
    default ResumablePage resume(Cursor cursor, int count, Duration keepAlive) {
        throw notResumable();
    }

    /** {@link StoreBehavior#RESUMABLE_SNAPSHOTS}: frees the snapshot of the cursor now; failures are only logged. */
    default void release(Cursor cursor) {
        throw notResumable();
    }

    private static TrackerException notResumable() {
        return new TrackerException(ErrorCode.INTERNAL, Message.NOT_SUPPORTED, "resumable snapshots");
    }

    @Override
    void close();
}
