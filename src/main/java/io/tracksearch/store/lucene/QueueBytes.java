package io.tracksearch.store.lucene;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finding a byte value in an array of queue ords eight bytes at a time (SWAR: a zero byte of {@code word ^
 * pattern} is an equal byte). A competitive key scan looks for the few issues of one queue among a segment's
 * million; a test per byte cost as much as the rest of a search.
 */
final class QueueBytes {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101_0101_0101_0101L;
    private static final long HIGHS = 0x8080_8080_8080_8080L;

    private QueueBytes() {
    }

    /** The first index at or after {@code from} holding {@code a} or {@code b}; {@code bytes.length} when none does. */
    static int indexOfEither(byte[] bytes, int from, byte a, byte b) {
        long patternA = (a & 0xFFL) * ONES;
        long patternB = (b & 0xFFL) * ONES;
        int at = from;
        for (; at + Long.BYTES <= bytes.length; at += Long.BYTES) {
            long word = (long) LONGS.get(bytes, at);
            long x = word ^ patternA;
            long y = word ^ patternB;
            // the lowest flagged byte is exact (a borrow can only flag bytes above a zero byte)
            long zero = ((x - ONES) & ~x | (y - ONES) & ~y) & HIGHS;
            if (zero != 0) {
                return at + (Long.numberOfTrailingZeros(zero) >>> 3);
            }
        }
        for (; at < bytes.length; at++) {
            if (bytes[at] == a || bytes[at] == b) {
                return at;
            }
        }
        return bytes.length;
    }
}
