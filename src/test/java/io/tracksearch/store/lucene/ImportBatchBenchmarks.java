package io.tracksearch.store.lucene;

import io.tracksearch.model.FieldRegistry;
import io.tracksearch.model.Issue;
import io.tracksearch.model.IssueField;
import io.tracksearch.store.IssueTemplates;
import io.tracksearch.store.RandomIssues;
import io.tracksearch.store.TestUsers;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One import batch of 5,000 issues into a fresh writer with the store's index sort, flushed: {@code
 * batchInIndexOrder} is {@link BatchIndexer} (issues in index order, one writing thread fed by a building
 * thread, so the flushed segment needs no sorting); {@code batchAsGivenOnTwoThreads} the baseline it
 * replaced (each of two threads building and writing half the batch as given, the flush sorting what they
 * buffered). Run with {@code bench/jmh.sh ImportBatchBenchmarks}; both use both cores, so run nothing else.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--enable-native-access=ALL-UNNAMED", "--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 6, time = 3)
@Measurement(iterations = 5, time = 3)
@State(Scope.Benchmark)
public class ImportBatchBenchmarks {
    private final FieldRegistry fields = new FieldRegistry(List::of);
    // the server writes each issue's page template with it
    private final IssueTemplates templates = new io.tracksearch.http.IssueTemplateWriter();
    private final Function<Issue, Document> documents = issue -> IssueDocuments.issue(issue, TestUsers.DEFAULT, fields, templates);
    private List<Issue> batch;
    private ByteBuffersDirectory directory;
    private IndexWriter writer;

    @Setup(Level.Trial)
    public void generate() {
        RandomIssues generator = new RandomIssues(new Random(42), TestUsers.DEFAULT.uids());
        batch = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            batch.add(generator.issue().toBuilder().set(IssueField.DESCRIPTION, generator.text(150)).build());
        }
    }

    @Setup(Level.Invocation)
    public void openWriter() throws IOException {
        directory = new ByteBuffersDirectory();
        writer = new IndexWriter(directory, new IndexWriterConfig(DurableWriter.analyzer())
                .setRAMBufferSizeMB(DurableWriter.RAM_BUFFER_MB).setCodec(new TracksearchCodec())
                .setIndexSort(LuceneSorts.INDEX_SORT));
    }

    @TearDown(Level.Invocation)
    public void closeWriter() throws IOException {
        writer.rollback();
        directory.close();
    }

    @Benchmark
    public long batchInIndexOrder() throws IOException {
        long seqNo = new BatchIndexer(writer, documents).index(batch);
        writer.flush();
        return seqNo;
    }

    @Benchmark
    public long batchAsGivenOnTwoThreads() throws Exception {
        Thread[] threads = new Thread[2];
        for (int t = 0; t < threads.length; t++) {
            List<Issue> half = batch.subList(batch.size() * t / 2, batch.size() * (t + 1) / 2);
            threads[t] = Thread.ofPlatform().start(() -> {
                try {
                    for (Issue issue : half) {
                        writer.updateDocument(IssueDocuments.keyTerm(issue.key()), documents.apply(issue));
                    }
                    writer.flushNextBuffer();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        for (Thread thread : threads) {
            thread.join();
        }
        writer.flush();
        return writer.getMaxCompletedSequenceNumber();
    }
}
