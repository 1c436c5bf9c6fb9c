package io.tracksearch.store.lucene;

import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

class QueueRestrictionTest {
    private static Query queue(String key) {
        return new TermQuery(new Term("queue", key));
    }

    private static Optional<Set<String>> of(Query query) {
        return QueueRestriction.of(query).map(set -> set.stream().map(BytesRef::utf8ToString).collect(Collectors.toSet()));
    }

    private static BooleanQuery bool(Object... occurAndQuery) {
        BooleanQuery.Builder builder = new BooleanQuery.Builder();
        for (int i = 0; i < occurAndQuery.length; i += 2) {
            builder.add((Query) occurAndQuery[i + 1], (Occur) occurAndQuery[i]);
        }
        return builder.build();
    }

    @Test
    void requiredQueueTermsRestrict() {
        Query issues = new TermQuery(new Term("_type", "issue"));
        assertEquals(Optional.of(Set.of("CORE")), of(queue("CORE")));
        assertEquals(Optional.of(Set.of("CORE")), of(bool(Occur.FILTER, issues, Occur.MUST, queue("CORE"))));
        assertEquals(Optional.of(Set.of("A", "B")), of(new ConstantScoreQuery(new TermInSetQuery("queue",
                List.of(new BytesRef("A"), new BytesRef("B"))))));
        // two required restrictions: only the queues both allow
        assertEquals(Optional.of(Set.of("B")), of(bool(Occur.MUST, new TermInSetQuery("queue", List.of(new BytesRef("A"), new BytesRef("B"))),
                Occur.FILTER, queue("B"))));
        // a disjunction of queues (and of conjunctions naming one)
        assertEquals(Optional.of(Set.of("A", "B")), of(bool(Occur.SHOULD, queue("A"), Occur.SHOULD, bool(Occur.MUST, queue("B"),
                Occur.MUST, issues))));
    }

    @Test
    void otherShapesDoNotRestrict() {
        Query issues = new TermQuery(new Term("_type", "issue"));
        assertEquals(Optional.empty(), of(new MatchAllDocsQuery()));
        assertEquals(Optional.empty(), of(issues));
        assertEquals(Optional.empty(), of(bool(Occur.FILTER, issues, Occur.MUST_NOT, queue("CORE"))));
        // a disjunction with a clause that may match any queue
        assertEquals(Optional.empty(), of(bool(Occur.SHOULD, queue("A"), Occur.SHOULD, issues)));
        // optional clauses beside required ones restrict nothing
        assertEquals(Optional.empty(), of(bool(Occur.FILTER, issues, Occur.SHOULD, queue("A"))));
        assertEquals(Optional.empty(), of(new TermQuery(new Term("sort.queue", "CORE"))));
    }
}
