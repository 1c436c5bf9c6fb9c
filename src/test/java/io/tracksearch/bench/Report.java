package io.tracksearch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The Markdown report of a run: environment, a summary table with absolute figures, the ratio of the
 * first target (tracksearch) to each other target and our targets met or missed, then per-query figures.
 */
final class Report {
    static final String BEGIN = "<!-- bench:results:begin -->";
    static final String END = "<!-- bench:results:end -->";

    private Report() {
    }

    /** A target of the issue, evaluated on tracksearch's figures; null when it does not apply. */
    private record Row(String label, double[] values, String format, String goal, Boolean met) {
    }

    static String markdown(BenchRunner.Results results) {
        List<BenchRunner.TargetResult> targets = results.targets();
        BenchRunner.Settings settings = results.settings();
        StringBuilder out = new StringBuilder();
        out.append("### ").append(String.format(Locale.ROOT, "%,d", settings.issues())).append(" issues\n\n");
        results.environment().forEach((key, value) -> out.append("- ").append(key).append(": ").append(value).append('\n'));
        out.append("- run time: ").append(java.time.Duration.between(results.started(), results.finished()).toSeconds() / 60)
                .append(" min; ").append(settings.warmupRounds()).append(" warm-up and ").append(settings.rounds()).append(" measured rounds of the 10 searches per target at 1 client, ")
                .append(settings.concurrentBlocks() * settings.concurrentRequests()).append(" requests per target at ")
                .append(settings.clients()).append(" clients, ").append(settings.scrollRounds()).append(" scroll(s) per method, top ")
                .append(settings.pageSize()).append(", perScroll ").append(settings.perScroll()).append('\n');
        out.append('\n');

        int ref = reference(targets);
        List<Row> rows = new ArrayList<>();
        double[] p50 = values(targets, t -> t.search.p50());
        double[] p99 = values(targets, t -> t.search.p99());
        rows.add(new Row("search p50, 1 client (ms)", p50, "%.1f", "≥ 3× faster than OpenSearch", ratioAtMost(p50, ref, 1 / 3.0)));
        rows.add(new Row("search p99, 1 client (ms)", p99, "%.1f", "≤ 10 ms", p99[0] <= 10));
        if (targets.get(0).roundTrip.size() > 0) {
            double[] floor = values(targets, t -> t.roundTrip.p50());
            double[] own = new double[floor.length];
            for (int i = 0; i < own.length; i++) {
                own[i] = p50[i] - floor[i];
            }
            rows.add(new Row("a request that does no work, amid the ten, p50 (ms)", floor, "%.2f", "", null));
            rows.add(new Row("search p50 above that request's (ms)", own, "%.2f", "", null));
        }
        rows.add(new Row("search throughput, 1 client (req/s)", values(targets, BenchRunner.TargetResult::searchThroughput), "%.0f", "", null));
        double[] p50c = values(targets, t -> t.concurrentSearch.p50());
        double[] p99c = values(targets, t -> t.concurrentSearch.p99());
        rows.add(new Row("search p50, " + settings.clients() + " clients (ms)", p50c, "%.1f", "", null));
        rows.add(new Row("search p99, " + settings.clients() + " clients (ms)", p99c, "%.1f", "", null));
        double[] throughput = values(targets, BenchRunner.TargetResult::concurrentThroughput);
        rows.add(new Row("search throughput, " + settings.clients() + " clients (req/s)", throughput, "%.0f",
                "≥ 3× OpenSearch", ratioAtLeast(throughput, ref, 3)));
        scrollRows(rows, targets, ref, true);
        scrollRows(rows, targets, ref, false);
        rows.add(new Row("_count p50 (ms)", values(targets, t -> t.count.p50()), "%.1f", "", null));
        rows.add(new Row("_count p99 (ms)", values(targets, t -> t.count.p99()), "%.1f", "", null));
        if (targets.get(0).firstPage.size() > 0) {
            long deep = targets.get(0).deepPageNumber;
            double[] first = values(targets, t -> t.firstPage.p50());
            double[] far = values(targets, t -> t.deepPage.p50());
            rows.add(new Row("all issues by update, page 1 of 50, p50 (ms)", first, "%.1f", "", null));
            rows.add(new Row("the same, page " + deep + " of 50, p50 (ms)", far, "%.1f", "", null));
            double[] ratio = new double[first.length];
            for (int i = 0; i < first.length; i++) {
                ratio[i] = far[i] / first[i];
            }
            rows.add(new Row("page " + deep + " ÷ page 1 (time)", ratio, "%.2f", "≤ 2", ratio[0] <= 2));
        }
        double[] imports = values(targets, BenchRunner.TargetResult::importRate);
        rows.add(new Row("bulk import over HTTP (issues/s)", imports, "%.0f", "≥ 2× OpenSearch", ratioAtLeast(imports, ref, 2)));
        double[] heap = values(targets, t -> t.heapUsedBytes < 0 ? Double.NaN : t.heapUsedBytes / 1048576.0);
        rows.add(new Row("server heap used after full GC (MiB)", heap, "%.0f", "≤ 1024 MiB", heap[0] <= 1024));
        rows.add(new Row("index size on disk after stop (MiB)", values(targets, t -> t.diskBytes < 0 ? Double.NaN : t.diskBytes / 1048576.0), "%.0f", "", null));
        if (targets.get(0).checkpointSearch.size() > 0) {
            double[] early = values(targets, t -> t.checkpointSearch.p50());
            double[] growth = new double[targets.size()];
            for (int i = 0; i < growth.length; i++) {
                growth[i] = p50[i] / early[i];
            }
            rows.add(new Row(String.format(Locale.ROOT, "search p50 at %,d issues, 1 client (ms)", settings.checkpoint()), early, "%.1f", "", null));
            rows.add(new Row(String.format(Locale.ROOT, "search p50 growth %,d → %,d issues (×)", settings.checkpoint(), settings.issues()),
                    growth, "%.2f", "≤ 1.5×", growth[0] <= 1.5));
        }

        out.append("| measure |");
        targets.forEach(t -> out.append(' ').append(t.name).append(" |"));
        for (int i = 0; i < targets.size(); i++) {
            if (i != ref) {
                out.append(' ').append(ratioName(targets.get(i), targets.get(ref))).append(" |");
            }
        }
        out.append(" our target | met |\n|---|");
        out.append("---:|".repeat(2 * targets.size() - 1)).append("---|---|\n");
        for (Row row : rows) {
            out.append("| ").append(row.label()).append(" |");
            for (double value : row.values()) {
                out.append(' ').append(format(row.format(), value)).append(" |");
            }
            for (int i = 0; i < targets.size(); i++) {
                if (i != ref) {
                    out.append(' ').append(format("%.2f", row.values()[i] / row.values()[ref])).append(" |");
                }
            }
            out.append(' ').append(row.goal()).append(" | ").append(row.met() == null ? "" : row.met() ? "yes" : "**no**").append(" |\n");
        }
        out.append("\nRatios are each target ÷ ").append(targets.get(ref).name)
                .append(": below 1 is better for times, above 1 for rates. Our targets are judged on ")
                .append(targets.get(0).name).append("'s figures.\n\n");

        out.append("Per search (1 client, ms):\n\n");
        perSearch(out, targets, ref, Workload.SEARCHES, results.matches(), t -> t.searchPerQuery);
        out.append(String.format(Locale.ROOT, "%nSearches outside the ten (measured after them, %d warm-up and %d measured rounds; "
                + "not part of the figures above):%n%n", settings.warmupRounds(), settings.rounds()));
        perSearch(out, targets, ref, Workload.OTHER_SEARCHES, results.otherMatches(), t -> t.otherPerQuery);
        BenchRunner.TargetResult cached = targets.get(0);
        out.append(String.format(Locale.ROOT, "%nSearch cache (%s alone, measured last; not part of the figures above): the ten for "
                        + "%d rounds, each asked with `Cache-Control: no-cache` and without it, in alternating order, with a write "
                        + "(an issue's summary changed) after every %d searches; writes while measured: %d.%n%n"
                        + "| | p50 (ms) | p99 (ms) | searches/s at 1 client |%n|---|---:|---:|---:|%n"
                        + "| without the cache | %.2f | %.2f | %.0f |%n| with the cache | %.2f | %.2f | %.0f |%n%n"
                        + "With the cache, p50 %.2f× of without; %.2f× of %s's p50 in the ten above (measured without writes).%n",
                cached.name, settings.rounds(), BenchRunner.WRITE_EVERY, cached.cacheWrites,
                cached.cacheOff.p50(), cached.cacheOff.p99(), cached.cacheOff.size() / cached.cacheOff.totalSeconds(),
                cached.cacheOn.p50(), cached.cacheOn.p99(), cached.cacheOn.size() / cached.cacheOn.totalSeconds(),
                cached.cacheOn.p50() / cached.cacheOff.p50(), cached.cacheOn.p50() / targets.get(ref).search.p50(), targets.get(ref).name));
        out.append(String.format(Locale.ROOT, "%nScrolled result: `%s` (%s), %,d issues.%n%n", Workload.SCROLL.name(),
                Workload.SCROLL.description(), results.scrollMatches()));
        out.append("Memory at the end of the run:\n\n");
        targets.forEach(t -> out.append("- ").append(t.name).append(": ").append(t.memory).append('\n'));
        return out.toString();
    }

