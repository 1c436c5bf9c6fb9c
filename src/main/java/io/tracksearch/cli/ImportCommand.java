package io.tracksearch.cli;

import io.tracksearch.http.IssueTemplateWriter;
import io.tracksearch.auth.UserRegistry;
import io.tracksearch.issue.IssueImporter;
import io.tracksearch.issue.QueueService;
import io.tracksearch.store.lucene.LuceneIssueStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.InputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * Loads an NDJSON file straight into the data directory (the server must not be running on it; use
 * POST /v2/issues/_import against a running server instead). Shows progress on a terminal.
 */
@Command(name = "import", mixinStandardHelpOptions = true, description = "Bulk-import issues from an NDJSON file.")
final class ImportCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "NDJSON file, one issue per line.")
    Path file;

    @Mixin
    DataOption data;

    @Override
    public Integer call() throws IOException {
        long size = Files.size(file);
        boolean terminal = System.console() != null;
        long started = System.nanoTime();
        UserRegistry users = new UserRegistry(data.directory);
        IssueImporter.Result result;
        try (LuceneIssueStore store = new LuceneIssueStore(data.directory.resolve("index"), users, new IssueTemplateWriter());
             InputStream reader = Files.newInputStream(file)) {
            // Large batches: fewer commits and segments; the CLI reports only the end anyway.
            result = new IssueImporter(store, new QueueService(store, users), users, 50_000).importLines(reader, count -> {
                if (terminal) {
                    double seconds = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
                    System.out.printf("\rimported %,d issues (%,.0f/s)   ", count, count / seconds);
                    System.out.flush();
                }
            });
        }
        catch (IllegalStateException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (terminal) {
            System.out.println();
        }
        System.out.printf("imported %d issues in %.1f s (%.0f issues/s, %d bytes read); %d lines rejected%n",
                result.imported(), seconds, result.imported() / Math.max(seconds, 1e-9), size, result.rejected());
        result.problems().forEach(problem -> System.err.println("rejected " + problem));
        AdminAccount.printHintIfNobodyCanLogIn(users, System.out);
        return result.rejected() == 0 ? 0 : 2;
    }
}
