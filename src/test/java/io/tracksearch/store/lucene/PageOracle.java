package io.tracksearch.store.lucene;

import io.tracksearch.model.IssueField;
import io.tracksearch.store.RandomIssues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldDocs;

import java.util.Arrays;
import java.util.Random;

/** What the page-strategy tests compare with Lucene's own collector: random queries, a page's documents and sort values. */
final class PageOracle {
    private PageOracle() {
    }

    /** Every document, one queue, no queue, or either of two queues. */
    static Query randomQuery(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> new MatchAllDocsQuery();
            case 1 -> queue(random);
            case 2 -> new TermQuery(new Term(IssueField.QUEUE.id(), "NOSUCHQUEUE"));
            default -> new BooleanQuery.Builder()
                    .add(queue(random), BooleanClause.Occur.SHOULD)
                    .add(queue(random), BooleanClause.Occur.SHOULD)
                    .build();
        };
    }

    static Query queue(Random random) {
        return new TermQuery(new Term(IssueField.QUEUE.id(), RandomIssues.QUEUES.get(random.nextInt(RandomIssues.QUEUES.size()))));
    }

    static int[] docs(TopFieldDocs top) {
        return Arrays.stream(top.scoreDocs).mapToInt(hit -> hit.doc).toArray();
    }

    /** The sort values of each hit, which deep pages continue from. */
    static Object[] values(TopFieldDocs top) {
        return Arrays.stream(top.scoreDocs).map(hit -> Arrays.asList(((FieldDoc) hit).fields)).toArray();
    }
}
