package io.tracksearch.store.opensearch;

import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.tracksearch.store.StoredIssues;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch.core.SearchRequest;
import org.opensearch.client.opensearch.generic.Bodies;
import org.opensearch.client.opensearch.generic.Requests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A search answer of the issue index (a page's search or a point in time's) read from its bytes: the
 * exact total when asked for, the point in time's id, the last hit's id and sort values for {@code
 * search_after}, and per hit the bytes of the
 * stored issue JSON, cut out of the answer and handed on unparsed, with the issue's template where the
 * document has one ({@link StoredIssues} parses an issue only when something reads it, and a page whose
 * issues all have templates parses none). Before, the client built a tree of every hit's source, the store
 * converted each tree to an issue and the page was rendered from those: two thirds of this server's CPU
 * for a page of 50 issues (JFR, 100,000 issues).
 */
record SearchAnswer(StoredIssues issues, long total, String pitId, String lastId, List<FieldValue> lastSort) {
    /** What an error answer becomes: its status and body. */
    interface ErrorAnswer {
        RuntimeException of(int status, String body);
    }

    /**
     * Sends a search of the issue index (with the issue and its template asked for) and reads its answer;
     * any answer but 200 is {@code onError}'s exception.
     */
    static SearchAnswer search(OpenSearchClient client, String endpoint, SearchRequest request, ErrorAnswer onError) {
        return OpenSearchFailures.call(() -> {
            try (var response = client.generic().execute(Requests.builder().method("POST").endpoint(endpoint)
                    .body(Bodies.json(request, client._transport().jsonpMapper())).build())) {
                // readAllBytes: one copy of the client's buffer (bodyAsBytes grows a stream, copying as it goes)
                var body = response.getBody();
                byte[] answer = body.isPresent() ? body.get().body().readAllBytes() : new byte[0];
                if (response.getStatus() != 200) {
                    throw onError.of(response.getStatus(), new String(answer, StandardCharsets.UTF_8));
                }
                return read(answer);
            }
        });
    }

    /** The fields of the issue index a search returns: the issue itself and its template. */
    static SearchRequest.Builder issuesAndTemplates(SearchRequest.Builder search) {
        return search.source(source -> source.fetch(true)).storedFields(OpenSearchDocuments.TEMPLATE);
    }

    /** The page this answer holds; a failed shard is an error, never a short page. Total -1 when not tracked. */
    static SearchAnswer read(byte[] answer) throws IOException {
        Hits hits = new Hits();
        String pitId = null;
        try (JsonParser parser = OpenSearchDocuments.JSON.createParser(answer)) {
            expect(parser.nextToken(), JsonToken.START_OBJECT);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                switch (name) {
                    case "_shards" -> requireAllShards(parser.readValueAsTree());
                    case "pit_id" -> pitId = parser.getText();
                    case "hits" -> readHits(parser, answer, hits);
                    default -> parser.skipChildren();
                }
            }
        }
        boolean anyTemplate = hits.templates.stream().anyMatch(Objects::nonNull);
        return new SearchAnswer(new StoredIssues(hits.sources, anyTemplate ? hits.templates : List.of()), hits.total, pitId,
                hits.lastId, hits.lastSort == null ? null : sortValues(hits.lastSort));
    }

    /** The hits as they are read. */
    private static final class Hits {
        final List<byte[]> sources = new ArrayList<>();
        final List<byte[]> templates = new ArrayList<>();
        long total = -1;
        String lastId;
        JsonNode lastSort;
    }

    private static void readHits(JsonParser parser, byte[] answer, Hits hits) throws IOException {
        expect(parser.currentToken(), JsonToken.START_OBJECT);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            switch (name) {
                case "total" -> hits.total = ((JsonNode) parser.readValueAsTree()).path("value").asLong(-1);
                case "hits" -> {
                    expect(parser.currentToken(), JsonToken.START_ARRAY);
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        readHit(parser, answer, hits);
                    }
                }
                default -> parser.skipChildren();
            }
        }
    }

    /**
     * The template among a hit's stored fields (each an array of values; a binary one in base64), decoded
     * straight from the answer's bytes.
     */
    private static byte[] readTemplate(JsonParser parser) throws IOException {
        expect(parser.currentToken(), JsonToken.START_OBJECT);
        byte[] template = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            boolean isTemplate = parser.currentName().equals(OpenSearchDocuments.TEMPLATE);
            parser.nextToken();
            if (isTemplate && parser.currentToken() == JsonToken.START_ARRAY && parser.nextToken() == JsonToken.VALUE_STRING) {
                template = parser.getBinaryValue(Base64Variants.MIME_NO_LINEFEEDS);
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    parser.skipChildren();
                }
            }
            else {
                parser.skipChildren();
            }
        }
        return template;
    }

    /** Sort values as the client's typed answer gave them, for {@code search_after}. */
    private static List<FieldValue> sortValues(JsonNode sort) {
        List<FieldValue> values = new ArrayList<>();
        for (JsonNode value : sort) {
            values.add(switch (value.getNodeType()) {
                case NUMBER -> value.isIntegralNumber() ? FieldValue.of(value.asLong()) : FieldValue.of(value.asDouble());
                case BOOLEAN -> FieldValue.of(value.asBoolean());
                case NULL -> FieldValue.NULL;
                default -> FieldValue.of(value.asText());
            });
        }
        return values;
    }

    /** The bytes of the hit's {@code _source.issue}, exactly as the answer holds them, and its template or null. */
    private static void readHit(JsonParser parser, byte[] answer, Hits hits) throws IOException {
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
                case "fields" -> template = readTemplate(parser);
                case "_id" -> hits.lastId = parser.getText();
                case "sort" -> hits.lastSort = parser.readValueAsTree();
                default -> parser.skipChildren();
            }
        }
        if (issue == null) {
            throw new IOException("search hit without _source.issue");
        }
        hits.sources.add(issue);
        hits.templates.add(template);
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
