package io.tracksearch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real OpenSearch 3.8.0 nodes on loopback for tests, started and stopped through {@code bin/opensearch-node}
 * (which fetches the distribution from Maven Central once). HTTP ports 19200-19299, transport +100, heap
 * 512m. {@link #shared()} is one single-node cluster per test JVM, started on first use and stopped by a
 * shutdown hook; {@link #cluster} starts a multi-node cluster that the caller closes.
 */
public final class OpenSearchNodes implements AutoCloseable {
    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path NODES = ROOT.resolve("target/opensearch-test");
    private static OpenSearchNodes shared;

    private final List<Path> directories;
    private final List<Integer> httpPorts;
    private final String clusterName;

    private OpenSearchNodes(List<Path> directories, List<Integer> httpPorts, String clusterName) {
        this.directories = directories; // filled while the nodes start, so that close() stops those already started
        this.httpPorts = List.copyOf(httpPorts);
        this.clusterName = clusterName;
    }

    /** The single-node cluster shared by every test of this JVM. */
    public static synchronized OpenSearchNodes shared() {
        if (shared == null) {
            stopLeftovers();
            shared = cluster(1, "tracksearch-shared");
            OpenSearchNodes started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "opensearch-test-stop"));
        }
        return shared;
    }

    /** Starts a cluster of {@code size} nodes (size 1: single-node discovery); the caller must close it. */
    public static OpenSearchNodes cluster(int size, String clusterName) {
        List<Integer> ports = freePorts(size);
        List<Path> directories = new ArrayList<>();
        OpenSearchNodes nodes = new OpenSearchNodes(directories, ports, clusterName);
        List<String> seeds = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int port : ports) {
            seeds.add(Integer.toString(port + 100));
            names.add("node-" + port);
        }
        try {
            Files.createDirectories(NODES);
            List<Process> starting = new ArrayList<>();
            for (int port : ports) {
                Path directory = NODES.resolve(clusterName + "-" + port);
                deleteRecursively(directory);
                directories.add(directory);
                List<String> command = new ArrayList<>(List.of(ROOT.resolve("bin/opensearch-node").toString(), "start",
                        directory.toString(), Integer.toString(port), Integer.toString(port + 100), "512m", clusterName));
                if (size > 1) {
                    command.add(String.join(",", seeds));
                    command.add(String.join(",", names));
                }
                starting.add(new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(directory.resolveSibling(directory.getFileName() + ".start.log").toFile()).start());
            }
            for (int i = 0; i < starting.size(); i++) {
                Process process = starting.get(i);
                if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                    Path log = directories.get(i).resolveSibling(directories.get(i).getFileName() + ".start.log");
                    throw new IllegalStateException("OpenSearch node did not start: " + Files.readString(log, StandardCharsets.UTF_8));
                }
            }
            nodes.awaitFormed();
            return nodes;
        } catch (IOException | InterruptedException | RuntimeException e) {
            nodes.close();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("starting OpenSearch failed", e);
        }
    }

    /** Waits until every node has joined and the cluster is green (a node answers HTTP before it joins). */
    private void awaitFormed() throws IOException, InterruptedException {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(urls().getFirst()
                .resolve("/_cluster/health?wait_for_nodes=" + size() + "&wait_for_status=green&timeout=120s"))
                .timeout(java.time.Duration.ofSeconds(150)).build();
        java.net.http.HttpResponse<String> response = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("OpenSearch cluster did not form: " + response.body());
        }
        // On a shared machine another build may have taken the port between our check and the start (our
        // node then fails to bind and exits): never run against someone else's node.
        if (!response.body().contains("\"cluster_name\":\"" + clusterName + "\"")) {
            throw new IllegalStateException("the node at " + urls().getFirst() + " is not ours (" + clusterName + "): " + response.body());
        }
    }

    public List<URI> urls() {
        return httpPorts.stream().map(port -> URI.create("http://127.0.0.1:" + port)).toList();
    }

    public int size() {
        return httpPorts.size();
    }

    /**
     * Stops node {@code index} (SIGTERM, then SIGKILL after 30 s), leaving the others running. Signals from
     * Java rather than through {@code bin/opensearch-node stop}: a shutdown hook must not depend on child
     * processes, whose output pipe surefire may already have closed.
     */
    public void stop(int index) {
        stopNode(directories.get(index));
    }

    private static void stopNode(Path directory) {
        Path pidFile = directory.resolve("opensearch.pid");
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile).strip());
        } catch (IOException | NumberFormatException e) {
            return; // never started, or stopped cleanly (OpenSearch deletes its pid file)
        }
        ProcessHandle.of(pid)
                .filter(process -> process.info().commandLine().map(line -> line.contains(directory.toString())).orElse(true))
                .ifPresent(process -> {
                    process.destroy();
                    try {
                        process.onExit().get(30, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        process.destroyForcibly();
                    }
                });
    }

    /** Stops nodes a previous test JVM left running (killed before its shutdown hook ran). */
    private static void stopLeftovers() {
        if (!Files.isDirectory(NODES)) {
            return;
        }
        try (var directories = Files.list(NODES)) {
            directories.filter(Files::isDirectory).forEach(OpenSearchNodes::stopNode);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills node {@code index} at once (SIGKILL), as a crash. */
    public void kill(int index) {
        Path pidFile = directories.get(index).resolve("opensearch.pid");
        try {
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            ProcessHandle.of(pid).ifPresent(process -> {
                process.destroyForcibly();
                process.onExit().join();
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the node of a single-node cluster again on its data (after {@link #kill}), and waits until it is green. */
    public void restart() {
        if (size() != 1) {
            throw new IllegalStateException("only a single-node cluster restarts by itself");
        }
        Path directory = directories.getFirst();
        int port = httpPorts.getFirst();
        try {
            Process process = new ProcessBuilder(ROOT.resolve("bin/opensearch-node").toString(), "start", directory.toString(),
                    Integer.toString(port), Integer.toString(port + 100), "512m", clusterName).redirectErrorStream(true)
                    .redirectOutput(directory.resolveSibling(directory.getFileName() + ".restart.log").toFile()).start();
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("OpenSearch node did not restart, see " + directory + ".restart.log");
            }
            awaitFormed();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Stops every node, in parallel. */
    @Override
    public void close() {
        directories.parallelStream().forEach(directory -> {
            try {
                stopNode(directory);
            } catch (RuntimeException e) {
                System.err.println("could not stop OpenSearch node " + directory + ": " + e);
            }
        });
    }

    /** HTTP ports in 19200-19299 whose HTTP and transport (+100) ports are both free. */
    private static synchronized List<Integer> freePorts(int count) {
        List<Integer> ports = new ArrayList<>();
        for (int port = 19200; port < 19300 && ports.size() < count; port++) {
            if (isFree(port) && isFree(port + 100) && !reserved.contains(port)) {
                ports.add(port);
            }
        }
        if (ports.size() < count) {
            throw new IllegalStateException("no free ports in 19200-19299");
        }
        reserved.addAll(ports);
        return ports;
    }

    private static final List<Integer> reserved = new ArrayList<>();

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
