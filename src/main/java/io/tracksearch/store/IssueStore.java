package io.tracksearch.store;

import io.tracksearch.error.ErrorCode;
import io.tracksearch.error.Message;
import io.tracksearch.error.TrackerException;
import io.tracksearch.model.ChangeEvent;
import io.tracksearch.model.CustomField;
import io.tracksearch.model.FieldRegistry;
import io.tracksearch.model.Issue;
import io.tracksearch.model.IssueField;
import io.tracksearch.model.KeyChange;
import io.tracksearch.model.Queue;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The storage SPI. Speaks only our own types: the layers above hand it a neutral {@link Condition}, an
 * {@link IssueSort} and positions; backends (embedded Lucene, OpenSearch) never leak their types.
 *
 * <p>Durability: every write method returns only once the write is durable (on disk for the embedded
 * store, acknowledged by the cluster for OpenSearch) and visible to searches that start afterwards.
 * Threads: every method may be called concurrently.
 */
public interface IssueStore extends AutoCloseable {

    /**
     * Stores a new queue and returns it as stored; throws CONFLICT when the key exists. A queue with id 0
     * or less gets the next queue id from the store's own concurrency control (unique also across nodes
     * sharing the store); a positive id is kept.
     */
    Queue createQueue(Queue queue);

    /**
     * Changes a queue atomically and returns it as stored: {@code change} gets the current queue and may be
     * called again when another writer (thread or node) changed the queue meanwhile, so it must have no
     * effects beyond allocating ids. Returning the queue unchanged writes nothing. NOT_FOUND for an
     * unknown key.
     */
    Queue updateQueue(String key, UnaryOperator<Queue> change);

    /** The next component id: unique across queues and nodes (1, 2, 3...; a retried change may skip one). */
    long allocateComponentId();

    /** The queue of this key as stored now (also when another node sharing the store just made or changed it). */
    Optional<Queue> queue(String key);

    /**
     * All queues ordered by key. A backend shared by several nodes may answer from a cache: this node's own
     * queue writes show at once, other nodes' within a bound the backend documents (OpenSearch: 1 s).
     * Searches and rendering read this; {@link #queue} is the real-time read.
     */
    List<Queue> queues();

    /**
     * Stores a custom field definition; throws CONFLICT ({@code FIELD_EXISTS}) when its id is taken. When
     * this returns, the index accepts values of the field (OpenSearch: its mapping has grown in place).
     */
    void createField(CustomField field);

    /** Every custom field definition, in creation order. */
    List<CustomField> customFields();

    /** The registry of standard and custom fields over this store's definitions. */
    FieldRegistry fields();

    /** The objects issues refer to (versions, boards, sprints, projects), kept by kind. */
    StoredObjects objects();

    /** The next issue number of a queue: 1, 2, 3... never handed out twice. */
    long allocateNumber(String queueKey);

    /**
     * Reserves a {@code unique} value for a create about to happen, before its issue number is allocated.
     * Throws CONFLICT ({@code UNIQUE_CONFLICT}) when an issue has the value; when another create holds it,
     * waits for that create's outcome (conflict if it stored its issue, the claim if it gave up). The
     * caller must pass the claim to {@link #create(Issue, UniqueClaim)} or give it back with
     * {@link #releaseUnique}.
     */
    UniqueClaim claimUnique(String unique);

    /** Gives back a claim whose create did not store the issue; a no-op once it did. Failures are only logged. */
    void releaseUnique(UniqueClaim claim);

    /**
     * Stores a new issue whose {@code unique} value (if any) the caller claimed with {@code claim} (null
     * when the issue has none). Throws CONFLICT ({@code UNIQUE_CONFLICT}) when the claim was lost.
     */
    void create(Issue issue, UniqueClaim claim);

    /** Claims the issue's unique value, stores the issue, and gives the claim back if storing failed. */
    default void create(Issue issue) {
        UniqueClaim claim = issue.unique() == null ? null : claimUnique(issue.unique());
        boolean stored = false;
        try {
            create(issue, claim);
            stored = true;
        } finally {
            if (!stored && claim != null) {
                releaseUnique(claim);
            }
        }
    }

