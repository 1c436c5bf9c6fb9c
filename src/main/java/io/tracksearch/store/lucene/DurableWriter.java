package io.tracksearch.store.lucene;

import io.tracksearch.error.ErrorCode;
import io.tracksearch.error.Message;
import io.tracksearch.error.TrackerException;
import io.tracksearch.text.TextAnalysis;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.DelegatingAnalyzerWrapper;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * The embedded store's IndexWriter and its searchers: when a write is durable, and what happens after the
 * writer fails.
 *
 * <p><b>Group commit.</b> Every write gets an IndexWriter sequence number and then waits in
 * {@link #awaitDurable} until a commit covers it: whoever holds the commit lock commits once for all writes
 * indexed so far, refreshes the {@link SearcherManager}, and publishes the covered sequence number; writers
 * that queued behind it find their number covered and return without a commit of their own. So a write
 * returns only once fsynced and visible to searches started afterwards. {@link Commits} hears of each commit
 * (the store then forgets the writes it covered).
 *
 * <p><b>Recovery.</b> After a tragic failure (Lucene closes its IndexWriter when, for example, a full disk
 * fails a flush) {@link #ensureOpen} opens a new writer on the last commit, so the store recovers once space
 * is freed instead of refusing writes until a restart. What the old writer held uncommitted was never
 * acknowledged; its writers are told so in {@link #awaitDurable}.
 *
 * <p>Threads: every method may be called concurrently; the store serialises its check-then-write steps
 * itself and calls {@link #ensureOpen} under that serialisation.
 */
final class DurableWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DurableWriter.class);
    /** IndexWriter RAM buffer: large, so a 50,000-issue import batch flushes few segments. */
    static final double RAM_BUFFER_MB = 256;

    /** What the owner of the writes learns from the writer. */
    interface Commits {
        /** Every operation with a sequence number up to this one is now committed and visible. */
        void committed(long seqNo);

        /** The writer was replaced after a failure: nothing indexed but not committed will ever be. */
        void rolledBack();
    }

    private final Directory directory;
    private final Commits commits;
    /** Replaced (under the commit lock) by {@link #ensureOpen} after a tragic failure, e.g. a full disk. */
    private volatile IndexWriter writer;
    private volatile SearcherManager searchers;
    private final ReentrantLock commitLock = new ReentrantLock();
    /** Every operation of this writer with a sequence number up to this one is committed and visible to new searchers. */
    private volatile Durable durable;
    /** Guarded by the commit lock. */
    private boolean closed;

    /** Sequence numbers belong to one IndexWriter: a reopened writer starts a new count. */
    private record Durable(IndexWriter writer, long seqNo) {
    }

    /** Opens (or creates) the index in the directory; takes the directory over, closing it on failure. */
    DurableWriter(Directory directory, Commits commits) {
        this.directory = requireNonNull(directory, "directory is null");
        this.commits = requireNonNull(commits, "commits is null");
        try {
            this.writer = openWriter(directory);
            this.searchers = new SearcherManager(writer, true, false, null);
            this.durable = new Durable(writer, -1);
        } catch (IOException | RuntimeException e) {
            TrackerException failure = failure(e);
            closeQuietly(writer, directory);
            throw failure;
        }
    }

    /** After a failure of the store's own opening steps: rolls the writer back and closes the directory. */
    void abandon() {
        closeQuietly(writer, directory);
    }

    static Directory openDirectory(Path path) {
        try {
            return new SyncOnceDirectory(FSDirectory.open(path));
        } catch (IOException e) {
            throw new TrackerException(ErrorCode.STORE_UNAVAILABLE, Message.STORE_UNAVAILABLE, Map.of(), e, String.valueOf(e.getMessage()));
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
     * Lucene's cache key of the reader a search started now would use: a new one with every refresh that
     * shows a change, and with every reopen after a failure.
     */
    IndexReader.CacheKey currentReader() {
        SearcherManager manager = searchers;
        try {
            IndexSearcher searcher = manager.acquire();
            try {
                return searcher.getIndexReader().getReaderCacheHelper().getKey();
            } finally {
                manager.release(searcher);
            }
        } catch (IOException | AlreadyClosedException e) {
            throw failure(e);
        }
    }

    /** The searchers of the current writer; replaced with it. */
    SearcherManager searchers() {
        return searchers;
    }

    /**
     * The writer to index with, reopened on the last commit first if it failed (see the class comment).
     * Called before every write, under the store's write serialisation. Throws while opening fails.
     */
    IndexWriter ensureOpen() {
        IndexWriter current = writer;
        if (current.isOpen() && current.getTragicException() == null) {
            return current;
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
            commits.rolledBack();
            try {
                previous.close(); // searchers still in use keep their readers until released
            } catch (IOException | RuntimeException e) {
                log.debug("closing the searchers of the failed writer", e);
            }
            return reopened;
        } catch (IOException | RuntimeException e) {
            throw failure(e);
        } finally {
            commitLock.unlock();
        }
    }

    /**
     * Returns once the operation of {@code used} with this sequence number is committed and visible (group
     * commit: one commit and one refresh cover every write indexed before it started). Throws when the
     * writer was replaced meanwhile: the operation was rolled back with it, so it must not be acknowledged.
     */
    void awaitDurable(IndexWriter used, long seqNo) {
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
            commits.committed(committed);
        } catch (IOException | AlreadyClosedException e) {
            throw failure(e);
        } finally {
            commitLock.unlock();
        }
    }

    /**
     * Runs the step with no commit able to start meanwhile (a commit waits for the lock), so that one commit
     * at its end holds all of it or, after a crash, none: a move and the renames it brings.
     */
    <T> T withoutOtherCommits(Supplier<T> step) {
        commitLock.lock();
        try {
            return step.get();
        } finally {
            commitLock.unlock();
        }
    }

    /** Commits anything pending, then closes the searcher manager, the writer and the directory. */
    @Override
    public void close() {
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
    TrackerException failure(Exception e) {
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
