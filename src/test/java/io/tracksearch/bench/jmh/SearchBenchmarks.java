package io.tracksearch.bench.jmh;

import io.tracksearch.query.ParsedQuery;
import io.tracksearch.store.IssuePage;
import io.tracksearch.store.IssueSort;
import io.tracksearch.store.lucene.LuceneCompiler;
import org.apache.lucene.search.Query;
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
 * Hot paths of a search inside the server, without HTTP: compiling query text to a Lucene query, and
 * collecting a sorted top-50 page (exact total, stored JSON of the 50 issues read back), and a deep page.
 * Run with {@code bench/jmh.sh} (see docs/benchmarks.md).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--enable-native-access=ALL-UNNAMED", "--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class SearchBenchmarks {
    /** Query-language texts of the runner's workload (the filter-mode ones expressed as queries). */
    @Param({
            "\"Sort By\": Updated DESC",
            "Queue: CORE Status: Open, \"In Progress\" \"Sort By\": Updated DESC",
            "Queue: WEB Status: !Closed, !Resolved Priority: Critical, Blocker \"Sort By\": Updated DESC",
            "Description: ошибка \"Sort By\": Updated DESC",
            "Summary: #\"login page\"",
            "timeout Resolution: empty() \"Sort By\": Priority DESC, Updated DESC",
            // key order, the default, on many matches: status open (~30 %), every issue
            "Status: Open",
            "Updated: >2000-01-01",
            // string orders (RankFirstOrder): a user with ties at the page's boundary, a unique text, a list
            "Queue: CORE \"Sort By\": Assignee",
            "Updated: >2000-01-01 \"Sort By\": Summary",
            "Tags: notEmpty() \"Sort By\": Tags",
            // a string, then another field: the boundary tag's ties ordered among themselves
            "Tags: notEmpty() \"Sort By\": Tags, Created DESC",
            // least recently updated first, against the index order (ReverseIndexOrderPage)
            "Status: Open \"Sort By\": Updated ASC",
            // numbers many issues share (RankFirstOrder): story points in a range, votes
            "\"Story Points\": 3..8 \"Sort By\": \"Story Points\" DESC",
            "Updated: >2000-01-01 \"Sort By\": Votes DESC",
            // catalog orders, value by value (CatalogFirstOrder): a second catalog key, then a time
            "Queue: CORE \"Sort By\": Status ASC, Priority DESC, Created ASC",
            "Updated: >2000-01-01 \"Sort By\": Status, Priority DESC",
            // a catalog, then a time: each status's page by the rest of the order
            "Updated: >2000-01-01 \"Sort By\": Status, Created DESC",
            // a catalog, then key order, on a fifth of the issues (no comma, so that -p query= can name it)
            "Type: Bug \"Sort By\": Priority DESC",
            // key order on one queue: the competitive scan's windows (CompetitiveScan), the other queues left out
            // by the query's queue restriction (QueueRestriction)
            "Queue: CORE",
            // key order on a dense result spread over every queue: the first queue's issues found by QueueBytes
            "Type: Bug"})
    public String query;

    @Param("100000")
    public int issues;

    private JmhIndex index;
    private ParsedQuery parsed;
    private int deepOffset;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        index = JmhIndex.open(issues);
        parsed = index.parse(query);
        long total = index.store.count(parsed.condition());
        deepOffset = (int) Math.max(0, Math.min(99_950, total / 50 * 50 - 50));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        index.close();
    }

    /** Text to Lucene query: ANTLR parse, resolution of fields and values, compilation. */
    @Benchmark
    public Query compile() {
        return LuceneCompiler.compile(index.parse(query).condition());
    }

    /** The store's page: match, sort, exact count, top 50 issues read from stored JSON. */
    @Benchmark
    public IssuePage collectPage() {
        return index.store.search(parsed.condition(), parsed.sort().orElse(IssueSort.BY_KEY), 0, 50);
    }

    /**
     * Page 2,000 of 50 (the last full page when the result is smaller), asked again and again as a
     * client paging back and forth does: after the first time it continues from a remembered position.
     */
    @Benchmark
    public IssuePage collectDeepPage() {
        IssueSort sort = parsed.sort().orElse(IssueSort.BY_KEY);
        return index.store.search(parsed.condition(), sort, deepOffset, 50);
    }
}
