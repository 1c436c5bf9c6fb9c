package io.tracksearch.issue;

import com.fasterxml.jackson.databind.node.TextNode;
import io.tracksearch.error.TrackerException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The fast reading of common date-times gives what the formatter gives, and leaves everything else to it. */
class FieldInputInstantTest {
    private static final List<String> OFFSETS = List.of("Z", "+0000", "+0300", "-0530", "+03:00", "-11:30", "+1800", "-0000");

    @Test
    void commonFormsReadAsTheFormatterReadsThem() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochMilli(random.nextLong(-5_000_000_000_000L, 50_000_000_000_000L));
            String offset = OFFSETS.get(random.nextInt(OFFSETS.size()));
            ZoneOffset zone = ZoneOffset.of(offset.equals("Z") ? "Z" : offset.substring(0, 3) + ":" + offset.substring(offset.length() - 2));
            String pattern = random.nextBoolean() ? "yyyy-MM-dd'T'HH:mm:ss.SSS" : "yyyy-MM-dd'T'HH:mm:ss";
            String text = instant.atOffset(zone).format(DateTimeFormatter.ofPattern(pattern)) + offset;
            assertEquals(formatter(text), FieldInput.instant("createdAt", TextNode.valueOf(text)), "seed " + seed + " " + text);
        }
    }

    @Test
    void unusualFormsAreLeftToTheFormatterOrReadAlike() {
        for (String text : List.of("2023-02-30T10:00:00.000+0000", "2023-01-01T24:00:00.000+0000", "2023-01-01T10:00:00.5+0000",
                "2023-01-01T10:00:00.123456+0000", "2023-01-01T10:00:00+03", "2023-01-01T10:00:00.000+1900", "2023-01-01T10:00:00.000",
                "0000-01-01T10:00:00.000Z", "2023-1-01T10:00:00.000Z", "2023-01-01t10:00:00.000Z", "2023-01-01T10:00:60.000Z",
                "2024-02-29T23:59:59.999-0100", "+12023-01-01T10:00:00Z", "２０２３-01-01T10:00:00Z", "2023-01-01T10:00:00.000+03:0")) {
            long common = FieldInput.commonInstant(text);
            if (common != FieldInput.NOT_COMMON) {
                assertEquals(formatter(text), common, text);
            }
        }
        assertThrows(TrackerException.class, () -> FieldInput.instant("createdAt", TextNode.valueOf("2023-01-01T10:00:00.000")));
    }

    /** What the formatter alone answers: epoch millis, or Long.MAX_VALUE for a rejected text. */
    private static long formatter(String text) {
        try {
            return java.time.OffsetDateTime.parse(text, FieldInput.DATE_TIME).toInstant().toEpochMilli();
        } catch (java.time.format.DateTimeParseException e) {
            return Long.MAX_VALUE;
        }
    }
}
