package io.tracksearch.model;

import java.util.regex.Pattern;

/**
 * The shapes of the identifiers the API accepts, each held once: a request names a user, an issue or an
 * agile object by one of them, and the import path tests several per issue (a pattern compiled per call,
 * as {@code String.matches} does, was a visible part of an import's parsing).
 */
public final class Ids {
    /** A user's uid: up to 18 digits (fits a long). */
    private static final Pattern UID = Pattern.compile("\\d{1,18}");
    /** An issue's or change's id: 24 lower-case hex digits. */
    private static final Pattern HEX_ID = Pattern.compile("[0-9a-f]{24}");
    /** A login: letters, digits, dot, underscore, hyphen; up to 64. */
    private static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** An issue's key in any case: a queue key of up to 15 letters, a dash, a positive number. */
    private static final Pattern ISSUE_KEY = Pattern.compile("[A-Za-z]{1,15}-[1-9][0-9]{0,17}");
    /** A board's, sprint's or other agile object's id: a positive number without leading zeros. */
    private static final Pattern POSITIVE_NUMBER = Pattern.compile("[1-9][0-9]{0,17}");

    private Ids() {
    }

    public static boolean isUid(String text) {
        return UID.matcher(text).matches();
    }

    public static boolean isHexId(String text) {
        return HEX_ID.matcher(text).matches();
    }

    public static boolean isLogin(String text) {
        return LOGIN.matcher(text).matches();
    }

    public static boolean isIssueKey(String text) {
        return ISSUE_KEY.matcher(text).matches();
    }

    public static boolean isPositiveNumber(String text) {
        return POSITIVE_NUMBER.matcher(text).matches();
    }
}
