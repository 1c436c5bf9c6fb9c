package io.tracksearch.store.lucene;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.ru.RussianLightStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Text analysis of summary and description (spec 8.4), shared by the index, the query compiler and the
 * test oracle so that all three cut text into the same words.
 *
 * <ul>
 *   <li>{@link #STEMMED}: StandardTokenizer, lower case, then Porter for Latin words and the light Russian
 *       stemmer for Cyrillic words, in one pass ({@code crash} finds {@code crashes}, {@code ошибка}
 *       finds {@code ошибки}). Used for word matches.</li>
 *   <li>{@link #PHRASE}: the same words lower-cased, unstemmed, framed by a {@link #START} and an
 *       {@link #END} marker token so that {@code ||} gaps at either end of a phrase can require a word
 *       there. The tokenizer never emits the control characters the markers are made of.</li>
 * </ul>
 * Analyzers are thread-safe and reused; they live as long as the JVM.
 */
public final class TextAnalysis {
    /** Marker token at position 0 of every phrase field. */
    public static final String START = "\u0002";
    /** Marker token after the last word of every phrase field. */
    public static final String END = "\u0003";

    public static final Analyzer STEMMED = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            StandardTokenizer tokenizer = new StandardTokenizer();
            TokenStream stream = new LowerCaseFilter(tokenizer);
            stream = new PorterStemFilter(new ScriptMarker(stream, Character.UnicodeScript.LATIN));
            stream = new RussianLightStemFilter(new ScriptMarker(stream, Character.UnicodeScript.CYRILLIC));
            return new TokenStreamComponents(tokenizer, stream);
        }
    };

    /** Lower-cased words without markers, as a query phrase is cut. */
    public static final Analyzer WORDS = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            StandardTokenizer tokenizer = new StandardTokenizer();
            return new TokenStreamComponents(tokenizer, new LowerCaseFilter(tokenizer));
        }
    };

    /** Lower-cased words framed by {@link #START} and {@link #END}, as the phrase field is indexed. */
    public static final Analyzer PHRASE = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            StandardTokenizer tokenizer = new StandardTokenizer();
            return new TokenStreamComponents(tokenizer, new MarkerFilter(new LowerCaseFilter(tokenizer)));
        }
    };

    private TextAnalysis() {
    }

    /** The terms the analyzer makes of the text, in order. */
    public static List<String> terms(Analyzer analyzer, String text) {
        List<String> terms = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysis of an in-memory string failed", e);
        }
        return terms;
    }

    /** Stemmed terms, for word matches. */
    public static List<String> stemmed(String text) {
        return terms(STEMMED, text);
    }

    /** Lower-cased unstemmed words, for phrases. */
    public static List<String> words(String text) {
        return terms(WORDS, text);
    }

    /** The script of a token: that of its first letter, or COMMON when it has none. */
    static Character.UnicodeScript scriptOf(CharSequence token) {
        for (int i = 0; i < token.length(); ) {
            char c = token.charAt(i);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
                return Character.UnicodeScript.LATIN;   // fast path: most tokens start with a basic Latin letter
            }
            int codePoint = Character.codePointAt(token, i);
            if (Character.isLetter(codePoint)) {
                return Character.UnicodeScript.of(codePoint);
            }
            i += Character.charCount(codePoint);
        }
        return Character.UnicodeScript.COMMON;
    }

    /**
     * Restricts the next stem filter to tokens of one script by marking all others as keywords, which
     * Lucene's stem filters leave alone. Same effect as a ConditionalTokenFilter around the stemmer, at
     * a fraction of the cost: ConditionalTokenFilter captures and restores token state for every token,
     * which made analysis of 1 KB descriptions three times slower.
     */
    private static final class ScriptMarker extends TokenFilter {
        private final Character.UnicodeScript script;
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final KeywordAttribute keyword = addAttribute(KeywordAttribute.class);

        ScriptMarker(TokenStream input, Character.UnicodeScript script) {
            super(input);
            this.script = script;
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (!input.incrementToken()) {
                return false;
            }
            keyword.setKeyword(scriptOf(term) != script);
            return true;
        }
    }

    /** Emits {@link #START} before the first token and {@link #END} after the last one. */
    private static final class MarkerFilter extends TokenFilter {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final PositionIncrementAttribute increment = addAttribute(PositionIncrementAttribute.class);
        private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
        private int lastEndOffset;
        private boolean started;
        private boolean ended;

        MarkerFilter(TokenStream input) {
            super(input);
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (!started) {
                started = true;
                clearAttributes();
                term.setEmpty().append(START);
                increment.setPositionIncrement(1);
                return true;
            }
            if (ended) {
                return false;
            }
            if (input.incrementToken()) {
                lastEndOffset = offset.endOffset();
                return true;
            }
            ended = true;
            clearAttributes();
            term.setEmpty().append(END);
            increment.setPositionIncrement(1);
            offset.setOffset(lastEndOffset, lastEndOffset); // offsets must not go backwards
            return true;
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            started = false;
            ended = false;
            lastEndOffset = 0;
        }
    }
}
