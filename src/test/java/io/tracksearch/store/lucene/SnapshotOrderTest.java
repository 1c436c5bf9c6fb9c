package io.tracksearch.store.lucene;

import io.tracksearch.model.Issue;
import io.tracksearch.model.IssueField;
import io.tracksearch.store.Condition;
import io.tracksearch.store.ConditionEvaluator;
import io.tracksearch.store.IssueSort;
import io.tracksearch.store.RandomIssues;
import io.tracksearch.store.Snapshot;
import io.tracksearch.store.TestUsers;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
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
 * Sorted snapshots collected without Lucene's all-hits collector: update order as a merge of the sorted
 * segments (IndexOrderMerge), key order in buckets per queue (KeyOrderBuckets). Each must equal a
 * complete sort.
 */
class SnapshotOrderTest {
    private static final IssueSort BY_UPDATE = new IssueSort(List.of(new IssueSort.Key(IssueField.UPDATED_AT, true)));

    @TempDir
    Path directory;

    private static List<String> keys(List<Issue> issues) {
        return issues.stream().map(Issue::key).toList();
    }

    /**
     * Issues in many segments, update times equal across segments (the key decides), issues without one,
     * then edits and deletes after the segments were written; {@code issues} is left as the store holds them.
     */
    static void fill(LuceneIssueStore store, List<Issue> issues, Random random) {
        for (Issue issue : new RandomIssues(random, TestUsers.DEFAULT.uids()).issues(3_000)) {
            Issue.Builder builder = issue.toBuilder();
            switch (random.nextInt(4)) {
                case 0 -> builder.remove(IssueField.UPDATED_AT);
                case 1 -> builder.set(IssueField.UPDATED_AT, RandomIssues.BASE_MILLIS + random.nextInt(3));
                default -> { }
            }
            issues.add(builder.build());
        }
        for (int from = 0; from < issues.size(); from += 500) {
            store.importIssues(issues.subList(from, from + 500));   // one segment each
        }
        for (int i = 0; i < 60; i++) {
            int at = random.nextInt(issues.size());
            if (i % 3 == 0) {
                store.delete(issues.remove(at).key());
            } else {
                Issue edited = issues.get(at).toBuilder().version(issues.get(at).version() + 1)
                        .set(IssueField.UPDATED_AT, RandomIssues.BASE_MILLIS + random.nextInt(3)).build();
                store.update(edited, issues.get(at).version());
                issues.set(at, edited);
            }
        }
    }

    private static void assertSnapshotsEqualACompleteSort(LuceneIssueStore store, List<Issue> issues, IssueSort sort, long seed) {
        for (Condition condition : List.of(new Condition.MatchAll(), new Condition.AnyOf(IssueField.QUEUE, List.of("TREK", "DOC")))) {
            List<Issue> expected = ConditionEvaluator.search(issues, condition, sort, TestUsers.DEFAULT);
            try (Snapshot snapshot = store.openSnapshot(condition, sort)) {
                assertEquals(expected.size(), snapshot.size(), "seed " + seed);
                assertEquals(keys(expected), keys(snapshot.read(0, expected.size())), "seed " + seed + ", " + condition + ", " + sort);
            }
        }
    }

    @Test
    void aSnapshotInUpdateOrderEqualsACompleteSort() throws IOException {
        long seed = new Random().nextLong();
        List<Issue> issues = new ArrayList<>();
        try (LuceneIssueStore store = new LuceneIssueStore(directory, TestUsers.DEFAULT)) {
            fill(store, issues, new Random(seed));
            try (var reader = DirectoryReader.open(FSDirectory.open(directory))) {
                assertTrue(reader.leaves().size() > 1, "several segments");
                assertTrue(IndexOrderMerge.serves(new IndexSearcher(reader), LuceneSorts.INDEX_SORT));
            }
            assertSnapshotsEqualACompleteSort(store, issues, BY_UPDATE, seed);
        }
    }

