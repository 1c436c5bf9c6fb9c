package io.tracksearch.store.lucene;

import io.tracksearch.error.ErrorCode;
import io.tracksearch.error.Message;
import io.tracksearch.error.TrackerException;
import io.tracksearch.model.ChangeEvent;
import io.tracksearch.model.CustomField;
import io.tracksearch.model.FieldRegistry;
import io.tracksearch.model.Issue;
import io.tracksearch.model.KeyChange;
import io.tracksearch.model.Queue;
import io.tracksearch.model.Users;
import io.tracksearch.store.ChangelogQuery;
import io.tracksearch.store.Condition;
import io.tracksearch.store.IssuePage;
import io.tracksearch.store.IssueSort;
import io.tracksearch.store.IssueStore;
import io.tracksearch.store.IssueSummary;
import io.tracksearch.store.IssueTemplates;
import io.tracksearch.store.Snapshot;
import io.tracksearch.store.StoredObjects;
import io.tracksearch.store.UniqueClaim;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.Directory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

import static java.util.Objects.requireNonNull;

/**
 * The embedded store: one Lucene index in a directory (MMap), holding issue and queue documents
 * ({@link IssueDocuments} describes the layout).
 *
 * <p><b>Durability and visibility.</b> Every write returns only once a commit covers it and searches
 * started afterwards see it: {@link DurableWriter} (group commit, and a new writer after a failure).
 *
 * <p><b>Checks.</b> Check-then-write steps (unique on create, version on update, queue key on
 * createQueue, queue changes) run under {@link #writeLock}; a unique value is claimed ({@link UniqueClaims})
 * before its create allocates a number. Writes indexed but not yet visible to the searcher are kept
 * in {@link PendingWrites} until a commit covers them; a check looks there first and at the searcher
 * second, so there is no moment at which a write is in neither.
 * Imports hold the write lock until durable, so concurrent creates see imported uniques.
 *
 * <p><b>Issue numbers</b> are handed out by {@link IssueNumbers}, recovered at open. Reads (lookups, pages,
 * counts, snapshots) are {@link LuceneIssueReads}'s, on the searchers {@link DurableWriter} refreshes.
 *
 * <p><b>User display names</b> for sorting are taken from {@link Users} when an issue is written; a
 * later rename is seen by sorts once the issue is written again.
 *
 * <p>Threads: every method may be called concurrently.
 */
public final class LuceneIssueStore implements IssueStore {
    /** How long a create waits for another create holding the same unique value (it takes milliseconds). */
    static final Duration CLAIM_WAIT = Duration.ofSeconds(30);

    private final Users users;
    private final IssueTemplates templates;
    private final PendingWrites pending = new PendingWrites();
    private final DurableWriter writes;
    /** Lookups, pages, counts and snapshots (the read side), on the current writer's searchers. */
    private final LuceneIssueReads reads;

    /** Serialises check-then-write steps; never held while waiting for the commit lock except by imports and queue writes. */
    private final Object writeLock = new Object();
    private final FieldRegistry fields = new FieldRegistry(this::customFields);
    private final IssueNumbers numbers = new IssueNumbers();
    private final UniqueClaims claims = new UniqueClaims(CLAIM_WAIT);
    /** Changes to what the store keeps in memory (queues, fields, objects), each counted after it is made. */
    private final AtomicLong memoryChanges = new AtomicLong();
    private final LuceneStoredObjects objects = new LuceneStoredObjects(writeLock, this::writeDurably, memoryChanges::incrementAndGet);
    private final LuceneQueues queues = new LuceneQueues(writeLock, this::writeDurably, memoryChanges::incrementAndGet);
    private final LuceneCustomFields customFields = new LuceneCustomFields(writeLock, this::writeDurably, this::fieldsChanged);

    /** A store that keeps no templates: pages are rendered from the parsed issues. */
    public LuceneIssueStore(Path directory, Users users) {
        this(directory, users, IssueTemplates.NONE);
    }

    /** A store that keeps each issue's template (see {@link IssueTemplates}) beside its JSON. */
    public LuceneIssueStore(Path directory, Users users, IssueTemplates templates) {
        this(DurableWriter.openDirectory(directory), users, templates);
    }

    /** On any Lucene directory; tests wrap one that fails as a full disk does. Takes over the directory. */
    LuceneIssueStore(Directory directory, Users users) {
        this(directory, users, IssueTemplates.NONE);
    }

