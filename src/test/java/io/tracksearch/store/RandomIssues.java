package io.tracksearch.store;

import io.tracksearch.model.Catalog;
import io.tracksearch.model.CatalogEntry;
import io.tracksearch.model.Issue;
import io.tracksearch.model.IssueField;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Generates varied issues and conditions from a seeded {@link Random}, for oracle tests: several queues
 * with numbers past 9 (TREK-2 vs TREK-10), every catalogue value, missing values of every optional
 * field, tags differing only in case, English and Russian words in several inflections.
 */
public final class RandomIssues {
    public static final List<String> QUEUES = List.of("TREK", "ABC", "DOC", "Q");
    public static final List<String> WORDS = List.of(
            "crash", "crashes", "crashed", "Crash", "login", "logins", "page", "pages", "error", "errors", "Server",
            "server", "timeout", "make", "lists", "list", "map", "a", "the", "running", "runs", "ошибка", "ошибки",
            "ошибку", "сервер", "сервера", "Сервер", "страница", "страницы", "вход", "входа", "не", "работает", "7");
    public static final List<String> TAGS = List.of("backend", "Backend", "UI", "ui", "perf", "Zeta", "alpha", "бэкенд");
    public static final List<String> COMPONENTS = List.of("Core", "core", "API", "Web", "Мобильный");
    public static final List<Double> STORY_POINTS = List.of(0.5, 1.0, 2.0, 3.0, 5.0, 8.0);
    /** Work durations as Tracker writes them; 1d = 8h, 1w = 5d (WorkDuration). */
    public static final List<String> DURATIONS = List.of("PT30M", "PT4H", "P1D", "P1DT4H", "P1W", "P2W3D");
    /** 2024-01-01T00:00:00Z; generated instants fall within about a year after it. */
    public static final long BASE_MILLIS = 1_704_067_200_000L;
    public static final long YEAR_MILLIS = 366L * 24 * 3600 * 1000;

    private final Random random;
    private final List<Long> uids;
    private final Map<String, Long> numbers = new HashMap<>();

    public RandomIssues(Random random, List<Long> uids) {
        this.random = random;
        this.uids = List.copyOf(uids);
    }

