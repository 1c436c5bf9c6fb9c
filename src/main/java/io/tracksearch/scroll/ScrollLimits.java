package io.tracksearch.scroll;

import java.time.Duration;

/**
 * Bounds of scrolling (spec 5.1, 5.8): TTL default and ceiling, page size default and ceiling, how
 * many live scroll contexts one user and the whole server may hold, and how many issues all live
 * snapshots together may hold. A snapshot of the embedded store keeps 4 bytes per issue, so the
 * default of 50,000,000 held issues bounds scroll memory at about 200 MB (plus pinned index files,
 * which are memory-mapped, not heap).
 */
public record ScrollLimits(Duration defaultTtl, Duration maxTtl, int defaultPerScroll, int maxPerScroll,
        int maxPerUser, int maxPerServer, long maxHeldIssues) {
    private static final long DEFAULT_MAX_HELD_ISSUES = 50_000_000L;
    public static final ScrollLimits DEFAULT = new ScrollLimits(Duration.ofSeconds(60), Duration.ofMinutes(10), 100, 1000, 100, 10_000,
            DEFAULT_MAX_HELD_ISSUES);

    public ScrollLimits(Duration defaultTtl, Duration maxTtl, int defaultPerScroll, int maxPerScroll, int maxPerUser, int maxPerServer) {
        this(defaultTtl, maxTtl, defaultPerScroll, maxPerScroll, maxPerUser, maxPerServer, DEFAULT_MAX_HELD_ISSUES);
    }
}