    /** Replaces an issue; throws CONFLICT ({@code VERSION_CONFLICT}) unless its stored version is {@code expectedVersion}. */
    void update(Issue issue, long expectedVersion);

    /** Stores many issues as given (keys, numbers and timestamps kept), replacing ones with the same key; durable on return. */
    void importIssues(List<Issue> issues);

    /**
     * Moves an issue to another key (another queue): {@code moved} has the id of the issue stored under
     * {@code fromKey}, a key no other issue has, and its new version. It replaces that issue, the move is
     * recorded in its history, and every other issue naming {@code fromKey} as parent, epic or link gets the
     * new key ({@link KeyChange}; their versions stay). Throws NOT_FOUND when no issue has {@code fromKey},
     * CONFLICT ({@code VERSION_CONFLICT}) unless it has {@code expectedVersion}, CONFLICT when another issue
     * holds the new key.
     *
     * <p>A crash never leaves two issues with one id once the store is open again: the embedded store
     * writes the issue and the renamed references in one commit; OpenSearch, which has no transaction over
     * two documents, indexes the new document before deleting the old one, and its open removes the older
     * of two documents with one id. Its references are renamed after that, one by one.
     */
    void move(Issue moved, String fromKey, long expectedVersion);

    /**
     * Renames other issues' references (parent, epic, links) from each change's old key to its new one, as
     * {@link #move} does ({@link KeyChange#applyAll}): their versions, updatedAt and history stay. For an
     * import that brings a moved issue under its new key while this store never held it under the old
     * one, but holds issues naming the old key (a mirror that copied them before the move). Durable on
     * return.
     */
    void renameReferences(List<KeyChange> changes);

    /**
     * Removes the issue with this upper-case key (a mirror drops what its source deleted); a no-op for an
     * unknown key. Its unique value is free again; its recorded history stays. Durable and invisible to
     * later reads and searches on return.
     */
    void delete(String key);

    /**
     * A value that changes with anything a read can see (issues, their history, queues, fields, objects):
     * two equal versions mean the store answered every read alike in between, so an answer computed under
     * one may be reused under the other. Read it before the read whose answer it labels. Empty when the
     * store cannot tell, e.g. when other processes write it too (OpenSearch); then nothing may be reused.
     */
    default Optional<Object> contentVersion() {
        return Optional.empty();
    }

    /** By upper-case key. */
    Optional<Issue> get(String key);

    Optional<Issue> getById(String id);

    /**
     * The issues of these upper-case keys that exist, by key (unknown keys left out), in one lookup: the
     * issues a page refers to (parents, epics, links), whose summaries it shows. Default: one search.
     */
    default Map<String, Issue> getAll(Collection<String> keys) {
        Map<String, Issue> found = new HashMap<>();
        if (!keys.isEmpty()) {
            List<String> wanted = List.copyOf(new LinkedHashSet<>(keys));
            for (Issue issue : search(new Condition.AnyOf(IssueField.KEY, wanted), IssueSort.BY_KEY, 0, wanted.size()).issues()) {
                found.put(issue.key(), issue);
            }
        }
        return found;
    }

    /**
     * The summaries of the issues of these keys that exist, by key: what a page built from templates needs
     * of the issues it refers to. Default: from {@link #getAll}; a store may answer without reading whole
     * issues.
     */
    default Map<String, IssueSummary> summaries(Collection<String> keys) {
        Map<String, IssueSummary> found = new HashMap<>();
        getAll(keys).forEach((key, issue) -> found.put(key, new IssueSummary(issue.id(), issue.summary())));
        return found;
    }

    Optional<Issue> findByUnique(String unique);

    /**
     * The change history of an issue, oldest first: the {@link ChangeEvent}s its creates, edits, transitions
     * and moves recorded ({@link ChangeEvent#between}, written with the issue version that made them) under
     * any of its {@link Issue#keys()} (an event keeps the key of its day; versions order them across a
     * move), as {@code query} selects them. Empty for an issue with none: imported issues, and writes made
     * by versions before the changelog (their history answers changed() only).
     */
    List<ChangeEvent> changelog(Issue issue, ChangelogQuery query);

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
