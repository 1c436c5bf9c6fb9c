package io.tracksearch.query;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Date literals and date functions of spec 8.5/8.6, all in UTC. */
final class TimeValues {
    private static final long DAY = 86_400_000L;
    private static final Pattern MONTH_DAY_YEAR = Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{4})");
    private static final Pattern DAY_MONTH_YEAR = Pattern.compile("(\\d{1,2})[.-](\\d{1,2})[.-](\\d{4})");
    private static final Pattern YEAR_MONTH_DAY = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})");
    private static final Pattern DATE_TIME = Pattern.compile(
            "(\\d{4})-(\\d{1,2})-(\\d{1,2})[ T](\\d{1,2}):(\\d{2})(?::(\\d{2}))?");
    /** The API's own date-time forms (spec 2.5), for the filter object: offset optional, fraction optional. */
    private static final DateTimeFormatter API_DATE_TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral('T')
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2).optionalStart().appendLiteral(':')
            .appendValue(ChronoField.SECOND_OF_MINUTE, 2).optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd().optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter(Locale.ROOT);

    private TimeValues() {
    }

    /**
     * A query-language date or date-time literal: one of the four date formats (the whole UTC day),
     * {@code YYYY-MM-DD HH:MM:SS} (that second) or {@code YYYY-MM-DD HH:MM} (that minute).
     */
    static Optional<Interval> literal(String text) {
        String value = text.strip();
        try {
            Matcher matcher = YEAR_MONTH_DAY.matcher(value);
            if (matcher.matches()) {
                return Optional.of(day(LocalDate.of(number(matcher, 1), number(matcher, 2), number(matcher, 3))));
            }
            matcher = MONTH_DAY_YEAR.matcher(value);
            if (matcher.matches()) {
                return Optional.of(day(LocalDate.of(number(matcher, 3), number(matcher, 1), number(matcher, 2))));
            }
            matcher = DAY_MONTH_YEAR.matcher(value);
            if (matcher.matches()) {
                return Optional.of(day(LocalDate.of(number(matcher, 3), number(matcher, 2), number(matcher, 1))));
            }
            matcher = DATE_TIME.matcher(value);
            if (matcher.matches()) {
                boolean seconds = matcher.group(6) != null;
                LocalDateTime time = LocalDateTime.of(number(matcher, 1), number(matcher, 2), number(matcher, 3),
                        number(matcher, 4), number(matcher, 5), seconds ? number(matcher, 6) : 0);
                long start = time.toInstant(ZoneOffset.UTC).toEpochMilli();
                return Optional.of(new Interval(start, start + (seconds ? 1_000L : 60_000L)));
            }
        } catch (DateTimeException e) {
            return Optional.empty();   // 31.02.2017 and friends: not a date
        }
        return Optional.empty();
    }

    /**
     * A filter-object date (spec 4.5): {@code YYYY-MM-DD} is the whole UTC day; a full API date-time is
     * that instant, i.e. the millisecond [t, t+1ms).
     */
    static Optional<Interval> filterLiteral(String text) {
        String value = text.strip();
        Matcher matcher = YEAR_MONTH_DAY.matcher(value);
        try {
            if (matcher.matches()) {
                return Optional.of(day(LocalDate.of(number(matcher, 1), number(matcher, 2), number(matcher, 3))));
            }
            var parsed = API_DATE_TIME.parseBest(value, OffsetDateTime::from, LocalDateTime::from);
            Instant instant = parsed instanceof OffsetDateTime offset
                    ? offset.toInstant() : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
            long start = instant.toEpochMilli();
            return Optional.of(new Interval(start, start + 1));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        } catch (DateTimeException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** The interval of a date function at {@code now}, or empty when the name is not a date function. */
    static Optional<Interval> function(String lowerCaseName, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        return switch (lowerCaseName) {
            case "now" -> {
                long minute = now.truncatedTo(ChronoUnit.MINUTES).toEpochMilli();
                yield Optional.of(new Interval(minute, minute + 60_000L));
            }
            case "today" -> Optional.of(day(today));
            case "week" -> {
                LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                yield Optional.of(span(monday, monday.plusWeeks(1)));
            }
            case "month" -> {
                LocalDate first = today.withDayOfMonth(1);
                yield Optional.of(span(first, first.plusMonths(1)));
            }
            case "quarter" -> {
                LocalDate first = LocalDate.of(today.getYear(), (today.getMonthValue() - 1) / 3 * 3 + 1, 1);
                yield Optional.of(span(first, first.plusMonths(3)));
            }
            case "year" -> {
                LocalDate first = LocalDate.of(today.getYear(), 1, 1);
                yield Optional.of(span(first, first.plusYears(1)));
            }
            default -> Optional.empty();
        };
    }

    /** Whether {@link #function} knows the name: the date functions are listed there alone. */
    static boolean isDateFunction(String lowerCaseName) {
        return function(lowerCaseName, Instant.EPOCH).isPresent();
    }

    private static Interval day(LocalDate date) {
        long start = date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        return new Interval(start, start + DAY);
    }

    private static Interval span(LocalDate from, LocalDate until) {
        return new Interval(from.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli(),
                until.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
    }

    private static int number(Matcher matcher, int group) {
        return Integer.parseInt(matcher.group(group));
    }
}
