package io.tracksearch.http;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TemplatePageTest {
    /** The word-at-a-time search against a byte loop, on random bytes dense and sparse in the target. */
    @Test
    void indexOfFindsTheFirstTargetByte() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int round = 0; round < 20_000; round++) {
            byte[] bytes = new byte[random.nextInt(40)];
            int density = 1 + random.nextInt(30);
            for (int i = 0; i < bytes.length; i++) {
                // neighbours of the target (0x00, 0x02, 0x81) are where a borrow could mislead the bit test
                bytes[i] = random.nextInt(density) == 0 ? 0x01 : (byte) new int[] {0x00, 0x02, 0x81, 0xFF, 'a', 0x7F}[random.nextInt(6)];
            }
            int from = bytes.length == 0 ? 0 : random.nextInt(bytes.length + 1);
            int expected = -1;
            for (int i = from; i < bytes.length; i++) {
                if (bytes[i] == 0x01) {
                    expected = i;
                    break;
                }
            }
            assertEquals(expected, TemplateTokens.indexOf(bytes, (byte) 0x01, from), "seed " + seed + ", round " + round);
        }
    }
}
