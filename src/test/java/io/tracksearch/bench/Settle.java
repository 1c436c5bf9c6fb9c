package io.tracksearch.bench;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Waits for the servers to finish what a load left them doing (segment merges, refreshes) before searches
 * are measured: right after a million-issue load each server merges for minutes, on the same two cores as
 * the measured requests, and that noise fell on whichever target was measured at the time.
 */
final class Settle {
    /** Quiet: all servers together used less than this share of one core over a window. */
    private static final double QUIET_SHARE = 0.05;
    private static final Duration WINDOW = Duration.ofSeconds(3);

    private Settle() {
    }

    /**
     * Returns once the servers are quiet for one window, or after {@code budget}; how long it waited (the
     * budget when they never were quiet). Processes whose CPU time the platform does not report count as quiet.
     */
    static Duration untilQuiet(List<? extends ServerProcess> servers, Duration budget) throws InterruptedException {
        long start = System.nanoTime();
        long before = cpuNanos(servers);
        while (System.nanoTime() - start < budget.toNanos()) {
            Thread.sleep(WINDOW);
            long after = cpuNanos(servers);
            if (after - before < QUIET_SHARE * WINDOW.toNanos()) {
                break;
            }
            before = after;
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static long cpuNanos(List<? extends ServerProcess> servers) {
        long total = 0;
        for (ServerProcess server : servers) {
            Optional<Duration> cpu = ProcessHandle.of(server.pid()).flatMap(handle -> handle.info().totalCpuDuration());
            total += cpu.map(Duration::toNanos).orElse(0L);
        }
        return total;
    }
}
