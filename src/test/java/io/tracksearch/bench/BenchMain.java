package io.tracksearch.bench;

import java.nio.file.Path;

/**
 * {@code bench/run.sh [--issues N] [--checkpoint N] [--report FILE] [--port P] [--heap 1g] [--seed S]}:
 * the side-by-side benchmark of tracksearch and OpenSearch (see docs/benchmarks.md).
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] arguments) throws Exception {
        Path root = Path.of(System.getProperty("bench.root", ".")).toAbsolutePath().normalize();
        long issues = 1_000_000;
        Long checkpoint = null;
        Path report = null;
        Integer port = null;
        String heap = null;
        Long seed = null;
        Integer rounds = null;
        Integer warmup = null;
        for (int i = 0; i < arguments.length; i++) {
            String value = i + 1 < arguments.length ? arguments[i + 1] : null;
            switch (arguments[i]) {
                case "--issues" -> issues = Long.parseLong(value.replace("_", ""));
                case "--checkpoint" -> checkpoint = Long.parseLong(value.replace("_", ""));
                case "--report" -> report = Path.of(value).toAbsolutePath();
                case "--port" -> port = Integer.parseInt(value);
                case "--heap" -> heap = value;
                case "--seed" -> seed = Long.parseLong(value);
                case "--rounds" -> rounds = Integer.parseInt(value);
                case "--warmup" -> warmup = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown option " + arguments[i]
                        + "; usage: bench/run.sh [--issues N] [--checkpoint N] [--report FILE] [--port P] [--heap 1g] [--seed S] [--rounds R] [--warmup W]");
            }
            i++;
        }
        String command = "bench/run.sh " + String.join(" ", arguments);
        BenchRunner.Settings settings = BenchRunner.Settings.full(issues, root, command.strip());
        settings = new BenchRunner.Settings(issues, checkpoint != null ? checkpoint : settings.checkpoint(),
                seed != null ? seed : settings.seed(), root, settings.workDirectory(), report != null ? report : settings.report(),
                heap != null ? heap : settings.heap(), port != null ? port : settings.openSearchPort(), settings.pageSize(),
                warmup != null ? warmup : settings.warmupRounds(), rounds != null ? rounds : settings.rounds(), settings.clients(), settings.concurrentRequests(),
                settings.concurrentBlocks(), settings.scrollRounds(), settings.perScroll(), settings.countRounds(), settings.command());
        BenchRunner.Results results = new BenchRunner(settings).run();
        String markdown = Report.markdown(results);
        System.out.println();
        System.out.println(markdown);
        Report.write(settings.report(), markdown);
        BenchRunner.log("written to " + settings.report());
    }
}
