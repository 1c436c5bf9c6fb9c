package io.tracksearch.scroll;

import io.tracksearch.error.ErrorCode;
import io.tracksearch.error.Message;
import io.tracksearch.error.TrackerException;
import io.tracksearch.model.Issue;
import io.tracksearch.model.User;
import io.tracksearch.store.Condition;
import io.tracksearch.store.IssueSort;
import io.tracksearch.store.IssueStore;
import io.tracksearch.store.Snapshot;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Live scroll contexts (spec 5, 6). A context owns a store {@link Snapshot}; every page gets a fresh,
 * URL-safe id naming (context, position), so re-sending an earlier id of a live scroll repeats that
 * page. A context is released after its last page, on expiry (a background reaper), or on _clear.
 *
 * <p>Memory: the registry holds per context the snapshot (Lucene: 4 bytes per matching issue plus the
 * pinned index segments) and one small entry per page served. Limits on contexts per user and per
 * server turn into 429 instead of exhausting memory. A context may also hold one page read ahead of its
 * request ({@link #readAhead}); at most {@link ScrollLimits#readAheadPages} such pages exist at once.
 *
 * <p>Threads: thread-safe. The maps are guarded by {@code this}; reading a page holds the context's
 * monitor so that a concurrent release cannot close the snapshot under it.
 */
public final class ScrollRegistry implements Scrolls {
    static final Message NOT_FOUND = Message.SCROLL_NOT_FOUND;
    static final Message TOO_MANY = Message.TOO_MANY_SCROLLS;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Kept for callers of the registry alone; the same as {@link Scrolls.Options}. */
    public record Options(String type, int perScroll, long ttlMillis, List<String> expand) {
    }

    private static final class Context {
        final String organization;
        final long owner;
        final Snapshot snapshot;
        final String type;
        final int perScroll;
        final List<String> expand;
        final List<String> pageIds = new ArrayList<>();
        long expiresAtMillis;
        boolean released;
        /** A page read ahead of its request; guarded by the context's monitor. */
        Prepared prepared;

        Context(String organization, long owner, Snapshot snapshot, Options options, long expiresAtMillis) {
            this.organization = organization;
            this.owner = owner;
            this.snapshot = snapshot;
            this.type = options.type();
            this.perScroll = options.perScroll();
            this.expand = options.expand();
            this.expiresAtMillis = expiresAtMillis;
        }
    }

    private record PageRef(Context context, long position) {
    }

    private record Prepared(long position, List<Issue> issues) {
    }

    /** Opens the snapshots of {@link #open(User, String, Condition, IssueSort, Scrolls.Options)}; null when only given snapshots. */
    private final IssueStore store;
    private final ScrollLimits limits;
    private final ScrollTokens tokens;
    private final LongSupplier clock;
    private final Map<String, PageRef> pages = new HashMap<>();
    private final Map<Context, Boolean> contexts = new HashMap<>();
    /** Issues held by all live snapshots together; guarded by this. */
    private long heldIssues;
    /** Pages read ahead and not yet served or dropped, over all contexts; guarded by this. */
    private int preparedPages;
    private final ScheduledExecutorService reaper;

    /**
     * @param secret HMAC key of the scroll tokens
     * @param clock current epoch milliseconds (tests pass a fake)
     * @param reapInBackground whether a daemon thread releases expired contexts every second
     */
    public ScrollRegistry(ScrollLimits limits, byte[] secret, LongSupplier clock, boolean reapInBackground) {
        this(null, limits, secret, clock, reapInBackground);
    }

    /** @param store opens the snapshots of scrolls started with a condition (Lucene: a pinned reader) */
    public ScrollRegistry(IssueStore store, ScrollLimits limits, byte[] secret, LongSupplier clock, boolean reapInBackground) {
        this.store = store;
        this.limits = limits;
        this.tokens = new ScrollTokens(secret);
        this.clock = clock;
        if (reapInBackground) {
            reaper = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "scroll-reaper");
                thread.setDaemon(true);
                return thread;
            });
            reaper.scheduleWithFixedDelay(this::reapExpired, 1, 1, TimeUnit.SECONDS);
        }
        else {
            reaper = null;
        }
    }

    @Override
    public ScrollLimits limits() {
        return limits;
    }

    @Override
    public ScrollPage open(User caller, String organization, Condition condition, IssueSort sort, Scrolls.Options options) {
        if (store == null) {
            throw new IllegalStateException("this registry was made without a store");
        }
        return open(caller, organization, store.openSnapshot(condition, sort),
                new Options(options.type(), options.perScroll(), options.ttlMillis(), options.expand()));
    }

    /** Registers a new scroll over the snapshot and serves its first page; the registry owns the snapshot from here on. */
    public ScrollPage open(User caller, String organization, Snapshot snapshot, Options options) {
        Context context;
        synchronized (this) {
            reapExpired();
            long mine = contexts.keySet().stream().filter(existing -> existing.owner == caller.uid()).count();
            if (mine >= limits.maxPerUser() || contexts.size() >= limits.maxPerServer()
                    || heldIssues + snapshot.size() > limits.maxHeldIssues()) {
                snapshot.close();
                throw new TrackerException(ErrorCode.TOO_MANY_SCROLLS, TOO_MANY);
            }
            context = new Context(organization, caller.uid(), snapshot, options, clock.getAsLong() + options.ttlMillis());
            contexts.put(context, Boolean.TRUE);
            heldIssues += snapshot.size();
        }
        return serve(context, 0, options.ttlMillis(), options.expand());
    }

    /**
     * Serves the page named by {@code scrollId}. Check order of spec 5.6: token (403), id (404),
     * owner (403). {@code ttlMillis} renews the context's lifetime; {@code expand} null keeps the first request's.
     */
    @Override
    public ScrollPage next(User caller, String organization, String scrollId, String token, long ttlMillis, List<String> expand) {
        long now = clock.getAsLong();
        if (token != null) {
            tokens.verify(token, scrollId, organization, caller.uid(), now);
        }
        PageRef page;
        synchronized (this) {
            page = pages.get(scrollId);
            if (page == null || page.context().released || page.context().expiresAtMillis < now) {
                throw new TrackerException(ErrorCode.NOT_FOUND, NOT_FOUND);
            }
            if (page.context().owner != caller.uid() || !page.context().organization.equals(organization)) {
                throw new TrackerException(ErrorCode.FORBIDDEN, ScrollTokens.INVALID);
            }
            page.context().expiresAtMillis = now + ttlMillis;
        }
        return serve(page.context(), page.position(), ttlMillis, expand == null || expand.isEmpty() ? page.context().expand : expand);
    }

    @Override
    public Optional<List<Issue>> readAhead(User caller, String organization, String scrollId) {
        PageRef page;
        synchronized (this) {
            page = pages.get(scrollId);
            if (page == null || page.context().expiresAtMillis < clock.getAsLong()
                    || page.context().owner != caller.uid() || !page.context().organization.equals(organization)) {
                return Optional.empty();
            }
        }
        Context context = page.context();
        // the context's monitor, then the registry's (never the other way round anywhere), so the count and
        // the context's page change together
        synchronized (context) {
            if (context.released) {
                return Optional.empty();
            }
            takePrepared(context);   // a page read ahead before is replaced
            synchronized (this) {
                if (preparedPages >= limits.readAheadPages()) {
                    return Optional.empty();
                }
                preparedPages++;
            }
            List<Issue> issues;
            try {
                issues = context.snapshot.read(page.position(), context.perScroll);
            }
            catch (RuntimeException e) {
                synchronized (this) {
                    preparedPages--;
                }
                throw e;
            }
            context.prepared = new Prepared(page.position(), issues);
            return Optional.of(issues);
        }
    }

    /** Takes the context's page read ahead, if any, giving back its slot; under the context's monitor. */
    private Prepared takePrepared(Context context) {
        Prepared prepared = context.prepared;
        if (prepared != null) {
            context.prepared = null;
            synchronized (this) {
                preparedPages--;
            }
        }
        return prepared;
    }

    @Override
    public int readAheadPages() {
        return limits.readAheadPages();
    }

    /** Pages read ahead and not yet served (for tests). */
    synchronized int preparedPages() {
        return preparedPages;
    }

    /** Releases the scrolls of the given id→token pairs that belong to the caller; others are ignored (spec 6). */
    @Override
    public void clear(User caller, String organization, Map<String, String> pairs) {
        List<Context> toRelease = new ArrayList<>();
        synchronized (this) {
            for (Map.Entry<String, String> pair : pairs.entrySet()) {
                PageRef page = pages.get(pair.getKey());
                if (page == null) {
                    continue;
                }
                boolean owner = page.context().owner == caller.uid() && page.context().organization.equals(organization);
                boolean tokenOk = pair.getValue() != null && !pair.getValue().isEmpty()
                        && tokens.belongsTo(pair.getValue(), pair.getKey(), organization, caller.uid());
                if (owner && (pair.getValue() == null || pair.getValue().isEmpty() || tokenOk)) {
                    toRelease.add(page.context());
                }
            }
        }
        toRelease.forEach(this::release);
    }

    /** Number of live contexts (for tests and metrics). */
    public synchronized int size() {
        return contexts.size();
    }

    private ScrollPage serve(Context context, long position, long ttlMillis, List<String> expand) {
        List<Issue> issues;
        long total;
        synchronized (context) {
            if (context.released) {
                throw new TrackerException(ErrorCode.NOT_FOUND, NOT_FOUND);
            }
            total = context.snapshot.size();
            // a page read ahead for another position was a guess that did not happen: dropped either way
            Prepared prepared = takePrepared(context);
            issues = prepared != null && prepared.position() == position ? prepared.issues() : context.snapshot.read(position, context.perScroll);
        }
        long nextPosition = position + issues.size();
        if (nextPosition >= total) {
            release(context);
            return new ScrollPage(issues, total, null, null, context.type, context.perScroll, ttlMillis, expand);
        }
        String nextId = newId();
        long expiresAt;
        synchronized (this) {
            if (context.released) {
                throw new TrackerException(ErrorCode.NOT_FOUND, NOT_FOUND);
            }
            pages.put(nextId, new PageRef(context, nextPosition));
            context.pageIds.add(nextId);
            expiresAt = context.expiresAtMillis;
        }
        String token = tokens.issue(nextId, context.organization, context.owner, expiresAt);
        return new ScrollPage(issues, total, nextId, token, context.type, context.perScroll, ttlMillis, expand);
    }

    private void release(Context context) {
        synchronized (this) {
            if (contexts.remove(context) == null) {
                return;
            }
            heldIssues -= context.snapshot.size();
            context.pageIds.forEach(pages::remove);
        }
        synchronized (context) {
            context.released = true;
            context.snapshot.close();
            takePrepared(context);
        }
    }

    /** Releases every expired context; runs in the background and before each open. */
    public void reapExpired() {
        long now = clock.getAsLong();
        List<Context> expired = new ArrayList<>();
        synchronized (this) {
            for (Context context : contexts.keySet()) {
                if (context.expiresAtMillis < now) {
                    expired.add(context);
                }
            }
        }
        expired.forEach(this::release);
    }

    // 128 random bits, base64url without padding: URL-safe for clients that do not escape it.
    private static String newId() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public void close() {
        if (reaper != null) {
            reaper.shutdownNow();
        }
        List<Context> all;
        synchronized (this) {
            all = new ArrayList<>(contexts.keySet());
        }
        all.forEach(this::release);
    }
}
