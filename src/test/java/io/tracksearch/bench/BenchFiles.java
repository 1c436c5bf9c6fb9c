package io.tracksearch.bench;

import java.io.IOException;
import java.nio.file.Path;

/** File helpers shared by the runner and the JMH benchmarks. */
public final class BenchFiles {
    private BenchFiles() {
    }

    public static void deleteRecursively(Path directory) throws IOException {
        BenchRunner.deleteRecursively(directory);
    }
}
