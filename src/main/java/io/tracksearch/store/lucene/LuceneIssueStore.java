package io.tracksearch.store.lucene;

import io.tracksearch.error.ErrorCode;
import io.tracksearch.error.Message;
import io.tracksearch.error.TrackerException;
import io.tracksearch.model.ChangeEvent;
import io.tracksearch.model.Component;
import io.tracksearch.model.CustomField;
import io.tracksearch.model.FieldRegistry;
import io.tracksearch.model.Issue;
import io.tracksearch.model.IssueField;
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
import io.tracksearch.store.StoredIssues;
import io.tracksearch.store.StoredObjects;
import io.tracksearch.store.UniqueClaim;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.DelegatingAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

import static java.util.Objects.requireNonNull;

/**
 * The embedded store: one Lucene index in a directory (MMap), holding issue and queue documents
 * ({@link IssueDocuments} describes the layout).
 *
 * <p><b>Durability and visibility.</b> Every write gets an IndexWriter sequence number and then waits
 * in {@link #awaitDurable} until a commit covers it: whoever holds the commit lock commits once for all
 * writes indexed so far, refreshes the {@link SearcherManager}, and publishes the covered sequence
 * number; writers that queued behind it find their number covered and return without a commit of their
 * own (group commit). So a write returns only once fsynced and visible to searches started afterwards.
 *
 * <p><b>Checks.</b> Check-then-write steps (unique on create, version on update, queue key on
 * createQueue, queue changes) run under {@link #writeLock}; a unique value is claimed ({@link UniqueClaims})
 * before its create allocates a number. Writes indexed but not yet visible to the searcher are kept
 * in {@link #pendingByKey} and {@link #pendingByUnique} until a refresh covers them; a check looks at the
 * pending maps first and the searcher second, so there is no moment at which a write is in neither.
 * Imports hold the write lock until durable, so concurrent creates see imported uniques.
 *
 * <p><b>Issue numbers.</b> Per-queue counters are recovered at open from the largest stored number of
 * each queue and raised by creates and imports; within a process a number is never handed out twice. A
 * number handed out but never used may be handed out again after a restart.
 *
 * <p><b>User display names</b> for sorting are taken from {@link Users} when an issue is written; a
 * later rename is seen by sorts once the issue is written again.
 *
 * <p>Threads: every method may be called concurrently.
 */
public final class LuceneIssueStore implements IssueStore {
    private static final Logger log = LoggerFactory.getLogger(LuceneIssueStore.class);
    /** IndexWriter RAM buffer: large, so a 50,000-issue import batch flushes few segments. */
    static final double RAM_BUFFER_MB = 256;
    /** How long a create waits for another create holding the same unique value (it takes milliseconds). */
    static final Duration CLAIM_WAIT = Duration.ofSeconds(30);

    private static final Query ISSUES = new TermQuery(new Term(IssueDocuments.TYPE, IssueDocuments.TYPE_ISSUE));
    private static final Query QUEUES = new TermQuery(new Term(IssueDocuments.TYPE, IssueDocuments.TYPE_QUEUE));
    private static final Query FIELDS = new TermQuery(new Term(IssueDocuments.TYPE, IssueDocuments.TYPE_FIELD));

    private final Users users;
    private final IssueTemplates templates;
    private final Directory directory;
    /** Replaced (under writeLock and commitLock) by {@link #ensureWriter} after a tragic failure, e.g. a full disk. */
    private volatile IndexWriter writer;
    private volatile SearcherManager searchers;
    private final PageBoundaries boundaries = new PageBoundaries();
    private final SortColumns sortColumns = new SortColumns();

    /** Serialises check-then-write steps; never held while waiting for the commit lock except by imports and queue writes. */
    private final Object writeLock = new Object();
    private final ReentrantLock commitLock = new ReentrantLock();
    /** Every operation of this writer with a sequence number up to this one is committed and visible to new searchers. */
    private volatile Durable durable;

    private final ConcurrentHashMap<String, Pending> pendingByKey = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Pending> pendingByUnique = new ConcurrentHashMap<>();
    /** Queues by key; changed only under writeLock, after the change is durable. */
    private final ConcurrentSkipListMap<String, Queue> queues = new ConcurrentSkipListMap<>();
    /** Custom field definitions in creation order; written under writeLock, read under its own monitor. */
    private final Map<String, CustomField> customFields = Collections.synchronizedMap(new LinkedHashMap<>());
    private final FieldRegistry fields = new FieldRegistry(this::customFields);
    /** Last issue number handed out or stored, per queue. */
    private final ConcurrentHashMap<String, AtomicLong> counters = new ConcurrentHashMap<>();
    /** Guarded by writeLock. */
    private long lastQueueId;
    /** Guarded by writeLock. */
    private boolean closed;
    /** Largest component id handed out or stored; guarded by writeLock. */
    private long lastComponentId;
    private final UniqueClaims claims = new UniqueClaims(CLAIM_WAIT);
    private final LuceneStoredObjects objects = new LuceneStoredObjects(writeLock, this::writeDurably);

