package io.tracksearch.bench.jmh;

import io.tracksearch.model.Issue;
import io.tracksearch.model.IssueJson;
import io.tracksearch.store.IssueSort;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A page of 50 stored issues read back from their stored JSON ({@link IssueJson#read}): what every read of
 * whole issues does on the embedded store (gets, pages without templates) and, from the node's answer, on
 * the OpenSearch backend for every page.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--enable-native-access=ALL-UNNAMED", "--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class IssueReadBenchmarks {
    @Param("100000")
    public int issues;

    private byte[][] stored;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        try (JmhIndex index = JmhIndex.open(issues)) {
            List<Issue> page = index.store.search(index.parse("Queue: CORE").condition(), IssueSort.BY_KEY, 0, 50).issues();
            stored = page.stream().map(IssueJson::write).toArray(byte[][]::new);
        }
    }

    /** Fifty issues from their stored JSON. */
    @Benchmark
    public void readPage(Blackhole blackhole) {
        for (byte[] json : stored) {
            blackhole.consume(IssueJson.read(json, 0, json.length));
        }
    }
}
