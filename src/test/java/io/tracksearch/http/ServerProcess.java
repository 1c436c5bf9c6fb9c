package io.tracksearch.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server as a separate JVM, started like {@code tracksearch serve} on a free port, so that tests can
 * send it signals: SIGKILL ({@link #kill()}) or SIGTERM ({@link #terminate()}). Its output is kept for
 * failure messages.
 */
record ServerProcess(Process process, String url, StringBuffer output) {
    private static final Pattern READY = Pattern.compile("tracksearch ready at (http://\\S+)");

    static ServerProcess start(Path data, String adminToken, String organization, String... arguments) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "io.tracksearch.cli.Main", "serve", "--port", "0", "--data", data.toString(), "--org-id", organization));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("TRACKSEARCH_ADMIN_TOKEN", adminToken);
        builder.redirectErrorStream(true);
        Process process = builder.start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuffer output = new StringBuffer();
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            output.append(line).append('\n');
            Matcher ready = READY.matcher(line);
            if (ready.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        for (String more = lines.readLine(); more != null; more = lines.readLine()) {
                            output.append(more).append('\n'); // also keeps the pipe from filling up
                        }
                    }
                    catch (IOException ignored) {
                        // process ended
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return new ServerProcess(process, ready.group(1), output);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("server did not start:\n" + output);
    }

    /** SIGKILL: no shutdown hook, no clean close. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: the graceful stop. */
    void terminate() {
        process.destroy();
    }

    int port() {
        return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
    }
}
