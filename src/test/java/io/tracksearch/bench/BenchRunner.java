package io.tracksearch.bench;

import io.tracksearch.http.HttpSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The side-by-side benchmark: generates the issues, starts tracksearch (embedded Lucene) and a real
 * OpenSearch node with the same heap, loads the same issues into both, checks that both answer every
 * query identically, then measures, alternating between the targets so that they share the noise of a
 * shared machine: searches at 1 and N clients, sorted and unsorted full scrolls, _count, import rate,
 * memory. {@link Report} turns the {@link Results} into the Markdown table.
 */
public final class BenchRunner {
    static final String TOKEN = "bench-token";
    static final String ORGANIZATION = "default";
    static final String TRACKSEARCH = "tracksearch";
    static final String OPENSEARCH = "OpenSearch";
    static final String TRACKSEARCH_ON_OPENSEARCH = "tracksearch on OpenSearch";
    /** The index of tracksearch's OpenSearch backend (on its own node). */
    static final String STORE_INDEX = "tracksearch-bench";

    /**
     * Unmeasured rounds of the searches per target before each measured phase: a server's request path is
     * compiled by the JIT over its first thousand or so requests (a page of 50 from tracksearch took 7 ms
     * over the first 300 requests, 2 ms over the next 300), and a server in use runs warm.
     */
    static final int FULL_WARMUP_ROUNDS = 100;
    /** Pages each scroll method of each target answers before scrolls are measured (see warmUpScrolls). */
    static final int SCROLL_WARMUP_PAGES = 150;

    /** What to run; {@link #smoke} and {@link #full} give the two standard sizes. */
    public record Settings(long issues, long checkpoint, long seed, Path root, Path workDirectory, Path report,
            String heap, int openSearchPort, int pageSize, int warmupRounds, int rounds, int clients,
            int concurrentRequests, int concurrentBlocks, int scrollRounds, int perScroll, int countRounds, String command) {

        public static Settings full(long issues, Path root, String command) {
            return new Settings(issues, issues >= 1_000_000 ? issues / 10 : 0, 42, root, root.resolve("bench/work"),
                    root.resolve("docs/benchmarks.md"), "1g", 19400, 50, FULL_WARMUP_ROUNDS, 30, 8, 400, 2, 3, 1000, 20, command);
        }

        public static Settings smoke(Path root, Path workDirectory, int openSearchPort) {
            return new Settings(20_000, 2_000, 42, root, workDirectory, workDirectory.resolve("benchmarks.md"),
                    "512m", openSearchPort, 50, 3, 5, 8, 80, 1, 1, 1000, 3, "smoke test (BenchSmokeTest)");
        }

        public Settings withIssues(long issues, long checkpoint) {
            return new Settings(issues, checkpoint, seed, root, workDirectory, report, heap, openSearchPort, pageSize,
                    warmupRounds, rounds, clients, concurrentRequests, concurrentBlocks, scrollRounds, perScroll, countRounds, command);
        }
    }

    /** Everything measured on one target. */
    static final class TargetResult {
        final String name;
        /** The target the report's ratios divide by (plain OpenSearch). */
        final boolean reference;
        long loaded;
        long loadNanos;
        final Latencies checkpointSearch = new Latencies();
        final Latencies search = new Latencies();
        final Latencies[] searchPerQuery = new Latencies[Workload.SEARCHES.size()];
        /** One client, {@link Workload#OTHER_SEARCHES}: reported apart from the ten. */
        final Latencies[] otherPerQuery = new Latencies[Workload.OTHER_SEARCHES.size()];
        final Latencies concurrentSearch = new Latencies();
        long concurrentNanos;
        final Map<String, List<Target.ScrollResult>> sortedScrolls = new LinkedHashMap<>();
        final Map<String, List<Target.ScrollResult>> unsortedScrolls = new LinkedHashMap<>();
        final Latencies count = new Latencies();
        /** {@link Target#roundTrip}, timed amid the ten searches of the other targets. */
        final Latencies roundTrip = new Latencies();
        /** The ten with one write per {@link #WRITE_EVERY} searches: searches that say no-cache, and searches that let the server reuse answers. */
        final Latencies cacheOff = new Latencies();
        final Latencies cacheOn = new Latencies();
        long cacheWrites;
        final Latencies firstPage = new Latencies();
        final Latencies deepPage = new Latencies();
        long deepPageNumber;
        String memory = "";
        long heapUsedBytes = -1;
        long diskBytes = -1;

