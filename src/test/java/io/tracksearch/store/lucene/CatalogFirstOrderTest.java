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
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CatalogFirstOrderTest {
    private static final List<IssueField> CATALOGS = List.of(IssueField.PRIORITY, IssueField.STATUS, IssueField.TYPE, IssueField.RESOLUTION);
    /** Second keys: the index sort, others, and catalogs (whose values' pages are again value by value). */
    private static final List<IssueField> SECOND_KEYS = List.of(IssueField.UPDATED_AT, IssueField.CREATED_AT, IssueField.SUMMARY,
            IssueField.PRIORITY, IssueField.STATUS);

    /**
     * The page value by value equals Lucene's collector over every match: same documents in the same order,
     * with the same sort values (which deep pages continue from), same exact total, for random queries,
     * catalog fields, directions, second keys (the index sort, others, another catalog) and page sizes, on
     * segments kept in the index sort and not.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void equalsACompleteSort(boolean sortedSegments) throws IOException {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        RandomIssues generator = new RandomIssues(random, TestUsers.DEFAULT.uids());
        FieldRegistry fields = new FieldRegistry(List::of);
        try (ByteBuffersDirectory directory = new ByteBuffersDirectory()) {
            IndexWriterConfig config = new IndexWriterConfig(DurableWriter.analyzer());
            if (sortedSegments) {
                config.setIndexSort(LuceneSorts.INDEX_SORT);
            }
            try (IndexWriter writer = new IndexWriter(directory, config)) {
                for (int segment = 0; segment < 3; segment++) {
                    for (Issue issue : generator.issues(800 + random.nextInt(800))) {   // enough for the cut to be recomputed
                        writer.addDocument(IssueDocuments.issue(issue, TestUsers.DEFAULT, fields, IssueTemplates.NONE));
                    }
                    writer.commit();   // a segment each
                }
            }
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                for (int round = 0; round < 200; round++) {
                    IssueField catalog = CATALOGS.get(random.nextInt(CATALOGS.size()));
                    List<IssueSort.Key> keys = new ArrayList<>(List.of(new IssueSort.Key(catalog, random.nextBoolean())));
                    if (random.nextInt(3) > 0) {
                        IssueField second = SECOND_KEYS.get(random.nextInt(SECOND_KEYS.size()));
                        if (second != catalog) {
                            keys.add(new IssueSort.Key(second, second == IssueField.UPDATED_AT || random.nextBoolean()));
                        }
                    }
                    Sort sort = LuceneSorts.toSort(new IssueSort(keys));
                    assertTrue(CatalogFirstOrder.serves(sort), sort.toString());
                    Query query = PageOracle.randomQuery(random);
                    int hits = 1 + random.nextInt(random.nextBoolean() ? 20 : 400);
                    TopFieldDocs expected = searcher.search(query, new TopFieldCollectorManager(sort, hits, null, Integer.MAX_VALUE));
                    TopFieldDocs actual = CatalogFirstOrder.search(searcher, query, sort, hits, CatalogFirstOrderTest::bestHits);
                    String context = "seed " + seed + ", round " + round + ", " + query + " by " + sort + ", " + hits + " hits";
                    assertEquals(expected.totalHits, actual.totalHits, context);
                    assertArrayEquals(PageOracle.docs(expected), PageOracle.docs(actual), context);
                    assertArrayEquals(PageOracle.values(expected), PageOracle.values(actual), context);
                }
            }
        }
    }

    /**
     * Each value's share of the page as the store orders it: another catalog value by value, anything else by
     * Lucene's collector, which may stop early or skip (it counts only up to the hits).
     */
    private static ScoreDoc[] bestHits(IndexSearcher searcher, Query query, Sort sort, int hits) throws IOException {
        if (CatalogFirstOrder.serves(sort)) {
            return CatalogFirstOrder.best(searcher, query, sort, hits, CatalogFirstOrderTest::bestHits);
        }
        return searcher.search(query, new TopFieldCollectorManager(sort, hits, null, hits)).scoreDocs;
    }
}
