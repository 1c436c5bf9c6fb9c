package io.tracksearch.store.lucene;

import io.tracksearch.error.ErrorCode;
import io.tracksearch.error.Message;
import io.tracksearch.error.TrackerException;
import io.tracksearch.model.Issue;
import io.tracksearch.model.IssueField;
import io.tracksearch.model.Queue;
import io.tracksearch.store.Condition;
import io.tracksearch.store.ConditionEvaluator;
import io.tracksearch.store.IssuePage;
import io.tracksearch.store.IssueSort;
import io.tracksearch.store.RandomIssues;
import io.tracksearch.store.Snapshot;
import io.tracksearch.store.TestUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LuceneIssueStoreTest {
    @TempDir
    Path directory;

    /** A plain open task; the store tests of this package build issues with it. */
    static Issue issue(String key, String summary) {
        return new Issue.Builder().key(key).id(String.format("%024x", Math.abs((long) key.hashCode()))).version(1)
                .set(IssueField.SUMMARY, summary)
                .set(IssueField.TYPE, "task")
                .set(IssueField.PRIORITY, "normal")
                .set(IssueField.STATUS, "open")
                .set(IssueField.CREATED_BY, 1001L)
                .set(IssueField.UPDATED_BY, 1001L)
                .set(IssueField.CREATED_AT, 1_700_000_000_000L)
                .set(IssueField.UPDATED_AT, 1_700_000_000_000L)
                .set(IssueField.STATUS_START_TIME, 1_700_000_000_000L)
                .build();
    }

    private static Issue withUnique(Issue issue, String unique) {
        return issue.toBuilder().set(IssueField.UNIQUE, unique).build();
    }

    private static List<String> keys(List<Issue> issues) {
        return issues.stream().map(Issue::key).toList();
    }

    private static List<String> sorted(LuceneIssueStore store, IssueSort.Key... keys) {
        return keys(store.search(new Condition.MatchAll(), new IssueSort(List.of(keys)), 0, 100).issues());
    }

    /**
     * The content version (what the search cache keys on) stays while nothing is written and changes with
     * every kind of write: issues through the reader, queues and objects (kept in memory) through their count.
     */
    @Test
    void contentVersionChangesWithEveryWriteAndOnlyThen() {
        try (LuceneIssueStore store = new LuceneIssueStore(directory, TestUsers.DEFAULT)) {
            java.util.Set<Object> seen = new java.util.HashSet<>();
            Object version = store.contentVersion().orElseThrow();
            assertEquals(version, store.contentVersion().orElseThrow());
            seen.add(version);
            List<Runnable> writes = List.of(
                    () -> store.createQueue(new Queue(0, "TREK", 1, "Trek", null, 1001, "task", "normal", List.of())),
                    () -> store.updateQueue("TREK", queue -> new Queue(queue.id(), queue.key(), queue.version() + 1, "Renamed", null,
                            queue.lead(), queue.defaultType(), queue.defaultPriority(), queue.components())),
                    () -> store.create(issue("TREK-1", "first")),
                    () -> store.update(issue("TREK-1", "edited").toBuilder().version(2).build(), 1),
                    () -> store.importIssues(List.of(issue("TREK-2", "second"))),
                    () -> store.delete("TREK-2"),
                    () -> store.objects().create("version", new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("name", "1.0")));
            for (Runnable write : writes) {
                write.run();
                Object after = store.contentVersion().orElseThrow();
                assertTrue(seen.add(after), "a version seen before, after write " + seen.size());
                store.search(new Condition.MatchAll(), IssueSort.BY_KEY, 0, 10);
                assertEquals(after, store.contentVersion().orElseThrow(), "a read changed the version");
            }
        }
    }

    /** Custom field definitions: a second with one id is a conflict, and a reopened store has them in creation order. */
    @Test
    void customFieldsSurviveAReopenInCreationOrder() {
        List<String> ids = List.of("team", "reviewers", "area");
        try (LuceneIssueStore store = new LuceneIssueStore(directory, TestUsers.DEFAULT)) {
            for (int i = 0; i < ids.size(); i++) {
                store.createField(new io.tracksearch.model.CustomField(ids.get(i), ids.get(i), null, ids.get(i), null,
                        io.tracksearch.model.CustomField.TYPE_PREFIX + "StringFieldType", false, List.of(), null, null, false, i + 1));
            }
            TrackerException twice = assertThrows(TrackerException.class, () -> store.createField(store.customFields().getFirst()));
            assertEquals(io.tracksearch.error.ErrorCode.CONFLICT, twice.code());
            assertTrue(store.fields().byId("area").isPresent());
        }
        try (LuceneIssueStore store = new LuceneIssueStore(directory, TestUsers.DEFAULT)) {
            assertEquals(ids, store.customFields().stream().map(io.tracksearch.model.CustomField::id).toList());
            assertTrue(store.fields().byId("reviewers").isPresent());
        }
    }

    /** getAll: the current version of each existing key across segments, unknown and deleted keys left out. */
    @Test
    void getAllReadsTheCurrentIssuesOfTheKeysThatExist() {
        try (LuceneIssueStore store = new LuceneIssueStore(directory, TestUsers.DEFAULT)) {
            store.importIssues(List.of(issue("TREK-1", "first"), issue("TREK-2", "second"), issue("TREK-3", "third")));
            store.create(issue("DOC-1", "in a later segment"));
            Issue edited = issue("TREK-2", "second, edited").toBuilder().version(2).build();
            store.update(edited, 1);
            store.delete("TREK-3");
            var found = store.getAll(List.of("TREK-1", "TREK-2", "TREK-3", "DOC-1", "NOPE-1"));
            assertEquals(java.util.Set.of("TREK-1", "TREK-2", "DOC-1"), found.keySet());
            assertEquals(edited, found.get("TREK-2"));
            assertEquals("in a later segment", found.get("DOC-1").summary());
            assertEquals(java.util.Map.of(), store.getAll(List.of()));
        }
    }

    @Test
    void summariesAgreeWithTheIssuesAcrossSegmentsEditsAndDeletes() {
        try (LuceneIssueStore store = new LuceneIssueStore(directory, TestUsers.DEFAULT)) {
            String tooLongForDocValues = "long ".repeat(7_000); // read from the issue instead
            store.importIssues(List.of(issue("TREK-1", "first\nwith a newline, ünïcode"), issue("TREK-2", "second"),
                    issue("TREK-3", "third"), issue("TREK-4", tooLongForDocValues)));
            store.create(issue("DOC-1", "in a later segment"));
            store.update(issue("TREK-2", "second, edited").toBuilder().version(2).build(), 1);
            store.delete("TREK-3");
            List<String> keys = List.of("DOC-1", "TREK-4", "TREK-3", "TREK-2", "NOPE-1", "TREK-1");
            var summaries = store.summaries(keys);
            var issues = store.getAll(keys);
            assertEquals(issues.keySet(), summaries.keySet());
            issues.forEach((key, issue) -> assertEquals(new io.tracksearch.store.IssueSummary(issue.id(), issue.summary()),
                    summaries.get(key), key));
            assertEquals("second, edited", summaries.get("TREK-2").summary());
            assertEquals(tooLongForDocValues, summaries.get("TREK-4").summary());
            assertEquals(java.util.Map.of(), store.summaries(List.of()));
        }
    }

    @Test
    void createGetAndSearchSeeTheWriteAtOnce() {
        try (LuceneIssueStore store = new LuceneIssueStore(directory, TestUsers.DEFAULT)) {
            Issue issue = withUnique(issue("TREK-1", "Login page crashes"), "u-1");
            store.create(issue);
            assertEquals(issue, store.get("TREK-1").orElseThrow());
            assertEquals(issue, store.getById(issue.id()).orElseThrow());
            assertEquals(issue, store.findByUnique("u-1").orElseThrow());
            assertEquals(1, store.count(new Condition.TextMatch(IssueField.SUMMARY, "crash")));
            assertEquals(List.of(issue), store.search(new Condition.MatchAll(), IssueSort.BY_KEY, 0, 10).issues());
            assertTrue(store.get("TREK-2").isEmpty());
        }
    }

    @Test
    void keyOrderIsNumericWithinAQueue() {
        try (LuceneIssueStore store = new LuceneIssueStore(directory, TestUsers.DEFAULT)) {
            store.importIssues(List.of(issue("TREK-10", "x"), issue("TREK-2", "x"), issue("ABC-3", "x"), issue("TREK-1", "x")));
            assertEquals(List.of("ABC-3", "TREK-1", "TREK-2", "TREK-10"), sorted(store));
            assertEquals(List.of("TREK-10", "TREK-2", "TREK-1", "ABC-3"), sorted(store, new IssueSort.Key(IssueField.KEY, true)));
        }
    }

    @Test
    void stringsSortCaseInsensitivelyThenByOriginalWithMissingLast() {
        try (LuceneIssueStore store = new LuceneIssueStore(directory, TestUsers.DEFAULT)) {
            Issue b = issue("Q-1", "b");
            Issue upperA = issue("Q-2", "A");
            Issue lowerA = issue("Q-3", "a");
            Issue.Builder noDescription = issue("Q-4", "c").toBuilder();
            store.importIssues(List.of(b, upperA, lowerA, noDescription.build()));
            assertEquals(List.of("Q-2", "Q-3", "Q-1", "Q-4"), sorted(store, new IssueSort.Key(IssueField.SUMMARY, false)));
            assertEquals(List.of("Q-4", "Q-1", "Q-3", "Q-2"), sorted(store, new IssueSort.Key(IssueField.SUMMARY, true)));

            for (Issue issue : List.of(b, upperA, lowerA)) {
                Issue.Builder builder = issue.toBuilder();
                builder.set(IssueField.DESCRIPTION, issue.summary() + " text");
                builder.version(2);
                store.update(builder.build(), 1);
            }
            // Q-4 has no description: last in both directions.
            assertEquals(List.of("Q-2", "Q-3", "Q-1", "Q-4"), sorted(store, new IssueSort.Key(IssueField.DESCRIPTION, false)));
            assertEquals(List.of("Q-1", "Q-3", "Q-2", "Q-4"), sorted(store, new IssueSort.Key(IssueField.DESCRIPTION, true)));
        }
    }

    @Test
    void missingValuesSortLastInBothDirectionsForEveryKind() {
        try (LuceneIssueStore store = new LuceneIssueStore(directory, TestUsers.DEFAULT)) {
            Issue.Builder full = issue("Q-1", "x").toBuilder();
            full.set(IssueField.ASSIGNEE, 1002L);
            full.set(IssueField.RESOLUTION, "wontFix");
            full.set(IssueField.RESOLVED_AT, 5L);
            full.set(IssueField.DEADLINE, "2024-01-01");
            full.set(IssueField.STORY_POINTS, 3.0);
            full.setStrings(IssueField.TAGS, List.of("b"));
            Issue.Builder low = issue("Q-2", "x").toBuilder();
            low.set(IssueField.ASSIGNEE, 1001L);
            low.set(IssueField.RESOLUTION, "fixed");
            low.set(IssueField.RESOLVED_AT, 1L);
            low.set(IssueField.DEADLINE, "2023-01-01");
            low.set(IssueField.STORY_POINTS, 1.0);
            low.setStrings(IssueField.TAGS, List.of("a"));
            Issue empty = issue("Q-3", "x");
            store.importIssues(List.of(empty, full.build(), low.build()));
            for (IssueField field : List.of(IssueField.ASSIGNEE, IssueField.RESOLUTION, IssueField.RESOLVED_AT,
                    IssueField.DEADLINE, IssueField.STORY_POINTS, IssueField.TAGS)) {
                assertEquals(List.of("Q-2", "Q-1", "Q-3"), sorted(store, new IssueSort.Key(field, false)), field + " ascending");
                assertEquals(List.of("Q-1", "Q-2", "Q-3"), sorted(store, new IssueSort.Key(field, true)), field + " descending");
            }
        }
    }

    @Test
    void listFieldsSortBySmallestAscendingAndLargestDescending() {
        try (LuceneIssueStore store = new LuceneIssueStore(directory, TestUsers.DEFAULT)) {
            Issue.Builder wide = issue("Q-1", "x").toBuilder();
            wide.setStrings(IssueField.TAGS, List.of("m", "A", "z"));            // min a, max z
            Issue.Builder middle = issue("Q-2", "x").toBuilder();
            middle.setStrings(IssueField.TAGS, List.of("c", "k"));                // min c, max k
            store.importIssues(List.of(wide.build(), middle.build()));
            assertEquals(List.of("Q-1", "Q-2"), sorted(store, new IssueSort.Key(IssueField.TAGS, false)));
            assertEquals(List.of("Q-1", "Q-2"), sorted(store, new IssueSort.Key(IssueField.TAGS, true)));
            Issue.Builder narrow = issue("Q-3", "x").toBuilder();
            narrow.setStrings(IssueField.TAGS, List.of("B"));                    // between a and c ascending, below k descending
            store.create(narrow.build());
            assertEquals(List.of("Q-1", "Q-3", "Q-2"), sorted(store, new IssueSort.Key(IssueField.TAGS, false)));
            assertEquals(List.of("Q-1", "Q-2", "Q-3"), sorted(store, new IssueSort.Key(IssueField.TAGS, true)));
        }
    }

    @Test
    void usersSortByDisplayNameAndCataloguesByWeight() {
        try (LuceneIssueStore store = new LuceneIssueStore(directory, TestUsers.DEFAULT)) {
            List<Issue> issues = new ArrayList<>();
            long[] assignees = {1006, 1001, 1002, 1003};   // Zed, Alice Smith, bob Brown, Carol brown
            String[] statuses = {"closed", "open", "resolved", "inProgress"};   // weights 5, 1, 4, 2
            for (int i = 0; i < assignees.length; i++) {
                Issue.Builder builder = issue("Q-" + (i + 1), "x").toBuilder();
                builder.set(IssueField.ASSIGNEE, (Long) assignees[i]);
                builder.set(IssueField.STATUS, statuses[i]);
                issues.add(builder.build());
            }
            store.importIssues(issues);
            assertEquals(List.of("Q-2", "Q-3", "Q-4", "Q-1"), sorted(store, new IssueSort.Key(IssueField.ASSIGNEE, false)));
            assertEquals(List.of("Q-2", "Q-4", "Q-3", "Q-1"), sorted(store, new IssueSort.Key(IssueField.STATUS, false)));
        }
    }

    @Test
    void concurrentCreatesWithOneUniqueHaveExactlyOneWinner() throws Exception {
        try (LuceneIssueStore store = new LuceneIssueStore(directory, TestUsers.DEFAULT)) {
            for (int round = 0; round < 5; round++) {
                String unique = "same-" + round;
                int threads = 8;
                CountDownLatch start = new CountDownLatch(1);
                AtomicInteger wins = new AtomicInteger();
                Set<String> conflicts = ConcurrentHashMap.newKeySet();
                List<Thread> workers = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    String key = "TREK-" + store.allocateNumber("TREK");
                    workers.add(Thread.ofPlatform().start(() -> {
                        try {
                            start.await();
                            store.create(withUnique(issue(key, "race"), unique));
                            wins.incrementAndGet();
                        } catch (TrackerException e) {
                            assertEquals(ErrorCode.CONFLICT, e.code());
                            conflicts.add(e.getMessage());
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }));
                }
                start.countDown();
                for (Thread worker : workers) {
                    worker.join();
                }
                assertEquals(1, wins.get());
                String winner = store.findByUnique(unique).orElseThrow().key();
                assertEquals(Set.of(Message.UNIQUE_CONFLICT.in("en", unique, winner)), conflicts);
                assertEquals(1, store.count(new Condition.AnyOf(IssueField.UNIQUE, List.of(unique))));
            }
        }
    }

    @Test
    void updateChecksTheVersion() {
        try (LuceneIssueStore store = new LuceneIssueStore(directory, TestUsers.DEFAULT)) {
            Issue original = issue("TREK-1", "first");
            store.create(original);
            Issue.Builder edit = original.toBuilder();
            edit.set(IssueField.SUMMARY, "second");
            edit.version(2);
            store.update(edit.build(), 1);
            TrackerException conflict = assertThrows(TrackerException.class, () -> store.update(edit.build(), 1));
            assertEquals(ErrorCode.CONFLICT, conflict.code());
            assertEquals(Message.VERSION_CONFLICT.in("en", 2L), conflict.getMessage());
            assertEquals("second", store.get("TREK-1").orElseThrow().summary());
            assertEquals(0, store.count(new Condition.TextMatch(IssueField.SUMMARY, "first")));
            TrackerException missing = assertThrows(TrackerException.class, () -> store.update(issue("TREK-9", "x"), 1));
            assertEquals(ErrorCode.NOT_FOUND, missing.code());
        }
    }

    @Test
    void concurrentUpdatesOfOneVersionHaveExactlyOneWinner() throws Exception {
        try (LuceneIssueStore store = new LuceneIssueStore(directory, TestUsers.DEFAULT)) {
            store.create(issue("TREK-1", "x"));
            AtomicInteger wins = new AtomicInteger();
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                int index = t;
                workers.add(Thread.ofPlatform().start(() -> {
                    Issue.Builder edit = issue("TREK-1", "edit " + index).toBuilder();
                    edit.version(2);
                    try {
                        store.update(edit.build(), 1);
                        wins.incrementAndGet();
                    } catch (TrackerException e) {
                        assertEquals(ErrorCode.CONFLICT, e.code());
                    }
                }));
            }
            for (Thread worker : workers) {
                worker.join();
            }
            assertEquals(1, wins.get());
            assertEquals(2, store.get("TREK-1").orElseThrow().version());
        }
    }

    @Test
    void acknowledgedWritesAreOnDiskBeforeClose() throws IOException {
        Path copy = Files.createTempDirectory("lucene-copy");
        try (LuceneIssueStore store = new LuceneIssueStore(directory, TestUsers.DEFAULT)) {
            store.createQueue(new Queue(0, "TREK", 1, "Trek", null, 1001, "task", "normal", List.of()));
            store.create(issue("TREK-1", "durable"));
            store.importIssues(List.of(issue("TREK-2", "imported")));
            // The live store is not closed: copy what is on disk, as a kill -9 would leave it.
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.toList()) {
                    Files.copy(file, copy.resolve(file.getFileName()));
                }
            }
        }
        try (LuceneIssueStore recovered = new LuceneIssueStore(copy, TestUsers.DEFAULT)) {
            assertEquals("durable", recovered.get("TREK-1").orElseThrow().summary());
            assertEquals("imported", recovered.get("TREK-2").orElseThrow().summary());
            assertEquals(1, recovered.queue("TREK").orElseThrow().id());
            assertEquals(3, recovered.allocateNumber("TREK"));
        }
    }

    @Test
    void numbersAndQueuesAreRecoveredAfterReopen() {
        try (LuceneIssueStore store = new LuceneIssueStore(directory, TestUsers.DEFAULT)) {
            store.createQueue(new Queue(0, "TREK", 1, "Trek", null, 1001, "task", "normal", List.of()));
            store.createQueue(new Queue(0, "ABC", 1, "Abc", null, 1001, "task", "normal", List.of()));
            TrackerException exists = assertThrows(TrackerException.class,
                    () -> store.createQueue(new Queue(0, "ABC", 1, "Other", null, 1001, "task", "normal", List.of())));
            assertEquals(ErrorCode.CONFLICT, exists.code());
            assertEquals(Message.QUEUE_EXISTS.in("en", "ABC"), exists.getMessage());
            assertEquals(1, store.allocateNumber("TREK"));
            assertEquals(2, store.allocateNumber("TREK"));
            store.create(issue("TREK-2", "x"));
            store.importIssues(List.of(issue("ABC-41", "x")));
            assertEquals(42, store.allocateNumber("ABC"));
        }
        try (LuceneIssueStore store = new LuceneIssueStore(directory, TestUsers.DEFAULT)) {
            assertEquals(List.of("ABC", "TREK"), store.queues().stream().map(Queue::key).toList());
            assertEquals(List.of(2L, 1L), store.queues().stream().map(Queue::id).toList());
            assertEquals(3, store.allocateNumber("TREK"));
            assertEquals(42, store.allocateNumber("ABC"));
            assertEquals(1, store.allocateNumber("DOC"));
            store.createQueue(new Queue(0, "DOC", 1, "Doc", null, 1001, "task", "normal", List.of()));
            assertEquals(3, store.queue("DOC").orElseThrow().id());
        }
    }

    @Test
    void snapshotsAreFrozen() {
        try (LuceneIssueStore store = new LuceneIssueStore(directory, TestUsers.DEFAULT)) {
            List<Issue> issues = new ArrayList<>();
            for (int i = 1; i <= 12; i++) {
                issues.add(issue("TREK-" + i, "crash number " + i));
            }
            store.importIssues(issues);
            Condition crashes = new Condition.TextMatch(IssueField.SUMMARY, "crashes");
            IssueSort byKeyDescending = new IssueSort(List.of(new IssueSort.Key(IssueField.KEY, true)));
            try (Snapshot sorted = store.openSnapshot(crashes, byKeyDescending);
                 Snapshot unsorted = store.openSnapshot(crashes, null)) {
                List<Issue> before = sorted.read(0, 100);
                store.create(issue("TREK-13", "crash again"));
                Issue.Builder edit = issues.get(0).toBuilder();
                edit.set(IssueField.SUMMARY, "no longer matching");
                edit.version(2);
                store.update(edit.build(), 1);
                store.importIssues(List.of(issue("TREK-5", "replaced by import")));

                assertEquals(12, sorted.size());
                assertEquals(before, sorted.read(0, 100));
                List<Issue> paged = new ArrayList<>();
                for (int position = 0; position < sorted.size(); position += 5) {
                    paged.addAll(sorted.read(position, 5));
                }
                assertEquals(before, paged);
                assertEquals("crash number 1", paged.getLast().summary());
                assertEquals(List.of(), sorted.read(12, 5));
                assertEquals(Set.copyOf(issues), Set.copyOf(unsorted.read(0, 100)));
            }
            assertEquals(11, store.count(crashes));
            Snapshot closed = store.openSnapshot(crashes, null);
            closed.close();
            closed.close();
            assertThrows(IllegalStateException.class, () -> closed.read(0, 1));
        }
    }

    @Test
    void importOfTwentyThousandIssuesCountsAndSortsRight() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        RandomIssues generator = new RandomIssues(random, TestUsers.DEFAULT.uids());
        List<Issue> issues = generator.issues(20_000);
        try (LuceneIssueStore store = new LuceneIssueStore(directory, TestUsers.DEFAULT)) {
            store.importIssues(issues);
            assertEquals(20_000, store.count(new Condition.MatchAll()), "seed " + seed);
            for (String queue : RandomIssues.QUEUES) {
                Condition inQueue = new Condition.AnyOf(IssueField.QUEUE, List.of(queue));
                List<Issue> expected = ConditionEvaluator.search(issues, inQueue,
                        new IssueSort(List.of(new IssueSort.Key(IssueField.UPDATED_AT, true))), TestUsers.DEFAULT);
                IssuePage page = store.search(inQueue, new IssueSort(List.of(new IssueSort.Key(IssueField.UPDATED_AT, true))), 1000, 50);
                assertEquals(expected.size(), page.totalCount(), "seed " + seed);
                assertEquals(keys(expected.subList(1000, 1050)), keys(page.issues()), "seed " + seed);
                long maxNumber = issues.stream().filter(issue -> issue.queue().equals(queue)).mapToLong(Issue::number).max().orElseThrow();
                assertEquals(maxNumber + 1, store.allocateNumber(queue));
            }
            // Importing again replaces by key instead of adding.
            store.importIssues(issues.subList(0, 5_000));
            assertEquals(20_000, store.count(new Condition.MatchAll()), "seed " + seed);
        }
    }

    /**
     * Segments are kept in update order (LuceneSorts.INDEX_SORT) so that searches in that order stop early:
     * pages in that order, shallow and deep, over several segments with edits, equal a complete sort, with
     * exact totals.
     */
    @Test
    void segmentsAreSortedByUpdateAndPagesInThatOrderEqualACompleteSort() throws IOException {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        List<Issue> issues = new ArrayList<>(new RandomIssues(random, TestUsers.DEFAULT.uids()).issues(3_000));
        IssueSort byUpdate = new IssueSort(List.of(new IssueSort.Key(IssueField.UPDATED_AT, true)));
        try (LuceneIssueStore store = new LuceneIssueStore(directory, TestUsers.DEFAULT)) {
            for (int from = 0; from < issues.size(); from += 1_000) {
                store.importIssues(issues.subList(from, from + 1_000));   // one segment each
            }
            for (int i = 0; i < 100; i++) {   // edits move issues to the top of the order
                int at = random.nextInt(issues.size());
                Issue edited = issues.get(at).toBuilder().version(issues.get(at).version() + 1)
                        .set(IssueField.UPDATED_AT, 1_900_000_000_000L + random.nextInt(1_000)).build();
                store.update(edited, issues.get(at).version());
                issues.set(at, edited);
            }
            var segments = org.apache.lucene.index.SegmentInfos.readLatestCommit(org.apache.lucene.store.FSDirectory.open(directory));
            assertTrue(segments.size() > 1, "seed " + seed);
            segments.forEach(segment -> assertEquals(LuceneSorts.INDEX_SORT, segment.info.getIndexSort(), "seed " + seed));
            for (String queue : RandomIssues.QUEUES) {
                Condition inQueue = new Condition.AnyOf(IssueField.QUEUE, List.of(queue));
                List<Issue> expected = ConditionEvaluator.search(issues, inQueue, byUpdate, TestUsers.DEFAULT);
                for (int offset : new int[] {0, 50, Math.max(0, expected.size() - 20)}) {
                    IssuePage page = store.search(inQueue, byUpdate, offset, 50);
                    assertEquals(expected.size(), page.totalCount(), "seed " + seed);
                    assertEquals(keys(expected.subList(offset, Math.min(offset + 50, expected.size()))), keys(page.issues()),
                            "seed " + seed + ", queue " + queue + ", offset " + offset);
                }
            }
            List<Issue> all = ConditionEvaluator.search(issues, new Condition.MatchAll(), byUpdate, TestUsers.DEFAULT);
            assertEquals(keys(all.subList(1_000, 1_050)), keys(store.search(new Condition.MatchAll(), byUpdate, 1_000, 50).issues()), "seed " + seed);
        }
    }

    /**
     * Pages in update order read one after another continue from remembered positions, skipping in each
     * sorted segment the documents updated after the position (UpdatedNotAfter); with many equal update
     * times, issues without one, several segments and a second sort key after the update time, every page
     * and total equals a complete sort.
     */
    @Test
    void deepPagesInUpdateOrderEqualACompleteSort() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        List<Issue> issues = new ArrayList<>();
        for (Issue issue : new RandomIssues(random, TestUsers.DEFAULT.uids()).issues(2_400)) {
            issues.add(random.nextInt(10) == 0 ? issue.toBuilder().remove(IssueField.UPDATED_AT).build()
                    : issue.toBuilder().set(IssueField.UPDATED_AT, RandomIssues.BASE_MILLIS + random.nextInt(200) * 1000L).build());
        }
        List<IssueSort> sorts = List.of(new IssueSort(List.of(new IssueSort.Key(IssueField.UPDATED_AT, true))),
                new IssueSort(List.of(new IssueSort.Key(IssueField.UPDATED_AT, true), new IssueSort.Key(IssueField.PRIORITY, false))));
        try (LuceneIssueStore store = new LuceneIssueStore(directory, TestUsers.DEFAULT)) {
            for (int from = 0; from < issues.size(); from += 800) {
                store.importIssues(issues.subList(from, from + 800));   // one segment each
            }
            for (IssueSort sort : sorts) {
                for (Condition condition : List.of(new Condition.MatchAll(), new Condition.AnyOf(IssueField.QUEUE, List.of("TREK", "DOC")))) {
                    List<Issue> expected = ConditionEvaluator.search(issues, condition, sort, TestUsers.DEFAULT);
                    for (int round = 0; round < 2; round++) {   // the second round starts every page from a position
                        for (int offset = 0; offset < expected.size(); offset += 50) {
                            IssuePage page = store.search(condition, sort, offset, 50);
                            assertEquals(expected.size(), page.totalCount(), "seed " + seed);
                            assertEquals(keys(expected.subList(offset, Math.min(offset + 50, expected.size()))), keys(page.issues()),
                                    "seed " + seed + ", " + sort + ", " + condition + ", offset " + offset);
                        }
                    }
                }
            }
        }
    }

    /**
     * BatchIndexer hands a large batch to the writer in LuceneSorts.inIndexOrder so that the flush finds the
     * segment sorted; that order must be INDEX_SORT's exactly (updated descending with none last, then queue
     * and number), which a segment Lucene sorted itself shows.
     */
    @Test
    void theIndexOrderOfIssuesIsTheOrderOfSortedSegments() throws IOException {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        List<Issue> issues = new ArrayList<>();
        for (Issue issue : new RandomIssues(random, TestUsers.DEFAULT.uids()).issues(2_000)) {
            Issue.Builder builder = issue.toBuilder();
            switch (random.nextInt(4)) {   // ties on the update time, and issues without one
                case 0 -> builder.remove(IssueField.UPDATED_AT);
                case 1 -> builder.set(IssueField.UPDATED_AT, RandomIssues.BASE_MILLIS + random.nextInt(3));
                default -> { }
            }
            issues.add(builder.build());
        }
        var fields = new io.tracksearch.model.FieldRegistry(List::of);
        try (var index = new org.apache.lucene.store.ByteBuffersDirectory();
                var writer = new org.apache.lucene.index.IndexWriter(index,
                        new org.apache.lucene.index.IndexWriterConfig().setIndexSort(LuceneSorts.INDEX_SORT))) {
            for (Issue issue : issues) {
                writer.addDocument(IssueDocuments.issue(issue, TestUsers.DEFAULT, fields, io.tracksearch.store.IssueTemplates.NONE));
            }
            writer.forceMerge(1);
            try (var reader = org.apache.lucene.index.DirectoryReader.open(writer)) {
                var leaf = reader.leaves().get(0).reader();
                var queues = leaf.getSortedDocValues(IssueDocuments.SORT_QUEUE);
                var numbers = leaf.getNumericDocValues(IssueDocuments.SORT_NUMBER);
                List<String> inSegment = new ArrayList<>();
                for (int doc = 0; doc < leaf.maxDoc(); doc++) {
                    assertTrue(queues.advanceExact(doc) && numbers.advanceExact(doc));
                    inSegment.add(queues.lookupOrd(queues.ordValue()).utf8ToString() + "-" + numbers.longValue());
                }
                assertEquals(keys(LuceneSorts.inIndexOrder(issues)), inSegment, "seed " + seed);
            }
        }
    }

    /** A large import (written in index order, not as given) that names a key twice keeps the later issue, once. */
    @Test
    void aLargeImportNamingAKeyTwiceKeepsTheLaterIssue() {
        long seed = new Random().nextLong();
        List<Issue> issues = new ArrayList<>(new RandomIssues(new Random(seed), TestUsers.DEFAULT.uids()).issues(BatchIndexer.PIPELINED_MIN + 500));
        Issue first = issues.get(10);
        Issue later = first.toBuilder().version(first.version() + 1).set(IssueField.SUMMARY, "given again, later")
                .set(IssueField.UPDATED_AT, RandomIssues.BASE_MILLIS + 10 * RandomIssues.YEAR_MILLIS).build();   // first in index order
        issues.add(later);
        try (LuceneIssueStore store = new LuceneIssueStore(directory, TestUsers.DEFAULT)) {
            store.importIssues(issues);
            assertEquals(issues.size() - 1, store.count(new Condition.MatchAll()), "seed " + seed);
            assertEquals(later, store.get(first.key()).orElseThrow(), "seed " + seed);
            assertEquals(1, store.search(new Condition.AnyOf(IssueField.KEY, List.of(first.key())), new IssueSort(List.of()), 0, 10).totalCount());
        }
    }

    /** An index written before sorted segments (no index sort) opens, works and stays unsorted: Lucene refuses to mix. */
    @Test
    void anIndexWrittenUnsortedStaysUnsortedAndWorks() throws IOException {
        try (var legacy = new org.apache.lucene.index.IndexWriter(org.apache.lucene.store.FSDirectory.open(directory),
                new org.apache.lucene.index.IndexWriterConfig().setCodec(new TracksearchCodec()))) {
            var document = new org.apache.lucene.document.Document();
            document.add(new org.apache.lucene.document.StringField("legacy", "yes", org.apache.lucene.document.Field.Store.NO));
            legacy.addDocument(document);
            legacy.commit();
        }
        try (LuceneIssueStore store = new LuceneIssueStore(directory, TestUsers.DEFAULT)) {
            store.create(issue("TREK-1", "older"));
            store.create(issue("TREK-2", "newer").toBuilder().set(IssueField.UPDATED_AT, 1_800_000_000_000L).build());
            assertEquals(List.of("TREK-2", "TREK-1"), sorted(store, new IssueSort.Key(IssueField.UPDATED_AT, true)));
        }
        var segments = org.apache.lucene.index.SegmentInfos.readLatestCommit(org.apache.lucene.store.FSDirectory.open(directory));
        segments.forEach(segment -> assertEquals(null, segment.info.getIndexSort()));
        try (LuceneIssueStore reopened = new LuceneIssueStore(directory, TestUsers.DEFAULT)) {
            assertEquals(2, reopened.count(new Condition.MatchAll()));
        }
    }
}
