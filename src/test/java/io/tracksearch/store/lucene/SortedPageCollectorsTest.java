package io.tracksearch.store.lucene;

import io.tracksearch.model.FieldRegistry;
import io.tracksearch.model.Issue;
import io.tracksearch.model.IssueField;
import io.tracksearch.store.IssueSort;
import io.tracksearch.store.IssueTemplates;
import io.tracksearch.store.RandomIssues;
import io.tracksearch.store.TestUsers;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lucene's collector told how to count by density equals Lucene's collector over every match: same documents,
 * same sort values, and an exact total wherever it says so, for times that every issue has and times that
 * half lack, orders of several fields, pages from the start and continued after a hit, on segments with
 * deletes. A query with many matches skips (its total a lower bound, counted apart by the store), one with
 * few counts.
 */
class SortedPageCollectorsTest {
    private static final List<List<IssueSort.Key>> ORDERS = List.of(
            List.of(new IssueSort.Key(IssueField.CREATED_AT, false)),
            List.of(new IssueSort.Key(IssueField.CREATED_AT, true)),
            List.of(new IssueSort.Key(IssueField.RESOLVED_AT, true)),
            List.of(new IssueSort.Key(IssueField.RESOLVED_AT, false)),
            List.of(new IssueSort.Key(IssueField.DEADLINE, false), new IssueSort.Key(IssueField.CREATED_AT, true)),
            List.of(new IssueSort.Key(IssueField.CREATED_AT, true), new IssueSort.Key(IssueField.PRIORITY, false)));

    @Test
    void equalsACompleteSortAndCountsSparseQueriesExactly() throws IOException {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        RandomIssues generator = new RandomIssues(random, TestUsers.DEFAULT.uids());
        FieldRegistry fields = new FieldRegistry(List::of);
        List<Issue> written = new ArrayList<>();
        try (ByteBuffersDirectory directory = new ByteBuffersDirectory()) {
            try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(DurableWriter.analyzer()).setIndexSort(LuceneSorts.INDEX_SORT))) {
                for (int segment = 0; segment < 3; segment++) {
                    for (Issue issue : generator.issues(500 + random.nextInt(1000))) {
                        writer.addDocument(IssueDocuments.issue(issue, TestUsers.DEFAULT, fields, IssueTemplates.NONE));
                        written.add(issue);
                    }
                    writer.commit();   // a segment each
                }
                for (int i = 0; i < 100; i++) {   // deletes in older segments
                    writer.deleteDocuments(IssueDocuments.keyTerm(written.get(random.nextInt(written.size())).key()));
                }
            }
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                Query sparse = new TermQuery(IssueDocuments.keyTerm(written.get(random.nextInt(written.size())).key()));
                for (int round = 0; round < 200; round++) {
                    Sort sort = LuceneSorts.toSort(new IssueSort(ORDERS.get(random.nextInt(ORDERS.size()))));
                    Query query = random.nextInt(4) == 0 ? sparse : PageOracle.randomQuery(random);
                    int hits = 1 + random.nextInt(random.nextBoolean() ? 20 : 600);
                    TopFieldDocs all = searcher.search(query, new TopFieldCollectorManager(sort, reader.maxDoc(), null, Integer.MAX_VALUE));
                    FieldDoc after = all.scoreDocs.length > 0 && random.nextBoolean()
                            ? (FieldDoc) all.scoreDocs[random.nextInt(all.scoreDocs.length)] : null;
                    TopFieldDocs expected = searcher.search(query, new TopFieldCollectorManager(sort, hits, after, Integer.MAX_VALUE));
                    long countedMatches = new long[] {0, 1000, SortedPageCollectors.COUNTED_MATCHES}[random.nextInt(3)];
                    TopFieldDocs actual = searcher.search(query, SortedPageCollectors.of(searcher, sort, hits, after, countedMatches));
                    String context = "seed " + seed + ", round " + round + ", " + query + " by " + sort + ", " + hits + " hits after " + after
                            + ", counted up to " + countedMatches;
                    assertArrayEquals(PageOracle.docs(expected), PageOracle.docs(actual), context);
                    assertArrayEquals(PageOracle.values(expected), PageOracle.values(actual), context);
                    if (actual.totalHits.relation() == TotalHits.Relation.EQUAL_TO) {
                        assertEquals(expected.totalHits, actual.totalHits, context);
                    } else {
                        assertTrue(actual.totalHits.value() <= expected.totalHits.value(), context);
                    }
                }
                Sort byCreated = LuceneSorts.toSort(new IssueSort(ORDERS.getFirst()));
                TopFieldDocs many = searcher.search(new MatchAllDocsQuery(), SortedPageCollectors.of(searcher, byCreated, 50, null, 1000));
                assertEquals(TotalHits.Relation.GREATER_THAN_OR_EQUAL_TO, many.totalHits.relation(), "seed " + seed + ": every issue skips");
                TopFieldDocs counted = searcher.search(new MatchAllDocsQuery(), SortedPageCollectors.of(searcher, byCreated, 50, null));
                assertEquals(reader.numDocs(), counted.totalHits.value(), "seed " + seed + ": a few thousand matches are counted");
                TopFieldDocs one = searcher.search(sparse, SortedPageCollectors.of(searcher, byCreated, 50, null, 1000));
                assertEquals(TotalHits.Relation.EQUAL_TO, one.totalHits.relation(), "seed " + seed + ": one key is counted");
            }
        }
    }
}