    public List<Issue> issues(int count) {
        List<Issue> issues = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            issues.add(issue());
        }
        return issues;
    }

    public Issue issue() {
        String queue = pick(QUEUES);
        long number = numbers.merge(queue, 1L + (random.nextInt(10) == 0 ? random.nextInt(5) : 0), Long::sum);
        long createdAt = BASE_MILLIS + (long) (random.nextDouble() * YEAR_MILLIS);
        long updatedAt = createdAt + random.nextInt(1_000_000);
        Issue.Builder builder = new Issue.Builder()
                .id(HexFormat.of().formatHex(randomBytes(12)))
                .key(queue + "-" + number)
                .version(1 + random.nextInt(3))
                .set(IssueField.SUMMARY, text(1 + random.nextInt(6)));
        int descriptionKind = random.nextInt(10);
        builder.set(IssueField.DESCRIPTION, descriptionKind == 0 ? null : descriptionKind == 1 ? "" : text(random.nextInt(12)));
        builder.set(IssueField.TYPE, pick(Catalog.ISSUE_TYPES.entries()).key())
                .set(IssueField.PRIORITY, pick(Catalog.PRIORITIES.entries()).key())
                .set(IssueField.STATUS, pick(Catalog.STATUSES.entries()).key())
                .set(IssueField.CREATED_AT, createdAt)
                .set(IssueField.UPDATED_AT, updatedAt)
                .set(IssueField.STATUS_START_TIME, random.nextBoolean() ? createdAt : updatedAt);
        if (random.nextInt(3) == 0) {
            builder.set(IssueField.PREVIOUS_STATUS, pick(Catalog.STATUSES.entries()).key());
        }
        if (random.nextInt(3) == 0) {
            builder.set(IssueField.RESOLUTION, pick(Catalog.RESOLUTIONS.entries()).key())
                    .set(IssueField.RESOLVED_AT, updatedAt)
                    .set(IssueField.RESOLVED_BY, user());
        }
        builder.set(IssueField.ASSIGNEE, random.nextInt(4) == 0 ? null : user())
                .set(IssueField.CREATED_BY, user())
                .set(IssueField.UPDATED_BY, user());
        List<Long> followerPool = new ArrayList<>(uids);
        followerPool.add(TestUsers.UNKNOWN_UID);
        builder.setUids(IssueField.FOLLOWERS, subset(followerPool, 3))
                .setUids(IssueField.VOTED_BY, subset(followerPool, 2))
                .setStrings(IssueField.TAGS, subset(TAGS, 3))
                .setStrings(IssueField.COMPONENTS, subset(COMPONENTS, 2))
                .set(IssueField.PARENT, random.nextInt(5) == 0 ? pick(QUEUES) + "-" + (1 + random.nextInt(20)) : null)
                .set(IssueField.EPIC, random.nextInt(8) == 0 ? pick(QUEUES) + "-" + (1 + random.nextInt(20)) : null)
                .set(IssueField.DEADLINE, random.nextInt(3) == 0 ? null : date())
                .set(IssueField.START, random.nextInt(2) == 0 ? null : date())
                .set(IssueField.END, random.nextInt(2) == 0 ? null : date())
                .set(IssueField.STORY_POINTS, random.nextInt(3) == 0 ? null : pick(STORY_POINTS))
                .set(IssueField.VOTES, random.nextInt(3) == 0 ? null : (double) random.nextInt(4))
                .set(IssueField.SPENT, random.nextInt(3) == 0 ? null : pick(DURATIONS))
                .set(IssueField.ORIGINAL_ESTIMATION, random.nextInt(2) == 0 ? null : pick(DURATIONS))
                .set(IssueField.UNIQUE, random.nextInt(4) == 0 ? "u-" + HexFormat.of().formatHex(randomBytes(4)) : null);
        return builder.build();
    }

    public String text(int words) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < words; i++) {
            if (i > 0) {
                text.append(random.nextInt(8) == 0 ? ",  " : " ");
            }
            text.append(pick(WORDS));
        }
        return text.toString();
    }

    public String date() {
        return LocalDate.of(2024, 1, 1).plusDays(random.nextInt(60)).toString();
    }

    private long user() {
        return random.nextInt(15) == 0 ? TestUsers.UNKNOWN_UID : pick(uids);
    }

    private <T> List<T> subset(List<T> pool, int max) {
        Set<T> chosen = new LinkedHashSet<>();
        int size = random.nextInt(max + 1);
        for (int i = 0; i < size; i++) {
            chosen.add(pick(pool));
        }
        return List.copyOf(chosen);
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    public <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    // ---- conditions and sorts ----------------------------------------------------------------------

    /** A random condition tree of at most the given depth over values that occur in the issues (and some that do not). */
    public Condition condition(List<Issue> issues, int depth) {
        if (depth > 0 && random.nextInt(3) > 0) {
            int kind = random.nextInt(5);
            if (kind == 0) {
                return new Condition.Not(condition(issues, depth - 1));
            }
            List<Condition> children = new ArrayList<>();
            int size = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(3);
            for (int i = 0; i < size; i++) {
                children.add(condition(issues, depth - 1));
            }
            return kind <= 2 ? new Condition.And(children) : new Condition.Or(children);
        }
        return leaf(issues);
    }

    private Condition leaf(List<Issue> issues) {
        Issue sample = pick(issues);
        IssueField textField = random.nextBoolean() ? IssueField.SUMMARY : IssueField.DESCRIPTION;
        return switch (random.nextInt(12)) {
            case 0 -> random.nextBoolean() ? new Condition.MatchAll() : new Condition.MatchNone();
            case 1, 2 -> {
                List<IssueField> keywordFields = IssueField.standardFields().stream()
                        .filter(field -> field.kind().isKeyword()).toList();
                IssueField field = pick(keywordFields);
                List<String> pool = new ArrayList<>(ConditionEvaluator.keywordPool(issues, field));
                pool.sort(null);
                pool.add("nonexistent");
                List<String> values = new ArrayList<>();
                int size = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(3);
                for (int i = 0; i < size; i++) {
                    values.add(pick(pool));
                }
                yield new Condition.AnyOf(field, values);
            }
            case 3 -> {
                IssueField field = pick(List.of(IssueField.CREATED_AT, IssueField.UPDATED_AT, IssueField.RESOLVED_AT,
                        IssueField.STATUS_START_TIME, IssueField.LAST_COMMENT_UPDATED_AT, IssueField.DEADLINE,
                        IssueField.START, IssueField.END));
                Long from = random.nextInt(4) == 0 ? null : dateBound();
                Long to = random.nextInt(4) == 0 ? null : dateBound();
                if (random.nextInt(5) == 0) {
                    Long exact = io.tracksearch.model.FieldValues.epochMillis(field, sample);
                    if (exact != null) {
                        from = exact;
                        to = exact + 1;
                    }
                }
                yield new Condition.DateRange(field, from, to);
            }
            case 4 -> {
                if (random.nextInt(3) == 0) {
                    IssueField field = random.nextBoolean() ? IssueField.SPENT : IssueField.ORIGINAL_ESTIMATION;
                    Double min = random.nextInt(3) == 0 ? null : durationMillis(pick(DURATIONS));
                    Double max = random.nextInt(3) == 0 ? null : durationMillis(pick(DURATIONS));
                    yield new Condition.NumberRange(field, min, random.nextBoolean(), max, random.nextBoolean());
                }
                IssueField field = random.nextInt(3) == 0 ? IssueField.VOTES : IssueField.STORY_POINTS;
                Double min = random.nextInt(3) == 0 ? null : pick(STORY_POINTS) - (random.nextBoolean() ? 0 : 0.25);
                Double max = random.nextInt(3) == 0 ? null : pick(STORY_POINTS);
                yield new Condition.NumberRange(field, min, random.nextBoolean(), max, random.nextBoolean());
            }
            case 5 -> new Condition.Exists(pick(IssueField.standardFields()));
            case 6, 7 -> new Condition.TextMatch(textField, variant(text(1 + random.nextInt(2))));
            case 8, 9 -> new Condition.Phrase(textField, phrase(sample, textField));
            case 10 -> {
                String text = io.tracksearch.model.FieldValues.text(IssueField.SUMMARY, sample);
                yield new Condition.TextEquals(IssueField.SUMMARY, text == null || random.nextInt(4) == 0
                        ? text(2) : "  " + variant(text).replace(" ", random.nextBoolean() ? "   " : " ") + " ");
            }
            default -> new Condition.AnyOf(IssueField.QUEUE, List.of(pick(QUEUES)));
        };
    }

    /** Words taken consecutively from an issue's text (so phrases often match), sometimes with gaps. */
    private String phrase(Issue sample, IssueField field) {
        String text = io.tracksearch.model.FieldValues.text(field, sample);
        List<String> words = text == null ? List.of() : List.of(text.replace(",", " ").trim().split("\\s+"));
        List<String> chosen = new ArrayList<>();
        if (words.isEmpty() || words.getFirst().isEmpty() || random.nextInt(5) == 0) {
            chosen.addAll(List.of(text(1 + random.nextInt(2)).split("[ ,]+")));
        } else {
            int from = random.nextInt(words.size());
            int to = Math.min(words.size(), from + 1 + random.nextInt(3));
            chosen.addAll(words.subList(from, to));
        }
        if (random.nextInt(3) == 0) {
            chosen.add(random.nextInt(chosen.size() + 1), "||");
        }
        if (random.nextInt(8) == 0) {
            chosen.add(random.nextInt(chosen.size() + 1), "||");
        }
        return variant(String.join(" ", chosen));
    }

    /** The text in another case, sometimes. */
    private String variant(String text) {
        return switch (random.nextInt(3)) {
            case 0 -> text.toUpperCase(Locale.ROOT);
            case 1 -> text.toLowerCase(Locale.ROOT);
            default -> text;
        };
    }

    private static double durationMillis(String iso) {
        return io.tracksearch.model.WorkDuration.parse(iso).orElseThrow();
    }

    private long dateBound() {
        if (random.nextBoolean()) {
            return io.tracksearch.model.FieldValues.dateMillis(date());
        }
        return BASE_MILLIS + (long) (random.nextDouble() * YEAR_MILLIS);
    }

    public IssueSort sort() {
        List<IssueField> sortable = IssueField.standardFields().stream().filter(IssueSort::isSortable).toList();
        List<IssueSort.Key> keys = new ArrayList<>();
        int size = random.nextInt(4);
        for (int i = 0; i < size; i++) {
            keys.add(new IssueSort.Key(pick(sortable), random.nextBoolean()));
        }
        return new IssueSort(keys);
    }
}
