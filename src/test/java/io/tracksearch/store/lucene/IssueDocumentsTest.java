package io.tracksearch.store.lucene;

import io.tracksearch.store.Condition;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IssueDocumentsTest {
    private static final String ALPHABET = "aB \t\n\u000B\f\r\u00A0\u2003\u3000Яя\u0130x";

    @Test
    void fastNormalizeEqualsTheSpecNormalize() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(12);
            for (int j = 0; j < length; j++) {
                text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            assertEquals(Condition.TextEquals.normalize(text.toString()), io.tracksearch.store.IndexedForms.normalize(text.toString()),
                    "seed " + seed + " text [" + text + "]");
        }
    }
}
