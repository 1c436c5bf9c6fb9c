package io.tracksearch.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.tracksearch.error.ErrorCode;
import io.tracksearch.error.Message;
import io.tracksearch.error.TrackerException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/** JSON reading with the spec's leniency (trailing commas, any Content-Type) and compact writing. */
final class Json {
    static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build())
                    .build())
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Json() {
    }

    /** Parses a request body; blank counts as {@code {}} where {@code emptyIsObject}. Always an object. */
    static JsonNode object(byte[] body, boolean emptyIsObject) {
        JsonNode node = parse(body, emptyIsObject);
        if (!node.isObject()) {
            throw new TrackerException(ErrorCode.BAD_REQUEST, Message.BODY_NOT_OBJECT);
        }
        return node;
    }

    static JsonNode parse(byte[] body, boolean emptyIsObject) {
        if (isBlank(body)) {
            if (emptyIsObject) {
                return JsonNodeFactory.instance.objectNode();
            }
            throw new TrackerException(ErrorCode.BAD_REQUEST, Message.BODY_NOT_OBJECT);
        }
        try {
            return MAPPER.readTree(body);
        }
        catch (JsonProcessingException e) {
            throw new TrackerException(ErrorCode.BAD_REQUEST, Message.MALFORMED_JSON, Map.of(), null, e.getOriginalMessage());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    /** Writes with a generator into bytes; the writer callback may throw IOException. */
    static byte[] write(JsonWriter writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try (JsonGenerator generator = MAPPER.getFactory().createGenerator(out)) {
            writer.write(generator);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** As {@link #write}, into a string (log lines). */
    static String string(JsonWriter writer) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator generator = MAPPER.getFactory().createGenerator(out)) {
            writer.write(generator);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** As {@link #write} after a version byte, and the marker bytes of templates ({@link TemplateTokens}) stay raw in strings. */
    static byte[] writeTemplate(byte version, JsonWriter writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        out.write(version);
        try (JsonGenerator generator = MAPPER.getFactory().createGenerator(out)) {
            generator.setCharacterEscapes(TemplateTokens.RAW_MARKERS);
            writer.write(generator);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        }
        catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FunctionalInterface
    interface JsonWriter {
        void write(JsonGenerator generator) throws IOException;
    }

}
