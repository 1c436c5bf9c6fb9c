package io.tracksearch.store.opensearch;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.tracksearch.store.IssuePage;
import io.tracksearch.store.StoredIssues;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * A search answer of the issue index read from its bytes: the exact total, and per hit the bytes of the
 * stored issue JSON, cut out of the answer and handed on unparsed, with the issue's template where the
 * document has one ({@link StoredIssues} parses an issue only when something reads it, and a page whose
 * issues all have templates parses none). Before, the client built a tree of every hit's source, the store
 * converted each tree to an issue and the page was rendered from those: two thirds of this server's CPU
 * for a page of 50 issues (JFR, 100,000 issues).
 */
final class SearchAnswer {
    private SearchAnswer() {
    }

    /** The page this answer holds; a failed shard is an error, never a short page. */
    static IssuePage read(byte[] answer) throws IOException {
        List<byte[]> sources = new ArrayList<>();
        List<byte[]> templates = new ArrayList<>();
        long total = -1;
        try (JsonParser parser = OpenSearchDocuments.JSON.createParser(answer)) {
            expect(parser.nextToken(), JsonToken.START_OBJECT);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                switch (name) {
                    case "_shards" -> requireAllShards(parser.readValueAsTree());
                    case "hits" -> total = readHits(parser, answer, sources, templates);
                    default -> parser.skipChildren();
                }
            }
        }
        if (total < 0) {
            throw new IOException("search answer without hits.total");
        }
        boolean anyTemplate = templates.stream().anyMatch(Objects::nonNull);
        return new IssuePage(new StoredIssues(sources, anyTemplate ? templates : List.of()), total);
    }

    private static long readHits(JsonParser parser, byte[] answer, List<byte[]> sources, List<byte[]> templates)
            throws IOException {
        expect(parser.currentToken(), JsonToken.START_OBJECT);
        long total = -1;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            switch (name) {
                case "total" -> total = ((JsonNode) parser.readValueAsTree()).path("value").asLong(-1);
                case "hits" -> {
                    expect(parser.currentToken(), JsonToken.START_ARRAY);
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        readHit(parser, answer, sources, templates);
                    }
                }
                default -> parser.skipChildren();
            }
        }
        return total;
    }

    /** The bytes of the hit's {@code _source.issue}, exactly as the answer holds them, and its template or null. */
    private static void readHit(JsonParser parser, byte[] answer, List<byte[]> sources, List<byte[]> templates)
            throws IOException {
        byte[] issue = null;
        byte[] template = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            switch (name) {
                case "_source" -> {
                    expect(parser.currentToken(), JsonToken.START_OBJECT);
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        boolean isIssue = parser.currentName().equals(OpenSearchDocuments.ISSUE);
                        parser.nextToken();
                        if (isIssue && parser.currentToken() == JsonToken.START_OBJECT) {
                            int start = (int) parser.currentTokenLocation().getByteOffset();
                            parser.skipChildren();
                            int end = (int) parser.currentLocation().getByteOffset();
                            issue = Arrays.copyOfRange(answer, start, end);
                        }
                        else {
                            parser.skipChildren();
                        }
                    }
                }
                case "fields" -> {
                    // stored fields come as arrays of values; a binary one as base64
                    JsonNode values = ((JsonNode) parser.readValueAsTree()).path(OpenSearchDocuments.TEMPLATE);
                    if (values.size() == 1) {
                        template = Base64.getDecoder().decode(values.get(0).asText());
                    }
                }
                default -> parser.skipChildren();
            }
        }
        if (issue == null) {
            throw new IOException("search hit without _source.issue");
        }
        sources.add(issue);
        templates.add(template);
    }

    private static void requireAllShards(JsonNode shards) {
        int failed = shards.path("failed").asInt();
        if (failed > 0) {
            JsonNode reason = shards.path("failures").path(0).path("reason").path("reason");
            throw OpenSearchFailures.unavailable(failed + " of " + shards.path("total").asInt() + " shards failed"
                    + (reason.isMissingNode() ? "" : ": " + reason.asText()), null);
        }
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("unexpected search answer: " + actual + " where " + expected + " belongs");
        }
    }
}
