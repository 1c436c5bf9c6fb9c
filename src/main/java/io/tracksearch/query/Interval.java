package io.tracksearch.query;

/**
 * A half-open span of time [start, end) in epoch milliseconds: what a date, a date-time literal or a
 * function like today() denotes (spec 8.5). Comparisons use its ends as the 8.5 table says.
 */
record Interval(long start, long end) {
    Interval {
        if (end <= start) {
            throw new IllegalArgumentException("empty interval");
        }
    }

    /** Both ends moved by the same amount; fails (ArithmeticException) rather than wrap around. */
    Interval shift(long millis) {
        return new Interval(Math.addExact(start, millis), Math.addExact(end, millis));
    }
}
