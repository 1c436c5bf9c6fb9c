package io.tracksearch.http;

import io.tracksearch.model.User;
import io.tracksearch.scroll.ScrollPage;
import io.tracksearch.scroll.Scrolls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scroll read-ahead: once a page that has a next page is answered, the next page is read
 * ({@link Scrolls#readAhead}) and rendered on a background thread, so that the server's work on page
 * N+1 overlaps the client's reading of page N and the round trip. A scroll is read page after page, so
 * the guess is nearly always right; when it is not (the scroll is abandoned, cleared or expires, or the
 * next request asks for another host or other expansions) the work is dropped and the request is served
 * as without read-ahead.
 *
 * <p>Correctness does not rest on the guess: the request for the next page still goes through
 * {@link Scrolls#next} (token, owner, expiry, TTL renewal, the id of the page after), which serves the
 * issues read ahead; this class only replaces the rendering of those issues by the bytes rendered for
 * the same scroll id, base URL and expansions. A scroll id names one position of a frozen snapshot, so
 * its issues are the same whenever it is read; what may differ is only data rendered around them that
 * changed in between (a user's display name), as for any page rendered a moment earlier.
 *
 * <p>Bounded: at most {@code maxPending} pages wait (the same bound as the registry's), a few threads
 * render, and an entry not taken within its scroll's TTL is dropped.
 */
final class ScrollReadAhead implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ScrollReadAhead.class);

    /** A page being or having been rendered for a scroll id, for this base URL and these expansions. */
    private record Pending(Urls urls, List<String> expand, Future<byte[]> body, long expiresAtNanos) {
    }

    /** What became of the pages read ahead, for metrics. */
    enum Outcome { USED, UNUSED }

    interface Listener {
        void readAhead(Outcome outcome);
    }

    private final Scrolls scrolls;
    private final IssueRenderer renderer;
    private final String organization;
    private final int maxPending;
    private final Listener listener;
    private final ThreadPoolExecutor executor;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    ScrollReadAhead(Scrolls scrolls, IssueRenderer renderer, String organization, Listener listener) {
        this.scrolls = scrolls;
        this.renderer = renderer;
        this.organization = organization;
        this.maxPending = scrolls.readAheadPages();
        this.listener = listener;
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        AtomicInteger number = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(Math.max(1, maxPending)),
                runnable -> {
                    Thread thread = new Thread(runnable, "scroll-read-ahead-" + number.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true);
    }

    /** After {@code page} was served to {@code caller}: reads and renders its next page in the background, if there is room. */
    void after(User caller, ScrollPage page, Urls urls, long ttlMillis) {
        if (page.isLast() || maxPending == 0) {
            return;
        }
        dropExpired();
        if (pending.size() >= maxPending) {
            return;
        }
        String scrollId = page.nextScrollId();
        List<String> expand = page.expand();
        try {
            Future<byte[]> body = executor.submit(() -> scrolls.readAhead(caller, organization, scrollId)
                    .map(issues -> renderer.list(issues, urls, IssueRenderer.expansions(expand)))
                    .orElse(null));
            pending.put(scrollId, new Pending(urls, expand, body, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ttlMillis)));
        }
        catch (RejectedExecutionException e) {
            // every thread busy and the queue full: this page is served without read-ahead
        }
    }

    /**
     * The body of {@code page} (just served by {@link Scrolls#next} for {@code scrollId}) as rendered ahead
     * for the same base URL and expansions, or null: then the caller renders it. Waits for a rendering
     * already under way (it is the work the caller would do); one not yet started is cancelled.
     */
    byte[] take(String scrollId, ScrollPage page, Urls urls) {
        Pending entry = pending.remove(scrollId);
        if (entry == null) {
            return null;
        }
        if (!entry.urls().equals(urls) || !entry.expand().equals(page.expand()) || entry.body().cancel(false)) {
            listener.readAhead(Outcome.UNUSED);
            return null;
        }
        try {
            byte[] body = entry.body().get();
            listener.readAhead(body == null ? Outcome.UNUSED : Outcome.USED);
            return body;
        }
        catch (ExecutionException e) {
            log.debug("a scroll page read ahead failed; it is read again", e.getCause());
            listener.readAhead(Outcome.UNUSED);
            return null;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Forgets the pages read ahead for these scroll ids (cleared scrolls). */
    void forget(Iterable<String> scrollIds) {
        for (String scrollId : scrollIds) {
            Pending entry = pending.remove(scrollId);
            if (entry != null) {
                entry.body().cancel(false);
                listener.readAhead(Outcome.UNUSED);
            }
        }
    }

    private void dropExpired() {
        long now = System.nanoTime();
        pending.entrySet().removeIf(entry -> {
            boolean expired = now - entry.getValue().expiresAtNanos() > 0;
            if (expired) {
                entry.getValue().body().cancel(false);
                listener.readAhead(Outcome.UNUSED);
            }
            return expired;
        });
    }

    @Override
    public void close() {
        executor.shutdownNow();
        pending.clear();
    }
}
