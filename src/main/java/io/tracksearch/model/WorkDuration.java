package io.tracksearch.model;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Time-tracking durations (originalEstimation, estimation, spent, worklog): Tracker writes them as
 * ISO 8601 ({@code P1W2DT3H30M}) and accepts {@code 1w 2d 3h 30m} and plain milliseconds on input.
 *
 * <p>decision: units are work time, as Tracker's time tracking counts them: a day is 8 hours and a
 * week 5 days. The same units read the stored ISO text and the query text ({@code "Time Spent": >2d}),
 * so comparisons agree whichever way a value was written.
 */
public final class WorkDuration {
    public static final long SECOND = 1_000L;
    public static final long MINUTE = 60 * SECOND;
    public static final long HOUR = 60 * MINUTE;
    public static final long DAY = 8 * HOUR;
    public static final long WEEK = 5 * DAY;

    private static final Pattern ISO = Pattern.compile(
            "P(?:(\\d{1,9})W)?(?:(\\d{1,9})D)?(?:T(?:(\\d{1,9})H)?(?:(\\d{1,9})M)?(?:(\\d{1,9})(?:\\.(\\d{1,3}))?S)?)?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern UNITS = Pattern.compile(
            "\\s*(?:(\\d{1,9})\\s*w)?\\s*(?:(\\d{1,9})\\s*d)?\\s*(?:(\\d{1,9})\\s*h)?\\s*(?:(\\d{1,9})\\s*m)?"
                    + "\\s*(?:(\\d{1,9})\\s*s)?\\s*", Pattern.CASE_INSENSITIVE);
    private static final long[] UNIT_MILLIS = {WEEK, DAY, HOUR, MINUTE, SECOND};

    private WorkDuration() {
    }

    /** Milliseconds of an ISO 8601 duration or a {@code 1w 2d 3h} text; empty when it is neither. */
    public static Optional<Long> parse(String text) {
        String stripped = text.strip();
        Matcher iso = ISO.matcher(stripped);
        if (iso.matches() && stripped.length() > 1 && !stripped.toUpperCase().endsWith("T")) {
            long millis = sum(iso, 5);
            if (iso.group(6) != null) {
                millis += Long.parseLong((iso.group(6) + "00").substring(0, 3));
            }
            return Optional.of(millis);
        }
        Matcher units = UNITS.matcher(stripped);
        if (units.matches() && !stripped.isEmpty()) {
            return Optional.of(sum(units, 5));
        }
        return Optional.empty();
    }

    private static long sum(Matcher matcher, int groups) {
        long total = 0;
        for (int group = 1; group <= groups; group++) {
            String amount = matcher.group(group);
            if (amount != null) {
                total += Long.parseLong(amount) * UNIT_MILLIS[group - 1];   // at most 10^9 weeks: no overflow
            }
        }
        return total;
    }

    /** The ISO 8601 text Tracker writes for a length in milliseconds: {@code P1W2DT3H}, {@code PT0S} for zero. */
    public static String format(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("negative duration");
        }
        StringBuilder text = new StringBuilder("P");
        long rest = millis;
        rest = append(text, rest, WEEK, 'W');
        rest = append(text, rest, DAY, 'D');
        if (rest == 0) {
            return text.length() == 1 ? "PT0S" : text.toString();
        }
        text.append('T');
        rest = append(text, rest, HOUR, 'H');
        rest = append(text, rest, MINUTE, 'M');
        if (rest > 0) {
            long seconds = rest / SECOND;
            long fraction = rest % SECOND;
            text.append(seconds);
            if (fraction > 0) {
                text.append('.').append(String.format("%03d", fraction));
            }
            text.append('S');
        }
        return text.toString();
    }

    private static long append(StringBuilder text, long rest, long unit, char symbol) {
        if (rest >= unit) {
            text.append(rest / unit).append(symbol);
        }
        return rest % unit;
    }
}
