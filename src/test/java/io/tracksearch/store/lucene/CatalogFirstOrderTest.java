package io.tracksearch.store.lucene;

import io.tracksearch.model.FieldRegistry;
import io.tracksearch.model.Issue;
import io.tracksearch.model.IssueField;
import io.tracksearch.store.IssueSort;
import io.tracksearch.store.IssueTemplates;
import io.tracksearch.store.RandomIssues;
import io.tracksearch.store.TestUsers;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FilterDirectoryReader;
import org.apache.lucene.index.FilterLeafReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CatalogFirstOrderTest {
    private static final List<IssueField> CATALOGS = List.of(IssueField.PRIORITY, IssueField.STATUS, IssueField.TYPE, IssueField.RESOLUTION);
    /** Second keys: the index sort, others, and catalogs (whose boundary value is narrowed by the second). */
    private static final List<IssueField> SECOND_KEYS = List.of(IssueField.UPDATED_AT, IssueField.CREATED_AT, IssueField.SUMMARY,
            IssueField.PRIORITY, IssueField.STATUS);

    /**
     * The two-step search equals Lucene's collector over every match: same documents in the same order,
     * same exact total, for random queries, catalog fields, directions, second keys (the index sort, which
     * lets buckets stop early, and others) and page sizes, on segments kept in the index sort and not, with
     * the weights read from {@link SortColumns} and (readers without a core to cache against) from doc values.
     */
    @ParameterizedTest
    @CsvSource({"true, true", "false, true", "true, false"})
    void equalsACompleteSort(boolean sortedSegments, boolean columnsKept) throws IOException {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        RandomIssues generator = new RandomIssues(random, TestUsers.DEFAULT.uids());
        FieldRegistry fields = new FieldRegistry(List::of);
        try (ByteBuffersDirectory directory = new ByteBuffersDirectory()) {
            IndexWriterConfig config = new IndexWriterConfig(LuceneIssueStore.analyzer());
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
            SortColumns columns = new SortColumns();
            try (DirectoryReader reader = columnsKept ? DirectoryReader.open(directory) : new NoCoreCaches(DirectoryReader.open(directory))) {
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
                    // candidates narrowed by key (when key order follows) from none, as a large index has them, or never
                    int narrowFrom = random.nextBoolean() ? -4 * hits : Integer.MAX_VALUE / 2;
                    TopFieldDocs actual = CatalogFirstOrder.search(searcher, query, sort, hits, columns, narrowFrom);
                    String context = "seed " + seed + ", round " + round + ", " + query + " by " + sort + ", " + hits + " hits";
                    assertEquals(expected.totalHits, actual.totalHits, context);
                    assertArrayEquals(PageOracle.docs(expected), PageOracle.docs(actual), context);
                }
                assertEquals(columnsKept ? reader.leaves().size() : 0, columns.segments());
            }
        }
    }

    /** Leaves without a core cache helper, as some wrapping readers have: nothing can be kept for them. */
    private static final class NoCoreCaches extends FilterDirectoryReader {
        NoCoreCaches(DirectoryReader in) throws IOException {
            super(in, new SubReaderWrapper() {
                @Override
                public LeafReader wrap(LeafReader reader) {
                    return new FilterLeafReader(reader) {
                        @Override
                        public CacheHelper getCoreCacheHelper() {
                            return null;
                        }

                        @Override
                        public CacheHelper getReaderCacheHelper() {
                            return null;
                        }
                    };
                }
            });
        }

        @Override
        protected DirectoryReader doWrapDirectoryReader(DirectoryReader in) throws IOException {
            return new NoCoreCaches(in);
        }

        @Override
        public CacheHelper getReaderCacheHelper() {
            return null;
        }
    }
}
