package io.tracksearch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A server the runner started and must stop, also on failure. */
interface ServerProcess extends AutoCloseable {
    String url();

    long pid();

    /** Memory figures of the process for the report. */
    String memory() throws IOException, InterruptedException;

    @Override
    void close();

    /** Resident set size of a process, from /proc (Linux), or "n/a". */
    static String rss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return "RSS " + kib / 1024 + " MiB";
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux, or the process is gone
        }
        return "RSS n/a";
    }

    /** The java launcher running this JVM; child JVMs and jcmd come from the same JDK. */
    static Path javaHome() {
        return Path.of(ProcessHandle.current().info().command().orElseThrow()).getParent().getParent();
    }
}
