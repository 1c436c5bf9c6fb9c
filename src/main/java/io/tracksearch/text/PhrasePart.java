package io.tracksearch.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A run of consecutive words of a phrase preceded by {@code gapsBefore} {@code ||} gaps, each gap standing
 * for at least one word (spec 8.4). The phrase {@code "a || b ||"} is [a (0 gaps), b (1 gap), a part with
 * no words (1 gap)]: trailing gaps need a word after the last part. A piece without words (the tokenizer
 * drops it) adds its gaps to the next part's. Both backends compile phrases from these parts.
 */
public record PhrasePart(int gapsBefore, List<String> words) {
    /** The text that stands for one or more arbitrary words inside a phrase (spec 8.4). */
    public static final String GAP = "||";
    private static final Pattern GAPS = Pattern.compile(Pattern.quote(GAP));

    public PhrasePart {
        words = List.copyOf(words);
    }

    /** The text between the gaps, in order: n gaps make n + 1 pieces, empty ones kept. */
    public static String[] pieces(String text) {
        return GAPS.split(text, -1);
    }

    /** The parts of a phrase's text, its words cut as {@link TextAnalysis#words} cuts them. */
    public static List<PhrasePart> parse(String text) {
        List<PhrasePart> parts = new ArrayList<>();
        String[] pieces = pieces(text);
        int gaps = 0;
        for (int i = 0; i < pieces.length; i++) {
            if (i > 0) {
                gaps++;
            }
            List<String> words = TextAnalysis.words(pieces[i]);
            if (!words.isEmpty()) {
                parts.add(new PhrasePart(gaps, words));
                gaps = 0;
            }
        }
        if (gaps > 0) {
            parts.add(new PhrasePart(gaps, List.of()));
        }
        return parts;
    }

    /** The phrase is plain words, no gaps: a phrase query answers it. */
    public static boolean isPlain(List<PhrasePart> parts) {
        return parts.size() == 1 && !parts.getFirst().words().isEmpty() && parts.getFirst().gapsBefore() == 0;
    }
}
