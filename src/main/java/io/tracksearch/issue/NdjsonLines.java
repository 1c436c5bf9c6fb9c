package io.tracksearch.issue;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The lines of an NDJSON stream as UTF-8 bytes, each without its line end ({@code \n} or {@code \r\n}).
 *
 * <p>Why bytes: the JSON parser reads UTF-8 itself, faster than from text; decoding every line to a
 * {@code String} first (a {@code BufferedReader}) cost an import request of 20,000 issues about a tenth of
 * its time on the request thread, while the other core waited for the batch. It also meant that bytes
 * which are not UTF-8 became replacement characters unnoticed; now such a line is malformed JSON.
 */
final class NdjsonLines {
    private static final int BUFFER = 1 << 16;

    private final InputStream in;
    private final byte[] buffer = new byte[BUFFER];
    private int position;
    private int limit;
    /** Start of a line longer than what is left in the buffer, kept until its end is found. */
    private byte[] partial = new byte[0];
    private int partialLength;

    NdjsonLines(InputStream in) {
        this.in = in;
    }

    /** The next line, or null at the end of the stream; the last line needs no line end. */
    byte[] next() throws IOException {
        partialLength = 0;
        while (true) {
            for (int i = position; i < limit; i++) {
                if (buffer[i] == '\n') {
                    byte[] line = line(position, i);
                    position = i + 1;
                    return line;
                }
            }
            keepPartial(position, limit);
            position = 0;
            limit = Math.max(0, in.read(buffer, 0, buffer.length));
            if (limit == 0) {
                return partialLength == 0 ? null : trimCarriageReturn(Arrays.copyOf(partial, partialLength));
            }
        }
    }

    /** Whether the line holds nothing but spaces and tabs (skipped, as blank lines are). */
    static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private byte[] line(int from, int to) {
        byte[] line;
        if (partialLength == 0) {
            line = Arrays.copyOfRange(buffer, from, to);
        }
        else {
            line = Arrays.copyOf(partial, partialLength + to - from);
            System.arraycopy(buffer, from, line, partialLength, to - from);
        }
        return trimCarriageReturn(line);
    }

    private void keepPartial(int from, int to) {
        int needed = partialLength + to - from;
        if (needed > partial.length) {
            partial = Arrays.copyOf(partial, Math.max(needed, partial.length * 2));
        }
        System.arraycopy(buffer, from, partial, partialLength, to - from);
        partialLength = needed;
    }

    private static byte[] trimCarriageReturn(byte[] line) {
        return line.length > 0 && line[line.length - 1] == '\r' ? Arrays.copyOf(line, line.length - 1) : line;
    }
}
