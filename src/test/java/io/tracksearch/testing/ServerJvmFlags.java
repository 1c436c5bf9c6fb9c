package io.tracksearch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The flags {@code bin/tracksearch} starts a server JVM with (bin/jvm.options), for servers tests and benchmarks start. */
public final class ServerJvmFlags {
    private ServerJvmFlags() {
    }

    /** Read from the checkout the build runs in (Maven's working directory is the project root). */
    public static List<String> read() {
        try {
            return Files.readAllLines(Path.of("bin", "jvm.options")).stream()
                    .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("bin/jvm.options of the checkout is unreadable", e);
        }
    }
}
