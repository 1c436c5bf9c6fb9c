package io.tracksearch.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;

/**
 * The stored JSON of an issue, the same for every backend: one flat object with {@code id, key, queue,
 * number, version} and then every value under its field id, in stored form. Issues written by earlier
 * versions (one JSON property per record component, nulls included) read the same way, so existing
 * data directories and indices need no migration.
 */
public final class IssueJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> IDENTITY = Set.of("id", "key", "queue", "number", "version");

    private IssueJson() {
    }

    public static ObjectNode toTree(Issue issue) {
        ObjectNode tree = JSON.createObjectNode();
        tree.put("id", issue.id());
        tree.put("key", issue.key());
        tree.put("queue", issue.queue());
        tree.put("number", issue.number());
        tree.put("version", issue.version());
        for (Map.Entry<String, JsonNode> entry : issue.values().entrySet()) {
            tree.set(entry.getKey(), entry.getValue());
        }
        return tree;
    }

    public static byte[] write(Issue issue) {
        try {
            return JSON.writeValueAsBytes(toTree(issue));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Issue fromTree(JsonNode tree) {
        Issue.Builder builder = new Issue.Builder()
                .id(tree.path("id").asText())
                .key(tree.path("key").asText())
                .version(tree.path("version").asLong());
        for (Map.Entry<String, JsonNode> entry : tree.properties()) {
            if (!IDENTITY.contains(entry.getKey())) {
                builder.set(entry.getKey(), entry.getValue());
            }
        }
        return builder.build();
    }

    public static Issue read(byte[] bytes, int offset, int length) {
        try {
            return fromTree(JSON.readTree(bytes, offset, length));
        }
        catch (IOException e) {
            throw new UncheckedIOException("stored issue JSON is unreadable", e);
        }
    }
}
