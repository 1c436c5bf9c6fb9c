package io.tracksearch.issue;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** NDJSON split into lines without decoding: the same lines a line reader gives, whatever the reads return. */
class NdjsonLinesTest {
    @Test
    void linesEqualThoseOfTheText() throws IOException {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int round = 0; round < 200; round++) {
            List<String> lines = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            int count = random.nextInt(30);
            boolean lastEnded = false;
            for (int i = 0; i < count; i++) {
                String line = switch (random.nextInt(5)) {
                    case 0 -> "";
                    case 1 -> "ё".repeat(random.nextInt(70_000));   // longer than the 64 KB buffer, two bytes a char
                    default -> "{\"n\":" + random.nextInt() + ",\"s\":\"" + "ab€".repeat(random.nextInt(50)) + "\"}";
                };
                lines.add(line);
                text.append(line);
                lastEnded = i < count - 1 || random.nextBoolean();   // the last line may lack its end
                if (lastEnded) {
                    text.append(random.nextBoolean() ? "\r\n" : "\n");
                }
            }
            if (count > 0 && lines.getLast().isEmpty() && !lastEnded) {
                lines.removeLast();   // an empty last line without an end is no line
            }
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            NdjsonLines reader = new NdjsonLines(new Trickle(bytes, random));
            List<String> read = new ArrayList<>();
            for (byte[] line = reader.next(); line != null; line = reader.next()) {
                read.add(new String(line, StandardCharsets.UTF_8));
            }
            assertEquals(lines.size(), read.size(), "seed " + seed + ", round " + round);
            for (int i = 0; i < lines.size(); i++) {
                assertTrue(lines.get(i).equals(read.get(i)), "seed " + seed + ", round " + round + ", line " + i);
            }
        }
    }

    @Test
    void linesOverTheLimitAreSkippedAndMarked() throws IOException {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        int max = 100_000;
        for (int round = 0; round < 50; round++) {
            int[] lengths = {max, max + 1, 10, 3 * max, 0, max - 1, 250_000};
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < lengths.length; i++) {
                text.append("x".repeat(lengths[i]));
                if (i < lengths.length - 1 || random.nextBoolean()) {
                    text.append(random.nextBoolean() ? "\r\n" : "\n");
                }
            }
            NdjsonLines reader = new NdjsonLines(new Trickle(text.toString().getBytes(StandardCharsets.UTF_8), random), max);
            for (int length : lengths) {
                byte[] line = reader.next();
                String where = "seed " + seed + ", round " + round + ", length " + length;
                if (length > max) {
                    assertSame(NdjsonLines.TOO_LONG, line, where);
                }
                else {
                    assertEquals(length, line.length, where);
                }
            }
            assertNull(reader.next(), "seed " + seed);
        }
    }

    @Test
    void blankMeansSpacesAndTabsOnly() {
        assertTrue(NdjsonLines.isBlank(new byte[0]));
        assertTrue(NdjsonLines.isBlank(" \t\r".getBytes(StandardCharsets.UTF_8)));
        assertFalse(NdjsonLines.isBlank(" {} ".getBytes(StandardCharsets.UTF_8)));
    }

    /** A stream that returns fewer bytes than asked, as a network stream does. */
    private static final class Trickle extends InputStream {
        private final ByteArrayInputStream in;
        private final Random random;

        Trickle(byte[] bytes, Random random) {
            this.in = new ByteArrayInputStream(bytes);
            this.random = random;
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            return in.read(buffer, offset, Math.min(length, 1 + random.nextInt(100_000)));
        }
    }
}
