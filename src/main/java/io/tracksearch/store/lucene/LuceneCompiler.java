package io.tracksearch.store.lucene;

import io.tracksearch.model.IssueField;
import io.tracksearch.store.Condition;
import io.tracksearch.store.IndexedForms;
import io.tracksearch.text.PhrasePart;
import io.tracksearch.text.TextAnalysis;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.intervals.IntervalQuery;
import org.apache.lucene.queries.intervals.Intervals;
import org.apache.lucene.queries.intervals.IntervalsSource;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

import java.util.ArrayList;
import java.util.List;

/**
 * Compiles the neutral {@link Condition} tree into a Lucene query over the layout of
 * {@link IssueDocuments}. Pure: the same condition always gives an equal query. The result matches
 * issue documents only when combined with the issue type filter, which the store adds.
 */
public final class LuceneCompiler {
    private LuceneCompiler() {
    }

    public static Query compile(Condition condition) {
        return switch (condition) {
            case Condition.MatchAll ignored -> new MatchAllDocsQuery();
            case Condition.MatchNone ignored -> new MatchNoDocsQuery();
            case Condition.And and -> and(and.conditions());
            case Condition.Or or -> or(or.conditions());
            case Condition.Not not -> new BooleanQuery.Builder()
                    .add(new MatchAllDocsQuery(), Occur.MUST)
                    .add(compile(not.condition()), Occur.MUST_NOT)
                    .build();
            case Condition.AnyOf anyOf -> anyOf(anyOf.field(), anyOf.values());
            case Condition.DateRange range -> dateRange(range);
            case Condition.NumberRange range -> numberRange(range);
            case Condition.Exists exists -> new TermQuery(new Term(IssueDocuments.HAS, exists.field().id()));
            case Condition.TextMatch match -> textMatch(match.field(), match.text());
            case Condition.Phrase phrase -> phrase(phrase.field(), phrase.text());
            case Condition.TextEquals equals -> new TermQuery(new Term(
                    IssueDocuments.exactField(equals.field()), IndexedForms.exactTerm(equals.text())));
            // The store answers changed() and History: from its history documents before compiling (ChangeDocuments.resolve).
            case Condition.History history -> throw new IllegalArgumentException("history must be resolved before compiling: " + history);
        };
    }

    private static Query and(List<Condition> conditions) {
        if (conditions.isEmpty()) {
            return new MatchAllDocsQuery();
        }
        BooleanQuery.Builder builder = new BooleanQuery.Builder();
        for (Condition condition : conditions) {
            builder.add(compile(condition), Occur.MUST);
        }
        return builder.build();
    }

    private static Query or(List<Condition> conditions) {
        if (conditions.isEmpty()) {
            return new MatchNoDocsQuery();
        }
        BooleanQuery.Builder builder = new BooleanQuery.Builder();
        for (Condition condition : conditions) {
            builder.add(compile(condition), Occur.SHOULD);
        }
        return builder.build();
    }

    private static Query anyOf(IssueField field, List<String> values) {
        if (values.isEmpty()) {
            return new MatchNoDocsQuery();
        }
        if (values.size() == 1) {
            return new TermQuery(new Term(field.id(), values.getFirst()));
        }
        List<BytesRef> terms = new ArrayList<>(values.size());
        for (String value : values) {
            terms.add(new BytesRef(value));
        }
        return new TermInSetQuery(field.id(), terms);
    }

    /** [from, to) in epoch millis; LongPoint ranges are inclusive, so the upper end is to - 1. */
    private static Query dateRange(Condition.DateRange range) {
        long lower = range.from() == null ? Long.MIN_VALUE : range.from();
        if (range.to() != null && range.to() == Long.MIN_VALUE) {
            return new MatchNoDocsQuery();
        }
        long upper = range.to() == null ? Long.MAX_VALUE : range.to() - 1;
        return LongPoint.newRangeQuery(range.field().id(), lower, upper);
    }

    private static Query numberRange(Condition.NumberRange range) {
        double lower = range.min() == null ? Double.NEGATIVE_INFINITY
                : range.minInclusive() ? range.min() : Math.nextUp(range.min().doubleValue());
        double upper = range.max() == null ? Double.POSITIVE_INFINITY
                : range.maxInclusive() ? range.max() : Math.nextDown(range.max().doubleValue());
        return DoublePoint.newRangeQuery(range.field().id(), lower, upper);
    }

    /** Every stemmed word must occur; a text without words matches nothing. */
    private static Query textMatch(IssueField field, String text) {
        List<String> terms = TextAnalysis.stemmed(text);
        if (terms.isEmpty()) {
            return new MatchNoDocsQuery();
        }
        if (terms.size() == 1) {
            return new TermQuery(new Term(field.id(), terms.getFirst()));
        }
        BooleanQuery.Builder builder = new BooleanQuery.Builder();
        for (String term : terms) {
            builder.add(new TermQuery(new Term(field.id(), term)), Occur.MUST);
        }
        return builder.build();
    }

    /**
     * Consecutive unstemmed words. With {@code ||} gaps: an ordered interval query where each gap
     * requires at least one word between its neighbours; a gap at an end is anchored on the START or
     * END marker of the phrase field. A phrase with neither words nor gaps matches nothing.
     */
    private static Query phrase(IssueField field, String text) {
        String name = IssueDocuments.phraseField(field);
        List<PhrasePart> parts = PhrasePart.parse(text);
        if (parts.isEmpty()) {
            return new MatchNoDocsQuery();
        }
        if (PhrasePart.isPlain(parts)) {
            List<String> words = parts.getFirst().words();
            if (words.size() == 1) {
                return new TermQuery(new Term(name, words.getFirst()));
            }
            return new PhraseQuery(name, words.toArray(String[]::new));
        }
        List<IntervalsSource> sources = new ArrayList<>();
        for (PhrasePart part : parts) {
            IntervalsSource words = part.words().isEmpty()
                    ? Intervals.term(TextAnalysis.END)
                    : Intervals.phrase(part.words().toArray(String[]::new));
            if (sources.isEmpty() && part.gapsBefore() > 0) {
                sources.add(Intervals.term(TextAnalysis.START));
            }
            IntervalsSource source = part.gapsBefore() > 0 ? Intervals.extend(words, part.gapsBefore(), 0) : words;
            // Lucene's ordered() drops sub-sources equal to an earlier one ("|| pages || pages" would
            // lose its second "pages"); a no-op extension per repeat keeps repeated parts distinct.
            while (sources.contains(source)) {
                source = Intervals.extend(source, 0, 0);
            }
            sources.add(source);
        }
        IntervalsSource source = sources.size() == 1 ? sources.getFirst()
                : Intervals.ordered(sources.toArray(IntervalsSource[]::new));
        return new IntervalQuery(name, source);
    }
}
