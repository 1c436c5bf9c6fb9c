package io.tracksearch.scroll;

import java.time.Duration;

/**
 * Bounds of scrolling (spec 5.1, 5.8): TTL default and ceiling, page size default and ceiling, and
 * how many live scroll contexts one user and the whole server may hold.
 */
public record ScrollLimits(Duration defaultTtl, Duration maxTtl, int defaultPerScroll, int maxPerScroll,
        int maxPerUser, int maxPerServer) {
    public static final ScrollLimits DEFAULT = new ScrollLimits(Duration.ofSeconds(60), Duration.ofMinutes(10), 100, 1000, 100, 10_000);
}