    private LuceneIssueStore(Directory directory, Users users, IssueTemplates templates) {
        this.users = requireNonNull(users, "users is null");
        this.templates = requireNonNull(templates, "templates is null");
        this.writes = new DurableWriter(requireNonNull(directory, "directory is null"), pending);
        this.reads = new LuceneIssueReads(writes::searchers, writes::failure);
        try {
            recover();
        } catch (IOException | RuntimeException e) {
            TrackerException failure = writes.failure(e);
            writes.abandon();
            throw failure;
        }
    }

    /** Loads custom fields, stored objects, queues and the largest issue number of each queue. */
    private void recover() throws IOException {
        SearcherManager searchers = writes.searchers();
        IndexSearcher searcher = searchers.acquire();
        try {
            customFields.recover(searcher);
            fields.reload();
            objects.recover(searcher);
            queues.recover(searcher);
            numbers.recover(searcher);
        } finally {
            searchers.release(searcher);
        }
    }

    // ---- queues ------------------------------------------------------------------------------------

    /** Stores a new queue. A queue with id 0 or less gets the next id (1, 2, 3...); others keep theirs. */
    @Override
    public Queue createQueue(Queue queue) {
        return queues.create(queue);
    }

    @Override
    public Queue updateQueue(String key, UnaryOperator<Queue> change) {
        return queues.update(key, change);
    }

    @Override
    public long allocateComponentId() {
        return queues.allocateComponentId();
    }

    /**
     * Under writeLock: replaces the document with the term (adds it when the term is null) and returns once
     * that is durable (queues, stored objects, field definitions).
     */
    private void writeDurably(Term replaced, Document document) {
        IndexWriter used = writes.ensureOpen();
        try {
            writes.awaitDurable(used, replaced == null ? used.addDocument(document) : used.updateDocument(replaced, document));
        } catch (IOException | AlreadyClosedException e) {
            throw writes.failure(e);
        }
    }

    @Override
    public void createField(CustomField field) {
        customFields.create(field);
    }

    /** After a definition was added in memory: the registry shows it, and the content version changes. */
    private void fieldsChanged() {
        fields.reload();
        memoryChanges.incrementAndGet();
    }

    @Override
    public List<CustomField> customFields() {
        return customFields.all();
    }

    @Override
    public FieldRegistry fields() {
        return fields;
    }

    @Override
    public StoredObjects objects() {
        return objects;
    }

    @Override
    public Optional<Queue> queue(String key) {
        return queues.get(key);
    }

    @Override
    public List<Queue> queues() {
        return queues.all();
    }

    @Override
    public long allocateNumber(String queueKey) {
        return numbers.allocate(queueKey);
    }

    // ---- issue writes ------------------------------------------------------------------------------

    /** Checked against stored and pending issues; see {@link UniqueClaims}. */
    @Override
    public UniqueClaim claimUnique(String unique) {
        return claims.claim(unique, value -> currentByUnique(value).map(Issue::key));
    }

    @Override
    public void releaseUnique(UniqueClaim claim) {
        claims.settle(claim);
    }

    @Override
    public void create(Issue issue, UniqueClaim claim) {
        Document document = IssueDocuments.issue(issue, users, fields, templates);
        long seqNo;
        IndexWriter used;
        synchronized (writeLock) {
            used = writes.ensureOpen();
            if (issue.unique() != null) {
                // an import (no claims) may have stored the value since the claim: imports hold writeLock
                Optional<String> owner = currentByUnique(issue.unique()).map(Issue::key);
                if (claim == null || !claim.unique().equals(issue.unique()) || !claims.holds(claim) || owner.isPresent()) {
                    throw new TrackerException(ErrorCode.CONFLICT, Message.UNIQUE_CONFLICT, issue.unique(), owner.orElse(""));
                }
            }
            seqNo = Math.max(index(used, issue, document), recordEvent(used, ChangeEvent.between(null, issue)));
            numbers.raise(issue.queue(), issue.number());
            if (claim != null) {
                claims.settle(claim); // the pending issue holds the value from now on
            }
        }
        writes.awaitDurable(used, seqNo);
    }

