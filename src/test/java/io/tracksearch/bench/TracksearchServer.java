package io.tracksearch.bench;

import io.tracksearch.testing.ServerJvmFlags;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code tracksearch serve} in its own JVM (the runner's classpath holds the server classes), so that
 * its heap and CPU are its own and can be measured. Heap: -Xms = -Xmx = the given size, as OpenSearch.
 */
final class TracksearchServer implements ServerProcess {
    private static final Pattern READY = Pattern.compile("tracksearch ready at (\\S+)");
    private static final Pattern HEAP_USED = Pattern.compile("committed (\\d+)K, used (\\d+)K");

    private final Process process;
    private final String url;

    private TracksearchServer(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    static TracksearchServer start(Path dataDirectory, String heap, String token, Path log) throws IOException, InterruptedException {
        return start(dataDirectory, heap, token, log, List.of());
    }

    /** Starts {@code tracksearch serve} with extra serve options (e.g. {@code --store opensearch ...}). */
    static TracksearchServer start(Path dataDirectory, String heap, String token, Path log, List<String> serveOptions)
            throws IOException, InterruptedException {
        Files.createDirectories(dataDirectory);
        List<String> command = new ArrayList<>();
        command.add(ServerProcess.javaHome().resolve("bin/java").toString());
        command.add("-Xms" + heap);
        command.add("-Xmx" + heap);
        command.addAll(ServerJvmFlags.read());
        String extra = System.getenv("TRACKSEARCH_BENCH_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.strip().split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.tracksearch.cli.Main",
                "serve", "--port", "0", "--data", dataDirectory.toString()));
        command.addAll(serveOptions);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("TRACKSEARCH_ADMIN_TOKEN", token);
        Process process = builder.start();
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("tracksearch-log").start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                    PrintWriter out = new PrintWriter(Files.newBufferedWriter(log), true)) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    out.println(line);
                    Matcher matcher = READY.matcher(line);
                    if (matcher.find()) {
                        ready.complete(matcher.group(1));
                    }
                }
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
            ready.completeExceptionally(new IllegalStateException("tracksearch exited before it was ready; see " + log));
        });
        try {
            return new TracksearchServer(process, ready.get(120, TimeUnit.SECONDS));
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("tracksearch did not start; see " + log, e);
        }
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public long pid() {
        return process.pid();
    }

    /** Heap used after a forced full GC (jcmd GC.run + GC.heap_info), heap size and RSS. */
    @Override
    public String memory() throws IOException, InterruptedException {
        jcmd("GC.run");
        String info = jcmd("GC.heap_info");
        Matcher matcher = HEAP_USED.matcher(info);
        String heap = matcher.find()
                ? "heap used after full GC " + Long.parseLong(matcher.group(2)) / 1024 + " MiB of " + Long.parseLong(matcher.group(1)) / 1024 + " MiB"
                : "heap n/a";
        return heap + "; " + ServerProcess.rss(pid());
    }

    /** Heap used after a full GC, in bytes, or -1. */
    long heapUsedAfterGc() throws IOException, InterruptedException {
        jcmd("GC.run");
        Matcher matcher = HEAP_USED.matcher(jcmd("GC.heap_info"));
        return matcher.find() ? Long.parseLong(matcher.group(2)) * 1024 : -1;
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(ServerProcess.javaHome().resolve("bin/jcmd").toString(), Long.toString(pid()), command)
                .redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        jcmd.waitFor(60, TimeUnit.SECONDS);
        return output;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
