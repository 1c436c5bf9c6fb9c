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

/** Snapshots in update order are a merge of the sorted segments' matches (IndexOrderMerge). */
class IndexOrderMergeTest {
    private static final IssueSort BY_UPDATE = new IssueSort(List.of(new IssueSort.Key(IssueField.UPDATED_AT, true)));

    @TempDir
    Path directory;

    private static List<String> keys(List<Issue> issues) {
        return issues.stream().map(Issue::key).toList();
    }

    /**
     * Many segments, update times equal across segments (the key decides), issues without one (last),
     * edits and deletes after the segments were written: the snapshot's order is the complete sort's.
     */
    @Test
    void aSnapshotInUpdateOrderEqualsACompleteSort() throws IOException {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        List<Issue> issues = new ArrayList<>();
        for (Issue issue : new RandomIssues(random, TestUsers.DEFAULT.uids()).issues(3_000)) {
            Issue.Builder builder = issue.toBuilder();
            switch (random.nextInt(4)) {
                case 0 -> builder.remove(IssueField.UPDATED_AT);
                case 1 -> builder.set(IssueField.UPDATED_AT, RandomIssues.BASE_MILLIS + random.nextInt(3));
                default -> { }
            }
            issues.add(builder.build());
        }
        try (LuceneIssueStore store = new LuceneIssueStore(directory, TestUsers.DEFAULT)) {
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
            try (var reader = DirectoryReader.open(FSDirectory.open(directory))) {
                assertTrue(reader.leaves().size() > 1, "several segments");
                assertTrue(IndexOrderMerge.serves(new IndexSearcher(reader), LuceneSorts.INDEX_SORT));
            }
            for (Condition condition : List.of(new Condition.MatchAll(), new Condition.AnyOf(IssueField.QUEUE, List.of("TREK", "DOC")))) {
                List<Issue> expected = ConditionEvaluator.search(issues, condition, BY_UPDATE, TestUsers.DEFAULT);
                try (Snapshot snapshot = store.openSnapshot(condition, BY_UPDATE)) {
                    assertEquals(expected.size(), snapshot.size(), "seed " + seed);
                    assertEquals(keys(expected), keys(snapshot.read(0, expected.size())), "seed " + seed + ", " + condition);
                }
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
