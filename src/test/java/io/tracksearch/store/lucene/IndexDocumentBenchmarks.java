package io.tracksearch.store.lucene;

import io.tracksearch.model.FieldRegistry;
import io.tracksearch.model.FieldValues;
import io.tracksearch.model.Issue;
import io.tracksearch.model.IssueField;
import io.tracksearch.store.IssueTemplates;
import io.tracksearch.store.RandomIssues;
import io.tracksearch.store.TestUsers;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
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

/**
 * The per-issue work of a bulk import on one thread: an issue (about 1 KB of description) made into its
 * Lucene document and added to an in-memory IndexWriter's buffer. {@code indexDocument} is the store's
 * path; {@code indexDocumentTwoPasses} is the baseline it replaced, the same document with each text field
 * analysed by the writer's analyzers (once stemmed, once for phrases). Run with
 * {@code bench/jmh.sh IndexDocumentBenchmarks}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--enable-native-access=ALL-UNNAMED", "--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 8, time = 2)   // C2 needs long to settle on Lucene's indexing chain
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class IndexDocumentBenchmarks {
    private static final List<IssueField> TEXT_FIELDS = List.of(IssueField.SUMMARY, IssueField.DESCRIPTION);

    private final FieldRegistry fields = new FieldRegistry(List::of);
    private List<Issue> issues;
    private int next;
    private ByteBuffersDirectory directory;
    private IndexWriter writer;

    @Setup(Level.Trial)
    public void generate() {
        RandomIssues generator = new RandomIssues(new Random(42), TestUsers.DEFAULT.uids());
        issues = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            issues.add(generator.issue().toBuilder().set(IssueField.DESCRIPTION, generator.text(150)).build());
        }
    }

    /** A fresh writer per iteration; its buffer flushes to memory now and then, in both variants alike. */
    @Setup(Level.Iteration)
    public void openWriter() throws IOException {
        directory = new ByteBuffersDirectory();
        writer = new IndexWriter(directory, new IndexWriterConfig(DurableWriter.analyzer())
                .setRAMBufferSizeMB(64).setCodec(new TracksearchCodec()));
    }

    @TearDown(Level.Iteration)
    public void closeWriter() throws IOException {
        writer.rollback();
        directory.close();
    }

    /** Only the document, as the import threads build it. */
    @Benchmark
    public Document buildDocument() {
        return IssueDocuments.issue(nextIssue(), TestUsers.DEFAULT, fields, IssueTemplates.NONE);
    }

    @Benchmark
    public long indexDocument() throws IOException {
        return writer.addDocument(IssueDocuments.issue(nextIssue(), TestUsers.DEFAULT, fields, IssueTemplates.NONE));
    }

    /** Baseline: each text analysed twice by the analyzers, the layout before the one-pass analysis. */
    @Benchmark
    public long indexDocumentTwoPasses() throws IOException {
        Issue issue = nextIssue();
        Document document = IssueDocuments.issue(issue, TestUsers.DEFAULT, fields, IssueTemplates.NONE);
        for (IssueField field : TEXT_FIELDS) {
            String text = FieldValues.text(field, issue);
            if (text != null && !text.isEmpty()) {
                document.removeFields(field.id());
                document.removeFields(IssueDocuments.phraseField(field));
                document.add(new Field(field.id(), text, IssueDocuments.STEMMED_TEXT));
                document.add(new Field(IssueDocuments.phraseField(field), text, IssueDocuments.PHRASE_TEXT));
            }
        }
        return writer.addDocument(document);
    }

    private Issue nextIssue() {
        Issue issue = issues.get(next);
        next = (next + 1) % issues.size();
        return issue;
    }
}
