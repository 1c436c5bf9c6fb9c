package io.tracksearch.store.lucene;

import io.tracksearch.model.Issue;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.function.Function;

/**
 * Indexes one import batch into the writer's RAM buffer, replacing documents with the same key: on the
 * calling thread when small, else split over {@link #THREADS} threads, each flushing the segment it
 * buffered. Left to the commit, all buffers would be flushed one after the other on one thread: about a
 * quarter of an import's time, with a core idle. The caller commits.
 */
final class BatchIndexer {
    /** Batches smaller than this are indexed on the calling thread alone. */
    static final int PARALLEL_MIN = 2_000;
    /** Threads indexing one batch: the machine has 2 cores. */
    static final int THREADS = 2;

    private final IndexWriter writer;
    private final Function<Issue, Document> documents;

    BatchIndexer(IndexWriter writer, Function<Issue, Document> documents) {
        this.writer = writer;
        this.documents = documents;
    }

    /** Indexes the issues; returns the highest sequence number of their operations. */
    long index(List<Issue> issues) throws IOException {
        return issues.size() < PARALLEL_MIN ? indexRange(issues, 0, issues.size()) : indexInParallel(issues);
    }

    private long indexInParallel(List<Issue> issues) throws IOException {
        long[] lastSeqNo = new long[THREADS];
        Exception[] failures = new Exception[THREADS];
        Thread[] workers = new Thread[THREADS];
        int size = issues.size();
        for (int t = 0; t < THREADS; t++) {
            int index = t;
            int from = (int) ((long) size * t / THREADS);
            int to = (int) ((long) size * (t + 1) / THREADS);
            workers[t] = Thread.ofPlatform().name("lucene-import-" + t).start(() -> {
                try {
                    lastSeqNo[index] = indexRange(issues, from, to);
                    // Lucene flushes the largest buffer not already being flushed: this thread's, as a rule
                    writer.flushNextBuffer();
                } catch (IOException | RuntimeException e) {
                    failures[index] = e;
                }
            });
        }
        long max = -1;
        for (int t = 0; t < THREADS; t++) {
            try {
                workers[t].join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while indexing an import");
            }
            if (failures[t] instanceof IOException io) {
                throw io;
            }
            if (failures[t] instanceof RuntimeException runtime) {
                throw runtime;
            }
            max = Math.max(max, lastSeqNo[t]);
        }
        return max;
    }

    private long indexRange(List<Issue> issues, int from, int to) throws IOException {
        long seqNo = -1;
        for (int i = from; i < to; i++) {
            Issue issue = issues.get(i);
            seqNo = Math.max(seqNo, writer.updateDocument(IssueDocuments.keyTerm(issue.key()), documents.apply(issue)));
        }
        return seqNo;
    }
}
