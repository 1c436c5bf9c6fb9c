package io.tracksearch.auth;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Slows down guessing of tokens: after {@code limit} failed authentications from one address within
 * {@code window} (counted from its first failure), that address is refused until the window ends. Knows
 * addresses, not HTTP.
 *
 * <p>Threads: thread-safe. Memory: one small entry per address that failed within a window; expired
 * entries are swept once the map holds more than {@link #SWEEP_ABOVE}.
 */
public final class AuthenticationThrottle {
    private static final int SWEEP_ABOVE = 10_000;

    private record Window(long startNanos, int failures) {
    }

    private final int limit;
    private final long windowNanos;
    private final LongSupplier nanoClock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public AuthenticationThrottle(int limit, Duration window, LongSupplier nanoClock) {
        if (limit <= 0 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("limit and window must be positive");
        }
        this.limit = limit;
        this.windowNanos = window.toNanos();
        this.nanoClock = nanoClock;
    }

    /** Whole seconds {@code address} must wait before it may try again; 0 when it may try now. */
    public long retryAfterSeconds(String address) {
        Window window = windows.get(address);
        long now = nanoClock.getAsLong();
        if (window != null && expired(window, now)) {
            windows.remove(address, window);   // so that anyFailures() turns false again once failures stop
            return 0;
        }
        if (window == null || window.failures() < limit) {
            return 0;
        }
        long remaining = window.startNanos() + windowNanos - now;
        return Math.max(1, (remaining + 999_999_999L) / 1_000_000_000L);
    }

    /** Whether any address failed within a window not yet swept: when not, no address needs a look-up. */
    public boolean anyFailures() {
        return !windows.isEmpty();
    }

    /** Counts one failed authentication from {@code address}. */
    public void failed(String address) {
        long now = nanoClock.getAsLong();
        windows.compute(address, (key, window) -> window == null || expired(window, now)
                ? new Window(now, 1) : new Window(window.startNanos(), window.failures() + 1));
        if (windows.size() > SWEEP_ABOVE) {
            windows.values().removeIf(window -> expired(window, now));
        }
    }

    private boolean expired(Window window, long now) {
        return now - window.startNanos() >= windowNanos;
    }
}
