package io.tracksearch.text;

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
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

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
 * Analyzers are thread-safe and reused; they live as long as the JVM. An indexed text is cut only once
 * for both fields ({@link #index}): the stemmed field keeps no positions or frequencies, so its words are
 * stemmed once each, however often they occur.
 */
public final class TextAnalysis {
    /** Marker token at position 0 of every phrase field. */
    public static final String START = "\u0002";
    /** Marker token after the last word of every phrase field. */
    public static final String END = "\u0003";
    /** Stands for a position the tokenizer left empty, where words are written out as text (never searched). */
    public static final String HOLE = "\u0004";

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

    /**
     * A text cut into words once, for both of its indexed fields: the terms are those {@link #STEMMED} and
     * {@link #PHRASE} give, read from one pass of the tokenizer. Each stream may be consumed once, by the
     * thread that made it (IndexWriter inverts a document's fields on the thread that adds it).
     */
    public static IndexedText index(String text) {
        char[] chars = new char[Math.min(text.length(), 1 << 16)];
        int[] ends = new int[16];
        int[] increments = new int[16];
        int count = 0;
        int length = 0;
        try (TokenStream stream = WORDS.tokenStream("text", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                if (count == ends.length) {
                    ends = Arrays.copyOf(ends, count * 2);
                    increments = Arrays.copyOf(increments, count * 2);
                }
                if (length + term.length() > chars.length) {
                    chars = Arrays.copyOf(chars, Math.max(chars.length * 2, length + term.length()));
                }
                System.arraycopy(term.buffer(), 0, chars, length, term.length());
                length += term.length();
                ends[count] = length;
                increments[count] = increment.getPositionIncrement();
                count++;
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysis of an in-memory string failed", e);
        }
        return new IndexedText(chars, ends, increments, count);
    }

    /** The lower-cased words of one text with their position increments; see {@link #index}. */
    public static final class IndexedText {
        private final char[] chars;
        private final int[] ends;
        private final int[] increments;
        private final int count;

        private IndexedText(char[] chars, int[] ends, int[] increments, int count) {
            this.chars = chars;
            this.ends = ends;
            this.increments = increments;
            this.count = count;
        }

        /** The terms of {@link #PHRASE}: {@link #START}, the words at their positions, {@link #END}. */
        public TokenStream phrase() {
            return new PhraseReplay(this);
        }

        /**
         * The terms of {@link #STEMMED}, each word's stem once, in order of first occurrence: what a field
         * indexed with documents only (no frequencies, positions or norms) records of the whole stream.
         */
        public TokenStream stemmed() {
            return new WordReplay(stems());
        }

        /** Each word's stem once, in order of first occurrence. */
        public List<String> stems() {
            List<String> terms = new ArrayList<>();
            int[] slots = new int[Integer.highestOneBit(Math.max(count, 1)) * 4];   // open addressing, at most half full
            int mask = slots.length - 1;
            for (int i = 0; i < count; i++) {
                int start = start(i);
                int slot = hash(start, ends[i]) & mask;
                while (slots[slot] != 0 && !sameWord(slots[slot] - 1, start, ends[i])) {
                    slot = (slot + 1) & mask;
                }
                if (slots[slot] == 0) {
                    slots[slot] = i + 1;
                    terms.add(stemOf(chars, start, ends[i] - start));
                }
            }
            return terms;
        }

        /**
         * The terms of {@link #PHRASE} as one string for a whitespace tokenizer: {@link #START}, the words,
         * {@link #END}, one space apart; a position the tokenizer skipped gets {@link #HOLE} so that the
         * words keep their positions.
         */
        public String phraseText() {
            StringBuilder text = new StringBuilder(chars.length + 2 * count + 4).append(START);
            for (int i = 0; i < count; i++) {
                for (int hole = 1; hole < increments[i]; hole++) {
                    text.append(' ').append(HOLE);
                }
                text.append(' ').append(chars, start(i), ends[i] - start(i));
            }
            return text.append(' ').append(END).toString();
        }

        private int start(int index) {
            return index == 0 ? 0 : ends[index - 1];
        }

        private int hash(int from, int to) {
            int hash = 0;
            for (int i = from; i < to; i++) {
                hash = 31 * hash + chars[i];
            }
            return hash ^ (hash >>> 16);
        }

        private boolean sameWord(int index, int from, int to) {
            return Arrays.equals(chars, start(index), ends[index], chars, from, to);
        }
    }

    /** Stems of words seen, shared by all threads; forgotten when full, so it stays a few MB. */
    private static final ConcurrentHashMap<String, String> KNOWN_STEMS = new ConcurrentHashMap<>();
    private static final int MAX_KNOWN_STEMS = 50_000;
    private static final ThreadLocal<Stemmer> STEMMERS = ThreadLocal.withInitial(Stemmer::new);

    /**
     * The {@link #STEMMED} term of a lower-cased word, remembered: texts repeat words, and the stemmers
     * cost more than a lookup. One shared map rather than one per thread, so that the request threads
     * that index single issues do not each keep one.
     */
    private static String stemOf(char[] chars, int start, int length) {
        String word = new String(chars, start, length);
        String stem = KNOWN_STEMS.get(word);
        if (stem != null) {
            return stem;
        }
        stem = STEMMERS.get().stem(word);
        if (KNOWN_STEMS.size() >= MAX_KNOWN_STEMS) {
            KNOWN_STEMS.clear();
        }
        KNOWN_STEMS.put(word, stem);
        return stem;
    }

    /** The same filters as {@link #STEMMED} after its tokenizer and lower-casing, fed one word at a time. */
    private static final class Stemmer {
        private final WordReplay word = new WordReplay(new ArrayList<>(1));
        private final TokenStream stemmer;
        private final CharTermAttribute term;

        Stemmer() {
            TokenStream stream = new PorterStemFilter(new ScriptMarker(word, Character.UnicodeScript.LATIN));
            stemmer = new RussianLightStemFilter(new ScriptMarker(stream, Character.UnicodeScript.CYRILLIC));
            term = stemmer.getAttribute(CharTermAttribute.class);
        }

        String stem(String lowerCased) {
            word.words.clear();
            word.words.add(lowerCased);
            try {
                stemmer.reset();
                if (!stemmer.incrementToken()) {
                    throw new IllegalStateException("a stemmer dropped a word");
                }
                String stem = term.toString();
                stemmer.end();
                stemmer.close();
                return stem;
            } catch (IOException e) {
                throw new UncheckedIOException("stemming an in-memory word failed", e);
            }
        }
    }

    /** Replays the words of an {@link IndexedText} framed by the markers, as {@link #PHRASE} emits them. */
    private static final class PhraseReplay extends TokenStream {
        private final IndexedText text;
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final PositionIncrementAttribute increment = addAttribute(PositionIncrementAttribute.class);
        /** -1: START is next; count: END is next; beyond: done. */
        private int next;

        PhraseReplay(IndexedText text) {
            this.text = text;
        }

        @Override
        public boolean incrementToken() {
            if (next > text.count) {
                return false;
            }
            clearAttributes();
            if (next == -1 || next == text.count) {
                term.setEmpty().append(next == -1 ? START : END);
                increment.setPositionIncrement(1);
            }
            else {
                int start = text.start(next);
                term.copyBuffer(text.chars, start, text.ends[next] - start);
                increment.setPositionIncrement(text.increments[next]);
            }
            next++;
            return true;
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            next = -1;
        }
    }

    /** Replays words as tokens, one position apart: the stems of a text, and the source of a {@link Stemmer}'s filters. */
    private static final class WordReplay extends TokenStream {
        final List<String> words;
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private int next;

        WordReplay(List<String> words) {
            this.words = words;
        }

        @Override
        public boolean incrementToken() {
            if (next == words.size()) {
                return false;
            }
            clearAttributes();
            term.setEmpty().append(words.get(next++));
            return true;
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            next = 0;
        }
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
