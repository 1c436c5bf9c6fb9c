package io.tracksearch.scroll;

import java.time.Duration;

/**
 * Bounds of scrolling (spec 5.1, 5.8): TTL default and ceiling, page size default and ceiling, how
 * many live scroll contexts one user and the whole server may hold, and how many issues all live
 * snapshots together may hold. A snapshot of the embedded store keeps 4 bytes per issue, so the
 * default of 50,000,000 held issues bounds scroll memory at about 200 MB (plus pinned index files,
 * which are memory-mapped, not heap). {@code readAheadPages} bounds the pages read ahead of their request
 * and not yet served (see {@link Scrolls#readAhead}); 0 turns read-ahead off.
 */
public record ScrollLimits(Duration defaultTtl, Duration maxTtl, int defaultPerScroll, int maxPerScroll,
        int maxPerUser, int maxPerServer, long maxHeldIssues, int readAheadPages) {
    public static final int DEFAULT_MAX_PER_USER = 100;
    public static final int DEFAULT_MAX_PER_SERVER = 10_000;
    public static final long DEFAULT_MAX_HELD_ISSUES = 50_000_000L;
    /** A page of 1,000 issues read ahead is held twice (its issues and their rendering, a few MB each): 16 stay under about 100 MB. */
    public static final int DEFAULT_READ_AHEAD_PAGES = 16;
    public static final ScrollLimits DEFAULT = new ScrollLimits(Duration.ofSeconds(60), Duration.ofMinutes(10), 100, 1000,
            DEFAULT_MAX_PER_USER, DEFAULT_MAX_PER_SERVER, DEFAULT_MAX_HELD_ISSUES, DEFAULT_READ_AHEAD_PAGES);

    public ScrollLimits {
        if (defaultPerScroll < 1 || maxPerScroll < 1 || maxPerUser < 1 || maxPerServer < 1 || maxHeldIssues < 1) {
            throw new IllegalArgumentException("scroll page sizes and limits must be positive");
        }
        if (readAheadPages < 0) {
            throw new IllegalArgumentException("scroll read-ahead pages must not be negative");
        }
    }

    public ScrollLimits(Duration defaultTtl, Duration maxTtl, int defaultPerScroll, int maxPerScroll, int maxPerUser, int maxPerServer) {
        this(defaultTtl, maxTtl, defaultPerScroll, maxPerScroll, maxPerUser, maxPerServer, DEFAULT_MAX_HELD_ISSUES);
    }

    public ScrollLimits(Duration defaultTtl, Duration maxTtl, int defaultPerScroll, int maxPerScroll, int maxPerUser, int maxPerServer,
            long maxHeldIssues) {
        this(defaultTtl, maxTtl, defaultPerScroll, maxPerScroll, maxPerUser, maxPerServer, maxHeldIssues, DEFAULT_READ_AHEAD_PAGES);
    }
}
