package io.tracksearch.http;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;


/**
 * The splice points of an issue template (see {@link IssueTemplateWriter}). JSON text never holds the
 * raw control bytes 0x01 and 0x02 (a generator writes them as {@code \u0001}), so they mark splice
 * points unambiguously:
 * <ul>
 *   <li>{@code 0x01 / 0x02 /}: the start of every URL, which {@link #URLS} writes; replaced by the
 *       request's {@code base/version/};</li>
 *   <li>{@code 0x01 T payload 0x02}: a whole JSON value, rendered per page: {@link #USER} (payload uid),
 *       {@link #QUEUE} (key), {@link #ISSUE} (key of a referenced issue), {@link #COMPONENT}
 *       (queue key, ':', name).</li>
 * </ul>
 * An issue whose own values contain these bytes gets no template (see {@link #isClean}).
 *
 * <p>A template starts with one byte, the {@link #VERSION} of the rendering that wrote it: templates
 * live in data directories across upgrades, and one written by another rendering is not used (its
 * page is rendered from the issues) until the issue is written again. Since version 12 a table of the
 * splice points' positions follows (a two-byte count, then four bytes per point, little-endian), so that a
 * page need not scan every template for them (a scroll's server spent 18 % of its CPU finding them);
 * the body after it is version 11's, whose templates are still used (their points found by a scan).
 */
final class TemplateTokens {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    /**
     * Change whenever {@link IssueRenderer} renders an issue differently (IssueTemplatesTest's golden
     * template fails as a reminder).
     */
    static final byte VERSION = 12;   // any byte but the markers; the next is 13
    /** The same rendering without the table of splice points, found by a scan instead. */
    static final byte VERSION_WITHOUT_TABLE = 11;
    static final byte START = 0x01;
    static final byte END = 0x02;
    static final char USER = 'U';
    static final char QUEUE = 'Q';
    static final char ISSUE = 'I';
    static final char COMPONENT = 'C';
    /** Bytes of the URL splice point: 0x01 / 0x02 /. */
    static final int URL_LENGTH = 4;
    /** URLs of a template: every {@code api(path)} starts with the base splice point. */
    static final Urls URLS = new Urls("\u0001", "\u0002");

    /** Escapes of the template generator: JSON's, except that the two marker bytes stay raw. */
    static final CharacterEscapes RAW_MARKERS = new CharacterEscapes() {
        private final int[] ascii = rawMarkers();

        private static int[] rawMarkers() {
            int[] escapes = CharacterEscapes.standardAsciiEscapesForJSON();
            escapes[START] = CharacterEscapes.ESCAPE_NONE;
            escapes[END] = CharacterEscapes.ESCAPE_NONE;
            return escapes;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null;
        }
    };

    private TemplateTokens() {
    }

    /** The raw text of a whole-value splice point. */
    static String token(char type, String payload) {
        return "\u0001" + type + payload + "\u0002";
    }

    /** Whether a text can be written into a template: it holds neither marker. */
    static boolean isClean(String text) {
        return text.indexOf(START) < 0 && text.indexOf(END) < 0;
    }

    /** Whether this version's rendering wrote the template (with or without the table of its splice points). */
    static boolean isCurrent(byte[] template) {
        return template.length > 0 && (template[0] == VERSION || template[0] == VERSION_WITHOUT_TABLE);
    }

    /** Where a current template's JSON starts: after its version byte and table. */
    static int bodyStart(byte[] template) {
        return template[0] == VERSION ? 3 + 4 * tableSize(template) : 1;
    }

    /** The positions of a current template's splice points, in order: from its table, or by a scan. */
    static int[] spliceStarts(byte[] template) {
        if (template[0] != VERSION) {
            return scanStarts(template, 1);
        }
        int[] starts = new int[tableSize(template)];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = (int) INTS.get(template, 3 + 4 * i);
        }
        return starts;
    }

    /**
     * A template written as {@link #VERSION_WITHOUT_TABLE} (version byte and body) with the table of its splice
     * points put after the version byte; unchanged when they do not fit a table.
     */
    static byte[] withSpliceTable(byte[] scanned) {
        int[] starts = scanStarts(scanned, 1);
        if (starts.length > 0xFFFF) {
            return scanned;
        }
        int body = 3 + 4 * starts.length;
        byte[] template = new byte[body + scanned.length - 1];
        template[0] = VERSION;
        template[1] = (byte) starts.length;
        template[2] = (byte) (starts.length >>> 8);
        for (int i = 0; i < starts.length; i++) {
            INTS.set(template, 3 + 4 * i, starts[i] - 1 + body);
        }
        System.arraycopy(scanned, 1, template, body, scanned.length - 1);
        return template;
    }

    private static int tableSize(byte[] template) {
        return (template[1] & 0xFF) | (template[2] & 0xFF) << 8;
    }

    /** Every splice point's start is a {@link #START} byte, and a splice point holds no other. */
    private static int[] scanStarts(byte[] template, int from) {
        int[] starts = new int[16];
        int count = 0;
        for (int at = indexOf(template, START, from); at >= 0; at = indexOf(template, START, at + 1)) {
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
            }
            starts[count++] = at;
        }
        return Arrays.copyOf(starts, count);
    }

    /**
     * The first index of {@code target} in {@code bytes} at or after {@code from}, or -1: eight bytes per
     * step (the zero-byte test of "Bit Twiddling Hacks" on the bytes xor the target). A byte loop was a
     * tenth of a page's CPU, a Latin-1 copy for {@code String.indexOf} (vectorised, but a copy of every
     * template) 7 %.
     */
    static int indexOf(byte[] bytes, byte target, int from) {
        long pattern = (target & 0xFFL) * 0x0101010101010101L;
        int i = from;
        for (; i + Long.BYTES <= bytes.length; i += Long.BYTES) {
            long word = (long) LONGS.get(bytes, i) ^ pattern;
            // the lowest flagged byte is always a zero byte (a borrow can only flag bytes above one)
            long zeros = (word - 0x0101010101010101L) & ~word & 0x8080808080808080L;
            if (zeros != 0) {
                return i + (Long.numberOfTrailingZeros(zeros) >>> 3);
            }
        }
        for (; i < bytes.length; i++) {
            if (bytes[i] == target) {
                return i;
            }
        }
        return -1;
    }

    /** The URL prefix of a request as it appears inside a JSON string. */
    static byte[] urlPrefix(Urls urls) {
        return JsonStringEncoder.getInstance().quoteAsUTF8(urls.api(""));
    }
}
