package io.tracksearch.store.opensearch;

import io.tracksearch.store.Condition;
import io.tracksearch.store.IndexedForms;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.query_dsl.Query;

import java.util.List;

/**
 * Compiles the neutral {@link Condition} tree into the OpenSearch query DSL over the layout of
 * {@link OpenSearchDocuments}, with the semantics of the embedded store's LuceneCompiler. Pure: the same
 * condition always gives the same query (tests compare serialized JSON). Everything runs in filter
 * context: results are always sorted explicitly, never by score.
 */
public final class OpenSearchCompiler {
    private final TextLayout texts;

    /** @param texts the layout of the text fields of the index the queries are for */
    OpenSearchCompiler(TextLayout texts) {
        this.texts = texts;
    }

    public Query compile(Condition condition) {
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
            case Condition.TextMatch match -> texts.match(match.field().id(), match.text());
            case Condition.Phrase phrase -> texts.phrase(phrase.field().id(), phrase.text());
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

    private Query and(List<Condition> conditions) {
        if (conditions.isEmpty()) {
            return matchAll();
        }
        List<Query> compiled = conditions.stream().map(this::compile).toList();
        return Query.of(q -> q.bool(b -> b.filter(compiled)));
    }

    private Query or(List<Condition> conditions) {
        if (conditions.isEmpty()) {
            return matchNone();
        }
        List<Query> compiled = conditions.stream().map(this::compile).toList();
        return Query.of(q -> q.bool(b -> b.should(compiled).minimumShouldMatch("1")));
    }

    static Query anyOf(String field, List<String> values) {
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
}
