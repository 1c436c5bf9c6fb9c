package io.tracksearch.http;

import io.tracksearch.bench.jmh.JmhIndex;
import io.tracksearch.model.Issue;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * JSON serialization of a page in the Tracker shape (IssueRenderer: references with display names,
 * timestamps, related-issue summaries fetched once per page): a search page of 50 and a scroll page of
 * 1,000 issues, from templates and, as the baseline, from parsed issues. Lives in the http package because the renderer is package-private.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--enable-native-access=ALL-UNNAMED", "--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class PageRenderBenchmarks {
    @Param({"50", "1000"})
    public int pageSize;

    @Param("100000")
    public int issues;

    private JmhIndex index;
    private IssueRenderer renderer;
    private List<Issue> page;
    private List<Issue> parsed;
    private final Urls urls = new Urls("http://127.0.0.1:8080", "v2");

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        index = JmhIndex.open(issues);
        renderer = new IssueRenderer(index.store, index.users);
        page = index.store.search(index.parse("Status: Open").condition(), IssueSort.BY_KEY, 0, pageSize).issues();
        parsed = List.copyOf(page);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        index.close();
    }

    /** The page as the store hands it over: assembled from the issues' templates. */
    @Benchmark
    public byte[] renderPage() {
        return renderer.list(page, urls, Set.of());
    }

    /** The baseline: the same issues, already parsed, rendered field by field (as pages with expand are). */
    @Benchmark
    public byte[] renderParsedPage() {
        return renderer.list(parsed, urls, Set.of());
    }
}
