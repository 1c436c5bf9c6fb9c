package io.tracksearch.query;

import io.tracksearch.error.ErrorCode;
import io.tracksearch.error.Message;
import io.tracksearch.error.TrackerException;

/** The one way this package reports a bad query: 400 {@code Invalid query: <what> at position <n>} (spec 8.10). */
final class QueryErrors {
    private QueryErrors() {
    }

    static TrackerException at(int position, String what) {
        return new TrackerException(ErrorCode.BAD_REQUEST,
                Message.plain("Invalid query: " + what + " at position " + position));
    }

    /** Quotes user text for a message, shortened so that a huge token cannot blow up the error body. */
    static String quote(String text) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        return "'" + shown + "'";
    }
}
