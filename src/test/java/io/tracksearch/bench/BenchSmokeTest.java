package io.tracksearch.bench;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The benchmark at smoke size (20,000 issues, a real OpenSearch node included), so that bench/run.sh
 * keeps working with its three targets (tracksearch, OpenSearch, tracksearch on a second OpenSearch
 * node): generation, the loads, the equivalence checks (the runner fails if the targets
 * disagree on any count, first page or scrolled result), every measurement and the report.
 */
@Tag("opensearch")
class BenchSmokeTest {
    @Test
    void benchmarkRunsEndToEndAndAllThreeTargetsAgree() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        Path work = root.resolve("target/bench-smoke");
        int port = Integer.getInteger("bench.smoke.port", 19420); // and port + 1 for the second node
        BenchRunner.Settings settings = BenchRunner.Settings.smoke(root, work, port);
        BenchRunner.Results results = new BenchRunner(settings).run();

        assertEquals(20_000, results.matches()[0], "the first search matches every issue");
        assertTrue(results.scrollMatches() > 5_000 && results.scrollMatches() < 7_000, "about 30 % are open: " + results.scrollMatches());
        assertEquals(List.of("tracksearch", "OpenSearch", "tracksearch on OpenSearch"),
                results.targets().stream().map(target -> target.name).toList());
        for (BenchRunner.TargetResult target : results.targets()) {
            assertEquals(20_000, target.loaded, target.name);
            assertEquals(settings.rounds() * Workload.SEARCHES.size(), target.search.size(), target.name);
            for (Latencies other : target.otherPerQuery) {
                assertEquals(settings.rounds(), other.size(), target.name);
            }
            assertEquals(settings.concurrentRequests(), target.concurrentSearch.size(), target.name);
            assertTrue(target.importRate() > 0 && target.count.size() > 0, target.name);
            assertTrue(!target.sortedScrolls.isEmpty() && !target.unsortedScrolls.isEmpty(), target.name);
        }
        // one request that does no work per step of the ten, taken by each target in turn
        assertEquals(settings.rounds() * Workload.SEARCHES.size(), results.targets().stream().mapToInt(target -> target.roundTrip.size()).sum());
        results.targets().forEach(target -> assertTrue(target.roundTrip.size() > 0, target.name));
        BenchRunner.TargetResult cached = results.targets().get(0);
        assertEquals(2L * settings.rounds() * Workload.SEARCHES.size(), cached.cacheOff.size() + cached.cacheOn.size());
        assertTrue(cached.cacheWrites > 0, "the cache cell writes");
        assertTrue(results.targets().get(0).heapUsedBytes > 0, "tracksearch heap measured with jcmd");
        assertTrue(results.targets().get(2).heapUsedBytes > 0, "tracksearch on OpenSearch: heap measured with jcmd");
        assertTrue(results.targets().get(2).memory.contains("its OpenSearch node: heap used"), results.targets().get(2).memory);

        String markdown = Report.markdown(results);
        assertTrue(markdown.contains("| search p50, 1 client (ms) |"), markdown);
        assertTrue(markdown.contains("Searches outside the ten") && markdown.contains("| `follower-by-assignee`: "), markdown);
        assertTrue(markdown.contains("| with the cache |"), markdown);
        assertTrue(markdown.contains("| a request that does no work, amid the ten, p50 (ms) |"), markdown);
        assertTrue(markdown.contains("| tracksearch | OpenSearch | tracksearch on OpenSearch | tracksearch/OpenSearch | "
                + "tracksearch-on-OpenSearch/OpenSearch | our target | met |"), markdown);
        Report.write(settings.report(), markdown);
        assertTrue(Files.readString(settings.report()).contains("### 20,000 issues"));
    }
}
