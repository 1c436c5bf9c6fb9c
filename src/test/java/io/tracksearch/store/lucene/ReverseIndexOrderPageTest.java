package io.tracksearch.store.lucene;

import io.tracksearch.model.FieldRegistry;
import io.tracksearch.model.FieldValues;
import io.tracksearch.model.Issue;
import io.tracksearch.model.IssueField;
import io.tracksearch.store.IssueSort;
import io.tracksearch.store.IssueTemplates;
import io.tracksearch.store.RandomIssues;
import io.tracksearch.store.TestUsers;
import org.apache.lucene.document.SortedNumericDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReverseIndexOrderPageTest {
    private static final Sort UPDATED_ASC = LuceneSorts.toSort(new IssueSort(List.of(new IssueSort.Key(IssueField.UPDATED_AT, false))));

    /**
     * Whenever it answers, the page equals Lucene's collector over every match (documents, order, sort values,
     * exact total), for random queries and page sizes on sorted segments with edits and deletes; it answers
     * whenever update times are distinct, and leaves the search to Lucene when many are shared.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void equalsACompleteSortWhenItAnswers(boolean sharedUpdateTimes) throws IOException {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        RandomIssues generator = new RandomIssues(random, TestUsers.DEFAULT.uids());
        FieldRegistry fields = new FieldRegistry(List::of);
        try (ByteBuffersDirectory directory = new ByteBuffersDirectory()) {
            List<Issue> written = new ArrayList<>();
            try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(DurableWriter.analyzer())
                    .setIndexSort(LuceneSorts.INDEX_SORT))) {
                for (int segment = 0; segment < 3; segment++) {
                    for (Issue issue : generator.issues(200 + random.nextInt(1500))) {
                        if (sharedUpdateTimes) {   // a few hundred distinct times for all
                            long updated = FieldValues.epochMillis(IssueField.UPDATED_AT, issue);
                            issue = issue.toBuilder().set(IssueField.UPDATED_AT, updated - updated % 100_000_000L).build();
                        }
                        writer.addDocument(IssueDocuments.issue(issue, TestUsers.DEFAULT, fields, IssueTemplates.NONE));
                        written.add(issue);
                    }
                    writer.commit();
                }
                for (int i = 0; i < 50; i++) {
                    writer.deleteDocuments(IssueDocuments.keyTerm(written.get(random.nextInt(written.size())).key()));
                }
            }
            int answered = 0;
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                for (int round = 0; round < 200; round++) {
                    Query query = query(random, written);
                    int hits = 1 + random.nextInt(random.nextBoolean() ? 20 : 700);
                    Optional<TopFieldDocs> actual = ReverseIndexOrderPage.search(searcher, query, UPDATED_ASC, hits);
                    if (actual.isEmpty()) {
                        continue;
                    }
                    answered++;
                    TopFieldDocs expected = searcher.search(query, new TopFieldCollectorManager(UPDATED_ASC, hits, null, Integer.MAX_VALUE));
                    String context = "seed " + seed + ", round " + round + ", " + query + ", " + hits + " hits";
                    assertEquals(expected.totalHits, actual.get().totalHits, context);
                    assertArrayEquals(PageOracle.docs(expected), PageOracle.docs(actual.get()), context);
                    assertArrayEquals(PageOracle.values(expected), PageOracle.values(actual.get()), context);
                }
            }
            if (sharedUpdateTimes) {
                assertTrue(answered < 200, "seed " + seed + ": shared update times at the boundary go to Lucene's collector");
            } else {
                assertEquals(200, answered, "seed " + seed + ": distinct update times are always answered");
            }
        }
    }

    /**
     * Every document, one queue, a range of creation times through doc values (a two-phase iterator, as a
     * phrase has), or the two together: dense and sparse matches, spread or bunched in update order.
     */
    private static Query query(Random random, List<Issue> written) {
        long one = FieldValues.epochMillis(IssueField.CREATED_AT, written.get(random.nextInt(written.size())));
        long other = FieldValues.epochMillis(IssueField.CREATED_AT, written.get(random.nextInt(written.size())));
        Query created = SortedNumericDocValuesField.newSlowRangeQuery(IssueField.CREATED_AT.id(), Math.min(one, other), Math.max(one, other));
        return switch (random.nextInt(4)) {
            case 0 -> new MatchAllDocsQuery();
            case 1 -> PageOracle.queue(random);
            case 2 -> created;
            default -> new BooleanQuery.Builder().add(PageOracle.queue(random), BooleanClause.Occur.MUST)
                    .add(created, BooleanClause.Occur.FILTER).build();
        };
    }

    /** Only update order ascending, then key, is served; a segment not in the index sort is left to Lucene. */
    @Test
    void servesLeastRecentlyUpdatedFirstOnSortedSegmentsOnly() throws IOException {
        assertTrue(ReverseIndexOrderPage.serves(UPDATED_ASC));
        assertFalse(ReverseIndexOrderPage.serves(LuceneSorts.INDEX_SORT));
        assertFalse(ReverseIndexOrderPage.serves(LuceneSorts.toSort(new IssueSort(List.of(new IssueSort.Key(IssueField.CREATED_AT, false))))));
        assertFalse(ReverseIndexOrderPage.serves(LuceneSorts.toSort(new IssueSort(List.of(new IssueSort.Key(IssueField.UPDATED_AT, false),
                new IssueSort.Key(IssueField.PRIORITY, false))))));
        try (ByteBuffersDirectory directory = new ByteBuffersDirectory()) {
            try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(DurableWriter.analyzer()))) {
                for (Issue issue : new RandomIssues(new Random(7), TestUsers.DEFAULT.uids()).issues(100)) {
                    writer.addDocument(IssueDocuments.issue(issue, TestUsers.DEFAULT, new FieldRegistry(List::of), IssueTemplates.NONE));
                }
            }
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                assertEquals(Optional.empty(), ReverseIndexOrderPage.search(new IndexSearcher(reader), new MatchAllDocsQuery(), UPDATED_ASC, 10));
            }
        }
    }
}