        TargetResult(String name, boolean reference) {
            this.name = name;
            this.reference = reference;
            for (int i = 0; i < otherPerQuery.length; i++) {
                otherPerQuery[i] = new Latencies();
            }
            for (int i = 0; i < searchPerQuery.length; i++) {
                searchPerQuery[i] = new Latencies();
            }
        }

        double importRate() {
            return loaded * 1e9 / loadNanos;
        }

        double concurrentThroughput() {
            return concurrentSearch.size() * 1e9 / concurrentNanos;
        }

        double searchThroughput() {
            return search.size() / search.totalSeconds();
        }
    }

    /** The outcome of a run: settings, environment and one {@link TargetResult} per target. */
    record Results(Settings settings, Map<String, String> environment, List<TargetResult> targets, long[] matches,
            long[] otherMatches, long scrollMatches, Instant started, Instant finished) {
    }

    private final Settings settings;
    private final Map<String, String> environment = new LinkedHashMap<>();

    public BenchRunner(Settings settings) {
        this.settings = settings;
    }

    static void log(String message) {
        System.out.println("[bench " + Instant.now().toString().substring(11, 19) + "] " + message);
        System.out.flush();
    }

    public Results run() throws IOException, InterruptedException {
        Instant started = Instant.now();
        environment.putAll(Environment.describe(settings));
        environment.put("load average at start", Environment.loadAverage());
        Path data = generate();
        Path tracksearchData = settings.workDirectory().resolve("tracksearch-data");
        Path openSearchNode = settings.workDirectory().resolve("opensearch-node");
        Path storeData = settings.workDirectory().resolve("tracksearch-os-data");
        Path storeNodeDirectory = settings.workDirectory().resolve("opensearch-node-tracksearch");
        for (Path directory : List.of(tracksearchData, openSearchNode, storeData, storeNodeDirectory)) {
            deleteRecursively(directory);
        }
        List<ServerProcess> servers = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread stopper = new Thread(() -> List.copyOf(servers).forEach(BenchRunner::closeQuietly), "bench-stop-servers");
        Runtime.getRuntime().addShutdownHook(stopper);
        List<Target> targets = new ArrayList<>();
        try {
            // two OpenSearch nodes with the same heap: one for plain OpenSearch, one holding tracksearch's
            // index for the third column; started side by side to save a node's start-up time
            int storePort = settings.openSearchPort() + 1;
            log("starting two OpenSearch nodes (heap " + settings.heap() + " each) on ports " + settings.openSearchPort() + " and " + storePort);
            var storeNodeStart = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    OpenSearchNode started2 = OpenSearchNode.start(settings.root(), storeNodeDirectory, storePort, settings.heap());
                    servers.add(started2);
                    return started2;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            });
            OpenSearchNode node;
            try {
                node = OpenSearchNode.start(settings.root(), openSearchNode, settings.openSearchPort(), settings.heap());
                servers.add(node);
            } finally {
                try {
                    storeNodeStart.join();
                } catch (java.util.concurrent.CompletionException e) {
                    log("second OpenSearch node did not start: " + e.getCause());
                }
            }
            OpenSearchNode storeNode = storeNodeStart.join();
            log("starting tracksearch (heap " + settings.heap() + ") and tracksearch on OpenSearch (heap " + settings.heap() + ")");
            // the search cache on, for the cache cell; every other request says no-cache (TrackerTarget)
            TracksearchServer tracksearch = TracksearchServer.start(tracksearchData, settings.heap(), TOKEN,
                    settings.workDirectory().resolve("tracksearch.log"), List.of("--search-cache-mb", Integer.toString(HttpSettings.SUGGESTED_SEARCH_CACHE_MB)));
            servers.add(tracksearch);
            TracksearchServer onOpenSearch = TracksearchServer.start(storeData, settings.heap(), TOKEN,
                    settings.workDirectory().resolve("tracksearch-os.log"), List.of("--store", "opensearch",
                            "--opensearch-url", storeNode.url(), "--opensearch-index", STORE_INDEX,
                            "--opensearch-shards", "1", "--opensearch-replicas", "0"));
            servers.add(onOpenSearch);
            targets.add(new TrackerTarget(TRACKSEARCH, tracksearch.url(), TOKEN, ORGANIZATION,
                    data.resolve(IssueGenerator.TRACKSEARCH_FILE), tracksearch));
            OpenSearchTarget openSearch = new OpenSearchTarget(OPENSEARCH, node.url(), data.resolve(IssueGenerator.OPENSEARCH_FILE), node);
            targets.add(openSearch);
            targets.add(new TrackerTarget(TRACKSEARCH_ON_OPENSEARCH, onOpenSearch.url(), TOKEN, ORGANIZATION,
                    data.resolve(IssueGenerator.TRACKSEARCH_FILE), onOpenSearch, storeNode));
            environment.put("OpenSearch", openSearch.version() + " (org.opensearch.distribution.integ-test-zip:opensearch, single node, 1 shard, 0 replicas)");
            environment.put(TRACKSEARCH_ON_OPENSEARCH, "the same build, `tracksearch serve --store opensearch --opensearch-index "
                    + STORE_INDEX + " --opensearch-replicas 0` on a second, identical OpenSearch node (same heap), 1 shard, 0 replicas");
            openSearch.createIndex();
            List<TargetResult> results = targets.stream().map(target -> new TargetResult(target.name(), target.name().equals(OPENSEARCH))).toList();
            Results outcome = measure(targets, results, started, servers);
            results.get(0).heapUsedBytes = tracksearch.heapUsedAfterGc();
            results.get(2).heapUsedBytes = onOpenSearch.heapUsedAfterGc();
            stopAll(targets, servers);
            // on disk once stopped: no merge in flight, no snapshot pinning old segments
            results.get(0).diskBytes = diskUsage(tracksearchData);
            results.get(1).diskBytes = diskUsage(openSearchNode.resolve("data"));
            results.get(2).diskBytes = diskUsage(storeNodeDirectory.resolve("data"));
            return outcome;
        } finally {
            stopAll(targets, servers);
            try {
                Runtime.getRuntime().removeShutdownHook(stopper);
            } catch (IllegalStateException ignored) {
                // already shutting down
            }
        }
    }

    private Results measure(List<Target> targets, List<TargetResult> results, Instant started, List<ServerProcess> servers)
            throws IOException, InterruptedException {
        long checkpoint = settings.checkpoint() > 0 && settings.checkpoint() < settings.issues() ? settings.checkpoint() : 0;
        if (checkpoint > 0) {
            load(targets, results, checkpoint);
            verify(targets, checkpoint);
            settle(servers);
            log("searches at " + checkpoint + " issues (1 client)");
            warmUp(targets, Workload.SEARCHES);
            searchOneClient(targets, results, Workload.SEARCHES, Phase.CHECKPOINT);
        }
        load(targets, results, settings.issues() - checkpoint);
        long[] matches = verify(targets, settings.issues());
        long[] otherMatches = agree(targets, Workload.OTHER_SEARCHES);
        long scrollMatches = targets.get(0).count(Workload.SCROLL);
        settle(servers);
        warmUp(targets, Workload.SEARCHES);
        log("searches, 1 client");
        searchOneClient(targets, results, Workload.SEARCHES, Phase.TEN);
        log("round trips amid the ten, 1 client");
        roundTrips(targets, results);
        log("searches outside the ten, 1 client");
        warmUp(targets, Workload.OTHER_SEARCHES);
        searchOneClient(targets, results, Workload.OTHER_SEARCHES, Phase.OTHERS);
        log("searches, " + settings.clients() + " clients");
        searchConcurrently(targets, results);
        log("sorted scroll of " + scrollMatches + " issues");
        scrolls(targets, results, true, scrollMatches);
        log("unsorted scroll");
        scrolls(targets, results, false, scrollMatches);
        log("_count");
        counts(targets, results);
        log("deep pages");
        deepPages(targets, results);
        log("search cache: the ten with 1 % writes");   // last: its writes change what the targets hold alike
        searchCache((TrackerTarget) targets.get(0), results.get(0));
        for (int i = 0; i < targets.size(); i++) {
            results.get(i).memory = targets.get(i).memory();
        }
        environment.put("load average at end", Environment.loadAverage());
        return new Results(settings, environment, results, matches, otherMatches, scrollMatches, started, Instant.now());
    }

    private Path generate() throws IOException {
        Path data = settings.workDirectory().resolve("data-" + settings.issues() + "-seed" + settings.seed());
        Path done = data.resolve("complete");
        if (Files.exists(done)) {
            log("reusing generated issues in " + data);
            return data;
        }
        log("generating " + settings.issues() + " issues (seed " + settings.seed() + ") into " + data);
        long bytes = IssueGenerator.generate(settings.seed(), settings.issues(), data);
        Files.writeString(done, bytes + "\n");
        log("generated " + bytes / (1 << 20) + " MiB of NDJSON");
        return data;
    }

    /** Loads the next {@code count} issues into each target in turn, adding to its load time. */
    private void load(List<Target> targets, List<TargetResult> results, long count) throws IOException, InterruptedException {
        for (int i = 0; i < targets.size(); i++) {
            Target target = targets.get(i);
            log("loading " + count + " issues into " + target.name());
            long start = System.nanoTime();
            long stored = target.load(count);
            target.finishLoad();
            long nanos = System.nanoTime() - start;
            if (stored != count) {
                throw new IllegalStateException(target.name() + " stored " + stored + " of " + count + " issues");
            }
            results.get(i).loaded += stored;
            results.get(i).loadNanos += nanos;
            log(String.format("%s: %d issues in %.1f s (%.0f issues/s)", target.name(), stored, nanos / 1e9, stored * 1e9 / nanos));
        }
    }

    /**
     * Fails unless every target holds {@code expected} issues and answers every query with the same
     * count and the same first page, and _count agrees with the search total.
     */
    private long[] verify(List<Target> targets, long expected) throws IOException, InterruptedException {
        QuerySpec all = Workload.SEARCHES.getFirst();
        for (Target target : targets) {
            long count = target.count(all);
            if (count != expected) {
                throw new IllegalStateException(target.name() + " holds " + count + " issues, expected " + expected);
            }
        }
        List<QuerySpec> checked = new ArrayList<>(Workload.SEARCHES);
        checked.add(Workload.SCROLL);
        return Arrays.copyOf(agree(targets, checked), Workload.SEARCHES.size());
    }

    /**
     * Each query's total, after checking that every target answers it with the same count and the same first
     * page and that _count agrees with the search total; fails otherwise.
     */
    private long[] agree(List<Target> targets, List<QuerySpec> queries) throws IOException, InterruptedException {
        long[] matches = new long[queries.size()];
        for (int q = 0; q < queries.size(); q++) {
            QuerySpec query = queries.get(q);
            Target.Page reference = targets.get(0).search(query, settings.pageSize());
            for (Target target : targets) {
                Target.Page page = target.search(query, settings.pageSize());
                long count = target.count(query);
                if (page.total() != reference.total() || count != reference.total() || !page.keys().equals(reference.keys())) {
                    throw new IllegalStateException("targets disagree on query " + query.name() + ": " + targets.get(0).name() + " "
                            + reference.total() + " " + reference.keys() + " vs " + target.name() + " " + page.total() + " (count "
                            + count + ") " + page.keys());
                }
            }
            matches[q] = reference.total();
        }
        log("verified: every target answers all " + queries.size() + " queries with the same counts and first pages");
        return matches;
    }

    private void warmUp(List<Target> targets, List<QuerySpec> queries) throws IOException, InterruptedException {
        for (int round = 0; round < settings.warmupRounds(); round++) {
            for (QuerySpec query : queries) {
                for (Target target : targets) {
                    target.search(query, settings.pageSize());
                    target.count(query);
                }
            }
        }
    }

    /**
     * Unmeasured scrolls of every method on every target until each has answered about
     * {@link #SCROLL_WARMUP_PAGES} pages: a server's scroll path is compiled over its first hundred or so
     * pages (at 100,000 issues the first scroll of a server ran at a fifth of the rate of its fifth), and
     * the search warm-up does not reach it. Skipped when the search warm-up is (warm-up rounds 0).
     */
    private void warmUpScrolls(List<Target> targets, boolean sorted, long matches) throws IOException, InterruptedException {
        if (settings.warmupRounds() == 0) {
            return;
        }
        long pagesPerScroll = Math.max(1, (matches + settings.perScroll() - 1) / settings.perScroll());
        long rounds = (SCROLL_WARMUP_PAGES + pagesPerScroll - 1) / pagesPerScroll;
        log("warming up " + (sorted ? "sorted" : "unsorted") + " scrolls: " + rounds + " per method and target");
        for (long round = 0; round < rounds; round++) {
            for (Target target : targets) {
                for (String method : target.scrollMethods()) {
                    target.scroll(method, Workload.SCROLL, sorted, settings.perScroll());
                }
            }
        }
    }

    /** Targets in turn, rotated by one per round, so that each target goes first (and last) equally often. */
    static <T> List<T> alternate(List<T> targets, int round) {
        List<T> order = new ArrayList<>(targets);
        java.util.Collections.rotate(order, -(round % Math.max(1, order.size())));
        return order;
    }

    /** What a run of one-client searches is recorded as. */
    private enum Phase {
        /** The ten at the checkpoint (the growth figure). */
        CHECKPOINT,
        /** The ten: the headline figures. */
        TEN,
        /** {@link Workload#OTHER_SEARCHES}, per search only. */
        OTHERS
    }

    private void searchOneClient(List<Target> targets, List<TargetResult> results, List<QuerySpec> queries, Phase phase)
            throws IOException, InterruptedException {
        for (int round = 0; round < settings.rounds(); round++) {
            for (int q = 0; q < queries.size(); q++) {
                QuerySpec query = queries.get(q);
                for (Target target : alternate(targets, round + q)) {
                    TargetResult result = results.get(targets.indexOf(target));
                    long start = System.nanoTime();
                    target.search(query, settings.pageSize());
                    long nanos = System.nanoTime() - start;
                    switch (phase) {
                        case CHECKPOINT -> result.checkpointSearch.add(nanos);
                        case TEN -> {
                            result.search.add(nanos);
                            result.searchPerQuery[q].add(nanos);
                        }
                        case OTHERS -> result.otherPerQuery[q].add(nanos);
                    }
                }
            }
        }
    }

    /**
     * The floor under the one-client figures: the ten in the same rotation as {@link Phase#TEN}, except
     * that in each step the target at position {@code round % targets} asks {@link Target#roundTrip} instead
     * of its search, timed. So the request that does no work follows the other targets' searches as a
     * search of the ten does (a server whose threads parked and whose caches the others used answers
     * slower than one asked back to back), and the report can show how much of a search's time is the
     * client's and the connection's, paid alike by every target, and how much the server's own.
     */
    private void roundTrips(List<Target> targets, List<TargetResult> results) throws IOException, InterruptedException {
        List<QuerySpec> queries = Workload.SEARCHES;
        for (int round = 0; round < settings.rounds(); round++) {
            for (int q = 0; q < queries.size(); q++) {
                List<Target> order = alternate(targets, round + q);
                for (int position = 0; position < order.size(); position++) {
                    Target target = order.get(position);
                    if (position != round % order.size()) {
                        target.search(queries.get(q), settings.pageSize());
                        continue;
                    }
                    long start = System.nanoTime();
                    target.roundTrip();
                    results.get(targets.indexOf(target)).roundTrip.add(System.nanoTime() - start);
                }
            }
        }
    }

    /** Searches per write in the search-cache cell: 1 % writes. */
    static final int WRITE_EVERY = 100;

    /**
     * The cache cell, on tracksearch alone (the issue asks for cache-on figures apart, with invalidation
     * measured): the ten searches for the same rounds, each asked twice in alternating order, once with
     * no-cache and once letting the server reuse answers, and after every {@link #WRITE_EVERY} searches a
     * write (an issue's summary changed) that makes every kept answer stale. The writes are not timed.
     */
    private void searchCache(TrackerTarget target, TargetResult result) throws IOException, InterruptedException {
        List<String> written = target.search(Workload.SEARCHES.getFirst(), 10).keys();
        int searches = 0;
        for (int round = 0; round < settings.warmupRounds() + settings.rounds(); round++) {
            boolean measured = round >= settings.warmupRounds();
            for (int q = 0; q < Workload.SEARCHES.size(); q++) {
                QuerySpec query = Workload.SEARCHES.get(q);
                for (int mode : (round + q) % 2 == 0 ? new int[] {0, 1} : new int[] {1, 0}) {
                    if (++searches % WRITE_EVERY == 0) {
                        target.changeSummary(written.get(searches / WRITE_EVERY % written.size()), "bench write " + searches);
                        result.cacheWrites += measured ? 1 : 0;
                    }
                    long start = System.nanoTime();
                    if (mode == 0) {
                        target.search(query, settings.pageSize());
                    }
                    else {
                        target.searchReusing(query, settings.pageSize());
                    }
                    long nanos = System.nanoTime() - start;
                    if (measured) {
                        (mode == 0 ? result.cacheOff : result.cacheOn).add(nanos);
                    }
                }
            }
        }
    }

    /**
     * Page 1 and page {@link #DEEP_PAGE} (or the last full page of a smaller result) of the first search
     * (every issue, last updated first): the same keys on every target first, then the time of each, rounds
     * rotating the targets.
     */
    private void deepPages(List<Target> targets, List<TargetResult> results) throws IOException, InterruptedException {
        QuerySpec query = Workload.SEARCHES.get(0);
        int size = settings.pageSize();
        long total = targets.get(0).count(query);
        long page = Math.max(1, Math.min(DEEP_PAGE, total / size));
        Target.Page reference = targets.get(0).search(query, size, page);
        for (Target target : targets) {
            Target.Page deep = target.search(query, size, page);
            if (!deep.keys().equals(reference.keys())) {
                throw new IllegalStateException("page " + page + " differs: " + targets.get(0).name() + " " + reference.keys()
                        + " vs " + target.name() + " " + deep.keys());
            }
            results.get(targets.indexOf(target)).deepPageNumber = page;
        }
        for (int round = 0; round < settings.rounds(); round++) {
            for (Target target : alternate(targets, round)) {
                TargetResult result = results.get(targets.indexOf(target));
                long start = System.nanoTime();
                target.search(query, size, 1);
                result.firstPage.add(System.nanoTime() - start);
                start = System.nanoTime();
                target.search(query, size, page);
                result.deepPage.add(System.nanoTime() - start);
            }
        }
    }

    /** The deep page of issue #14's target ("page 2,000 of 50 within 2× of page 1"). */
    static final long DEEP_PAGE = 2000;

    private void searchConcurrently(List<Target> targets, List<TargetResult> results) throws InterruptedException {
        for (int block = 0; block < settings.concurrentBlocks(); block++) {
            for (Target target : alternate(targets, block)) {
                TargetResult result = results.get(targets.indexOf(target));
                AtomicInteger next = new AtomicInteger();
                List<Latencies> perThread = new ArrayList<>();
                List<Thread> threads = new ArrayList<>();
                List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
                long start = System.nanoTime();
                for (int c = 0; c < settings.clients(); c++) {
                    Latencies latencies = new Latencies();
                    perThread.add(latencies);
                    threads.add(Thread.ofPlatform().name("bench-client-" + c).start(() -> {
                        try {
                            for (int i = next.getAndIncrement(); i < settings.concurrentRequests(); i = next.getAndIncrement()) {
                                QuerySpec query = Workload.SEARCHES.get(i % Workload.SEARCHES.size());
                                long t0 = System.nanoTime();
                                target.search(query, settings.pageSize());
                                latencies.add(System.nanoTime() - t0);
                            }
                        } catch (Exception e) {
                            failures.add(e);
                        }
                    }));
                }
                for (Thread thread : threads) {
                    thread.join();
                }
                result.concurrentNanos += System.nanoTime() - start;
                if (!failures.isEmpty()) {
                    throw new IllegalStateException(target.name() + " failed under concurrent load", failures.getFirst());
                }
                perThread.forEach(result.concurrentSearch::addAll);
            }
        }
    }

    private void scrolls(List<Target> targets, List<TargetResult> results, boolean sorted, long matches) throws IOException, InterruptedException {
        warmUpScrolls(targets, sorted, matches);
        Long expectedHash = null;
        for (int round = 0; round < settings.scrollRounds(); round++) {
            for (Target target : alternate(targets, round)) {
                TargetResult result = results.get(targets.indexOf(target));
                for (String method : target.scrollMethods()) {
                    Target.ScrollResult scroll = target.scroll(method, Workload.SCROLL, sorted, settings.perScroll());
                    long hash = sorted ? scroll.orderHash() : scroll.setHash();
                    if (expectedHash == null) {
                        expectedHash = hash;
                    } else if (expectedHash != hash) {
                        throw new IllegalStateException(target.name() + " " + method + (sorted ? " sorted" : " unsorted")
                                + " scroll returned other issues" + (sorted ? " or another order" : "") + " than the first target");
                    }
                    (sorted ? result.sortedScrolls : result.unsortedScrolls).computeIfAbsent(method, m -> new ArrayList<>()).add(scroll);
                    log(String.format("%s %s: %d issues in %d pages, %.0f issues/s", target.name(), method, scroll.issues(),
                            scroll.pages(), scroll.issuesPerSecond()));
                }
            }
        }
    }

    private void counts(List<Target> targets, List<TargetResult> results) throws IOException, InterruptedException {
        for (int round = 0; round < settings.countRounds(); round++) {
            for (int q = 0; q < Workload.SEARCHES.size(); q++) {
                for (Target target : alternate(targets, round + q)) {
                    long start = System.nanoTime();
                    target.count(Workload.SEARCHES.get(q));
                    results.get(targets.indexOf(target)).count.add(System.nanoTime() - start);
                }
            }
        }
    }

    /** The median scroll rate of a method. */
    static double medianRate(List<Target.ScrollResult> scrolls) {
        List<Double> rates = scrolls.stream().map(Target.ScrollResult::issuesPerSecond).sorted(Comparator.naturalOrder()).toList();
        return rates.get(rates.size() / 2);
    }

    static long diskUsage(Path directory) {
        if (!Files.exists(directory)) {
            return -1;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            return -1;
        }
    }

    static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** Waits until no server is busy with what the load left it (merges), at most ten minutes, and says how long. */
    private void settle(List<ServerProcess> servers) throws InterruptedException {
        Duration waited = Settle.untilQuiet(List.copyOf(servers), Duration.ofMinutes(10));
        log("servers quiet after " + waited.toSeconds() + " s");
        environment.merge("waited for the servers to be quiet after loading (s)", Long.toString(waited.toSeconds()), (a, b) -> a + ", " + b);
    }

    private static void stopAll(List<Target> targets, List<ServerProcess> servers) {
        targets.forEach(BenchRunner::closeQuietly);
        targets.clear();
        if (!servers.isEmpty()) {
            log("stopping servers");
        }
        servers.reversed().forEach(BenchRunner::closeQuietly);
        servers.clear();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            Objects.requireNonNull(closeable).close();
        } catch (Exception e) {
            log("could not close " + closeable + ": " + e);
        }
    }
}
