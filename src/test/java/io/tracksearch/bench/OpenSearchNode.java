package io.tracksearch.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** One OpenSearch node started and stopped with {@code bin/opensearch-node} (loopback, given heap). */
final class OpenSearchNode implements ServerProcess {
    private final Path root;
    private final Path directory;
    private final String url;

    private OpenSearchNode(Path root, Path directory, String url) {
        this.root = root;
        this.directory = directory;
        this.url = url;
    }

    static OpenSearchNode start(Path root, Path directory, int httpPort, String heap) throws IOException, InterruptedException {
        Files.createDirectories(directory);
        Path log = directory.resolveSibling(directory.getFileName() + "-start.log");
        Process process = new ProcessBuilder(root.resolve("bin/opensearch-node").toString(), "start", directory.toString(),
                Integer.toString(httpPort), Integer.toString(httpPort + 100), heap, "tracksearch-bench")
                .redirectError(log.toFile())
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            stop(root, directory);
            throw new IllegalStateException("OpenSearch did not start: " + output + " " + Files.readString(log));
        }
        String[] lines = output.split("\n");
        return new OpenSearchNode(root, directory, lines[lines.length - 1].strip());
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public long pid() {
        try {
            return Long.parseLong(Files.readString(directory.resolve("opensearch.pid")).strip());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public String memory() {
        return ServerProcess.rss(pid());
    }

    /** Heap used from node stats (no forced GC) and RSS, for a node no {@link OpenSearchTarget} talks to. */
    String heapAndRss() throws IOException, InterruptedException {
        try (java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient()) {
            java.net.http.HttpResponse<byte[]> response = client.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(url + "/_nodes/stats/jvm")).build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            com.fasterxml.jackson.databind.JsonNode jvm = Json.tree(response.body()).path("nodes").elements().next().path("jvm").path("mem");
            return "heap used " + OpenSearchTarget.mib(jvm.path("heap_used_in_bytes").asLong()) + " of "
                    + OpenSearchTarget.mib(jvm.path("heap_max_in_bytes").asLong()) + " (node stats, no forced GC); " + memory();
        }
    }

    @Override
    public void close() {
        stop(root, directory);
    }

    private static void stop(Path root, Path directory) {
        try {
            Process stop = new ProcessBuilder(root.resolve("bin/opensearch-node").toString(), "stop", directory.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            stop.waitFor(2, TimeUnit.MINUTES);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
