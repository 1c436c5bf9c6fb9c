package io.tracksearch.store.lucene;

import io.tracksearch.text.TextAnalysis;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The one-pass analysis of indexed texts ({@link TextAnalysis#index}) gives exactly the terms of the two
 * analyzers it replaced, so indexes written before it and queries compiled with the analyzers stay valid.
 */
class TextAnalysisTest {
    /** Words, stems that collide, Cyrillic, digits, punctuation, a long token, marker-like controls, emoji. */
    private static final List<String> PIECES = List.of("Crash", "crashes", "CRASHED", "running", "ошибка", "Ошибки",
            "ёлка", "x86_64", "v1.2.3", "3.14", "O'Neil", "e-mail", "user@example.com", "日本語", "😀", "naïve",
            "\u0001", "\u0002", "\u0003", "a".repeat(300), "", " ", "\t\n", ",", "...", "İstanbul", "straße");

    @Test
    void oneAnalysisGivesTheTermsOfBothAnalyzers() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        for (int i = 0; i < 5_000; i++) {
            String text = randomText(random);
            TextAnalysis.IndexedText indexed = TextAnalysis.index(text);
            assertEquals(tokens(TextAnalysis.PHRASE.tokenStream("f", text)), tokens(indexed.phrase()), "seed " + seed + " text [" + text + "]");
            assertEquals(new LinkedHashSet<>(TextAnalysis.stemmed(text)).stream().sorted().toList(),
                    distinctSorted(tokens(indexed.stemmed())), "seed " + seed + " text [" + text + "]");
        }
    }

    /** Whole indexes, written both ways: every term with its documents, frequencies and positions is the same. */
    @Test
    void indexesAreTheSame() throws IOException {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            texts.add(randomText(random));
        }
        try (Directory analyzed = new ByteBuffersDirectory(); Directory replayed = new ByteBuffersDirectory()) {
            write(analyzed, texts, false);
            write(replayed, texts, true);
            assertEquals(postings(analyzed), postings(replayed), "seed " + seed);
        }
    }

    private static void write(Directory directory, List<String> texts, boolean once) throws IOException {
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(DurableWriter.analyzer()))) {
            for (String text : texts) {
                Document document = new Document();
                if (once) {
                    TextAnalysis.IndexedText indexed = TextAnalysis.index(text);
                    document.add(new Field("description", indexed.stemmed(), IssueDocuments.STEMMED_TEXT));
                    document.add(new Field("description.phrase", indexed.phrase(), IssueDocuments.PHRASE_TEXT));
                }
                else {
                    document.add(new Field("description", text, IssueDocuments.STEMMED_TEXT));
                    document.add(new Field("description.phrase", text, IssueDocuments.PHRASE_TEXT));
                }
                writer.addDocument(document);
            }
            writer.forceMerge(1);
        }
    }

    /** Field, term, then per document its id and frequency (positions too where indexed), plus the field's statistics. */
    private static List<String> postings(Directory directory) throws IOException {
        List<String> lines = new ArrayList<>();
        try (DirectoryReader reader = DirectoryReader.open(directory)) {
            LeafReader leaf = reader.leaves().getFirst().reader();
            for (String field : List.of("description", "description.phrase")) {
                Terms terms = leaf.terms(field);
                lines.add(field + " docs " + terms.getDocCount() + " sumDocFreq " + terms.getSumDocFreq()
                        + " sumTotalTermFreq " + terms.getSumTotalTermFreq() + " positions " + terms.hasPositions());
                TermsEnum each = terms.iterator();
                for (BytesRef term = each.next(); term != null; term = each.next()) {
                    StringBuilder line = new StringBuilder(field + " " + term.utf8ToString() + " df " + each.docFreq() + " ttf " + each.totalTermFreq() + ":");
                    PostingsEnum postings = each.postings(null, terms.hasPositions() ? PostingsEnum.POSITIONS : PostingsEnum.FREQS);
                    for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                        line.append(' ').append(doc).append('x').append(postings.freq());
                        for (int i = 0; terms.hasPositions() && i < postings.freq(); i++) {
                            line.append('@').append(postings.nextPosition());
                        }
                    }
                    lines.add(line.toString());
                }
            }
        }
        return lines;
    }

    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        int pieces = random.nextInt(40);
        for (int i = 0; i < pieces; i++) {
            text.append(PIECES.get(random.nextInt(PIECES.size())));
            text.append(random.nextInt(5) == 0 ? ", " : " ");
        }
        return text.toString();
    }

    private static List<String> tokens(TokenStream stream) {
        List<String> tokens = new ArrayList<>();
        try (stream) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                tokens.add(term + "+" + increment.getPositionIncrement());
            }
            stream.end();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return tokens;
    }

    private static List<String> distinctSorted(List<String> tokens) {
        return tokens.stream().map(token -> token.substring(0, token.lastIndexOf('+'))).distinct().sorted().toList();
    }
}
