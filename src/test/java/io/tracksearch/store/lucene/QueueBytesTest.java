package io.tracksearch.store.lucene;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class QueueBytesTest {
    private static int naive(byte[] bytes, int from, byte a, byte b) {
        for (int at = from; at < bytes.length; at++) {
            if (bytes[at] == a || bytes[at] == b) {
                return at;
            }
        }
        return bytes.length;
    }

    /** Random arrays of few distinct values (queue ords, 0xFF among them), every start: the same as a byte loop. */
    @Test
    void findsTheFirstOfEitherValueAsAByteLoopDoes() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        for (int round = 0; round < 2_000; round++) {
            byte[] bytes = new byte[random.nextInt(70)];
            int values = 1 + random.nextInt(6);
            for (int i = 0; i < bytes.length; i++) {
                // values next to the searched ones (borrows between bytes), 0x00, 0x80 and 0xFF
                int value = random.nextInt(values);
                bytes[i] = (byte) (value == 0 ? 0xFF : value == 1 ? 0x80 : value == 2 ? 0 : value + 1);
            }
            byte a = (byte) random.nextInt(8);
            byte b = random.nextBoolean() ? (byte) 0xFF : (byte) random.nextInt(256);
            for (int from = 0; from <= bytes.length; from++) {
                assertEquals(naive(bytes, from, a, b), QueueBytes.indexOfEither(bytes, from, a, b),
                        "seed " + seed + ", round " + round + ", from " + from);
            }
        }
    }
}
