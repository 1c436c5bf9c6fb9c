package io.tracksearch.store;

import io.tracksearch.model.Digests;
import io.tracksearch.model.Issue;
import io.tracksearch.model.IssueField;
import io.tracksearch.model.User;
import io.tracksearch.model.Users;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The derived strings every backend indexes the same way, so that both answer TextEquals and string
 * sorts identically: the exact-match term of a summary and the sort key of a string (spec 4.4).
 */
public final class IndexedForms {
    /**
     * Characters of each half of a string sort key. Doc values terms are limited to 32,766 bytes; two
     * halves of 4,000 UTF-16 units are at most 24,000 bytes of UTF-8 plus the separator. Texts that agree
     * on their first 4,000 lower-cased characters are ordered by the first 4,000 original characters
     * and then by key.
     */
    public static final int SORT_KEY_CHARS = 4000;

    /**
     * Descriptions (up to 512,000 characters, about 1 KB typically) sort by their first 256 characters:
     * keeping whole texts would double the index and halve import speed for a sort nobody uses on long
     * texts. Descriptions equal on those characters are ordered by key.
     */
    public static final int DESCRIPTION_SORT_CHARS = 256;

    /** Normalised texts longer than this many UTF-8 bytes are indexed for TextEquals as a SHA-256. */
    public static final int EXACT_TERM_MAX_BYTES = 1000;

    private IndexedForms() {
    }

    /** The TextEquals term of a text: "=" and its normal form, or "#" and a digest of it when long. */
    public static String exactTerm(String text) {
        String normal = normalize(text);
        byte[] bytes = normal.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= EXACT_TERM_MAX_BYTES) {
            return "=" + normal;
        }
        return "#" + Digests.sha256Hex(bytes);
    }

    /**
     * The same string as {@link Condition.TextEquals#normalize} (strip, runs of the regex {@code \s}
     * characters to one space, lower case), without a regex: it runs for every indexed summary.
     */
    public static String normalize(String text) {
        String stripped = text.strip();
        StringBuilder collapsed = new StringBuilder(stripped.length());
        boolean inSpace = false;
        for (int i = 0; i < stripped.length(); i++) {
            char c = stripped.charAt(i);
            boolean space = c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
            if (!space) {
                collapsed.append(c);
            }
            else if (!inSpace) {
                collapsed.append(' ');
            }
            inSpace = space;
        }
        return collapsed.toString().toLowerCase(Locale.ROOT);
    }

    /** Sort key of a string: lower case, U+0000, original, so that byte order is spec 4.4's string order. */
    public static String sortKey(String value) {
        return truncate(value.toLowerCase(Locale.ROOT), SORT_KEY_CHARS) + '\u0000' + truncate(value, SORT_KEY_CHARS);
    }

    /** Sort key of a text field's value (descriptions by their first {@link #DESCRIPTION_SORT_CHARS} characters). */
    public static String textSortKey(IssueField field, String text) {
        return sortKey(field == IssueField.DESCRIPTION ? truncate(text, DESCRIPTION_SORT_CHARS) : text);
    }

    /**
     * The strings a USER, STRING or COMPONENT field sorts by (spec 4.4), one per value: a user's display
     * name (an unknown uid by its digits), the string itself as written. Each is a {@link #sortKey}.
     */
    public static List<String> stringSortKeys(IssueField field, Issue issue, Users users) {
        List<String> keys = new ArrayList<>();
        switch (field.kind()) {
            case USER -> {
                List<Long> uids = field.isMultiValued() ? issue.uids(field)
                        : issue.has(field) ? List.of(issue.longValue(field)) : List.of();
                for (long uid : uids) {
                    keys.add(sortKey(users.byUid(uid).map(User::display).orElse(Long.toString(uid))));
                }
            }
            case STRING, COMPONENT -> {
                List<String> values = field.isMultiValued() ? issue.strings(field)
                        : issue.has(field) ? List.of(issue.string(field)) : List.of();
                values.forEach(value -> keys.add(sortKey(value)));
            }
            default -> throw new IllegalArgumentException("not sorted by strings: " + field);
        }
        return keys;
    }

    private static String truncate(String value, int length) {
        if (value.length() <= length) {
            return value;
        }
        int end = length;
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(0, end);
    }
}