    @Override
    public void update(Issue issue, long expectedVersion) {
        Document document = IssueDocuments.issue(issue, users, fields, templates);
        long seqNo;
        IndexWriter used;
        synchronized (writeLock) {
            used = writes.ensureOpen();
            Issue current = currentByKey(issue.key())
                    .orElseThrow(() -> new TrackerException(ErrorCode.NOT_FOUND, Message.ISSUE_NOT_FOUND));
            if (current.version() != expectedVersion) {
                throw new TrackerException(ErrorCode.CONFLICT, Message.VERSION_CONFLICT, current.version());
            }
            seqNo = Math.max(index(used, issue, document), recordEvent(used, ChangeEvent.between(current, issue)));
        }
        writes.awaitDurable(used, seqNo);
    }

    /**
     * Under writeLock and with no other commit ({@link DurableWriter#withoutOtherCommits}), so that the one commit at the end holds all of it or (after a
     * crash) none: writes pending from others are committed first (the searcher then sees every
     * referencing issue), then the issue's document is replaced through its id term (one atomic delete and
     * add, also of a copy under the new key an import may have left), the referencing issues are renamed,
     * the event is appended, and all of it is committed. No other commit can come between: commits take
     * the commit lock, and nothing else is indexed while writeLock is held.
     */
    @Override
    public void move(Issue moved, String fromKey, long expectedVersion) {
        KeyChange change = new KeyChange(fromKey, moved.key());
        Document document = IssueDocuments.issue(moved, users, fields, templates);
        synchronized (writeLock) {
            IndexWriter used = writes.ensureOpen();
            writes.withoutOtherCommits(() -> {
                writes.awaitDurable(used, used.getMaxCompletedSequenceNumber());   // deletes too: none may come back below
                Issue current = get(fromKey).orElseThrow(() -> new TrackerException(ErrorCode.NOT_FOUND, Message.ISSUE_NOT_FOUND));
                if (current.version() != expectedVersion) {
                    throw new TrackerException(ErrorCode.CONFLICT, Message.VERSION_CONFLICT, current.version());
                }
                if (!current.id().equals(moved.id())) {
                    throw new IllegalArgumentException("a move keeps the id: " + moved.id() + " is not " + current.id());
                }
                Optional<Issue> holder = get(moved.key());
                if (holder.isPresent() && !holder.get().id().equals(moved.id())) {
                    throw new TrackerException(ErrorCode.CONFLICT, Message.plain("Issue " + moved.key() + " already exists."));
                }
                List<Issue> referencing = reads.referencing(List.of(fromKey));
                long seqNo;
                try {
                    seqNo = used.updateDocument(new Term(IssueDocuments.ID, moved.id()), document);
                } catch (IOException | AlreadyClosedException e) {
                    throw writes.failure(e);
                }
                pending.forget(fromKey);
                pending.indexed(moved, seqNo);
                for (Issue other : referencing) {
                    if (!other.id().equals(moved.id())) {
                        Issue renamed = change.applyTo(other);
                        seqNo = Math.max(seqNo, index(used, renamed, IssueDocuments.issue(renamed, users, fields, templates)));
                    }
                }
                seqNo = Math.max(seqNo, recordEvent(used, ChangeEvent.between(current, moved)));
                numbers.raise(moved.queue(), moved.number());
                writes.awaitDurable(used, seqNo);
                return null;
            });
        }
    }

    /**
     * Under writeLock, so that the searcher (made current first) sees every referencing issue and none
     * changes before its rename is indexed; the renames are committed together.
     */
    @Override
    public void renameReferences(List<KeyChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        IndexWriter used;
        long seqNo = -1;
        synchronized (writeLock) {
            used = writes.ensureOpen();
            writes.awaitDurable(used, used.getMaxCompletedSequenceNumber());
            for (Issue other : reads.referencing(changes.stream().map(KeyChange::from).distinct().toList())) {
                Issue renamed = KeyChange.applyAll(changes, other);
                if (!renamed.equals(other)) {
                    seqNo = Math.max(seqNo, index(used, renamed, IssueDocuments.issue(renamed, users, fields, templates)));
                }
            }
        }
        if (seqNo >= 0) {
            writes.awaitDurable(used, seqNo);
        }
    }

    /** Under writeLock: appends the history document of one write, if it changed anything (ChangeDocuments). */
    private long recordEvent(IndexWriter used, Optional<ChangeEvent> event) {
        if (event.isEmpty()) {
            return -1;
        }
        try {
            return used.addDocument(ChangeDocuments.event(event.get()));
        } catch (IOException | AlreadyClosedException e) {
            throw writes.failure(e);
        }
    }