    /** A table of per-search p50 and p99, the p50 ratios, and a last line with the ratios' geometric means. */
    private static void perSearch(StringBuilder out, List<BenchRunner.TargetResult> targets, int ref, List<QuerySpec> queries,
            long[] matches, java.util.function.Function<BenchRunner.TargetResult, Latencies[]> latencies) {
        out.append("| search | matches |");
        targets.forEach(t -> out.append(' ').append(t.name).append(" p50 | ").append(t.name).append(" p99 |"));
        for (int i = 0; i < targets.size(); i++) {
            if (i != ref) {
                out.append(" p50 ").append(ratioName(targets.get(i), targets.get(ref))).append(" |");
            }
        }
        out.append("\n|---|---:|").append("---:|".repeat(3 * targets.size() - 1)).append('\n');
        double[] logRatioSums = new double[targets.size()];
        for (int q = 0; q < queries.size(); q++) {
            QuerySpec query = queries.get(q);
            out.append("| `").append(query.name()).append("`: ").append(query.description()).append(" | ")
                    .append(String.format(Locale.ROOT, "%,d", matches[q])).append(" |");
            for (BenchRunner.TargetResult target : targets) {
                out.append(' ').append(format("%.1f", latencies.apply(target)[q].p50())).append(" | ")
                        .append(format("%.1f", latencies.apply(target)[q].p99())).append(" |");
            }
            for (int i = 0; i < targets.size(); i++) {
                if (i != ref) {
                    double ratio = latencies.apply(targets.get(i))[q].p50() / latencies.apply(targets.get(ref))[q].p50();
                    logRatioSums[i] += Math.log(ratio);
                    out.append(' ').append(format("%.2f", ratio)).append(" |");
                }
            }
            out.append('\n');
        }
        out.append("| geometric mean of the p50 ratios | |").append(" |".repeat(2 * targets.size()));
        for (int i = 0; i < targets.size(); i++) {
            if (i != ref) {
                out.append(" **").append(format("%.2f", Math.exp(logRatioSums[i] / queries.size()))).append("** |");
            }
        }
        out.append('\n');
    }