    /** Key order in both directions, also with keys after the key (which never decide), and the default order. */
    @Test
    void aSnapshotInKeyOrderEqualsACompleteSort() {
        long seed = new Random().nextLong();
        List<Issue> issues = new ArrayList<>();
        try (LuceneIssueStore store = new LuceneIssueStore(directory, TestUsers.DEFAULT)) {
            fill(store, issues, new Random(seed));
            for (IssueSort sort : List.of(IssueSort.BY_KEY, new IssueSort(List.of(new IssueSort.Key(IssueField.KEY, false))),
                    new IssueSort(List.of(new IssueSort.Key(IssueField.KEY, true), new IssueSort.Key(IssueField.SUMMARY, false))))) {
                assertTrue(KeyOrderBuckets.serves(LuceneSorts.toSort(sort)));
                assertSnapshotsEqualACompleteSort(store, issues, sort, seed);
            }
            IssueSort byQueueDescending = new IssueSort(List.of(new IssueSort.Key(IssueField.QUEUE, true)));
            assertEquals(false, KeyOrderBuckets.serves(LuceneSorts.toSort(byQueueDescending)));   // numbers ascending within
            assertSnapshotsEqualACompleteSort(store, issues, byQueueDescending, seed);
        }
    }

    /** One whole-number field (dates, catalogue weights; many missing, many equal), either way, then the key. */
    @Test
    void aSnapshotInOneNumericFieldThenKeyEqualsACompleteSort() {
        long seed = new Random().nextLong();
        List<Issue> issues = new ArrayList<>();
        try (LuceneIssueStore store = new LuceneIssueStore(directory, TestUsers.DEFAULT)) {
            fill(store, issues, new Random(seed));
            for (IssueField field : List.of(IssueField.UPDATED_AT, IssueField.CREATED_AT, IssueField.DEADLINE, IssueField.RESOLVED_AT,
                    IssueField.PRIORITY, IssueField.STATUS)) {
                for (boolean descending : new boolean[] {false, true}) {
                    IssueSort sort = new IssueSort(List.of(new IssueSort.Key(field, descending)));
                    if (!(field.equals(IssueField.UPDATED_AT) && descending)) {   // that one is the index sort's merge
                        assertTrue(NumericFirstOrder.serves(LuceneSorts.toSort(sort)), sort.toString());
                    }
                    assertSnapshotsEqualACompleteSort(store, issues, sort, seed);
                }
            }
            IssueSort twoFields = new IssueSort(List.of(new IssueSort.Key(IssueField.PRIORITY, true), new IssueSort.Key(IssueField.UPDATED_AT, false)));
            assertEquals(false, NumericFirstOrder.serves(LuceneSorts.toSort(twoFields)));
            assertSnapshotsEqualACompleteSort(store, issues, twoFields, seed);
        }
    }

    /** A number too large to pack beside a doc id: the snapshot is ordered by Lucene's collector, still right. */
    @Test
    void aKeyOrderWithHugeIssueNumbersIsStillRight() {
        List<Issue> issues = new ArrayList<>();
        for (long number : new long[] {5_000_000_000L, 7, 4_294_967_296L, 12}) {
            issues.add(LuceneIssueStoreTest.issue("TREK-" + number, "n" + number));
        }
        try (LuceneIssueStore store = new LuceneIssueStore(directory, TestUsers.DEFAULT)) {
            store.importIssues(issues);
            try (Snapshot snapshot = store.openSnapshot(new Condition.MatchAll(), IssueSort.BY_KEY)) {
                assertEquals(List.of("TREK-7", "TREK-12", "TREK-4294967296", "TREK-5000000000"), keys(snapshot.read(0, 10)));
            }
        }
    }

    /** Only the index sort, and only where every segment is kept in it, is merged; other orders are Lucene's. */
    @Test
    void servesOnlyTheIndexSortOnSortedSegments() throws IOException {
        try (LuceneIssueStore store = new LuceneIssueStore(directory, TestUsers.DEFAULT)) {
            store.importIssues(new RandomIssues(new Random(1), TestUsers.DEFAULT.uids()).issues(10));
        }
        try (var reader = DirectoryReader.open(FSDirectory.open(directory))) {
            IndexSearcher searcher = new IndexSearcher(reader);
            assertTrue(IndexOrderMerge.serves(searcher, LuceneSorts.toSort(BY_UPDATE)));
            assertEquals(false, IndexOrderMerge.serves(searcher,
                    LuceneSorts.toSort(new IssueSort(List.of(new IssueSort.Key(IssueField.UPDATED_AT, false))))));
            assertEquals(reader.numDocs(), IndexOrderMerge.collect(searcher, new MatchAllDocsQuery()).length);
        }
    }
}