    private record Pending(Issue issue, long seqNo) {
    }

    /** Sequence numbers belong to one IndexWriter: a reopened writer starts a new count. */
    private record Durable(IndexWriter writer, long seqNo) {
    }

    /** A store that keeps no templates: pages are rendered from the parsed issues. */
    public LuceneIssueStore(Path directory, Users users) {
        this(directory, users, IssueTemplates.NONE);
    }

    /** A store that keeps each issue's template (see {@link IssueTemplates}) beside its JSON. */
    public LuceneIssueStore(Path directory, Users users, IssueTemplates templates) {
        this(openDirectory(directory), users, templates);
    }

    /** On any Lucene directory; tests wrap one that fails as a full disk does. Takes over the directory. */
    LuceneIssueStore(Directory directory, Users users) {
        this(directory, users, IssueTemplates.NONE);
    }

    private LuceneIssueStore(Directory directory, Users users, IssueTemplates templates) {
        this.users = requireNonNull(users, "users is null");
        this.templates = requireNonNull(templates, "templates is null");
        this.directory = requireNonNull(directory, "directory is null");
        try {
            this.writer = openWriter(directory);
            this.searchers = new SearcherManager(writer, true, false, null);
            this.durable = new Durable(writer, -1);
            recover();
        } catch (IOException | RuntimeException e) {
            TrackerException failure = failure(e);
            closeQuietly(writer, directory);
            throw failure;
        }
    }

    private static Directory openDirectory(Path path) {
        try {
            return new SyncOnceDirectory(FSDirectory.open(path));
        } catch (IOException e) {
            throw new TrackerException(ErrorCode.STORE_UNAVAILABLE, Message.STORE_UNAVAILABLE, Map.of(), e, String.valueOf(e.getMessage()));
        }
    }

    private static IndexWriter openWriter(Directory directory) throws IOException {
        IndexWriterConfig config = new IndexWriterConfig(analyzer())
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setRAMBufferSizeMB(RAM_BUFFER_MB)
                // Plain segment files: packing each flushed segment into a compound file copies it once more.
                .setUseCompoundFile(false)
                .setCodec(new TracksearchCodec())
                .setCommitOnClose(true);
        indexSort(directory).ifPresent(config::setIndexSort);
        IndexWriter opened = new IndexWriter(directory, config);
        try {
            opened.commit(); // a fresh directory gets its first commit point
            return opened;
        } catch (IOException | RuntimeException e) {
            opened.rollback();
            throw e;
        }
    }

    /**
     * {@link LuceneSorts#INDEX_SORT} for a new index; for an existing one the sort its segments were written
     * with, because Lucene refuses to open segments under another sort. Indexes written before the sort was
     * introduced (any unsorted segment) stay unsorted: they answer the same, without early termination; an
     * export and import into a new data directory gives them the sorted layout.
     */
    private static Optional<Sort> indexSort(Directory directory) throws IOException {
        if (!DirectoryReader.indexExists(directory)) {
            return Optional.of(LuceneSorts.INDEX_SORT);
        }
        Optional<Sort> sort = Optional.of(LuceneSorts.INDEX_SORT);
        for (SegmentCommitInfo segment : SegmentInfos.readLatestCommit(directory)) {
            Sort written = segment.info.getIndexSort();
            if (written == null) {
                log.info("this index was written before sorted segments; it stays unsorted (export and import to sort it)");
                return Optional.empty();
            }
            sort = Optional.of(written);
        }
        return sort;
    }

    /**
     * Under writeLock, before every write: after a tragic failure (Lucene closes its IndexWriter when, for
     * example, a full disk fails a flush) opens a new writer on the last commit, so the store recovers once
     * space is freed instead of refusing writes until a restart. What the old writer held uncommitted was
     * never acknowledged; its writers are told so in {@link #awaitDurable}. Throws while opening fails.
     */
    private void ensureWriter() {
        IndexWriter current = writer;
        if (current.isOpen() && current.getTragicException() == null) {
            return;
        }
        commitLock.lock();
        try {
            log.warn("reopening the index writer after a failure", current.getTragicException());
            try {
                current.rollback();
            } catch (IOException | RuntimeException e) {
                log.debug("rolling back the failed writer", e); // it closed itself already
            }
            IndexWriter reopened = openWriter(directory);
            SearcherManager previous = searchers;
            searchers = new SearcherManager(reopened, true, false, null);
            writer = reopened;
            durable = new Durable(reopened, -1);
            pendingByKey.clear();
            pendingByUnique.clear();
            try {
                previous.close(); // searchers still in use keep their readers until released
            } catch (IOException | RuntimeException e) {
                log.debug("closing the searchers of the failed writer", e);
            }
        } catch (IOException | RuntimeException e) {
            throw failure(e);
        } finally {
            commitLock.unlock();
        }
    }

