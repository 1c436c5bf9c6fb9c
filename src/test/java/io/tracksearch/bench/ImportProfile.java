package io.tracksearch.bench;

import com.sun.management.OperatingSystemMXBean;
import io.tracksearch.auth.UserRegistry;
import io.tracksearch.http.IssueTemplateWriter;
import io.tracksearch.issue.IssueImporter;
import io.tracksearch.issue.QueueService;
import io.tracksearch.store.lucene.LuceneIssueStore;

import java.io.InputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The embedded store's bulk import as {@code POST /v2/issues/_bulkImport} runs it, without HTTP: the
 * benchmark's generated NDJSON read by {@link IssueImporter} (batches of 20,000, templates written) into
 * a fresh store, several rounds. Prints wall rate and process CPU per issue; run it under JFR to profile.
 * {@code ImportProfile ISSUES WORK_DIRECTORY [ROUNDS]}; the generated file is kept in the work directory.
 */
public final class ImportProfile {
    private ImportProfile() {
    }

    public static void main(String[] arguments) throws IOException {
        int issues = Integer.parseInt(arguments[0]);
        Path work = Path.of(arguments[1]);
        int rounds = arguments.length > 2 ? Integer.parseInt(arguments[2]) : 3;
        Path generated = work.resolve("generated-" + issues);
        if (!Files.exists(generated.resolve(IssueGenerator.TRACKSEARCH_FILE))) {
            IssueGenerator.generate(42, issues, generated);
        }
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int round = 0; round < rounds; round++) {
            Path data = work.resolve("data-" + round);
            BenchFiles.deleteRecursively(data);
            UserRegistry users = new UserRegistry(data);
            try (LuceneIssueStore store = new LuceneIssueStore(data.resolve("index"), users, new IssueTemplateWriter());
                    InputStream lines = Files.newInputStream(generated.resolve(IssueGenerator.TRACKSEARCH_FILE))) {
                long cpuStart = os.getProcessCpuTime();
                long start = System.nanoTime();
                IssueImporter.Result result = new IssueImporter(store, new QueueService(store, users), users).importLines(lines, count -> { });
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpuMicros = (os.getProcessCpuTime() - cpuStart) / 1e3 / result.imported();
                System.out.printf("round %d: %,d issues in %.2f s = %,.0f issues/s, %.0f µs CPU per issue, load %.2f%n",
                        round, result.imported(), seconds, result.imported() / seconds, cpuMicros, os.getSystemLoadAverage());
            }
            BenchFiles.deleteRecursively(data);
        }
    }
}
