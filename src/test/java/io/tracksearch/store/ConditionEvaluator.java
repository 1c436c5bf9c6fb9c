package io.tracksearch.store;

import io.tracksearch.model.FieldValues;
import io.tracksearch.model.Issue;
import io.tracksearch.model.IssueField;
import io.tracksearch.model.User;
import io.tracksearch.model.Users;
import io.tracksearch.text.TextAnalysis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The test oracle: evaluates a {@link Condition} over {@link Issue} objects in memory and orders issues
 * by an {@link IssueSort}, straight from the spec (4.4 ordering, 8.4 text operators) and
 * {@link FieldValues}, with no index and no cleverness. Every backend must return what this returns.
 * Text is cut into words by {@link TextAnalysis}, as the spec leaves word boundaries and stems to it.
 */
public final class ConditionEvaluator {
    private static final String GAP = "||";

    private ConditionEvaluator() {
    }

    /** The issues matching the condition, ordered by the sort (key ascending at the end). */
    public static List<Issue> search(Collection<Issue> issues, Condition condition, IssueSort sort, Users users) {
        List<Issue> result = new ArrayList<>();
        for (Issue issue : issues) {
            if (matches(condition, issue)) {
                result.add(issue);
            }
        }
        result.sort(comparator(sort, users));
        return result;
    }

    public static boolean matches(Condition condition, Issue issue) {
        return switch (condition) {
            case Condition.MatchAll ignored -> true;
            case Condition.MatchNone ignored -> false;
            case Condition.And and -> and.conditions().stream().allMatch(child -> matches(child, issue));
            case Condition.Or or -> or.conditions().stream().anyMatch(child -> matches(child, issue));
            case Condition.Not not -> !matches(not.condition(), issue);
            case Condition.AnyOf anyOf -> FieldValues.keywords(anyOf.field(), issue).stream()
                    .anyMatch(anyOf.values()::contains);
            case Condition.DateRange range -> {
                Long value = FieldValues.epochMillis(range.field(), issue);
                yield value != null
                        && (range.from() == null || value >= range.from())
                        && (range.to() == null || value < range.to());
            }
            case Condition.NumberRange range -> {
                Double value = FieldValues.number(range.field(), issue);
                yield value != null
                        && (range.min() == null || (range.minInclusive() ? value >= range.min() : value > range.min()))
                        && (range.max() == null || (range.maxInclusive() ? value <= range.max() : value < range.max()));
            }
            case Condition.Exists exists -> FieldValues.hasValue(exists.field(), issue);
            case Condition.TextMatch match -> textMatches(FieldValues.text(match.field(), issue), match.text());
            case Condition.Phrase phrase -> phraseMatches(FieldValues.text(phrase.field(), issue), phrase.text());
            case Condition.TextEquals equals -> {
                String text = FieldValues.text(equals.field(), issue);
                yield text != null && !text.isEmpty()
                        && Condition.TextEquals.normalize(text).equals(Condition.TextEquals.normalize(equals.text()));
            }
            case Condition.History ignored -> throw new UnsupportedOperationException("the evaluator has no history");
        };
    }

    /** Every stemmed word of the query occurs among the stemmed words of the text; no words = no match. */
    static boolean textMatches(String text, String query) {
        List<String> wanted = TextAnalysis.stemmed(query);
        if (text == null || wanted.isEmpty()) {
            return false;
        }
        return new HashSet<>(TextAnalysis.stemmed(text)).containsAll(wanted);
    }