    /**
     * Text fields (standard or custom, known or not when the writer opened) are the only tokenized ones:
     * their ".phrase" twins keep every word, the rest are stemmed.
     */
    static Analyzer analyzer() {
        return new DelegatingAnalyzerWrapper(Analyzer.PER_FIELD_REUSE_STRATEGY) {
            @Override
            protected Analyzer getWrappedAnalyzer(String fieldName) {
                return fieldName.endsWith(IssueDocuments.PHRASE_SUFFIX) ? TextAnalysis.PHRASE : TextAnalysis.STEMMED;
            }
        };
    }

    /** Loads queues and the largest issue number of each queue. */
    private void recover() throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            StoredFields storedFields = searcher.storedFields();
            // top-docs sized by count, not maxDoc: a queue of maxDoc entries would allocate for every issue
            TopDocs definitions = searcher.search(FIELDS, Math.max(1, searcher.count(FIELDS)),
                    new Sort(new SortField(IssueDocuments.FIELD_ORDER, SortField.Type.LONG)));
            for (ScoreDoc hit : definitions.scoreDocs) {
                CustomField field = IssueDocuments.fromJson(storedFields.document(hit.doc).getBinaryValue(IssueDocuments.SOURCE), CustomField.class);
                customFields.put(field.id(), field);
            }
            fields.reload();
            objects.recover(searcher);
            TopDocs all = searcher.search(QUEUES, Math.max(1, searcher.count(QUEUES)));
            for (ScoreDoc hit : all.scoreDocs) {
                Queue queue = IssueDocuments.fromJson(storedFields.document(hit.doc).getBinaryValue(IssueDocuments.SOURCE), Queue.class);
                queues.put(queue.key(), queue);
                lastQueueId = Math.max(lastQueueId, queue.id());
                for (Component component : queue.components()) {
                    lastComponentId = Math.max(lastComponentId, component.id());
                }
            }
            raiseCountersFromAliases(searcher);
            for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                SortedDocValues queueKeys = leaf.reader().getSortedDocValues(IssueDocuments.SORT_QUEUE);
                NumericDocValues numbers = leaf.reader().getNumericDocValues(IssueDocuments.SORT_NUMBER);
                if (queueKeys == null || numbers == null) {
                    continue;
                }
                Bits live = leaf.reader().getLiveDocs();
                for (int doc = queueKeys.nextDoc(); doc != SortedDocValues.NO_MORE_DOCS; doc = queueKeys.nextDoc()) {
                    if ((live != null && !live.get(doc)) || !numbers.advanceExact(doc)) {
                        continue;
                    }
                    raiseCounter(queueKeys.lookupOrd(queueKeys.ordValue()).utf8ToString(), numbers.longValue());
                }
            }
        } finally {
            searchers.release(searcher);
        }
    }

    /**
     * A moved issue's old key stays its alias and keeps answering for it, so its number is never handed out
     * again: counters also cover every alias (indexed lower-case). Terms of deleted documents may raise a
     * counter a little further than needed, which only skips numbers.
     */
    private void raiseCountersFromAliases(IndexSearcher searcher) throws IOException {
        Terms aliases = MultiTerms.getTerms(searcher.getIndexReader(), IssueField.ALIASES.id());
        if (aliases == null) {
            return;
        }
        TermsEnum terms = aliases.iterator();
        for (BytesRef term = terms.next(); term != null; term = terms.next()) {
            String alias = term.utf8ToString().toUpperCase(Locale.ROOT);
            int dash = alias.lastIndexOf('-');
            if (dash > 0 && alias.substring(dash + 1).matches("[0-9]{1,18}")) {
                raiseCounter(alias.substring(0, dash), Long.parseLong(alias.substring(dash + 1)));
            }
        }
    }

    // ---- queues ------------------------------------------------------------------------------------

    /** Stores a new queue. A queue with id 0 or less gets the next id (1, 2, 3...); others keep theirs. */
    @Override
    public Queue createQueue(Queue queue) {
        synchronized (writeLock) {
            if (queues.containsKey(queue.key())) {
                throw new TrackerException(ErrorCode.CONFLICT, Message.QUEUE_EXISTS, queue.key());
            }
            long id = queue.id() > 0 ? queue.id() : lastQueueId + 1;
            Queue stored = new Queue(id, queue.key(), queue.version(), queue.name(), queue.description(),
                    queue.lead(), queue.defaultType(), queue.defaultPriority(), queue.components());
            writeQueue(stored);
            lastQueueId = Math.max(lastQueueId, id);
            return stored;
        }
    }

    /** Under writeLock, so no other change of the queue can come between reading it and writing it. */
    @Override
    public Queue updateQueue(String key, UnaryOperator<Queue> change) {
        synchronized (writeLock) {
            Queue current = queues.get(key);
            if (current == null) {
                throw new TrackerException(ErrorCode.NOT_FOUND, Message.QUEUE_NOT_FOUND);
            }
            Queue changed = change.apply(current);
            if (changed.equals(current)) {
                return current;
            }
            writeQueue(changed);
            return changed;
        }
    }

    @Override
    public long allocateComponentId() {
        synchronized (writeLock) {
            return ++lastComponentId;
        }
    }

    /** Under writeLock: queue writes are rare, so they wait for durability while holding it. */
    private void writeQueue(Queue queue) {
        writeDurably(new Term(IssueDocuments.QUEUE_KEY, queue.key()), IssueDocuments.queue(queue));
        queues.put(queue.key(), queue);
    }

    /** Under writeLock: replaces the document with the term and returns once that is durable (queues, stored objects). */
    private void writeDurably(Term replaced, Document document) {
        ensureWriter();
        IndexWriter used = writer;
        try {
            awaitDurable(used, used.updateDocument(replaced, document));
        } catch (IOException | AlreadyClosedException e) {
            throw failure(e);
        }
    }

    @Override
    public void createField(CustomField field) {
        synchronized (writeLock) {
            if (customFields.containsKey(field.id())) {
                throw new TrackerException(ErrorCode.CONFLICT, Message.FIELD_EXISTS, field.id());
            }
            ensureWriter();
            IndexWriter used = writer;
            try {
                long seqNo = used.addDocument(IssueDocuments.field(field, customFields.size()));
                awaitDurable(used, seqNo);
                customFields.put(field.id(), field);
                fields.reload();
            } catch (IOException | AlreadyClosedException e) {
                throw failure(e);
            }
        }
    }

    @Override
    public List<CustomField> customFields() {
        synchronized (customFields) {
            return List.copyOf(customFields.values());
        }
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
        return Optional.ofNullable(queues.get(key));
    }

    @Override
    public List<Queue> queues() {
        return List.copyOf(queues.values());
    }

    @Override
    public long allocateNumber(String queueKey) {
        return counters.computeIfAbsent(queueKey, ignored -> new AtomicLong()).incrementAndGet();
    }

    private void raiseCounter(String queueKey, long number) {
        counters.computeIfAbsent(queueKey, ignored -> new AtomicLong()).accumulateAndGet(number, Math::max);
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
            ensureWriter();
            used = writer;
            if (issue.unique() != null) {
                // an import (no claims) may have stored the value since the claim: imports hold writeLock
                Optional<String> owner = currentByUnique(issue.unique()).map(Issue::key);
                if (claim == null || !claim.unique().equals(issue.unique()) || !claims.holds(claim) || owner.isPresent()) {
                    throw new TrackerException(ErrorCode.CONFLICT, Message.UNIQUE_CONFLICT, issue.unique(), owner.orElse(""));
                }
            }
            seqNo = Math.max(index(issue, document), recordEvent(ChangeEvent.between(null, issue)));
            raiseCounter(issue.queue(), issue.number());
            if (claim != null) {
                claims.settle(claim); // the pending issue holds the value from now on
            }
        }
        awaitDurable(used, seqNo);
    }

    @Override
    public void update(Issue issue, long expectedVersion) {
        Document document = IssueDocuments.issue(issue, users, fields, templates);
        long seqNo;
        IndexWriter used;
        synchronized (writeLock) {
            ensureWriter();
            used = writer;
            Issue current = currentByKey(issue.key())
                    .orElseThrow(() -> new TrackerException(ErrorCode.NOT_FOUND, Message.ISSUE_NOT_FOUND));
            if (current.version() != expectedVersion) {
                throw new TrackerException(ErrorCode.CONFLICT, Message.VERSION_CONFLICT, current.version());
            }
            seqNo = Math.max(index(issue, document), recordEvent(ChangeEvent.between(current, issue)));
        }
        awaitDurable(used, seqNo);
    }

    /**
     * Under writeLock and the commit lock, so that the one commit at the end holds all of it or (after a
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
            ensureWriter();
            IndexWriter used = writer;
            commitLock.lock();
            try {
                awaitDurable(used, used.getMaxCompletedSequenceNumber());   // deletes too: none may come back below
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
                List<Issue> referencing = referencing(List.of(fromKey));
                long seqNo = used.updateDocument(new Term(IssueDocuments.ID, moved.id()), document);
                pendingByKey.remove(fromKey);
                pendingByKey.put(moved.key(), new Pending(moved, seqNo));
                for (Issue other : referencing) {
                    if (!other.id().equals(moved.id())) {
                        Issue renamed = change.applyTo(other);
                        seqNo = Math.max(seqNo, index(renamed, IssueDocuments.issue(renamed, users, fields, templates)));
                    }
                }
                seqNo = Math.max(seqNo, recordEvent(ChangeEvent.between(current, moved)));
                raiseCounter(moved.queue(), moved.number());
                awaitDurable(used, seqNo);
            } catch (IOException | AlreadyClosedException e) {
                throw failure(e);
            } finally {
                commitLock.unlock();
            }
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
            ensureWriter();
            used = writer;
            try {
                awaitDurable(used, used.getMaxCompletedSequenceNumber());
                for (Issue other : referencing(changes.stream().map(KeyChange::from).distinct().toList())) {
                    Issue renamed = KeyChange.applyAll(changes, other);
                    if (!renamed.equals(other)) {
                        seqNo = Math.max(seqNo, index(renamed, IssueDocuments.issue(renamed, users, fields, templates)));
                    }
                }
            } catch (IOException | AlreadyClosedException e) {
                throw failure(e);
            }
        }
        if (seqNo >= 0) {
            awaitDurable(used, seqNo);
        }
    }

    /** Issues naming any of these keys as parent, epic or link, as the current searcher has them. */
    private List<Issue> referencing(List<String> keys) throws IOException {
        return withSearcher(searcher -> {
            Query query = issuesOnly(LuceneCompiler.compile(new Condition.AnyOf(IssueField.LINKED_TO, keys)));
            // sized by the count: a top-docs queue of maxDoc would allocate for every issue of the index
            TopDocs top = searcher.search(query, Math.max(1, searcher.count(query)));
            List<Issue> found = new ArrayList<>();
            for (ScoreDoc hit : top.scoreDocs) {
                found.add(loadIssue(searcher.storedFields(), hit.doc));
            }
            return found;
        });
    }

    /** Under writeLock: appends the history document of one write, if it changed anything (ChangeDocuments). */
    private long recordEvent(Optional<ChangeEvent> event) {
        if (event.isEmpty()) {
            return -1;
        }
        try {
            return writer.addDocument(ChangeDocuments.event(event.get()));
        } catch (IOException | AlreadyClosedException e) {
            throw failure(e);
        }
    }

    @Override
    public void delete(String key) {
        long seqNo;
        IndexWriter used;
        synchronized (writeLock) {
            ensureWriter();
            used = writer;
            // a pending write of the issue must not answer reads after the delete
            Pending pending = pendingByKey.remove(key);
            if (pending != null && pending.issue().unique() != null) {
                pendingByUnique.remove(pending.issue().unique(), pending);
            }
            try {
                seqNo = writer.deleteDocuments(IssueDocuments.keyTerm(key));   // issue documents only: history documents name the key elsewhere
            } catch (IOException | AlreadyClosedException e) {
                throw failure(e);
            }
        }
        awaitDurable(used, seqNo);
    }

    /** Under writeLock: adds or replaces the issue's document and records it as pending. */
    private long index(Issue issue, Document document) {
        try {
            long seqNo = writer.updateDocument(IssueDocuments.keyTerm(issue.key()), document);
            Pending pending = new Pending(issue, seqNo);
            pendingByKey.put(issue.key(), pending);
            if (issue.unique() != null) {
                pendingByUnique.put(issue.unique(), pending);
            }
            return seqNo;
        } catch (IOException | AlreadyClosedException e) {
            throw failure(e);
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
            ensureWriter();
            IndexWriter used = writer;
            long seqNo;
            try {
                seqNo = new BatchIndexer(used, issue -> IssueDocuments.issue(issue, users, fields, templates)).index(issues);
            } catch (IOException | AlreadyClosedException e) {
                throw failure(e);
            }
            for (Issue issue : issues) {
                raiseCounter(issue.queue(), issue.number());
            }
            awaitDurable(used, seqNo);
        }
    }

    /**
     * Returns once the operation of {@code used} with this sequence number is committed and visible (group
     * commit: one commit and one refresh cover every write indexed before it started). Throws when the
     * writer was replaced meanwhile: the operation was rolled back with it, so it must not be acknowledged.
     */
    private void awaitDurable(IndexWriter used, long seqNo) {
        Durable covered = durable;
        if (covered.writer() == used && covered.seqNo() >= seqNo) {
            return;
        }
        commitLock.lock();
        try {
            covered = durable;
            if (covered.writer() != used) {
                throw failure(new IOException("the write was rolled back after an index failure"));
            }
            if (covered.seqNo() >= seqNo) {
                return;
            }
            long committed = used.commit();
            searchers.maybeRefreshBlocking();
            durable = new Durable(used, Math.max(covered.seqNo(), committed));
            pendingByKey.values().removeIf(pending -> pending.seqNo() <= committed);
            pendingByUnique.values().removeIf(pending -> pending.seqNo() <= committed);
        } catch (IOException | AlreadyClosedException e) {
            throw failure(e);
        } finally {
            commitLock.unlock();
        }
    }

    // ---- reads -------------------------------------------------------------------------------------

    /** Latest indexed state, including writes not yet durable: for checks under writeLock. */
    private Optional<Issue> currentByKey(String key) {
        Pending pending = pendingByKey.get(key);
        return pending != null ? Optional.of(pending.issue()) : get(key);
    }

    private Optional<Issue> currentByUnique(String unique) {
        Pending pending = pendingByUnique.get(unique);
        return pending != null ? Optional.of(pending.issue()) : findByUnique(unique);
    }

    @Override
    public Optional<Issue> get(String key) {
        return findOne(IssueDocuments.keyTerm(key));
    }

    /**
     * One term lookup per key and segment, without a query, collector, sort or count: a page's parents and
     * epics cost about a tenth of what a search for them did. Only issue documents carry the key field.
     */
    @Override
    public Map<String, Issue> getAll(Collection<String> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        return withSearcher(searcher -> {
            Map<String, Issue> found = new HashMap<>();
            StoredFields storedFields = searcher.storedFields();
            for (Map.Entry<String, Integer> hit : liveDocsByKey(searcher, keys).entrySet()) {
                found.put(hit.getKey(), loadIssue(storedFields, hit.getValue()));
            }
            return found;
        });
    }

    /**
     * From each issue's reference doc values (id and summary, see {@link IssueDocuments#REFERENCE}), read in
     * document order; an issue indexed before they existed is read whole.
     */
    @Override
    public Map<String, IssueSummary> summaries(Collection<String> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        return withSearcher(searcher -> {
            Map<String, IssueSummary> found = new HashMap<>();
            List<Map.Entry<String, Integer>> hits = new ArrayList<>(liveDocsByKey(searcher, keys).entrySet());
            hits.sort(Map.Entry.comparingByValue());
            List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
            LeafReaderContext leaf = null;
            BinaryDocValues references = null;
            StoredFields storedFields = null;   // for issues indexed before _reference only
            for (Map.Entry<String, Integer> hit : hits) {
                int doc = hit.getValue();
                if (leaf == null || doc >= leaf.docBase + leaf.reader().maxDoc()) {
                    leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
                    references = DocValues.getBinary(leaf.reader(), IssueDocuments.REFERENCE);
                }
                IssueSummary summary = references.advanceExact(doc - leaf.docBase)
                        ? IssueDocuments.summaryFrom(references.binaryValue()) : null;
                if (summary == null) {
                    storedFields = storedFields == null ? searcher.storedFields() : storedFields;
                    Issue issue = loadIssue(storedFields, doc);
                    summary = new IssueSummary(issue.id(), issue.summary());
                }
                found.put(hit.getKey(), summary);
            }
            return found;
        });
    }

    /** The live issue document of each of these keys that exists, by key: term lookups, no search. */
    private static Map<String, Integer> liveDocsByKey(IndexSearcher searcher, Collection<String> keys) throws IOException {
        Map<String, Integer> found = new HashMap<>();
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            Terms terms = leaf.reader().terms(IssueField.KEY.id());
            if (terms == null) {
                continue;
            }
            TermsEnum termsEnum = terms.iterator();
            Bits live = leaf.reader().getLiveDocs();
            PostingsEnum postings = null;
            for (String key : keys) {
                if (found.containsKey(key) || !termsEnum.seekExact(new BytesRef(key))) {
                    continue;
                }
                postings = termsEnum.postings(postings, PostingsEnum.NONE);
                for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                    if (live == null || live.get(doc)) {
                        found.put(key, leaf.docBase + doc);
                        break;
                    }
                }
            }
        }
        return found;
    }

    @Override
    public Optional<Issue> getById(String id) {
        return findOne(new Term(IssueDocuments.ID, id));
    }

    @Override
    public Optional<Issue> findByUnique(String unique) {
        return findOne(new Term(IssueField.UNIQUE.id(), unique));
    }

    private Optional<Issue> findOne(Term term) {
        Query query = issuesOnly(new TermQuery(term));
        return withSearcher(searcher -> {
            TopDocs top = searcher.search(query, 1);
            if (top.scoreDocs.length == 0) {
                return Optional.empty();
            }
            return Optional.of(loadIssue(searcher.storedFields(), top.scoreDocs[0].doc));
        });
    }

    /** Hits counted exactly while collecting a page; beyond them the collector may skip (see search). */
    private static final int TOTAL_HITS_THRESHOLD = 1000;

    @Override
    public IssuePage search(Condition condition, IssueSort sort, int offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative");
        }
        var luceneSort = LuceneSorts.toSort(sort);
        return withSearcher(searcher -> {
            Query query = compile(condition, searcher);
            int maxDoc = searcher.getIndexReader().maxDoc();
            if (limit == 0 || offset >= maxDoc) {
                return new IssuePage(List.of(), searcher.count(query)); // X-Total-Count must be exact
            }
            int hits = (int) Math.min((long) offset + limit, maxDoc);
            // A deep page continues from the nearest remembered position of the same result before it
            // (see PageBoundaries) and collects only from there.
            IndexReader.CacheHelper reader = searcher.getIndexReader().getReaderCacheHelper();
            PageBoundaries.Start start = reader == null || offset < PageBoundaries.STEP ? PageBoundaries.Start.FIRST
                    : boundaries.start(reader.getKey(), query, luceneSort, offset);
            // The collector counts only up to its threshold, which lets it skip documents that cannot make
            // the page (numeric and string sorts jump over them through points and doc values); the exact
            // total (X-Total-Count) then comes from count(), which many queries answer from index
            // statistics without visiting a document, and others by a pass over postings alone.
            Query collected = skipUpdatedBefore(query, luceneSort, start);
            Optional<TopFieldDocs> strategy = firstPageStrategy(searcher, query, luceneSort, start, hits);
            TopFieldDocs top = strategy.isPresent() ? strategy.get() : searcher.search(collected,
                    new TopFieldCollectorManager(luceneSort, hits - start.position(), start.after(), TOTAL_HITS_THRESHOLD));
            if (reader != null) {
                boundaries.remember(reader.getKey(), query, luceneSort, start, top.scoreDocs);
            }
            boolean counted = collected == query && top.totalHits.relation() == TotalHits.Relation.EQUAL_TO;
            long total = counted ? top.totalHits.value() : searcher.count(query);
            int first = Math.min(offset - start.position(), top.scoreDocs.length);
            int[] docs = new int[top.scoreDocs.length - first];
            for (int i = 0; i < docs.length; i++) {
                docs[i] = top.scoreDocs[first + i].doc;
            }
            return new IssuePage(loadIssues(searcher.storedFields(), docs), total);
        });
    }

    /**
     * The first page of a catalog order (priority, status, ...) buckets the matches by value
     * (CatalogFirstOrder), of key order compares queue ranks and numbers held in memory (KeyOrderPage);
     * both count the matches exactly on the way. Empty: Lucene's collector does it.
     */
    private Optional<TopFieldDocs> firstPageStrategy(IndexSearcher searcher, Query query, Sort sort, PageBoundaries.Start start, int hits)
            throws IOException {
        if (start.position() != 0) {
            return Optional.empty();
        }
        if (CatalogFirstOrder.serves(sort)) {
            return Optional.of(CatalogFirstOrder.search(searcher, query, sort, hits, sortColumns));
        }
        if (KeyOrderBuckets.serves(sort)) {
            return KeyOrderPage.search(searcher, query, sort, hits, sortColumns);
        }
        return Optional.empty();
    }

    /**
     * A page in update order continued from a remembered position need not read the documents updated
     * later than it, which sorted segments keep in front ({@link UpdatedNotAfter}); the collector then
     * counts only what it reads, so the total comes from count().
     */
    private static Query skipUpdatedBefore(Query query, Sort sort, PageBoundaries.Start start) {
        if (start.after() == null || !sort.getSort()[0].equals(LuceneSorts.INDEX_SORT.getSort()[0])
                || !(start.after().fields[0] instanceof Long updated)) {
            return query;
        }
        return new BooleanQuery.Builder()
                .add(query, BooleanClause.Occur.MUST)
                .add(new UpdatedNotAfter(updated), BooleanClause.Occur.FILTER)
                .build();
    }

    @Override
    public List<ChangeEvent> changelog(Issue issue, ChangelogQuery query) {
        return withSearcher(searcher -> ChangeDocuments.changelog(searcher, issue.keys(), query));
    }

    @Override
    public long count(Condition condition) {
        return withSearcher(searcher -> (long) searcher.count(compile(condition, searcher)));
    }

    @Override
    public Snapshot openSnapshot(Condition condition, IssueSort sort) {
        var luceneSort = sort == null ? null : LuceneSorts.toSort(sort);
        IndexSearcher searcher = acquire();
        boolean handedOver = false;
        try {
            Query query = compile(condition, searcher);
            LuceneSnapshot snapshot = LuceneSnapshot.collect(searchers, searcher, query, luceneSort, sortColumns);
            handedOver = true;
            return snapshot;
        } catch (IOException e) {
            throw failure(e);
        } finally {
            if (!handedOver) {
                release(searcher);
            }
        }
    }

    /** The Lucene query of a condition, with changed() and History: answered from the history this searcher sees. */
    private static Query compile(Condition condition, IndexSearcher searcher) throws IOException {
        return issuesOnly(LuceneCompiler.compile(ChangeDocuments.resolve(condition, searcher)));
    }

    static Issue loadIssue(StoredFields storedFields, int doc) throws IOException {
        StoredIssueVisitor visitor = new StoredIssueVisitor(false);
        storedFields.document(doc, visitor);
        return IssueDocuments.issueFrom(new BytesRef(visitor.source()));
    }

    /** The stored JSON and templates of these documents, in this order; each issue parsed only when read. */
    static StoredIssues loadIssues(StoredFields storedFields, int[] docs) throws IOException {
        List<byte[]> sources = new ArrayList<>(docs.length);
        List<byte[]> templates = new ArrayList<>(docs.length);
        StoredIssueVisitor visitor = new StoredIssueVisitor(true);
        for (int doc : docs) {
            storedFields.document(doc, visitor.reset());
            sources.add(visitor.source());
            templates.add(visitor.template());
        }
        return new StoredIssues(sources, templates);
    }

    private static Query issuesOnly(Query query) {
        return new BooleanQuery.Builder().add(ISSUES, Occur.FILTER).add(query, Occur.MUST).build();
    }

    private interface SearcherFunction<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    private <T> T withSearcher(SearcherFunction<T> function) {
        IndexSearcher searcher = acquire();
        try {
            return function.apply(searcher);
        } catch (IOException e) {
            throw failure(e);
        } finally {
            release(searcher);
        }
    }

    private IndexSearcher acquire() {
        try {
            return searchers.acquire();
        } catch (IOException | AlreadyClosedException e) {
            throw failure(e);
        }
    }

    private void release(IndexSearcher searcher) {
        try {
            searchers.release(searcher);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    // ---- lifecycle ---------------------------------------------------------------------------------

    /** Commits anything pending, then closes the searcher manager, the writer and the directory. */
    @Override
    public Optional<String> explain(Condition condition) {
        return Optional.of(withSearcher(searcher -> LuceneCompiler.compile(ChangeDocuments.resolve(condition, searcher)).toString()));
    }

    @Override
    public void close() {
        synchronized (writeLock) {
            commitLock.lock();
            try {
                if (closed) {
                    return;
                }
                closed = true;
                searchers.close();
                if (writer.isOpen()) {
                    writer.close();
                } // else closed by a tragic failure; nothing of it can be committed
                directory.close();
            } catch (IOException e) {
                throw failure(e);
            } finally {
                commitLock.unlock();
            }
        }
    }

    private static void closeQuietly(IndexWriter writer, Directory directory) {
        try {
            if (writer != null) {
                writer.rollback();
            }
        } catch (IOException | RuntimeException ignored) {
            // already failing; the original exception is reported
        }
        try {
            if (directory != null) {
                directory.close();
            }
        } catch (IOException | RuntimeException ignored) {
            // already failing; the original exception is reported
        }
    }

    /**
     * The TrackerException for a failure: INSUFFICIENT_STORAGE (507) when the disk is full, whether the
     * exception says so itself or the writer closed on a full disk earlier; else STORE_UNAVAILABLE.
     */
    private TrackerException failure(Exception e) {
        if (e instanceof TrackerException trackerException) {
            return trackerException;
        }
        IndexWriter current = writer;
        if (DiskFull.causedBy(e) || (current != null && DiskFull.causedBy(current.getTragicException()))) {
            log.warn("disk full: write refused ({})", e.toString());
            return new TrackerException(ErrorCode.INSUFFICIENT_STORAGE, Message.DISK_FULL, Map.of(), e);
        }
        return new TrackerException(ErrorCode.STORE_UNAVAILABLE, Message.STORE_UNAVAILABLE, Map.of(), e,
                String.valueOf(e.getMessage()));
    }
}
