package io.tracksearch.auth;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuthenticationThrottleTest {
    private final AtomicLong nanos = new AtomicLong(1_000);
    private final AuthenticationThrottle throttle = new AuthenticationThrottle(3, Duration.ofSeconds(60), nanos::get);

    @Test
    void refusesAnAddressAfterTheLimitUntilTheWindowEnds() {
        for (int i = 0; i < 3; i++) {
            assertEquals(0, throttle.retryAfterSeconds("10.0.0.1"));
            throttle.failed("10.0.0.1");
        }
        assertEquals(60, throttle.retryAfterSeconds("10.0.0.1"));
        assertEquals(0, throttle.retryAfterSeconds("10.0.0.2"), "other addresses are not affected");
        nanos.addAndGet(Duration.ofSeconds(45).toNanos());
        assertEquals(15, throttle.retryAfterSeconds("10.0.0.1"));
        nanos.addAndGet(Duration.ofSeconds(15).toNanos());
        assertEquals(0, throttle.retryAfterSeconds("10.0.0.1"), "a new window starts");
        throttle.failed("10.0.0.1");
        assertEquals(0, throttle.retryAfterSeconds("10.0.0.1"));
    }

    @Test
    void failuresSpreadOverWindowsDoNotAddUp() {
        throttle.failed("a");
        throttle.failed("a");
        nanos.addAndGet(Duration.ofSeconds(61).toNanos());
        throttle.failed("a");
        throttle.failed("a");
        assertEquals(0, throttle.retryAfterSeconds("a"));
    }

    @Test
    void anyFailuresIsTrueFromAFailureUntilItsWindowHasEndedAndBeenLookedAt() {
        assertFalse(throttle.anyFailures());
        throttle.failed("a");
        assertTrue(throttle.anyFailures());
        nanos.addAndGet(Duration.ofSeconds(59).toNanos());
        assertEquals(0, throttle.retryAfterSeconds("a"));
        assertTrue(throttle.anyFailures(), "the window still counts");
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertEquals(0, throttle.retryAfterSeconds("a"));
        assertFalse(throttle.anyFailures(), "an ended window is dropped when looked at");
    }
}
