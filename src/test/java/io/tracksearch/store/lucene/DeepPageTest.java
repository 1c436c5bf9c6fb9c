package io.tracksearch.store.lucene;

import io.tracksearch.model.Issue;
import io.tracksearch.model.IssueField;
import io.tracksearch.store.Condition;
import io.tracksearch.store.ConditionEvaluator;
import io.tracksearch.store.IssuePage;
import io.tracksearch.store.IssueSort;
import io.tracksearch.store.RandomIssues;
import io.tracksearch.store.TestUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Deep pages continue from remembered positions of the same result ({@link PageBoundaries}): pages at
 * random offsets, in random order, of random conditions and sorts over 6,000 issues, with writes in
 * between that must void what was remembered, each compared with the in-memory oracle. Set
 * -Doracle.seed=N to replay a failure.
 */
class DeepPageTest {
    private static final int ISSUES = 6_000;

    @TempDir
    Path directory;

    @Test
    void deepPagesEqualTheOracleAcrossWrites() {
        long seed = Long.getLong("oracle.seed", new Random().nextLong());
        try {
            run(seed);
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("deep page test failed with seed " + seed + " (rerun with -Doracle.seed=" + seed + ")", e);
        }
    }

    private void run(long seed) {
        Random random = new Random(seed);
        RandomIssues generator = new RandomIssues(random, TestUsers.DEFAULT.uids());
        List<Issue> issues = new ArrayList<>();
        var uniques = new HashSet<String>();
        for (Issue issue : generator.issues(ISSUES)) {
            if (issue.unique() == null || uniques.add(issue.unique())) {
                issues.add(issue);
            }
        }
        try (LuceneIssueStore store = new LuceneIssueStore(directory, TestUsers.DEFAULT)) {
            store.importIssues(issues);
            List<Condition> conditions = new ArrayList<>(List.of(new Condition.MatchAll()));
            // numbers many issues share (ranked by RankFirstOrder, the total counted apart when it skips), and
            // catalogs value by value (CatalogFirstOrder: the sort values deep pages continue from are its own)
            List<IssueSort> sorts = new ArrayList<>(List.of(IssueSort.BY_KEY,
                    new IssueSort(List.of(new IssueSort.Key(IssueField.STORY_POINTS, true))),
                    new IssueSort(List.of(new IssueSort.Key(IssueField.VOTES, false))),
                    new IssueSort(List.of(new IssueSort.Key(IssueField.PRIORITY, true), new IssueSort.Key(IssueField.STATUS, false))),
                    new IssueSort(List.of(new IssueSort.Key(IssueField.RESOLUTION, false)))));
            for (int i = 0; i < 5; i++) {
                conditions.add(generator.condition(issues, 1));
                sorts.add(generator.sort());
            }
            for (int round = 0; round < 300; round++) {
                if (round % 50 == 49) {
                    // a write: positions remembered on the old reader must not be used any more
                    Issue changed = issues.get(random.nextInt(issues.size()));
                    Issue updated = changed.toBuilder().set(IssueField.SUMMARY, generator.text(3)).version(changed.version() + 1).build();
                    store.update(updated, changed.version());
                    issues.set(issues.indexOf(changed), updated);
                }
                Condition condition = conditions.get(random.nextInt(conditions.size()));
                IssueSort sort = sorts.get(random.nextInt(sorts.size()));
                List<String> expected = ConditionEvaluator.search(issues, condition, sort, TestUsers.DEFAULT).stream().map(Issue::key).toList();
                int offset = random.nextInt(expected.size() + 50);
                int limit = 1 + random.nextInt(random.nextBoolean() ? 50 : 1500);
                IssuePage page = store.search(condition, sort, offset, limit);
                String context = "round " + round + ": " + condition + " sort " + sort + " offset " + offset + " limit " + limit;
                assertEquals(expected.size(), page.totalCount(), "total of " + context);
                assertEquals(expected.subList(Math.min(offset, expected.size()), Math.min(offset + limit, expected.size())),
                        page.issues().stream().map(Issue::key).toList(), "page of " + context);
            }
        }
    }
}
