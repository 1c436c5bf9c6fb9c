package io.tracksearch.store.lucene;

import io.tracksearch.model.Issue;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Indexes one import batch into the writer's RAM buffer, replacing documents with the same key. A large
 * batch goes in {@link LuceneSorts#inIndexOrder index order} through one writing thread while a second
 * thread builds the next documents (analysis, JSON, templates): one thread feeding the writer gives one
 * buffer whose documents are already in index order, which Lucene then flushes without re-sorting every
 * posting list, doc value and stored document of it (a sixth of an import's CPU when two threads wrote
 * into buffers of mixed order). Building and writing take about the same time, so both cores stay busy.
 * The caller commits.
 */
final class BatchIndexer {
    /** Batches smaller than this are built and written on the calling thread alone. */
    static final int PIPELINED_MIN = 2_000;
    /** Documents built ahead of the writer, per hand-over. */
    private static final int CHUNK = 256;

    private final IndexWriter writer;
    private final Function<Issue, Document> documents;

    BatchIndexer(IndexWriter writer, Function<Issue, Document> documents) {
        this.writer = writer;
        this.documents = documents;
    }

    /** Indexes the issues; returns the highest sequence number of their operations. */
    long index(List<Issue> issues) throws IOException {
        if (issues.size() < PIPELINED_MIN) {
            long seqNo = -1;
            for (Issue issue : issues) {
                seqNo = Math.max(seqNo, write(issue, documents.apply(issue)));
            }
            return seqNo;
        }
        return indexPipelined(LuceneSorts.inIndexOrder(lastOfEachKey(issues)));
    }

    /** A key given twice: the later issue wins, as it does when written one after the other. */
    private static Collection<Issue> lastOfEachKey(List<Issue> issues) {
        Map<String, Issue> byKey = new HashMap<>();
        for (Issue issue : issues) {
            byKey.put(issue.key(), issue);
        }
        return byKey.values();
    }

    private long indexPipelined(List<Issue> ordered) throws IOException {
        ExecutorService builder = Executors.newSingleThreadExecutor(runnable -> Thread.ofPlatform().name("lucene-import-build").unstarted(runnable));
        try {
            long seqNo = -1;
            List<Document> built = build(ordered, 0);
            for (int from = 0; from < ordered.size(); from += CHUNK) {
                int next = from + CHUNK;
                Future<List<Document>> nextBuilt = next < ordered.size() ? builder.submit(() -> build(ordered, next)) : null;
                for (int i = 0; i < built.size(); i++) {
                    seqNo = Math.max(seqNo, write(ordered.get(from + i), built.get(i)));
                }
                built = nextBuilt == null ? List.of() : await(nextBuilt);
            }
            writer.flushNextBuffer();   // on this thread now, rather than in the commit
            return seqNo;
        } finally {
            builder.shutdownNow();
        }
    }

    private List<Document> build(List<Issue> ordered, int from) {
        List<Document> built = new ArrayList<>(CHUNK);
        for (int i = from; i < Math.min(from + CHUNK, ordered.size()); i++) {
            built.add(documents.apply(ordered.get(i)));
        }
        return built;
    }

    private long write(Issue issue, Document document) throws IOException {
        return writer.updateDocument(IssueDocuments.keyTerm(issue.key()), document);
    }

    private static List<Document> await(Future<List<Document>> built) throws IOException {
        try {
            return built.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while indexing an import");
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case UncheckedIOException io -> throw io.getCause();
                case RuntimeException runtime -> throw runtime;
                case Error error -> throw error;
                default -> throw new IllegalStateException(e.getCause());
            }
        }
    }
}
