package io.tracksearch.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** JSON helpers of the load generator: streaming, so that the client spends little CPU per issue. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private Json() {
    }

    static String quote(String text) {
        try {
            return MAPPER.writeValueAsString(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode tree(byte[] body) {
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode tree(String body) {
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The top-level "key" of each issue of a Tracker issue array. */
    static List<String> trackerKeys(byte[] body) {
        List<String> keys = new ArrayList<>();
        try (JsonParser parser = FACTORY.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new IllegalStateException("not an issue array: " + preview(body));
            }
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    if (name.equals("key")) {
                        keys.add(parser.getText());
                    } else {
                        parser.skipChildren();
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return keys;
    }

    /** What the runner needs of an OpenSearch search response. */
    record SearchHits(long total, List<String> ids, JsonNode lastSort, String pitId, String scrollId) {
    }

    static SearchHits openSearchHits(byte[] body) {
        long total = -1;
        List<String> ids = new ArrayList<>();
        JsonNode lastSort = null;
        String pitId = null;
        String scrollId = null;
        try (JsonParser parser = MAPPER.createParser(body)) {
            expect(parser.nextToken(), JsonToken.START_OBJECT, body);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                switch (name) {
                    case "pit_id" -> pitId = parser.getText();
                    case "_scroll_id" -> scrollId = parser.getText();
                    case "error" -> throw new IllegalStateException("OpenSearch error: " + preview(body));
                    case "hits" -> {
                        while (parser.nextToken() == JsonToken.FIELD_NAME) {
                            String hitsField = parser.currentName();
                            parser.nextToken();
                            if (hitsField.equals("total")) {
                                JsonNode totalNode = parser.readValueAsTree();
                                total = totalNode.path("value").asLong(-1);
                            } else if (hitsField.equals("hits")) {
                                while (parser.nextToken() == JsonToken.START_OBJECT) {
                                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                                        String hitField = parser.currentName();
                                        parser.nextToken();
                                        if (hitField.equals("_id")) {
                                            ids.add(parser.getText());
                                        } else if (hitField.equals("sort")) {
                                            lastSort = parser.readValueAsTree();
                                        } else {
                                            parser.skipChildren();
                                        }
                                    }
                                }
                            } else {
                                parser.skipChildren();
                            }
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SearchHits(total, ids, lastSort, pitId, scrollId);
    }

    private static void expect(JsonToken actual, JsonToken expected, byte[] body) {
        if (actual != expected) {
            throw new IllegalStateException("unexpected response: " + preview(body));
        }
    }

    static String preview(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 600), java.nio.charset.StandardCharsets.UTF_8);
        return body.length > 600 ? text + "..." : text;
    }
}
