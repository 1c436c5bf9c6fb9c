package io.tracksearch.bench.jmh;

import io.tracksearch.http.IssueTemplateWriter;
import io.tracksearch.auth.UserRegistry;
import io.tracksearch.bench.IssueGenerator;
import io.tracksearch.issue.IssueImporter;
import io.tracksearch.model.User;
import io.tracksearch.query.ParsedQuery;
import io.tracksearch.query.QueryContext;
import io.tracksearch.query.QueryLanguage;
import io.tracksearch.store.lucene.LuceneIssueStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A tracksearch data directory with the benchmark's generated issues, for the JMH benchmarks: built
 * once through the real import path into {@code bench/work/jmh-<issues>} and reused by later forks
 * and runs (delete the directory to rebuild).
 */
public final class JmhIndex implements AutoCloseable {
    public final UserRegistry users;
    public final LuceneIssueStore store;
    public final User caller;

    private JmhIndex(UserRegistry users, LuceneIssueStore store) {
        this.users = users;
        this.store = store;
        this.caller = users.byLogin("user0001").orElseThrow();
    }

    public static JmhIndex open(int issues) throws IOException {
        Path root = Path.of(System.getProperty("bench.root", ".")).toAbsolutePath();
        Path directory = root.resolve("bench/work/jmh-" + issues);
        Path done = directory.resolve("complete");
        if (!Files.exists(done)) {
            io.tracksearch.bench.BenchFiles.deleteRecursively(directory);
            Path data = directory.resolve("generated");
            IssueGenerator.generate(42, issues, data);
            UserRegistry users = new UserRegistry(directory.resolve("data"));
            try (LuceneIssueStore store = new LuceneIssueStore(directory.resolve("data/index"), users, new IssueTemplateWriter());
                    java.io.InputStream lines = Files.newInputStream(data.resolve(IssueGenerator.TRACKSEARCH_FILE))) {
                new IssueImporter(store, new io.tracksearch.issue.QueueService(store, users), users).importLines(lines, count -> { });
            }
            io.tracksearch.bench.BenchFiles.deleteRecursively(data);
            Files.writeString(done, issues + "\n");
        }
        UserRegistry users = new UserRegistry(directory.resolve("data"));
        return new JmhIndex(users, new LuceneIssueStore(directory.resolve("data/index"), users, new IssueTemplateWriter()));
    }

    public QueryContext context() {
        return new QueryContext(caller, Instant.now(), users, store.queues());
    }

    public ParsedQuery parse(String query) {
        return QueryLanguage.parse(query, context());
    }

    @Override
    public void close() {
        store.close();
    }
}
