package io.tracksearch.sync;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The sync as a background job of a running server ({@code serve --sync-from}): one pass right away, then
 * one {@code every} after the previous pass ended (passes never overlap). A failed pass is reported and
 * the next one tries again; the checkpoint makes it continue where the failed one stopped.
 * Threads: the job runs on its own thread; {@link #last()} may be read from any thread.
 */
public final class SyncJob implements AutoCloseable {
    private final Synchronizer synchronizer;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            runnable -> Thread.ofPlatform().daemon().name("sync-job").unstarted(runnable));
    private final AtomicReference<SyncResult> last = new AtomicReference<>();

    public SyncJob(Synchronizer synchronizer) {
        this.synchronizer = synchronizer;
    }

    public SyncJob start(Duration every) {
        scheduler.scheduleWithFixedDelay(this::runOnce, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** The last pass that finished, if any. */
    public SyncResult last() {
        return last.get();
    }

    private void runOnce() {
        try {
            SyncResult result = synchronizer.run(false);
            last.set(result);
            System.out.println(SyncProgress.summary(result) + ", lag " + Math.max(0, System.currentTimeMillis() - result.watermark()) / 1000 + " s");
        }
        catch (SourceRejectedException e) {
            System.err.println("sync: " + e.getMessage() + "; fix --sync-token/--sync-org and restart (retrying meanwhile)");
        }
        catch (RuntimeException e) {
            // a thrown exception would cancel the schedule: report it and let the next pass try again
            System.err.println("sync: pass failed, retrying at the next interval: " + e);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(30, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronizer.close();
    }
}
