package io.tracksearch.store.lucene;

import io.tracksearch.model.Issue;
import io.tracksearch.model.IssueField;
import io.tracksearch.store.Condition;
import io.tracksearch.store.ConditionEvaluator;
import io.tracksearch.store.IssuePage;
import io.tracksearch.store.IssueSort;
import io.tracksearch.store.TestUsers;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pages in key order chosen by packed keys in memory (KeyOrderPage over SortColumns): each page and its total
 * must equal a complete sort, in both directions, across segments, edits and deletes, on first and deep pages.
 */
class KeyOrderPageTest {
    @TempDir
    Path directory;

    private static List<String> keys(List<Issue> issues) {
        return issues.stream().map(Issue::key).toList();
    }

    @Test
    void pagesInKeyOrderEqualACompleteSort() throws IOException {
        long seed = new Random().nextLong();
        List<Issue> issues = new ArrayList<>();
        try (LuceneIssueStore store = new LuceneIssueStore(directory, TestUsers.DEFAULT)) {
            SnapshotOrderTest.fill(store, issues, new Random(seed));
            // segments whose queues are not all the index's: a segment's first queue need not be the first
            for (String queue : List.of("MMM", "AAA")) {
                List<Issue> batch = new ArrayList<>();
                for (int number = 1; number <= 40; number++) {
                    batch.add(LuceneIssueStoreTest.issue(queue + "-" + number, queue + " " + number));
                }
                store.importIssues(batch);
                issues.addAll(batch);
            }
            try (var reader = DirectoryReader.open(FSDirectory.open(directory))) {
                assertTrue(reader.leaves().size() > 1, "several segments");
            }
            // queues the query's structure restricts the scan to (QueueRestriction): one queue ranked after others,
            // two, one within a conjunction, one of a disjunction of queues; a negated queue restricts nothing
            Condition mmm = new Condition.AnyOf(IssueField.QUEUE, List.of("MMM"));
            List<Condition> conditions = List.of(new Condition.MatchAll(), new Condition.AnyOf(IssueField.QUEUE, List.of("TREK", "DOC")),
                    new Condition.AnyOf(IssueField.PRIORITY, List.of("blocker")), mmm,
                    new Condition.And(List.of(new Condition.AnyOf(IssueField.QUEUE, List.of("TREK")), new Condition.Not(
                            new Condition.AnyOf(IssueField.PRIORITY, List.of("blocker"))))),
                    new Condition.Or(List.of(mmm, new Condition.AnyOf(IssueField.QUEUE, List.of("TREK")))),
                    new Condition.Not(new Condition.AnyOf(IssueField.QUEUE, List.of("AAA", "DOC"))));
            for (IssueSort sort : List.of(IssueSort.BY_KEY, new IssueSort(List.of(new IssueSort.Key(IssueField.KEY, true))),
                    new IssueSort(List.of(new IssueSort.Key(IssueField.KEY, false), new IssueSort.Key(IssueField.SUMMARY, true))))) {
                assertTrue(KeyOrderBuckets.serves(LuceneSorts.toSort(sort)));
                for (Condition condition : conditions) {
                    List<Issue> expected = ConditionEvaluator.search(issues, condition, sort, TestUsers.DEFAULT);
                    // first pages, a page across a remembered position, then deep pages that continue from one
                    for (int[] page : new int[][] {{0, 50}, {0, 1}, {7, 13}, {230, 50}, {520, 50}, {1_000, 30}, {expected.size() - 3, 10}}) {
                        int offset = Math.max(0, page[0]);
                        IssuePage actual = store.search(condition, sort, offset, page[1]);
                        String context = "seed " + seed + ", " + condition + ", " + sort + ", offset " + offset;
                        assertEquals(expected.size(), actual.totalCount(), context);
                        assertEquals(keys(expected.subList(Math.min(offset, expected.size()), Math.min(offset + page[1], expected.size()))),
                                keys(actual.issues()), context);
                    }
                }
            }
        }
    }

    /** Numbers too large to pack: the page is Lucene's collector's, still right. */
    @Test
    void hugeIssueNumbersAreStillInOrder() {
        List<Issue> issues = new ArrayList<>();
        for (long number : new long[] {5_000_000_000L, 7, 4_294_967_296L, 12}) {
            issues.add(LuceneIssueStoreTest.issue("TREK-" + number, "n" + number));
        }
        issues.add(LuceneIssueStoreTest.issue("DOC-3", "d"));
        try (LuceneIssueStore store = new LuceneIssueStore(directory, TestUsers.DEFAULT)) {
            store.importIssues(issues);
            IssuePage page = store.search(new Condition.MatchAll(), IssueSort.BY_KEY, 0, 3);
            assertEquals(List.of("DOC-3", "TREK-7", "TREK-12"), keys(page.issues()));
            assertEquals(5, page.totalCount());
            IssuePage descending = store.search(new Condition.MatchAll(), new IssueSort(List.of(new IssueSort.Key(IssueField.KEY, true))), 0, 2);
            assertEquals(List.of("TREK-5000000000", "TREK-4294967296"), keys(descending.issues()));
        }
    }
}
