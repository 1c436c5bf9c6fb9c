package io.tracksearch.text;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The words of one pass ({@link TextAnalysis#index}) written out for a node that splits at spaces are the
 * analyzers' own terms: the phrase text is {@link TextAnalysis#PHRASE}'s terms one space apart, the stems
 * {@link TextAnalysis#STEMMED}'s terms. Seeded random texts of mixed scripts, digits and marks.
 */
class IndexedTextTest {
    private static final String[] PIECES = {"Crash", "crashes", "ОШИБКИ", "ошибка", "v2.11", "3.0", "e-mail", "don't",
            "naïve", "İstanbul", "日本語", "x", "a_b", "user@example.com", "—", ",", "...", "  ", "\t", "\n", "||", "42"};

    @Test
    void phraseTextAndStemsAreTheAnalyzersTerms() {
        long seed = Long.getLong("text.seed", new Random().nextLong());
        Random random = new Random(seed);
        for (int round = 0; round < 2_000; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(30); i > 0; i--) {
                text.append(PIECES[random.nextInt(PIECES.length)]).append(random.nextInt(3) == 0 ? "" : " ");
            }
            String context = "seed " + seed + " (rerun with -Dtext.seed=" + seed + "), text '" + text + "'";
            TextAnalysis.IndexedText indexed = TextAnalysis.index(text.toString());
            assertEquals(String.join(" ", TextAnalysis.terms(TextAnalysis.PHRASE, text.toString())), indexed.phraseText(), context);
            // each word's stem once: two words with one stem give it twice, which a documents-only field ignores
            assertEquals(new ArrayList<>(new LinkedHashSet<>(TextAnalysis.stemmed(text.toString()))),
                    new ArrayList<>(new LinkedHashSet<>(indexed.stems())), context);
        }
    }

    @Test
    void anEmptyTextIsTheMarkersAlone() {
        assertEquals(TextAnalysis.START + " " + TextAnalysis.END, TextAnalysis.index(" , ").phraseText());
        assertEquals(List.of(), TextAnalysis.index("").stems());
    }
}
