package io.tracksearch.sync;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The sync as a background job of a running server ({@code serve --sync-from}): one pass right away, then
 * one {@code every} after the previous pass ended (passes never overlap). A failed pass is reported and
 * the next one tries again; the checkpoint makes it continue where the failed one stopped.
 * Threads: the passes run on the job's own thread.
 */
public final class SyncJob implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SyncJob.class);

    private final Synchronizer synchronizer;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            runnable -> Thread.ofPlatform().daemon().name("sync-job").unstarted(runnable));

    public SyncJob(Synchronizer synchronizer) {
        this.synchronizer = synchronizer;
    }

    public SyncJob start(Duration every) {
        scheduler.scheduleWithFixedDelay(this::runOnce, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void runOnce() {
        try {
            SyncResult result = synchronizer.run(false);
            System.out.println(SyncProgress.summary(result) + ", lag " + Math.max(0, System.currentTimeMillis() - result.watermark()) / 1000 + " s");
        }
        catch (SourceRejectedException e) {
            log.error("{}; fix --sync-token/--sync-org and restart (retrying meanwhile)", e.getMessage());
        }
        catch (RuntimeException e) {
            // a thrown exception would cancel the schedule: report it and let the next pass try again
            log.warn("sync pass failed; the next one continues from the checkpoint", e);
        }
    }

    /**
     * Lets a pass in flight stop at its next page (not interrupted: an interrupt inside a store write
     * would close Lucene's files under it), waits for it, then stops the job.
     */
    @Override
    public void close() {
        synchronizer.stop();
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(60, TimeUnit.SECONDS)) {
                scheduler.shutdownNow();
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronizer.close();
    }
}
