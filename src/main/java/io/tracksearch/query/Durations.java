package io.tracksearch.query;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations of spec 8.5: {@code "XXw XXd XXh XXm XXs"}, any subset in that order; no months or years. */
final class Durations {
    private static final Pattern DURATION = Pattern.compile(
            "\\s*(?:(\\d{1,9})\\s*w)?\\s*(?:(\\d{1,9})\\s*d)?\\s*(?:(\\d{1,9})\\s*h)?"
                    + "\\s*(?:(\\d{1,9})\\s*m)?\\s*(?:(\\d{1,9})\\s*s)?\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final long[] UNIT_MILLIS = {7 * 86_400_000L, 86_400_000L, 3_600_000L, 60_000L, 1_000L};

    private Durations() {
    }

    static boolean isDuration(String text) {
        return millis(text).isPresent();
    }

    /** Length in milliseconds, or empty when the text is not a duration. At least one unit is required. */
    static OptionalLong millis(String text) {
        Matcher matcher = DURATION.matcher(text);
        if (!matcher.matches()) {
            return OptionalLong.empty();
        }
        long total = 0;
        boolean any = false;
        for (int group = 1; group <= 5; group++) {
            String amount = matcher.group(group);
            if (amount != null) {
                any = true;
                total += Long.parseLong(amount) * UNIT_MILLIS[group - 1];   // at most 10^9 weeks: no overflow
            }
        }
        return any ? OptionalLong.of(total) : OptionalLong.empty();
    }
}
