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
    /** For the metrics: what the passes did so far (written by the one job thread, read by any). */
    private final java.util.concurrent.atomic.AtomicLong passes = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong failures = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong copied = new java.util.concurrent.atomic.AtomicLong();
    private volatile long watermark = -1;
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
            passes.incrementAndGet();
            copied.addAndGet(result.copied());
            watermark = result.watermark();
            System.out.println(SyncProgress.summary(result) + ", lag " + (long) lagSeconds() + " s");
        }
        catch (SourceRejectedException e) {
            failures.incrementAndGet();
            log.error("{}; fix --sync-token/--sync-org and restart (retrying meanwhile)", e.getMessage());
        }
        catch (RuntimeException e) {
            failures.incrementAndGet();
            // a thrown exception would cancel the schedule: report it and let the next pass try again
            log.warn("sync pass failed; the next one continues from the checkpoint", e);
        }
    }

    /** Passes finished. */
    public long passes() {
        return passes.get();
    }

    /** Passes that failed (the next one continues from the checkpoint). */
    public long failures() {
        return failures.get();
    }

    /** Issues copied by all passes (changed ones only). */
    public long copied() {
        return copied.get();
    }

    /**
     * Seconds between now and the source time up to which every issue is here (the checkpoint's
     * watermark after the last pass); -1 before the first pass has finished.
     */
    public double lagSeconds() {
        long at = watermark;
        return at < 0 ? -1 : Math.max(0, System.currentTimeMillis() - at) / 1000.0;
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
