package io.tracksearch.crash;

import io.tracksearch.testing.Backend;
import io.tracksearch.testing.OpenSearchNodes;
import io.tracksearch.testing.TracksearchProcess;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGKILL in the middle of a bulk import with concurrent creates and edits, again and again: after each
 * restart every acknowledged write is there with its content, the index opens (and, embedded, checks
 * clean), no key is reused. {@code -Dtracksearch.crash.kills} sets the number of kills (CI: 3;
 * {@code bench/crash.sh}: 10) and {@code -Dtracksearch.crash.seed} replays a run.
 */
class CrashLoopTest {
    private static final int KILLS = Integer.getInteger("tracksearch.crash.kills", 3);
    private static final long SEED = Long.getLong("tracksearch.crash.seed", System.nanoTime());
    private static final Map<String, String> ENVIRONMENT = Map.of("TRACKSEARCH_ADMIN_TOKEN", CrashWorkload.TOKEN);

    @TempDir
    Path data;

    @Test
    void embeddedStoreKeepsEveryAcknowledgedWriteAcrossKills() throws Exception {
        Random random = new Random(SEED);
        CrashWorkload workload = new CrashWorkload(random.nextLong());
        for (int round = 1; round <= KILLS; round++) {
            TracksearchProcess server = start();
            try {
                verify(workload, server, round);
                runUntilKilled(workload, server, round, random, server::kill);
            } finally {
                server.kill();
            }
            assertIndexIsClean(data.resolve("index"), round);
        }
        try (TracksearchProcess server = start()) {
            verify(workload, server, KILLS + 1);
        }
        report("embedded", workload);
    }

    /**
     * Tracksearch on its own one-node OpenSearch: tracksearch is killed {@link #KILLS} times, then the
     * OpenSearch node itself, mid-import; after the node restarts, every acknowledged write is there.
     */
    @Test
    void openSearchBackendKeepsEveryAcknowledgedWriteAcrossKills() throws Exception {
        Assumptions.assumeTrue(Backend.enabled().anyMatch(backend -> backend == Backend.OPENSEARCH),
                "OpenSearch backend not enabled (-Dtracksearch.backends)");
        Random random = new Random(SEED);
        CrashWorkload workload = new CrashWorkload(random.nextLong());
        try (OpenSearchNodes node = OpenSearchNodes.cluster(1, "tracksearch-crash")) {
            String[] store = {"--store", "opensearch", "--opensearch-url", node.urls().getFirst().toString(),
                    "--opensearch-index", "crash", "--opensearch-replicas", "0"};
            for (int round = 1; round <= KILLS; round++) {
                TracksearchProcess server = start(store);
                try {
                    verify(workload, server, round);
                    runUntilKilled(workload, server, round, random, server::kill);
                } finally {
                    server.kill();
                }
            }
            try (TracksearchProcess server = start(store)) {
                verify(workload, server, KILLS + 1);
                runUntilKilled(workload, server, KILLS + 1, random, () -> node.kill(0));
                node.restart();
                verify(workload, server, KILLS + 2);
            }
        }
        report("OpenSearch", workload);
    }

    private interface Kill {
        void run() throws Exception;
    }

    private TracksearchProcess start(String... arguments) throws Exception {
        List<String> all = new ArrayList<>(List.of("--org-id", CrashWorkload.ORGANIZATION));
        all.addAll(List.of(arguments));
        return TracksearchProcess.start(data, ENVIRONMENT, all.toArray(String[]::new));
    }

    /** Writes until the import and the edits are under way, waits a random moment more, then kills. */
    private static void runUntilKilled(CrashWorkload workload, TracksearchProcess server, int round, Random random, Kill kill)
            throws Exception {
        workload.createQueueIfMissing(server.url());
        AtomicBoolean running = new AtomicBoolean(true);
        long before = workload.acknowledgedWrites();
        List<Thread> writers = workload.start(server.url(), round, running);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (workload.acknowledgedWrites() < before + 300 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(random.nextInt(500));
        kill.run();
        running.set(false);
        for (Thread writer : new ArrayList<>(writers)) {
            writer.join(TimeUnit.SECONDS.toMillis(90));
        }
    }

    private static void verify(CrashWorkload workload, TracksearchProcess server, int round) throws Exception {
        List<String> problems = workload.check(server.url());
        assertEquals(List.of(), problems, "after kill " + (round - 1) + " (seed " + SEED + ")");
    }

    private static void assertIndexIsClean(Path index, int round) throws Exception {
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        try (FSDirectory directory = FSDirectory.open(index); CheckIndex check = new CheckIndex(directory)) {
            check.setInfoStream(new PrintStream(report, true, StandardCharsets.UTF_8));
            assertTrue(check.checkIndex().clean, "index after kill " + round + " (seed " + SEED + "):\n" + report);
        }
    }

    private static void report(String backend, CrashWorkload workload) {
        System.out.printf("crash loop (%s): %d kills, %d acknowledged writes, %d acknowledged issues checked after every restart, seed %d%n",
                backend, KILLS, workload.acknowledgedWrites(), workload.acknowledgedIssues(), SEED);
    }
}
