package io.tracksearch.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code tracksearch serve} as a separate JVM on this test's class path, so that it can be killed with
 * SIGKILL (no shutdown hook, no clean close) and started again on the same data.
 */
public final class TracksearchProcess implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("tracksearch ready at (http://\\S+)");

    private final Process process;
    private final String url;
    private final StringBuffer output;

    private TracksearchProcess(Process process, String url, StringBuffer output) {
        this.process = process;
        this.url = url;
        this.output = output;
    }

    /** Starts {@code serve --port 0 --data data} plus {@code arguments}, with {@code environment} added; waits until ready. */
    public static TracksearchProcess start(Path data, Map<String, String> environment, String... arguments) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m"));
        command.addAll(ServerJvmFlags.read());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.tracksearch.cli.Main", "serve", "--port", "0",
                "--data", data.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuffer seen = new StringBuffer();
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            seen.append(line).append('\n');
            Matcher ready = READY.matcher(line);
            if (ready.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        for (String more = lines.readLine(); more != null; more = lines.readLine()) {
                            seen.append(more).append('\n');   // kept for failure messages; keeps the pipe from filling up
                        }
                    } catch (IOException ignored) {
                        // the process ended
                    }
                }, "tracksearch-process-output");
                drain.setDaemon(true);
                drain.start();
                return new TracksearchProcess(process, ready.group(1), seen);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("server did not start:\n" + seen);
    }

    public String url() {
        return url;
    }

    public int port() {
        return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
    }

    public Process process() {
        return process;
    }

    /** Everything the process printed so far. */
    public String output() {
        return output.toString();
    }

    /** SIGTERM: the graceful stop. */
    public void terminate() {
        process.destroy();
    }

    /** SIGKILL, then waits for the process to be gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
