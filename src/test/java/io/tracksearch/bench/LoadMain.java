package io.tracksearch.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code bench/load.sh}: generates the issues (kept in bench/work/load-N for the next run), starts
 * tracksearch on the embedded store in its own JVM on a fresh data directory, imports them, runs
 * {@link LoadRun} and prints its table. Options: --clients 200 --seconds 60 --issues 100000 --heap 1g --seed 42.
 */
public final class LoadMain {
    private LoadMain() {
    }

    public static void main(String[] arguments) throws Exception {
        Map<String, String> options = new HashMap<>(Map.of("clients", "200", "seconds", "60", "issues", "100000", "heap", "1g", "seed", "42"));
        for (int i = 0; i + 1 < arguments.length; i += 2) {
            options.put(arguments[i].replaceFirst("^--", ""), arguments[i + 1]);
        }
        long issues = Long.parseLong(options.get("issues"));
        long seed = Long.parseLong(options.get("seed"));
        Path root = Path.of(System.getProperty("bench.root", ".")).toAbsolutePath();
        Path generated = root.resolve("bench/work/load-" + issues);
        if (!Files.exists(generated.resolve(IssueGenerator.TRACKSEARCH_FILE))) {
            System.out.println("generating " + issues + " issues into " + generated);
            IssueGenerator.generate(seed, issues, generated);
        }
        Path data = root.resolve("bench/work/load-data");
        BenchFiles.deleteRecursively(data);
        try (TracksearchServer server = TracksearchServer.start(data, options.get("heap"), BenchRunner.TOKEN, root.resolve("bench/work/load-server.log"));
                TrackerTarget target = new TrackerTarget("tracksearch", server.url(), BenchRunner.TOKEN, BenchRunner.ORGANIZATION,
                        generated.resolve(IssueGenerator.TRACKSEARCH_FILE), server)) {
            long started = System.nanoTime();
            long loaded = target.load(issues);
            System.out.printf("imported %,d issues in %.0f s; running the load%n", loaded, (System.nanoTime() - started) / 1e9);
            LoadRun.Results results = LoadRun.run(new LoadRun.Settings(server.url(), BenchRunner.TOKEN, BenchRunner.ORGANIZATION,
                    Integer.parseInt(options.get("clients")), Duration.ofSeconds(Long.parseLong(options.get("seconds"))), seed));
            System.out.printf("%n%,d issues, embedded store, heap %s:%n%s", loaded, options.get("heap"), results.markdown());
            results.examples().forEach(example -> System.out.println("error: " + example));
        }
    }
}
