package io.tracksearch.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracksearch.text.PhrasePart;
import io.tracksearch.text.TextAnalysis;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.query_dsl.Intervals;
import org.opensearch.client.opensearch._types.query_dsl.Operator;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch._types.query_dsl.SpanQuery;
import org.opensearch.client.opensearch._types.query_dsl.ZeroTermsQuery;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How an OpenSearch index holds the words of text fields (summary, description, history texts): its
 * analyzers, the mapping of one text field, the values a document gives it, and the queries for word
 * matches and phrases. An index keeps the layout it was created with (OpenSearch cannot change the analysis
 * of an existing field); the mapping's {@code _meta} names it, and an index without a name is
 * {@link #ANALYSED_BY_NODE}.
 */
enum TextLayout {
    /**
     * Indexes made before 2026-12-07: the node cuts the text itself with analyzers that copy
     * {@link TextAnalysis} (stemming chosen per word by a painless condition), and the phrase sub-field
     * carries an "any word" token at every position for {@code ||} gaps. That analysis was most of the
     * node's CPU in an import (JFR: 52 % of the node's samples, against 13 % for the inversion itself).
     */
    ANALYSED_BY_NODE {
        @Override
        void addAnalysis(ObjectNode analysis) {
            ObjectNode filters = analysis.putObject("filter");
            filters.set("tracksearch_latin_stem", scriptCondition("porter_stem", "LATIN"));
            filters.putObject("tracksearch_russian_light").put("type", "stemmer").put("language", "light_russian");
            filters.set("tracksearch_cyrillic_stem", scriptCondition("tracksearch_russian_light", "CYRILLIC"));
            filters.putObject("tracksearch_any_word").put("type", "pattern_replace").put("pattern", ".+")
                    .put("replacement", ANY_WORD).put("all", false);
            ObjectNode multiplexer = filters.putObject("tracksearch_with_any").put("type", "multiplexer")
                    .put("preserve_original", true);
            multiplexer.putArray("filters").add("tracksearch_any_word");
            ObjectNode analyzers = analysis.putObject("analyzer");
            analyzer(analyzers, STEMMED, "lowercase", "tracksearch_latin_stem", "tracksearch_cyrillic_stem");
            analyzer(analyzers, WORDS, "lowercase");
            analyzer(analyzers, WORDS_WITH_ANY, "lowercase", "tracksearch_with_any");
        }

        @Override
        void addMapping(ObjectNode properties, String name) {
            ObjectNode text = properties.putObject(name).put("type", "text").put("analyzer", STEMMED)
                    .put("index_options", "positions").put("norms", false);
            text.putObject("fields").putObject("phrase").put("type", "text").put("analyzer", WORDS_WITH_ANY)
                    .put("search_analyzer", WORDS).put("index_options", "positions").put("norms", false);
        }

        @Override
        void addValues(ObjectNode document, String name, List<String> texts) {
            ArrayNode values = document.putArray(name);
            texts.forEach(values::add);
        }

        @Override
        Query match(String name, String text) {
            return Query.of(q -> q.match(m -> m.field(name).query(FieldValue.of(text)).operator(Operator.And)
                    .zeroTermsQuery(ZeroTermsQuery.None)));
        }

        /**
         * An ordered intervals query in which a gap of n is n {@link #ANY_WORD} intervals, each one word
         * position, so at least n words lie between the neighbours (or before the first, after the last part).
         */
        @Override
        Query phrase(String name, String text) {
            String field = name + ".phrase";
            List<NodePhrasePart> parts = NodePhrasePart.parse(text);
            if (parts.isEmpty()) {
                return OpenSearchCompiler.matchNone();
            }
            if (parts.size() == 1 && parts.getFirst().text() != null && parts.getFirst().gapsBefore() == 0) {
                return Query.of(q -> q.matchPhrase(m -> m.field(field).query(parts.getFirst().text())
                        .zeroTermsQuery(ZeroTermsQuery.None)));
            }
            List<Intervals> sources = new ArrayList<>();
            for (NodePhrasePart part : parts) {
                for (int i = 0; i < part.gapsBefore(); i++) {
                    sources.add(Intervals.of(v -> v.match(m -> m.query(ANY_WORD).analyzer("keyword"))));
                }
                if (part.text() != null) {
                    sources.add(Intervals.of(v -> v.match(m -> m.query(part.text()).ordered(true).maxGaps(0))));
                }
            }
            return Query.of(q -> q.intervals(i -> i.field(field).allOf(a -> a.intervals(sources).ordered(true).maxGaps(-1))));
        }
    },

    /**
     * This server cuts the text with {@link TextAnalysis}, as the embedded store does, and sends the words
     * one space apart: the stems of a text (each once; only whether a word occurs is indexed) in the
     * field, the phrase words framed by the START and END markers in {@code phrase.<field>}. The node only
     * splits at spaces. Phrases with {@code ||} are span queries with gaps of at least their width.
     */
    ANALYSED_HERE {
        @Override
        void addAnalysis(ObjectNode analysis) {
            analysis.putObject("analyzer").putObject(SPLIT_AT_SPACES).put("type", "custom").put("tokenizer", "whitespace");
        }

        @Override
        void addMapping(ObjectNode properties, String name) {
            properties.putObject(name).put("type", "text").put("analyzer", SPLIT_AT_SPACES)
                    .put("index_options", "docs").put("norms", false);
            properties.withObject("/" + PHRASES).put("type", "object").withObject("/properties").putObject(name)
                    .put("type", "text").put("analyzer", SPLIT_AT_SPACES).put("index_options", "positions").put("norms", false);
        }

        @Override
        void addValues(ObjectNode document, String name, List<String> texts) {
            ArrayNode stems = document.putArray(name);
            ArrayNode phrases = document.withObject("/" + PHRASES).putArray(name);
            for (String text : texts) {
                TextAnalysis.IndexedText words = TextAnalysis.index(text);
                stems.add(String.join(" ", words.stems()));
                phrases.add(words.phraseText());
            }
        }

        /** Every stem must occur; a text without words matches nothing. */
        @Override
        Query match(String name, String text) {
            List<Query> terms = TextAnalysis.stemmed(text).stream().map(stem -> OpenSearchCompiler.term(name, stem)).toList();
            return switch (terms.size()) {
                case 0 -> OpenSearchCompiler.matchNone();
                case 1 -> terms.getFirst();
                default -> Query.of(q -> q.bool(b -> b.filter(terms)));
            };
        }

        /**
         * Plain words: a phrase query. With gaps: an ordered span query without a limit on the distance,
         * in which a gap of n is a span of n positions, so at least n words lie between its neighbours; a
         * gap at an end is anchored on the START or END marker, as in the embedded store's interval query.
         */
        @Override
        Query phrase(String name, String text) {
            String field = PHRASES + "." + name;
            List<PhrasePart> parts = PhrasePart.parse(text);
            if (parts.isEmpty()) {
                return OpenSearchCompiler.matchNone();
            }
            if (PhrasePart.isPlain(parts)) {
                List<String> words = parts.getFirst().words();
                return words.size() == 1 ? OpenSearchCompiler.term(field, words.getFirst())
                        : Query.of(q -> q.matchPhrase(m -> m.field(field).query(String.join(" ", words)).analyzer("whitespace")));
            }
            List<SpanQuery> clauses = new ArrayList<>();
            for (PhrasePart part : parts) {
                if (clauses.isEmpty() && part.gapsBefore() > 0) {
                    clauses.add(spanTerm(field, TextAnalysis.START));
                }
                if (part.gapsBefore() > 0) {
                    clauses.add(SpanQuery.of(s -> s.spanGap(g -> g.field(field).spanWidth(part.gapsBefore()))));
                }
                clauses.add(part.words().isEmpty() ? spanTerm(field, TextAnalysis.END) : spanWords(field, part.words()));
            }
            return Query.of(q -> q.spanNear(n -> n.clauses(clauses).slop(Integer.MAX_VALUE).inOrder(true)));
        }

        private static SpanQuery spanWords(String field, List<String> words) {
            if (words.size() == 1) {
                return spanTerm(field, words.getFirst());
            }
            List<SpanQuery> terms = words.stream().map(word -> spanTerm(field, word)).toList();
            return SpanQuery.of(s -> s.spanNear(n -> n.clauses(terms).slop(0).inOrder(true)));
        }

        private static SpanQuery spanTerm(String field, String term) {
            return SpanQuery.of(s -> s.spanTerm(t -> t.field(field).value(term)));
        }
    };

    /** Where the mapping names the layout: {@code {"_meta": {"tracksearch_text": "analysed_here"}}}. */
    private static final String META = "tracksearch_text";
    private static final String STEMMED = "tracksearch_stemmed";
    private static final String WORDS = "tracksearch_words";
    private static final String WORDS_WITH_ANY = "tracksearch_words_any";
    private static final String SPLIT_AT_SPACES = "tracksearch_split_at_spaces";
    /** The object holding the phrase fields of {@link #ANALYSED_HERE}. */
    static final String PHRASES = "phrase";
    /** Indexed at the position of every word of a phrase field of {@link #ANALYSED_BY_NODE}: "any word". */
    static final String ANY_WORD = "\u0001";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Adds the analyzers the layout's fields name to an index's {@code settings.index.analysis}. */
    abstract void addAnalysis(ObjectNode analysis);

    /** Adds the mapping of text field {@code name} to a mapping's {@code properties}. */
    abstract void addMapping(ObjectNode properties, String name);

    /** Puts the texts of field {@code name} into a document. */
    abstract void addValues(ObjectNode document, String name, List<String> texts);

    /** Every word of {@code text} occurs in field {@code name}, stemmed. */
    abstract Query match(String name, String text);

    /** The phrase (spec 8.4: words in order, {@code ||} one or more words) occurs in field {@code name}. */
    abstract Query phrase(String name, String text);

    /** Adds the layout's name to a mapping. */
    void name(ObjectNode mappings) {
        mappings.withObject("/_meta").put(META, name().toLowerCase(Locale.ROOT));
    }

    /** The layout a mapping names; none named is the layout of indexes made before there was a choice. */
    static TextLayout of(JsonNode mappings) {
        JsonNode named = mappings.path("_meta").path(META);
        return named.isTextual() ? valueOf(named.asText().toUpperCase(Locale.ROOT)) : ANALYSED_BY_NODE;
    }

    private static void analyzer(ObjectNode analyzers, String name, String... filters) {
        ObjectNode analyzer = analyzers.putObject(name).put("type", "custom").put("tokenizer", "standard");
        ArrayNode array = analyzer.putArray("filter");
        for (String filter : filters) {
            array.add(filter);
        }
    }

    /** A token filter applied only to words whose first letter is of the script (TextAnalysis.scriptOf). */
    private static ObjectNode scriptCondition(String filter, String script) {
        ObjectNode condition = NODES.objectNode().put("type", "condition");
        condition.putArray("filter").add(filter);
        condition.putObject("script").put("source", """
                String t = token.term.toString();
                for (int i = 0; i < t.length(); ) {
                  int c = t.codePointAt(i);
                  if (Character.isLetter(c)) { return Character.UnicodeScript.of(c) == Character.UnicodeScript.%s; }
                  i += Character.charCount(c);
                }
                return false;""".formatted(script));
        return condition;
    }

    /**
     * A run of words preceded by {@code gapsBefore} gaps, as text for the node to cut; {@code text} null
     * for the trailing gaps of a phrase ending in {@code ||}. A piece without letters or digits has no
     * words (the tokenizer drops it), so its gaps add to the next part's, as {@link PhrasePart} does.
     */
    private record NodePhrasePart(int gapsBefore, String text) {
        static List<NodePhrasePart> parse(String text) {
            List<NodePhrasePart> parts = new ArrayList<>();
            String[] pieces = PhrasePart.pieces(text);
            int gaps = 0;
            for (int i = 0; i < pieces.length; i++) {
                if (i > 0) {
                    gaps++;
                }
                if (pieces[i].codePoints().anyMatch(Character::isLetterOrDigit)) {
                    parts.add(new NodePhrasePart(gaps, pieces[i].strip()));
                    gaps = 0;
                }
            }
            if (gaps > 0) {
                parts.add(new NodePhrasePart(gaps, null));
            }
            return parts;
        }
    }
}
