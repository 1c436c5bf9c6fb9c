package io.tracksearch.issue;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ids of comments, links and worklog entries: numbers that grow with time, unique within this process
 * and, because they start from the clock, across restarts (a counter kept in the store would cost a
 * durable write per id). Below 2^53, so that JavaScript clients read them exactly.
 */
final class ObjectIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicLong LAST = new AtomicLong();

    private ObjectIds() {
    }

    /** The next id: a thousandth of a millisecond of the wall clock, or one above the last one. */
    static long next() {
        long fromClock = System.currentTimeMillis() * 1000;
        return LAST.updateAndGet(last -> Math.max(last + 1, fromClock));
    }

    /** A 24-hex id like Tracker's {@code longId}: 4 bytes of seconds, then 8 random bytes. */
    static String longId(long nowMillis) {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        int seconds = (int) (nowMillis / 1000);
        bytes[0] = (byte) (seconds >>> 24);
        bytes[1] = (byte) (seconds >>> 16);
        bytes[2] = (byte) (seconds >>> 8);
        bytes[3] = (byte) seconds;
        return HexFormat.of().formatHex(bytes);
    }
}
