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
    /**
     * Longest line read, in bytes. An issue is a few KB, an exported one with all its comments rarely more
     * than a few MB; a longer line is skipped without being held (the stream could be endless) and reported.
     */
    static final int MAX_LINE_BYTES = 32 << 20;
    /** What {@link #next} returns for a line longer than the limit, once it has been skipped. */
    static final byte[] TOO_LONG = new byte[0];
    private static final int BUFFER = 1 << 16;

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buffer = new byte[BUFFER];
    private int position;
    private int limit;
    /** Start of a line longer than what is left in the buffer, kept until its end is found. */
    private byte[] partial = new byte[0];
    private int partialLength;

    NdjsonLines(InputStream in) {
        this(in, MAX_LINE_BYTES);
    }

    NdjsonLines(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * The next line, or null at the end of the stream; the last line needs no line end. A line longer than
     * the limit comes back as {@link #TOO_LONG}.
     */
    byte[] next() throws IOException {
        partialLength = 0;
        boolean tooLong = false;
        while (true) {
            for (int i = position; i < limit; i++) {
                if (buffer[i] == '\n') {
                    byte last = i > position ? buffer[i - 1] : partialLength > 0 ? partial[partialLength - 1] : 0;
                    int length = partialLength + i - position - (last == '\r' ? 1 : 0);
                    byte[] line = tooLong || length > maxLineBytes ? TOO_LONG : line(position, i);
                    position = i + 1;
                    return line;
                }
            }
            if (!tooLong && partialLength + limit - position > maxLineBytes + 1) {   // + 1: a CR may end it
                tooLong = true;   // from here on the line is only read to its end
                partialLength = 0;
            }
            if (!tooLong) {
                keepPartial(position, limit);
            }
            position = 0;
            limit = Math.max(0, in.read(buffer, 0, buffer.length));
            if (limit == 0) {
                if (partialLength == 0 && !tooLong) {
                    return null;
                }
                byte[] line = tooLong ? TOO_LONG : trimCarriageReturn(Arrays.copyOf(partial, partialLength));
                return line.length > maxLineBytes ? TOO_LONG : line;
            }
        }
    }

    /** Whether the line holds nothing but spaces and tabs (skipped, as blank lines are); a line too long to read is not. */
    static boolean isBlank(byte[] line) {
        if (line == TOO_LONG) {
            return false;
        }
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
