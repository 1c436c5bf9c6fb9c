package io.tracksearch.store.lucene;

import io.tracksearch.model.Issue;
import io.tracksearch.store.Condition;
import io.tracksearch.store.ConditionEvaluator;
import io.tracksearch.store.IssuePage;
import io.tracksearch.store.IssueSort;
import io.tracksearch.store.RandomIssues;
import io.tracksearch.store.Snapshot;
import io.tracksearch.store.TestUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lucene against the in-memory oracle: 2,000 random issues, 600 random condition trees with random
 * sorts and pages. Keys in order and totals must be equal. Set -Doracle.seed=N to replay a failure.
 */
class LuceneOracleTest {
    private static final int ISSUES = 2_000;
    private static final int QUERIES = 600;

    @TempDir
    Path directory;

    @Test
    void luceneAgreesWithTheEvaluator() {
        long seed = Long.getLong("oracle.seed", new Random().nextLong());
        try {
            run(seed);
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("oracle test failed with seed " + seed + " (rerun with -Doracle.seed=" + seed + ")", e);
        }
    }

    private void run(long seed) {
        Random random = new Random(seed);
        RandomIssues generator = new RandomIssues(random, TestUsers.DEFAULT.uids());
        List<Issue> issues = generator.issues(ISSUES);
        // Uniques must be unique for create(): drop later duplicates.
        List<Issue> distinct = new ArrayList<>();
        var uniques = new HashSet<String>();
        for (Issue issue : issues) {
            if (issue.unique() == null || uniques.add(issue.unique())) {
                distinct.add(issue);
            }
        }
        try (LuceneIssueStore store = new LuceneIssueStore(directory, TestUsers.DEFAULT)) {
            // Most by import, some by create, so both write paths are checked.
            int imported = distinct.size() * 9 / 10;
            store.importIssues(distinct.subList(0, imported));
            for (Issue issue : distinct.subList(imported, distinct.size())) {
                store.create(issue);
            }
            int partial = 0; // queries matching some but not all issues: the ones that tell backends apart
            for (int query = 0; query < QUERIES; query++) {
                Condition condition = generator.condition(distinct, 3);
                IssueSort sort = generator.sort();
                List<String> expected = keys(ConditionEvaluator.search(distinct, condition, sort, TestUsers.DEFAULT));
                if (!expected.isEmpty() && expected.size() < distinct.size()) {
                    partial++;
                }
                int offset = random.nextInt(4) == 0 ? 0 : random.nextInt(expected.size() + 10);
                int limit = 1 + random.nextInt(random.nextBoolean() ? 10 : 200);
                IssuePage page = store.search(condition, sort, offset, limit);
                String context = "query " + query + ": " + condition + " sort " + sort + " offset " + offset + " limit " + limit;
                assertEquals(expected.size(), page.totalCount(), "total of " + context);
                assertEquals(expected.subList(Math.min(offset, expected.size()), Math.min(offset + limit, expected.size())),
                        keys(page.issues()), "page of " + context);
                assertEquals(expected.size(), store.count(condition), "count of " + context);
                if (query % 20 == 0) {
                    try (Snapshot snapshot = store.openSnapshot(condition, sort)) {
                        assertEquals(expected, keys(snapshot.read(0, Integer.MAX_VALUE)), "snapshot of " + context);
                    }
                    try (Snapshot snapshot = store.openSnapshot(condition, null)) {
                        assertEquals(new HashSet<>(expected), new HashSet<>(keys(snapshot.read(0, Integer.MAX_VALUE))),
                                "unsorted snapshot of " + context);
                        assertEquals(expected.size(), snapshot.size());
                    }
                }
            }
            assertTrue(partial > QUERIES / 3, "too few selective queries: " + partial);
        }
    }

    private static List<String> keys(List<Issue> issues) {
        return issues.stream().map(Issue::key).toList();
    }
}
