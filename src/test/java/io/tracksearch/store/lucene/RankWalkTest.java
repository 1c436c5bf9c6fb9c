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
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The walk on one large segment where a fifth of the issues share the first assignee: dense queries are
 * answered from that assignee's documents (the segment's best page among the candidates), a query whose
 * matches are rare among the best ranks makes the walk give up, and either way the page equals Lucene's.
 */
class RankWalkTest {
    private static final int ISSUES = 24_000;

    @Test
    void walksAPopularFirstValueAndGivesUpOnRareMatches() throws IOException {
        Random random = new Random(21);
        RandomIssues generator = new RandomIssues(random, TestUsers.DEFAULT.uids());
        long popular = TestUsers.DEFAULT.uids().getFirst();
        try (ByteBuffersDirectory directory = new ByteBuffersDirectory()) {
            String rareKey;
            try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(DurableWriter.analyzer()).setIndexSort(LuceneSorts.INDEX_SORT))) {
                List<Issue> issues = generator.issues(ISSUES);
                rareKey = issues.get(ISSUES / 2).key();
                for (Issue issue : issues) {
                    Issue assigned = random.nextInt(5) == 0 ? issue.toBuilder().set(IssueField.ASSIGNEE, popular).build() : issue;
                    writer.addDocument(IssueDocuments.issue(assigned, TestUsers.DEFAULT, new FieldRegistry(List::of), IssueTemplates.NONE));
                }
                writer.forceMerge(1);
            }
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                SortColumns columns = new SortColumns();
                Query dense = new TermQuery(new Term(IssueField.STATUS.id(), "open"));
                Query rare = new TermQuery(IssueDocuments.keyTerm(rareKey));
                assertTrue(searcher.count(dense) > ISSUES / 10, "dense: " + searcher.count(dense));
                for (IssueField field : List.of(IssueField.ASSIGNEE, IssueField.CREATED_BY)) for (boolean descending : new boolean[] {false, true}) {
                    Sort sort = LuceneSorts.toSort(new IssueSort(List.of(new IssueSort.Key(field, descending))));
                    for (Query query : List.of(dense, rare, new MatchAllDocsQuery())) {
                        for (int hits : new int[] {1, 50, 700}) {
                            TopFieldDocs expected = searcher.search(query, new TopFieldCollectorManager(sort, hits, null, Integer.MAX_VALUE));
                            TopFieldDocs actual = RankFirstOrder.search(searcher, query, sort, hits, columns).orElseThrow();
                            String context = query + " by " + sort + ", " + hits + " hits";
                            assertArrayEquals(PageOracle.docs(expected), PageOracle.docs(actual), context);
                            assertArrayEquals(PageOracle.values(expected), PageOracle.values(actual), context);
                        }
                    }
                    int[] walked = walk(searcher, columns, sort, dense, 50);
                    assertNotNull(walked, "a dense query is walked");
                    int[] page = PageOracle.docs(searcher.search(dense, new TopFieldCollectorManager(sort, 50, null, Integer.MAX_VALUE)));
                    Arrays.sort(page);
                    assertArrayEquals(page, walked, "the walk's candidates are the page, the boundary value's chosen by key");
                    assertNull(walk(searcher, columns, sort, rare, 50), "one match in 24,000: ranked, not walked");
                }
            }
        }
    }

    private static int[] walk(IndexSearcher searcher, SortColumns columns, Sort sort, Query query, int hits) throws IOException {
        LeafReaderContext segment = searcher.getIndexReader().leaves().getFirst();
        SortColumns.Ords ords = columns.ords(segment.reader(), sort.getSort()[0]).orElseThrow();
        SortColumns.Keys keys = columns.key(segment.reader()).orElseThrow();
        return RankWalk.candidates(segment, searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1f),
                columns.docsByRank(segment.reader(), sort.getSort()[0], ords, keys).orElseThrow(), sort.getSort()[0].getReverse(), hits, keys);
    }
}
