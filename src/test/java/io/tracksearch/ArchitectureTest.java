package io.tracksearch;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Keeps the dependency rules of docs/architecture.md true: each library stays in its package, and
 * packages depend inward only. Reads the import lines of src/main/java.
 */
class ArchitectureTest {
    private static final Path SOURCES = Path.of("src/main/java/io/tracksearch");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+)\\.[\\w*]+;", Pattern.MULTILINE);

    /**
     * Import prefix -> the packages (relative to io.tracksearch) allowed to use it; the longest prefix an
     * import starts with decides. Lucene's analysis also serves {@code text}, whose words both backends index.
     */
    private static final Map<String, List<String>> ONLY_IN = Map.ofEntries(
            Map.entry("org.apache.lucene", List.of("store/lucene")),
            Map.entry("org.apache.lucene.analysis", List.of("store/lucene", "text")),
            Map.entry("org.opensearch", List.of("store/opensearch", "cli")),
            Map.entry("org.apache.hc", List.of("store/opensearch")),
            Map.entry("io.javalin", List.of("http", "cli")),
            Map.entry("org.eclipse.jetty", List.of("http")),
            Map.entry("io.micrometer", List.of("http")),
            Map.entry("picocli", List.of("cli")),
            Map.entry("io.tracksearch.cli", List.of("cli")),
            Map.entry("io.tracksearch.http", List.of("http", "cli")),
            Map.entry("io.tracksearch.store.lucene", List.of("store/lucene", "cli")),
            Map.entry("io.tracksearch.store.opensearch", List.of("store/opensearch", "cli")));

    /** Packages that must not depend on the layers above them. */
    private static final Map<String, List<String>> NEVER = Map.of(
            "store", List.of("io.tracksearch.search", "io.tracksearch.query", "io.tracksearch.scroll", "io.tracksearch.issue", "io.tracksearch.auth"),
            "model", List.of("io.tracksearch.store", "io.tracksearch.search", "io.tracksearch.query", "io.tracksearch.issue"),
            "error", List.of("io.tracksearch."),
            "text", List.of("io.tracksearch."),
            "query", List.of("io.tracksearch.search", "io.tracksearch.scroll", "io.tracksearch.issue"));

    @Test
    void importsRespectThePackageRules() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                String folder = SOURCES.relativize(file.getParent()).toString().replace('\\', '/');
                Matcher matcher = IMPORT.matcher(Files.readString(file));
                while (matcher.find()) {
                    String imported = matcher.group(1);
                    ONLY_IN.keySet().stream()
                            .filter(prefix -> imported.equals(prefix) || imported.startsWith(prefix + "."))
                            .max(Comparator.comparingInt(String::length))
                            .filter(prefix -> ONLY_IN.get(prefix).stream().noneMatch(folder::equals))
                            .ifPresent(prefix -> violations.add(file + " imports " + imported));
                    NEVER.forEach((layer, forbidden) -> {
                        if (folder.equals(layer) && forbidden.stream().anyMatch(imported::startsWith)
                                && !(layer.equals("error") && imported.startsWith("io.tracksearch.error"))) {
                            violations.add(file + " (" + layer + ") imports " + imported);
                        }
                    });
                }
            }
        }
        assertEquals(List.of(), violations);
    }
}
