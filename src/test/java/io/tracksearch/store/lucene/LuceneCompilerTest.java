package io.tracksearch.store.lucene;

import io.tracksearch.error.ErrorCode;
import io.tracksearch.error.Message;
import io.tracksearch.error.TrackerException;
import io.tracksearch.model.IssueField;
import io.tracksearch.store.Condition;
import io.tracksearch.text.TextAnalysis;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.intervals.IntervalQuery;
import org.apache.lucene.queries.intervals.Intervals;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.tracksearch.store.lucene.LuceneCompiler.compile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Each Condition node compiles to the expected Lucene query (compared by equality). */
class LuceneCompilerTest {

    @Test
    void constantsAndBooleans() {
        assertEquals(new MatchAllDocsQuery(), compile(new Condition.MatchAll()));
        assertEquals(new MatchNoDocsQuery(), compile(new Condition.MatchNone()));
        assertEquals(new MatchAllDocsQuery(), compile(new Condition.And(List.of())));
        assertEquals(new MatchNoDocsQuery(), compile(new Condition.Or(List.of())));
        Condition open = new Condition.AnyOf(IssueField.STATUS, List.of("open"));
        Condition mine = new Condition.AnyOf(IssueField.ASSIGNEE, List.of("1001"));
        TermQuery openQuery = new TermQuery(new Term("status", "open"));
        TermQuery mineQuery = new TermQuery(new Term("assignee", "1001"));
        assertEquals(new BooleanQuery.Builder().add(openQuery, Occur.MUST).add(mineQuery, Occur.MUST).build(),
                compile(Condition.and(open, mine)));
        assertEquals(new BooleanQuery.Builder().add(openQuery, Occur.SHOULD).add(mineQuery, Occur.SHOULD).build(),
                compile(Condition.or(open, mine)));
        assertEquals(new BooleanQuery.Builder().add(new MatchAllDocsQuery(), Occur.MUST).add(openQuery, Occur.MUST_NOT).build(),
                compile(Condition.not(open)));
    }

    @Test
    void anyOf() {
        assertEquals(new TermQuery(new Term("tags", "ui")), compile(new Condition.AnyOf(IssueField.TAGS, List.of("ui"))));
        assertEquals(new TermInSetQuery("queue", List.of(new BytesRef("ABC"), new BytesRef("TREK"))),
                compile(new Condition.AnyOf(IssueField.QUEUE, List.of("TREK", "ABC"))));
        assertEquals(new MatchNoDocsQuery(), compile(new Condition.AnyOf(IssueField.TAGS, List.of())));
    }

    @Test
    void ranges() {
        assertEquals(LongPoint.newRangeQuery("createdAt", 100, 199),
                compile(new Condition.DateRange(IssueField.CREATED_AT, 100L, 200L)));
        assertEquals(LongPoint.newRangeQuery("deadline", Long.MIN_VALUE, Long.MAX_VALUE),
                compile(new Condition.DateRange(IssueField.DEADLINE, null, null)));
        assertEquals(DoublePoint.newRangeQuery("storyPoints", 1.0, Math.nextDown(3.0)),
                compile(new Condition.NumberRange(IssueField.STORY_POINTS, 1.0, true, 3.0, false)));
        assertEquals(DoublePoint.newRangeQuery("storyPoints", Math.nextUp(1.0), Double.POSITIVE_INFINITY),
                compile(new Condition.NumberRange(IssueField.STORY_POINTS, 1.0, false, null, false)));
    }

    @Test
    void exists() {
        assertEquals(new TermQuery(new Term("_has", "resolution")), compile(new Condition.Exists(IssueField.RESOLUTION)));
    }

    @Test
    void textMatchNeedsEveryStemmedWord() {
        assertEquals(new BooleanQuery.Builder()
                        .add(new TermQuery(new Term("summary", "crash")), Occur.MUST)
                        .add(new TermQuery(new Term("summary", "ошибк")), Occur.MUST)
                        .build(),
                compile(new Condition.TextMatch(IssueField.SUMMARY, "Crashes ОШИБКИ")));
        assertEquals(new MatchNoDocsQuery(), compile(new Condition.TextMatch(IssueField.SUMMARY, " !? ")));
    }

    @Test
    void phrases() {
        assertEquals(new PhraseQuery("summary.phrase", "make", "lists"),
                compile(new Condition.Phrase(IssueField.SUMMARY, "Make Lists")));
        assertEquals(new TermQuery(new Term("description.phrase", "crashes")),
                compile(new Condition.Phrase(IssueField.DESCRIPTION, "Crashes")));
        assertEquals(new IntervalQuery("summary.phrase", Intervals.ordered(
                        Intervals.phrase("make"), Intervals.extend(Intervals.term(TextAnalysis.END), 1, 0))),
                compile(new Condition.Phrase(IssueField.SUMMARY, "Make ||")));
        assertEquals(new IntervalQuery("summary.phrase", Intervals.ordered(
                        Intervals.term(TextAnalysis.START), Intervals.extend(Intervals.phrase("a", "b"), 1, 0),
                        Intervals.extend(Intervals.phrase("c"), 2, 0))),
                compile(new Condition.Phrase(IssueField.SUMMARY, "|| a b || || c")));
        assertEquals(new MatchNoDocsQuery(), compile(new Condition.Phrase(IssueField.SUMMARY, "")));
    }

    @Test
    void textEquals() {
        assertEquals(new TermQuery(new Term("summary.exact", "=make a map")),
                compile(new Condition.TextEquals(IssueField.SUMMARY, "  Make   A\tmap ")));
    }

    @Test
    void changedMustBeResolvedByTheStoreFirst() {
        assertThrows(IllegalArgumentException.class, () -> compile(new Condition.Changed(
                IssueField.STATUS, List.of(), List.of("open"), List.of(), null, null)));
    }

    @Test
    void analysisStemsEnglishAndRussianInOnePass() {
        assertEquals(List.of("crash", "crash", "ошибк", "ошибк", "7"), TextAnalysis.stemmed("Crash CRASHES ошибка Ошибки 7"));
        assertEquals(List.of("make", "lists"), TextAnalysis.words("Make, LISTS!"));
    }
}
