package io.tracksearch.store.lucene;

import io.tracksearch.error.ErrorCode;
import io.tracksearch.error.TrackerException;
import io.tracksearch.model.Issue;
import io.tracksearch.model.IssueField;
import io.tracksearch.model.Queue;
import io.tracksearch.store.Condition;
import io.tracksearch.store.IssueSort;
import io.tracksearch.store.TestUsers;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A full disk under the embedded store (through {@link DiskFullDirectory}, so it runs anywhere): writes
 * fail with INSUFFICIENT_STORAGE while reads go on, Lucene's writer, closed by the failure, is reopened
 * once space is back, nothing acknowledged is lost and the index checks clean.
 */
class DiskFullTest {
    @TempDir
    Path directory;

    @Test
    void fullDiskRefusesWritesKeepsReadsAndRecoversWhenFreed() throws Exception {
        List<String> acknowledged = new ArrayList<>();
        DiskFullDirectory disk = new DiskFullDirectory(FSDirectory.open(directory));
        try (LuceneIssueStore store = new LuceneIssueStore(disk, TestUsers.DEFAULT)) {
            store.createQueue(new Queue(0, "FULL", 1, "Full", null, 1001, "task", "normal", List.of()));
            for (int i = 0; i < 5; i++) {
                acknowledged.add(create(store, "before " + i).key());
            }

            disk.fill();
            for (int i = 0; i < 4; i++) {
                TrackerException refused = assertThrows(TrackerException.class, () -> create(store, "while full"));
                assertEquals(ErrorCode.INSUFFICIENT_STORAGE, refused.code(), refused.toString());
                Issue first = store.get(acknowledged.getFirst()).orElseThrow();
                TrackerException edit = assertThrows(TrackerException.class, () -> store.update(renamed(first, "edited while full"), first.version()));
                assertEquals(ErrorCode.INSUFFICIENT_STORAGE, edit.code(), edit.toString());
                assertEquals(acknowledged, keys(store), "reads go on while the disk is full");
            }

            disk.free();
            acknowledged.add(create(store, "after").key());
            Issue first = store.get(acknowledged.getFirst()).orElseThrow();
            store.update(renamed(first, "edited after"), first.version());
            assertEquals("edited after", store.get(acknowledged.getFirst()).orElseThrow().summary());
            assertTrue(keys(store).containsAll(acknowledged));
        }

        ByteArrayOutputStream report = new ByteArrayOutputStream();
        try (FSDirectory reopened = FSDirectory.open(directory); CheckIndex check = new CheckIndex(reopened)) {
            check.setInfoStream(new PrintStream(report, true, StandardCharsets.UTF_8));
            assertTrue(check.checkIndex().clean, report.toString(StandardCharsets.UTF_8));
        }
        try (LuceneIssueStore store = new LuceneIssueStore(directory, TestUsers.DEFAULT)) {
            assertTrue(keys(store).containsAll(acknowledged), "acknowledged writes survive a restart: " + keys(store));
            assertEquals("edited after", store.get(acknowledged.getFirst()).orElseThrow().summary());
            long next = store.allocateNumber("FULL");
            assertTrue(acknowledged.stream().allMatch(key -> Issue.numberOf(key) < next), "no key is reused: FULL-" + next);
        }
    }

    private static Issue create(LuceneIssueStore store, String summary) {
        Issue issue = LuceneIssueStoreTest.issue("FULL-" + store.allocateNumber("FULL"), summary);
        store.create(issue);
        return issue;
    }

    private static Issue renamed(Issue issue, String summary) {
        return issue.toBuilder().set(IssueField.SUMMARY, summary).version(issue.version() + 1).build();
    }

    private static List<String> keys(LuceneIssueStore store) {
        return store.search(new Condition.MatchAll(), IssueSort.BY_KEY, 0, 1000).issues().stream().map(Issue::key).toList();
    }
}
