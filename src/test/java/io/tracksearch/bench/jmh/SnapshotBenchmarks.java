package io.tracksearch.bench.jmh;

import io.tracksearch.query.ParsedQuery;
import io.tracksearch.store.IssueSort;
import io.tracksearch.store.Snapshot;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Opening a sorted snapshot (the first request of a sorted scroll, and every {@code _export}): the query
 * runs once and every match is put in order. Update order merges the sorted segments, key order (no
 * order given) buckets by queue, other orders use Lucene's collector of all hits. Run with
 * {@code bench/jmh.sh SnapshotBenchmarks} (see docs/benchmarks.md).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--enable-native-access=ALL-UNNAMED", "--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class SnapshotBenchmarks {
    /** The scroll of the runner's workload (status open, ~30 %) in three orders. */
    @Param({
            "Status: Open \"Sort By\": Updated DESC",
            "Status: Open",
            "Status: Open \"Sort By\": Created ASC"})
    public String query;

    @Param("100000")
    public int issues;

    private JmhIndex index;
    private ParsedQuery parsed;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        index = JmhIndex.open(issues);
        parsed = index.parse(query);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        index.close();
    }

    /** Opens the snapshot (all matches in order) and closes it; returns its size. */
    @Benchmark
    public long openSorted() {
        try (Snapshot snapshot = index.store.openSnapshot(parsed.condition(), parsed.sort().orElse(IssueSort.BY_KEY))) {
            return snapshot.size();
        }
    }
}