    @Override
    public void delete(String key) {
        long seqNo;
        IndexWriter used;
        synchronized (writeLock) {
            used = writes.ensureOpen();
            pending.forget(key);   // a pending write of the issue must not answer reads after the delete
            try {
                seqNo = used.deleteDocuments(IssueDocuments.keyTerm(key));   // issue documents only: history documents name the key elsewhere
            } catch (IOException | AlreadyClosedException e) {
                throw writes.failure(e);
            }
        }
        writes.awaitDurable(used, seqNo);
    }

    /** Under writeLock: adds or replaces the issue's document and records it as pending. */
    private long index(IndexWriter used, Issue issue, Document document) {
        try {
            long seqNo = used.updateDocument(IssueDocuments.keyTerm(issue.key()), document);
            pending.indexed(issue, seqNo);
            return seqNo;
        } catch (IOException | AlreadyClosedException e) {
            throw writes.failure(e);
        }
    }

    /**
     * Stores the issues as given, replacing issues with the same key, without unique or version checks:
     * indexed into the RAM buffer (on several threads when many, {@link BatchIndexer}), then one commit.
     * Holds the write lock until durable, so single writes wait for a running import.
     */
    @Override
    public void importIssues(List<Issue> issues) {
        if (issues.isEmpty()) {
            return;
        }
        synchronized (writeLock) {
            IndexWriter used = writes.ensureOpen();
            long seqNo;
            try {
                seqNo = new BatchIndexer(used, issue -> IssueDocuments.issue(issue, users, fields, templates)).index(issues);
            } catch (IOException | AlreadyClosedException e) {
                throw writes.failure(e);
            }
            for (Issue issue : issues) {
                numbers.raise(issue.queue(), issue.number());
            }
            writes.awaitDurable(used, seqNo);
        }
    }

    // ---- reads -------------------------------------------------------------------------------------

    /** Latest indexed state, including writes not yet durable: for checks under writeLock. */
    private Optional<Issue> currentByKey(String key) {
        return pending.byKey(key).or(() -> get(key));
    }

    private Optional<Issue> currentByUnique(String unique) {
        return pending.byUnique(unique).or(() -> findByUnique(unique));
    }

    /**
     * What reads see now, as a value: equal versions, equal answers. Issues and everything else in the index
     * show through the current reader, which every refresh that shows a change replaces. Queues, fields and
     * objects are also kept in memory, updated after the refresh that shows their documents: those updates
     * count themselves. A version read while a write runs may describe either side of it, as a read then would.
     */
    record ContentVersion(long memoryChanges, IndexReader.CacheKey reader) {
    }

    /** No other process writes the index (Lucene's write lock), so this covers every change. */
    @Override
    public Optional<Object> contentVersion() {
        long changes = memoryChanges.get();   // first: a change made meanwhile then makes the version older, not wrong
        return Optional.of(new ContentVersion(changes, writes.currentReader()));
    }

    @Override
    public Optional<Issue> get(String key) {
        return reads.get(key);
    }

    @Override
    public Map<String, Issue> getAll(Collection<String> keys) {
        return reads.getAll(keys);
    }

    @Override
    public Map<String, IssueSummary> summaries(Collection<String> keys) {
        return reads.summaries(keys);
    }

    @Override
    public Optional<Issue> getById(String id) {
        return reads.getById(id);
    }

    @Override
    public Optional<Issue> findByUnique(String unique) {
        return reads.findByUnique(unique);
    }

    @Override
    public IssuePage search(Condition condition, IssueSort sort, int offset, int limit) {
        return reads.search(condition, sort, offset, limit);
    }

    @Override
    public List<ChangeEvent> changelog(Issue issue, ChangelogQuery query) {
        return reads.changelog(issue, query);
    }

    @Override
    public long count(Condition condition) {
        return reads.count(condition);
    }

    @Override
    public Snapshot openSnapshot(Condition condition, IssueSort sort) {
        return reads.openSnapshot(condition, sort);
    }

    @Override
    public Optional<String> explain(Condition condition) {
        return reads.explain(condition);
    }

    // ---- lifecycle ---------------------------------------------------------------------------------

    /** Commits anything pending, then closes the searcher manager, the writer and the directory. */
    @Override
    public void close() {
        synchronized (writeLock) {
            writes.close();
        }
    }
}
