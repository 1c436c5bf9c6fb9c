package io.tracksearch.sync;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The sync as a background job of a running server ({@code serve --sync-from}): one pass right away, then
 * one {@code every} after the previous pass ended (passes never overlap). A failed pass is reported and
 * the next one tries again; the checkpoint makes it continue where the failed one stopped. Incremental
 * passes cannot see deletions (a deleted issue is simply not listed), so a pass at least {@code fullEvery}
 * after the last full one walks the whole scope and reports the issues gone from the source (removing
 * them when {@code removeGone}).
 * Threads: the passes run on the job's own thread.
 */
public final class SyncJob implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SyncJob.class);

    private final Synchronizer synchronizer;
    /** For the metrics: what the passes did so far (written by the one job thread, read by any). */
    private final AtomicLong passes = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong copied = new AtomicLong();
    private volatile long watermark = -1;
    private final AtomicLong gone = new AtomicLong();
    /** When the last full pass ended (System.nanoTime); the job's first pass counts as one only if it was full. */
    private long lastFullAt;
    private Duration fullEvery = Duration.ofDays(1);
    private boolean removeGone;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            runnable -> Thread.ofPlatform().daemon().name("sync-job").unstarted(runnable));

    public SyncJob(Synchronizer synchronizer) {
        this.synchronizer = synchronizer;
    }

    public SyncJob start(Duration every) {
        return start(every, fullEvery, false);
    }

    /** Starts the passes; one is a full pass when {@code fullEvery} has passed since the last full one. */
    public SyncJob start(Duration every, Duration fullEvery, boolean removeGone) {
        this.fullEvery = fullEvery;
        this.removeGone = removeGone;
        this.lastFullAt = System.nanoTime();   // the first pass is full anyway when no first pass finished
        scheduler.scheduleWithFixedDelay(this::runOnce, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void runOnce() {
        try {
            boolean full = System.nanoTime() - lastFullAt >= fullEvery.toNanos();
            SyncResult result = synchronizer.run(full, removeGone);
            if (result.full()) {
                lastFullAt = System.nanoTime();
                gone.set(result.gone().size());
            }
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

    /** Issues the last full pass found gone from the source (removed here only with removeGone). */
    public long gone() {
        return gone.get();
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
