package io.tracksearch.store.opensearch;

import io.tracksearch.model.IssueField;
import io.tracksearch.store.Condition;
import io.tracksearch.store.IndexedForms;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.query_dsl.Intervals;
import org.opensearch.client.opensearch._types.query_dsl.Operator;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch._types.query_dsl.ZeroTermsQuery;

import java.util.ArrayList;
import java.util.List;

/**
 * Compiles the neutral {@link Condition} tree into the OpenSearch query DSL over the layout of
 * {@link OpenSearchDocuments}, with the semantics of the embedded store's LuceneCompiler. Pure: the same
 * condition always gives the same query (tests compare serialized JSON). Everything runs in filter
 * context: results are always sorted explicitly, never by score.
 */
public final class OpenSearchCompiler {
    /** The text that stands for one or more arbitrary words inside a phrase (spec 8.4). */
    static final String GAP = "||";

    private OpenSearchCompiler() {
    }

    public static Query compile(Condition condition) {
        return switch (condition) {
            case Condition.MatchAll ignored -> matchAll();
            case Condition.MatchNone ignored -> matchNone();
            case Condition.And and -> and(and.conditions());
            case Condition.Or or -> or(or.conditions());
            case Condition.Not not -> Query.of(q -> q.bool(b -> b.filter(matchAll()).mustNot(compile(not.condition()))));
            case Condition.AnyOf anyOf -> anyOf(anyOf.field().id(), anyOf.values());
            case Condition.DateRange range -> dateRange(range);
            case Condition.NumberRange range -> numberRange(range);
            case Condition.Exists exists -> term(OpenSearchDocuments.HAS, exists.field().id());
            case Condition.TextMatch match -> Query.of(q -> q.match(m -> m.field(match.field().id())
                    .query(FieldValue.of(match.text())).operator(Operator.And).zeroTermsQuery(ZeroTermsQuery.None)));
            case Condition.Phrase phrase -> phrase(phrase.field(), phrase.text());
            case Condition.TextEquals equals -> term(OpenSearchDocuments.exactField(equals.field()),
                    IndexedForms.exactTerm(equals.text()));
            // The store answers changed() and History: from its history index before compiling (OpenSearchChanges.resolve).
            case Condition.History history -> throw new IllegalArgumentException("history must be resolved before compiling: " + history);
        };
    }

    static Query matchAll() {
        return Query.of(q -> q.matchAll(m -> m));
    }

    static Query matchNone() {
        return Query.of(q -> q.matchNone(m -> m));
    }

    static Query term(String field, String value) {
        return Query.of(q -> q.term(t -> t.field(field).value(FieldValue.of(value))));
    }

    private static Query and(List<Condition> conditions) {
        if (conditions.isEmpty()) {
            return matchAll();
        }
        List<Query> compiled = conditions.stream().map(OpenSearchCompiler::compile).toList();
        return Query.of(q -> q.bool(b -> b.filter(compiled)));
    }

    private static Query or(List<Condition> conditions) {
        if (conditions.isEmpty()) {
            return matchNone();
        }
        List<Query> compiled = conditions.stream().map(OpenSearchCompiler::compile).toList();
        return Query.of(q -> q.bool(b -> b.should(compiled).minimumShouldMatch("1")));
    }

    private static Query anyOf(String field, List<String> values) {
        if (values.isEmpty()) {
            return matchNone();
        }
        if (values.size() == 1) {
            return term(field, values.getFirst());
        }
        List<FieldValue> terms = values.stream().map(FieldValue::of).toList();
        return Query.of(q -> q.terms(t -> t.field(field).terms(f -> f.value(terms))));
    }

    /** [from, to) in epoch millis. */
    private static Query dateRange(Condition.DateRange range) {
        if (range.to() != null && range.to() == Long.MIN_VALUE) {
            return matchNone();
        }
        return Query.of(q -> q.range(r -> {
            r.field(range.field().id()).format("epoch_millis");
            if (range.from() != null) {
                r.gte(JsonData.of(range.from()));
            }
            if (range.to() != null) {
                r.lt(JsonData.of(range.to()));
            }
            return r;
        }));
    }

    private static Query numberRange(Condition.NumberRange range) {
        return Query.of(q -> q.range(r -> {
            r.field(range.field().id());
            if (range.min() != null) {
                if (range.minInclusive()) {
                    r.gte(JsonData.of(range.min()));
                } else {
                    r.gt(JsonData.of(range.min()));
                }
            }
            if (range.max() != null) {
                if (range.maxInclusive()) {
                    r.lte(JsonData.of(range.max()));
                } else {
                    r.lt(JsonData.of(range.max()));
                }
            }
            return r;
        }));
    }

    /**
     * Consecutive unstemmed words on the {@code .phrase} sub-field. With {@code ||} gaps: an ordered
     * intervals query in which a gap of n is n {@link OpenSearchDocuments#ANY_WORD} intervals, each one
     * word position, so at least n words lie between the neighbours (or before the first, after the last
     * part). A phrase with neither words nor gaps matches nothing.
     */
    private static Query phrase(IssueField field, String text) {
        String name = OpenSearchDocuments.phraseField(field);
        List<PhrasePart> parts = PhrasePart.parse(text);
        if (parts.isEmpty()) {
            return matchNone();
        }
        if (parts.size() == 1 && parts.getFirst().text() != null && parts.getFirst().gapsBefore() == 0) {
            return Query.of(q -> q.matchPhrase(m -> m.field(name).query(parts.getFirst().text())
                    .zeroTermsQuery(ZeroTermsQuery.None)));
        }
        List<Intervals> sources = new ArrayList<>();
        for (PhrasePart part : parts) {
            for (int i = 0; i < part.gapsBefore(); i++) {
                sources.add(Intervals.of(v -> v.match(m -> m.query(OpenSearchDocuments.ANY_WORD).analyzer("keyword"))));
            }
            if (part.text() != null) {
                sources.add(Intervals.of(v -> v.match(m -> m.query(part.text()).ordered(true).maxGaps(0))));
            }
        }
        return Query.of(q -> q.intervals(i -> i.field(name).allOf(a -> a.intervals(sources).ordered(true).maxGaps(-1))));
    }

    /**
     * A run of words preceded by {@code gapsBefore} gaps; {@code text} null for the trailing gaps of a
     * phrase ending in {@code ||}. A piece without letters or digits has no words (the tokenizer drops
     * it), so its gaps add to the next part's, as the embedded store's parser does.
     */
    record PhrasePart(int gapsBefore, String text) {
        static List<PhrasePart> parse(String text) {
            List<PhrasePart> parts = new ArrayList<>();
            String[] pieces = text.split("\\|\\|", -1);
            int gaps = 0;
            for (int i = 0; i < pieces.length; i++) {
                if (i > 0) {
                    gaps++;
                }
                if (hasWords(pieces[i])) {
                    parts.add(new PhrasePart(gaps, pieces[i].strip()));
                    gaps = 0;
                }
            }
            if (gaps > 0) {
                parts.add(new PhrasePart(gaps, null));
            }
            return parts;
        }

        private static boolean hasWords(String piece) {
            return piece.codePoints().anyMatch(Character::isLetterOrDigit);
        }
    }
}
