package io.tracksearch.store.lucene;

import io.tracksearch.model.FieldRegistry;
import io.tracksearch.model.Issue;
import io.tracksearch.model.IssueField;
import io.tracksearch.store.IssueSort;
import io.tracksearch.store.IssueTemplates;
import io.tracksearch.store.RandomIssues;
import io.tracksearch.store.TestUsers;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RankFirstOrderTest {
    /** Single strings (text sort key, users) and lists (smallest or largest value), some often missing. */
    private static final List<IssueField> STRINGS = List.of(IssueField.SUMMARY, IssueField.ASSIGNEE, IssueField.CREATED_BY,
            IssueField.TAGS, IssueField.COMPONENTS, IssueField.FOLLOWERS);
    /** Numbers with few values (story points, votes: ranked, ties broken by key) and many (deadlines: left to Lucene). */
    private static final List<IssueField> NUMBERS = List.of(IssueField.STORY_POINTS, IssueField.VOTES, IssueField.DEADLINE);
    private static final List<IssueField> SECOND_KEYS = List.of(IssueField.UPDATED_AT, IssueField.PRIORITY, IssueField.SUMMARY);

    /**
     * Equals Lucene's collector over every match: same documents in the same order, same exact total, for
     * random queries, string fields, directions, second keys and page sizes (pages smaller than a segment's
     * matches, so ranks are cut, and larger), on segments of different sizes with edits and deletes; with
     * the ords read from {@link SortColumns} arrays, from doc values (no budget for arrays), and a mix.
     */
    @ParameterizedTest
    @ValueSource(longs = {Long.MAX_VALUE, 0, 4000})
    void equalsACompleteSort(long ordsBudget) throws IOException {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        RandomIssues generator = new RandomIssues(random, TestUsers.DEFAULT.uids());
        FieldRegistry fields = new FieldRegistry(List::of);
        try (ByteBuffersDirectory directory = new ByteBuffersDirectory()) {
            IndexWriterConfig config = new IndexWriterConfig(DurableWriter.analyzer()).setIndexSort(LuceneSorts.INDEX_SORT);
            List<Issue> written = new ArrayList<>();
            try (IndexWriter writer = new IndexWriter(directory, config)) {
                for (int segment = 0; segment < 3; segment++) {
                    for (Issue issue : generator.issues(300 + random.nextInt(1500))) {
                        writer.addDocument(IssueDocuments.issue(issue, TestUsers.DEFAULT, fields, IssueTemplates.NONE));
                        written.add(issue);
                    }
                    for (int i = 0; i < 3; i++) {   // documents without a key, as only MatchAllDocsQuery finds them
                        Document keyless = new Document();
                        keyless.add(new SortedDocValuesField(IssueDocuments.sortField(IssueField.ASSIGNEE), new BytesRef("!keyless " + i)));
                        writer.addDocument(keyless);
                    }
                    writer.commit();   // a segment each
                }
                for (int i = 0; i < 100; i++) {   // deletes in older segments, their replacements in a new one
                    Issue old = written.get(random.nextInt(written.size()));
                    writer.updateDocument(IssueDocuments.keyTerm(old.key()),
                            IssueDocuments.issue(generator.issue().toBuilder().key(old.key()).build(), TestUsers.DEFAULT, fields, IssueTemplates.NONE));
                }
            }
            SortColumns columns = new SortColumns(ordsBudget);
            int answered = 0;
            int answeredNumbers = 0;
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                for (int round = 0; round < 300; round++) {
                    boolean number = random.nextInt(3) == 0;
                    IssueField string = number ? NUMBERS.get(random.nextInt(NUMBERS.size())) : STRINGS.get(random.nextInt(STRINGS.size()));
                    List<IssueSort.Key> keys = new ArrayList<>(List.of(new IssueSort.Key(string, random.nextBoolean())));
                    if (random.nextBoolean()) {
                        IssueField second = SECOND_KEYS.get(random.nextInt(SECOND_KEYS.size()));
                        if (second != string) {
                            keys.add(new IssueSort.Key(second, random.nextBoolean()));
                        }
                    }
                    Sort sort = LuceneSorts.toSort(new IssueSort(keys));
                    assertTrue(RankFirstOrder.serves(sort), sort.toString());
                    Query query = PageOracle.randomQuery(random);
                    int hits = 1 + random.nextInt(random.nextBoolean() ? 20 : 600);
                    TopFieldDocs expected = searcher.search(query, new TopFieldCollectorManager(sort, hits, null, Integer.MAX_VALUE));
                    Optional<TopFieldDocs> answer = RankFirstOrder.search(searcher, query, sort, hits, columns);
                    if (answer.isEmpty()) {
                        continue;   // too many ties at a boundary: Lucene's collector answers (servesOrLeavesManyTies)
                    }
                    answered++;
                    TopFieldDocs actual = answer.get();
                    String context = "seed " + seed + ", round " + round + ", " + query + " by " + sort + ", " + hits + " hits";
                    if (number) {
                        answeredNumbers++;
                    }
                    if (actual.totalHits.relation() == TotalHits.Relation.GREATER_THAN_OR_EQUAL_TO) {
                        // numbers, and strings on dense queries, skip what cannot make the page: a lower bound,
                        // which tells the store to count
                        assertTrue(actual.totalHits.value() <= expected.totalHits.value(), context);
                    } else {
                        assertEquals(expected.totalHits, actual.totalHits, context);
                    }
                    assertArrayEquals(PageOracle.docs(expected), PageOracle.docs(actual), context);
                    assertArrayEquals(PageOracle.values(expected), PageOracle.values(actual), context);
                }
            }
            assertTrue(answered > 150, "seed " + seed + ": answered " + answered + " of 300");
            assertTrue(ordsBudget < Long.MAX_VALUE || answeredNumbers > 10, "seed " + seed + ": answered " + answeredNumbers + " numeric orders");
        }
    }

    /**
     * When most matches have no value: with key order after the string, the packed keys still choose the page;
     * with another key after it, every such match would tie at the boundary, and the search is left to
     * Lucene's collector rather than order them all twice.
     */
    @Test
    void servesOrLeavesManyTies() throws IOException {
        Random random = new Random(11);
        RandomIssues generator = new RandomIssues(random, TestUsers.DEFAULT.uids());
        try (ByteBuffersDirectory directory = new ByteBuffersDirectory()) {
            try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(DurableWriter.analyzer()).setIndexSort(LuceneSorts.INDEX_SORT))) {
                for (Issue issue : generator.issues(3000)) {
                    Issue unassigned = random.nextInt(100) == 0 ? issue : issue.toBuilder().remove(IssueField.ASSIGNEE).build();
                    writer.addDocument(IssueDocuments.issue(unassigned, TestUsers.DEFAULT, new FieldRegistry(List::of), IssueTemplates.NONE));
                }
            }
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                SortColumns columns = new SortColumns();
                Sort byAssignee = LuceneSorts.toSort(new IssueSort(List.of(new IssueSort.Key(IssueField.ASSIGNEE, false))));
                TopFieldDocs expected = searcher.search(new MatchAllDocsQuery(), new TopFieldCollectorManager(byAssignee, 100, null, Integer.MAX_VALUE));
                TopFieldDocs actual = RankFirstOrder.search(searcher, new MatchAllDocsQuery(), byAssignee, 100, columns).orElseThrow();
                assertArrayEquals(PageOracle.docs(expected), PageOracle.docs(actual));
                // walked (RankWalk): the total is counted apart
                assertEquals(TotalHits.Relation.GREATER_THAN_OR_EQUAL_TO, actual.totalHits.relation());
                Sort thenCreated = LuceneSorts.toSort(new IssueSort(List.of(new IssueSort.Key(IssueField.ASSIGNEE, false),
                        new IssueSort.Key(IssueField.CREATED_AT, false))));
                assertEquals(Optional.empty(), RankFirstOrder.search(searcher, new MatchAllDocsQuery(), thenCreated, 100, columns));
            }
        }
    }

    /**
     * A value that a tenth of the matches share at the page's boundary, with another key after the string (a
     * popular tag, then created): the tied matches are kept and ordered by the rest, not left to Lucene's
     * collector over every match; on a dense query the other matches are skipped and the total counted apart.
     */
    @Test
    void keepsTheTiesOfAValueATenthShare() throws IOException {
        Random random = new Random(12);
        RandomIssues generator = new RandomIssues(random, TestUsers.DEFAULT.uids());
        try (ByteBuffersDirectory directory = new ByteBuffersDirectory()) {
            try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(DurableWriter.analyzer()).setIndexSort(LuceneSorts.INDEX_SORT))) {
                for (Issue issue : generator.issues(24_000)) {
                    Issue tagged = issue.toBuilder().setStrings(IssueField.TAGS, List.of(random.nextInt(10) == 0 ? "aaa" : "tag" + random.nextInt(50))).build();
                    writer.addDocument(IssueDocuments.issue(tagged, TestUsers.DEFAULT, new FieldRegistry(List::of), IssueTemplates.NONE));
                }
                writer.forceMerge(1);
            }
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                Sort sort = LuceneSorts.toSort(new IssueSort(List.of(new IssueSort.Key(IssueField.TAGS, false),
                        new IssueSort.Key(IssueField.CREATED_AT, true))));
                TopFieldDocs expected = searcher.search(new MatchAllDocsQuery(), new TopFieldCollectorManager(sort, 50, null, Integer.MAX_VALUE));
                TopFieldDocs actual = RankFirstOrder.search(searcher, new MatchAllDocsQuery(), sort, 50, new SortColumns()).orElseThrow();
                assertArrayEquals(PageOracle.docs(expected), PageOracle.docs(actual));
                assertArrayEquals(PageOracle.values(expected), PageOracle.values(actual));
                assertEquals(TotalHits.Relation.GREATER_THAN_OR_EQUAL_TO, actual.totalHits.relation());
                assertTrue(actual.totalHits.value() < 24_000 / 2, "matches past the boundary value skipped: " + actual.totalHits);
            }
        }
    }

    /** Orders the strategy does not serve: the queue (key order's), catalogs, the index's own order. */
    @Test
    void servesStringsAndNumbers() {
        for (IssueField field : List.of(IssueField.QUEUE, IssueField.KEY, IssueField.PRIORITY)) {
            assertFalse(RankFirstOrder.serves(LuceneSorts.toSort(new IssueSort(List.of(new IssueSort.Key(field, false))))), field.id());
        }
        assertFalse(RankFirstOrder.serves(LuceneSorts.INDEX_SORT));
        for (IssueField field : Stream.concat(STRINGS.stream(), NUMBERS.stream()).toList()) {
            for (boolean descending : new boolean[] {false, true}) {
                assertTrue(RankFirstOrder.serves(LuceneSorts.toSort(new IssueSort(List.of(new IssueSort.Key(field, descending))))),
                        field.id());
            }
        }
    }
}
