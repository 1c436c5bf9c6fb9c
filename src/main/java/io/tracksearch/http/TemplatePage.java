package io.tracksearch.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.tracksearch.store.StoredIssues;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * One page being assembled from its issues' templates ({@link TemplateTokens}): the splice points of
 * every template are found once, each distinct value is rendered once (all of them by one generator
 * into one buffer), then the templates are copied with the values in place.
 */
final class TemplatePage {
    /** A splice point's value number for the request's URL prefix. */
    private static final int URL = -1;

    private final StoredIssues issues;
    /** Per template: (start, end exclusive, value number) of each splice point, in order. */
    private final List<int[]> points = new ArrayList<>();
    /** The distinct whole-value tokens, in order of first use; a token's index is its value number. */
    private final List<String> tokens = new ArrayList<>();
    private final Map<String, Integer> numbers = new HashMap<>();
    private int templateBytes;

    TemplatePage(StoredIssues issues) {
        this.issues = issues;
        for (int i = 0; i < issues.size(); i++) {
            byte[] template = issues.template(i);
            templateBytes += template.length;
            points.add(splicePoints(template));
        }
    }

    /** Renders a whole-value token ({@code type + payload}) as the issue's own rendering would. */
    @FunctionalInterface
    interface ValueWriter {
        void write(JsonGenerator generator, String token) throws IOException;
    }

    /** The distinct whole-value tokens of the page (type character + payload), for the lookups they need. */
    List<String> tokens() {
        return tokens;
    }

    /** The page's JSON array: every template with its URLs and values in place. */
    byte[] assemble(byte[] urlPrefix, ValueWriter writer) {
        Values values = render(writer);
        // the exact size first, so the page is written once into an array of its size (no growing, no copy)
        int size = 2 + Math.max(0, issues.size() - 1);
        for (int i = 0; i < issues.size(); i++) {
            size += splicedLength(i, urlPrefix, values);
        }
        byte[] page = new byte[size];
        int at = 0;
        page[at++] = '[';
        for (int i = 0; i < issues.size(); i++) {
            if (i > 0) {
                page[at++] = ',';
            }
            at = splice(i, urlPrefix, values, page, at, issues.template(i).length);
        }
        page[at] = ']';
        return page;
    }

    /**
     * Every issue as one line: its template with URLs and values in place and {@code inner(i)} (members
     * that follow the issue's own, each with its leading comma; may be empty) before its closing brace.
     */
    void lines(byte[] urlPrefix, ValueWriter writer, IntFunction<byte[]> inner, OutputStream out) throws IOException {
        Values values = render(writer);
        for (int i = 0; i < issues.size(); i++) {
            byte[] template = issues.template(i);
            byte[] members = inner.apply(i);
            byte[] line = new byte[splicedLength(i, urlPrefix, values) + members.length + 1];
            int at = splice(i, urlPrefix, values, line, 0, template.length - 1);   // all but the closing brace
            at = copy(members, 0, members.length, line, at);
            line[at++] = '}';
            line[at] = '\n';
            out.write(line);
        }
    }

    /** The distinct values, rendered side by side: value {@code n} is {@code bytes[starts[n], starts[n + 1])}. */
    private record Values(byte[] bytes, int[] starts) {
    }

    private Values render(ValueWriter writer) {
        Buffer values = new Buffer(tokens.size() * 128);
        int[] starts = new int[tokens.size() + 1];
        try (JsonGenerator generator = Json.MAPPER.getFactory().createGenerator(values)) {
            generator.setRootValueSeparator(null);   // values side by side; each is cut out by its offsets
            for (int i = 0; i < tokens.size(); i++) {
                generator.flush();
                starts[i] = values.size();
                writer.write(generator, tokens.get(i));
            }
            generator.flush();
            starts[tokens.size()] = values.size();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);   // in-memory output does not fail
        }
        return new Values(values.array(), starts);
    }

    /** The length of template {@code i}'s body spliced. */
    private int splicedLength(int i, byte[] urlPrefix, Values values) {
        int[] spliced = points.get(i);
        byte[] template = issues.template(i);
        int size = template.length - TemplateTokens.bodyStart(template);
        for (int p = 0; p < spliced.length; p += 3) {
            int value = spliced[p + 2];
            size += (value == URL ? urlPrefix.length : values.starts[value + 1] - values.starts[value]) - (spliced[p + 1] - spliced[p]);
        }
        return size;
    }

    /** Copies template {@code i} up to {@code end} (exclusive) into {@code to} at {@code at}, spliced; returns the position after it. */
    private int splice(int i, byte[] urlPrefix, Values values, byte[] to, int at, int end) {
        byte[] template = issues.template(i);
        int[] spliced = points.get(i);
        int copied = TemplateTokens.bodyStart(template);
        for (int p = 0; p < spliced.length && spliced[p + 1] <= end; p += 3) {
            at = copy(template, copied, spliced[p], to, at);
            int value = spliced[p + 2];
            at = value == URL ? copy(urlPrefix, 0, urlPrefix.length, to, at)
                    : copy(values.bytes, values.starts[value], values.starts[value + 1], to, at);
            copied = spliced[p + 1];
        }
        return copy(template, copied, end, to, at);
    }

    /** Copies {@code from[start, end)} to {@code to} at {@code at}; returns the position after it. */
    private static int copy(byte[] from, int start, int end, byte[] to, int at) {
        System.arraycopy(from, start, to, at, end - start);
        return at + end - start;
    }

    private int[] splicePoints(byte[] template) {
        int[] starts = TemplateTokens.spliceStarts(template);
        int[] found = new int[3 * starts.length];
        for (int p = 0; p < starts.length; p++) {
            int at = starts[p];
            int end;
            int value;
            if (template[at + 1] == '/') {
                end = at + TemplateTokens.URL_LENGTH;
                value = URL;
            }
            else {
                int close = at + 2;
                while (template[close] != TemplateTokens.END) {
                    close++;
                }
                end = close + 1;
                value = number(new String(template, at + 1, close - at - 1, StandardCharsets.UTF_8));
            }
            found[3 * p] = at;
            found[3 * p + 1] = end;
            found[3 * p + 2] = value;
        }
        return found;
    }

    private int number(String token) {
        Integer number = numbers.get(token);
        if (number == null) {
            number = tokens.size();
            numbers.put(token, number);
            tokens.add(token);
        }
        return number;
    }

    /** A byte buffer whose array can be read without a copy. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer(int size) {
            super(size);
        }

        byte[] array() {
            return buf;
        }
    }
}
