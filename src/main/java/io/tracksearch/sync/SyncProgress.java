package io.tracksearch.sync;

import java.io.PrintStream;
import java.time.Duration;

/**
 * What a pass tells its user: on a terminal one line redrawn after each page, with the rate and the time
 * left; elsewhere (a log, a pipe, the serve job) nothing until the summary line.
 */
public final class SyncProgress {
    private final PrintStream out;
    private final boolean terminal;
    /** At most five redraws a second: the line is called for after every fetched issue. */
    private static final long REDRAW_NANOS = 200_000_000L;
    private long startedAt;
    private long drawnAt;

    public SyncProgress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** A progress that says nothing until {@link #summary}. */
    public static SyncProgress quiet() {
        return new SyncProgress(null, false);
    }

    void started() {
        startedAt = System.nanoTime();
    }

    /** After each page and each fetched issue: {@code total} is the scroll's X-Total-Count (-1 when the source sent none). */
    void page(long seen, long total, long changed) {
        long now = System.nanoTime();
        if (!terminal || out == null || now - drawnAt < REDRAW_NANOS && seen != total) {
            return;
        }
        drawnAt = now;
        double seconds = Math.max(1e-3, (System.nanoTime() - startedAt) / 1e9);
        double rate = seen / seconds;
        String left = total > 0 && rate > 0 ? ", " + format(Duration.ofSeconds((long) ((total - seen) / rate))) + " left" : "";
        String of = total >= 0 ? " of " + String.format("%,d", total) : "";
        out.printf("\rsync: %,d%s issues (%,d changed), %,.0f issues/s%s   ", seen, of, changed, rate, left);
        out.flush();
    }

    /** The one line a pass ends with. */
    static String summary(SyncResult result) {
        return String.format("sync: %s pass, %,d issues listed, %,d copied, %,d users copied, %d gone from the source (%d removed),"
                        + " %d problems, %.1f s (%,.0f issues/s)", result.full() ? "full" : "incremental", result.seen(), result.copied(),
                result.usersAdded(), result.gone().size(), result.removed(), result.problems().size(), result.took().toMillis() / 1000.0,
                result.seen() / Math.max(1e-3, result.took().toMillis() / 1000.0));
    }

    void finished(SyncResult result) {
        if (out == null) {
            return;
        }
        if (terminal) {
            out.println();
        }
        out.println(summary(result));
        result.gone().forEach(key -> out.println("sync: gone from the source: " + key));
        result.problems().forEach(problem -> out.println("sync: problem: " + problem));
        out.flush();
    }

    private static String format(Duration duration) {
        return duration.toHours() > 0 ? String.format("%dh%02dm", duration.toHours(), duration.toMinutesPart())
                : String.format("%dm%02ds", duration.toMinutes(), duration.toSecondsPart());
    }
}
