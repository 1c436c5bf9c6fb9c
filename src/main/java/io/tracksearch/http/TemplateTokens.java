package io.tracksearch.http;

import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.JsonStringEncoder;


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
 * page is rendered from the issues) until the issue is written again.
 */
final class TemplateTokens {
    /**
     * Change whenever {@link IssueRenderer} renders an issue differently (IssueTemplatesTest's golden
     * template fails as a reminder).
     */
    static final byte VERSION = 11;   // any byte but the markers; the next is 12
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
        public com.fasterxml.jackson.core.SerializableString getEscapeSequence(int ch) {
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

    /** Whether this version's rendering wrote the template. */
    static boolean isCurrent(byte[] template) {
        return template.length > 0 && template[0] == VERSION;
    }

    /** The URL prefix of a request as it appears inside a JSON string. */
    static byte[] urlPrefix(Urls urls) {
        return JsonStringEncoder.getInstance().quoteAsUTF8(urls.api(""));
    }
}
