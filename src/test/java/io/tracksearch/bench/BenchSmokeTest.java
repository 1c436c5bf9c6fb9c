package io.tracksearch.bench;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The benchmark at smoke size (20,000 issues, a real OpenSearch node included), so that bench/run.sh
 * keeps working: generation, both loads, the equivalence checks (the runner fails if the targets
 * disagree on any count, first page or scrolled result), every measurement and the report.
 */
@Tag("opensearch")
class BenchSmokeTest {
    @Test
    void benchmarkRunsEndToEndAndBothTargetsAgree() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        Path work = root.resolve("target/bench-smoke");
        BenchRunner.Settings settings = BenchRunner.Settings.smoke(root, work, 19420);
        BenchRunner.Results results = new BenchRunner(settings).run();

        assertEquals(20_000, results.matches()[0], "the first search matches every issue");
        assertTrue(results.scrollMatches() > 5_000 && results.scrollMatches() < 7_000, "about 30 % are open: " + results.scrollMatches());
        assertEquals(2, results.targets().size());
        for (BenchRunner.TargetResult target : results.targets()) {
            assertEquals(20_000, target.loaded, target.name);
            assertEquals(settings.rounds() * Workload.SEARCHES.size(), target.search.size(), target.name);
            assertEquals(settings.concurrentRequests(), target.concurrentSearch.size(), target.name);
            assertTrue(target.importRate() > 0 && target.count.size() > 0, target.name);
            assertTrue(!target.sortedScrolls.isEmpty() && !target.unsortedScrolls.isEmpty(), target.name);
        }
        assertTrue(results.targets().get(0).heapUsedBytes > 0, "tracksearch heap measured with jcmd");

        String markdown = Report.markdown(results);
        assertTrue(markdown.contains("| search p50, 1 client (ms) |"), markdown);
        assertTrue(markdown.contains("tracksearch/OpenSearch"), markdown);
        Report.write(settings.report(), markdown);
        assertTrue(Files.readString(settings.report()).contains("### 20,000 issues"));
    }
}