    private static void scrollRows(List<Row> rows, List<BenchRunner.TargetResult> targets, int ref, boolean sorted) {
        int methods = targets.stream().mapToInt(t -> (sorted ? t.sortedScrolls : t.unsortedScrolls).size()).max().orElse(0);
        for (int m = 0; m < methods; m++) {
            double[] values = new double[targets.size()];
            List<String> names = new ArrayList<>();
            for (int i = 0; i < targets.size(); i++) {
                var scrolls = new ArrayList<>((sorted ? targets.get(i).sortedScrolls : targets.get(i).unsortedScrolls).entrySet());
                var entry = scrolls.get(Math.min(m, scrolls.size() - 1));
                values[i] = BenchRunner.medianRate(entry.getValue());
                if (scrolls.size() > 1) {
                    names.add(targets.get(i).name + ": " + entry.getKey());
                }
            }
            String label = (sorted ? "sorted" : "unsorted") + " scroll (issues/s; " + String.join(", ", names) + ")";
            int floor = sorted ? 100_000 : 150_000;
            rows.add(new Row(label, values, "%.0f", String.format(Locale.ROOT, "≥ %,d/s and ≥ 3× OpenSearch", floor),
                    values[0] >= floor && Boolean.TRUE.equals(ratioAtLeast(values, ref, 3))));
        }
    }

    private static Boolean ratioAtMost(double[] values, int ref, double limit) {
        return ref > 0 && values[0] / values[ref] <= limit;
    }

    private static Boolean ratioAtLeast(double[] values, int ref, double limit) {
        return ref > 0 && values[0] / values[ref] >= limit;
    }

    /** The target the ratios divide by: the one marked as reference, else the last. */
    static int reference(List<BenchRunner.TargetResult> targets) {
        for (int i = 0; i < targets.size(); i++) {
            if (targets.get(i).reference) {
                return i;
            }
        }
        return targets.size() - 1;
    }

    /** "tracksearch/OpenSearch", "tracksearch-on-OpenSearch/OpenSearch": spaces become hyphens to keep the header one word. */
    static String ratioName(BenchRunner.TargetResult target, BenchRunner.TargetResult reference) {
        return target.name.replace(' ', '-') + "/" + reference.name.replace(' ', '-');
    }

    private static double[] values(List<BenchRunner.TargetResult> targets, ToDoubleFunction<BenchRunner.TargetResult> value) {
        return targets.stream().mapToDouble(value).toArray();
    }

    private static String format(String format, double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "n/a" : String.format(Locale.ROOT, format.replace("%.", "%,."), value);
    }

    /** Puts the results between the markers of {@code file} (after them, when a run of another size is there). */
    static void write(Path file, String markdown) throws IOException {
        String block = markdown.strip() + "\n";
        String text = Files.exists(file) ? Files.readString(file) : "# Benchmarks\n\n" + BEGIN + "\n" + END + "\n";
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            text = text + "\n" + BEGIN + "\n" + END + "\n";
            begin = text.indexOf(BEGIN);
            end = text.indexOf(END);
        }
        String existing = text.substring(begin + BEGIN.length(), end);
        String heading = block.lines().findFirst().orElse("");
        List<String> sections = new ArrayList<>();
        for (String section : ("\n" + existing).split("\n(?=### )")) {
            if (!section.isBlank() && !section.strip().startsWith(heading.strip())) {
                sections.add(section.strip() + "\n");
            }
        }
        sections.add(block);
        sections.sort(java.util.Comparator.comparingLong(Report::issuesOf));
        text = text.substring(0, begin + BEGIN.length()) + "\n" + String.join("\n", sections) + text.substring(end);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, text);
    }

    private static long issuesOf(String section) {
        String digits = section.lines().findFirst().orElse("").replaceAll("[^0-9]", "");
        return digits.isEmpty() ? 0 : Long.parseLong(digits);
    }
}