    /**
     * The phrase occurs in the text: its words consecutively, each {@code ||} standing for one or more
     * words. Tried at every start position by plain backtracking. No words and no gaps = no match.
     */
    static boolean phraseMatches(String text, String phrase) {
        List<String> pattern = new ArrayList<>();   // words, and GAP for each ||
        String[] pieces = phrase.split("\\|\\|", -1);
        for (int i = 0; i < pieces.length; i++) {
            if (i > 0) {
                pattern.add(GAP);
            }
            pattern.addAll(TextAnalysis.words(pieces[i]));
        }
        if (text == null || pattern.isEmpty()) {
            return false;
        }
        List<String> words = TextAnalysis.words(text);
        for (int start = 0; start <= words.size(); start++) {
            if (matchesAt(words, start, pattern, 0)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesAt(List<String> words, int position, List<String> pattern, int element) {
        if (element == pattern.size()) {
            return true;
        }
        if (pattern.get(element).equals(GAP)) {
            for (int next = position + 1; next <= words.size(); next++) {
                if (matchesAt(words, next, pattern, element + 1)) {
                    return true;
                }
            }
            return false;
        }
        return position < words.size() && words.get(position).equals(pattern.get(element))
                && matchesAt(words, position + 1, pattern, element + 1);
    }

    // ---- ordering (spec 4.4) ---------------------------------------------------------------------

    /** The order of spec 4.4: the sort's keys, then key ascending (queue key, then number). */
    public static Comparator<Issue> comparator(IssueSort sort, Users users) {
        Comparator<Issue> result = (left, right) -> 0;
        for (IssueSort.Key key : sort.keys()) {
            result = result.thenComparing(keyComparator(key, users));
        }
        return result.thenComparing(ConditionEvaluator::compareKeys);
    }

    static int compareKeys(Issue left, Issue right) {
        int byQueue = compareCodePoints(left.queue(), right.queue());
        return byQueue != 0 ? byQueue : Long.compare(left.number(), right.number());
    }

    /** One sort key; missing values last in both directions, so direction applies only to present values. */
    private static Comparator<Issue> keyComparator(IssueSort.Key key, Users users) {
        IssueField field = key.field();
        if (field == IssueField.KEY) {
            return key.descending() ? (left, right) -> compareKeys(right, left) : ConditionEvaluator::compareKeys;
        }
        return (left, right) -> {
            Comparable<Object> a = sortValue(field, left, key.descending(), users);
            Comparable<Object> b = sortValue(field, right, key.descending(), users);
            if (a == null || b == null) {
                return a == null ? (b == null ? 0 : 1) : -1;
            }
            return key.descending() ? b.compareTo(a) : a.compareTo(b);
        };
    }

    /** The value an issue sorts by, or null when missing; list fields give their min (asc) or max (desc). */
    @SuppressWarnings("unchecked")
    private static Comparable<Object> sortValue(IssueField field, Issue issue, boolean descending, Users users) {
        Comparable<?> value = switch (field.kind()) {
            case KEY -> throw new IllegalStateException("handled by compareKeys");
            case QUEUE -> new Text(issue.queue(), false);
            case TEXT -> {
                String text = FieldValues.text(field, issue);
                yield text == null || text.isEmpty() ? null : new Text(text, true);
            }
            case CATALOG -> {
                List<String> keys = FieldValues.keywords(field, issue);
                yield keys.isEmpty() ? null : field.catalog().byKey(keys.getFirst()).order();
            }
            case USER -> extreme(FieldValues.keywords(field, issue).stream()
                    .map(uid -> new Text(display(users, Long.parseLong(uid)), true)).toList(), descending);
            case STRING, COMPONENT -> extreme((field.isMultiValued() ? issue.strings(field)
                    : issue.has(field) ? List.of(issue.string(field)) : List.<String>of())
                    .stream().map(name -> new Text(name, true)).toList(), descending);
            case INSTANT, DATE -> FieldValues.epochMillis(field, issue);
            case NUMBER, DURATION -> FieldValues.number(field, issue);
            case ISSUE, EXACT, REFERENCE -> throw new IllegalArgumentException("not sortable: " + field);
        };
        return (Comparable<Object>) value;
    }

    private static Text extreme(List<Text> values, boolean largest) {
        if (values.isEmpty()) {
            return null;
        }
        Text result = values.getFirst();
        for (Text value : values) {
            if (largest ? value.compareTo(result) > 0 : value.compareTo(result) < 0) {
                result = value;
            }
        }
        return result;
    }

    /** A user's display name; a uid unknown to Users shows as its digits. */
    public static String display(Users users, long uid) {
        return users.byUid(uid).map(User::display).orElse(Long.toString(uid));
    }

    /** A string in spec 4.4 order: lower case first (if caseInsensitive), then the original, by code points. */
    private record Text(String value, boolean caseInsensitive) implements Comparable<Text> {
        @Override
        public int compareTo(Text other) {
            if (caseInsensitive) {
                int byLower = compareCodePoints(value.toLowerCase(Locale.ROOT), other.value.toLowerCase(Locale.ROOT));
                if (byLower != 0) {
                    return byLower;
                }
            }
            return compareCodePoints(value, other.value);
        }
    }

    static int compareCodePoints(String left, String right) {
        int i = 0;
        int j = 0;
        while (i < left.length() && j < right.length()) {
            int a = left.codePointAt(i);
            int b = right.codePointAt(j);
            if (a != b) {
                return Integer.compare(a, b);
            }
            i += Character.charCount(a);
            j += Character.charCount(b);
        }
        return Boolean.compare(i < left.length(), j < right.length());
    }

    /** Distinct values of a set, used by generators that want a field's value pool. */
    public static Set<String> keywordPool(Collection<Issue> issues, IssueField field) {
        Set<String> pool = new HashSet<>();
        for (Issue issue : issues) {
            pool.addAll(FieldValues.keywords(field, issue));
        }
        return pool;
    }
}
