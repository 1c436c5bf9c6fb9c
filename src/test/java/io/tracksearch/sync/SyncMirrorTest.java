package io.tracksearch.sync;

import io.tracksearch.cli.SyncWiring;
import io.tracksearch.http.TestServer;
import io.tracksearch.testing.Backend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A tracksearch mirror of another tracksearch (it speaks the Tracker API, so it stands in for a hosted
 * Tracker): a first pass while the source is being edited, incremental passes that copy only what
 * changed, and at the end the same answers from both servers. The source runs on Lucene; the mirror on
 * each backend.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.tracksearch.testing.Backend#enabled")
class SyncMirrorTest {
    @Parameter
    Backend backend;
    private static TestServer source;
    private static SourceData data;
    private TestServer mirror;

    @BeforeParameterizedClassInvocation
    static void startSource() {
        source = TestServer.start(Backend.LUCENE);
        long started = System.nanoTime();
        data = new SourceData(source, System.nanoTime()).fill(SourceData.ISSUES);
        System.out.printf("source: %,d issues imported in %.1f s%n", SourceData.ISSUES, (System.nanoTime() - started) / 1e9);
    }

    @AfterParameterizedClassInvocation
    static void stopSource() {
        source.close();
    }

    @BeforeEach
    void startMirror() {
        mirror = TestServer.start(backend);
    }

    @AfterEach
    void stopMirror() {
        mirror.close();
    }

    static SourceSettings settings(String url, String token) {
        return new SourceSettings(URI.create(url), token, TestServer.ORGANIZATION, false, List.of(), null, 0, SourceSettings.DEFAULT_OVERLAP);
    }

    static Synchronizer synchronizer(TestServer mirror, SourceSettings settings, SourceClient client) {
        return SyncWiring.synchronizer(settings, client, mirror.store(), mirror.users(), mirror.dataDirectory(), SyncProgress.quiet());
    }

    /** A synchronizer from the source straight (no proxy) into this test's mirror. */
    private Synchronizer synchronizer() {
        SourceSettings settings = settings(source.url(), source.adminToken);
        return synchronizer(mirror, settings, new SourceClient(settings));
    }

    @Test
    void aFirstPassDuringEditsAndOneMoreGiveTheSameAnswers() throws Exception {
        try (Synchronizer synchronizer = synchronizer()) {
            CompletableFuture<SyncResult> first = CompletableFuture.supplyAsync(() -> synchronizer.run(false));
            Set<String> touched = new LinkedHashSet<>(data.edit(40));   // while the first pass runs
            SyncResult full = first.get();
            System.out.println(backend + " first pass: " + SyncProgress.summary(full));
            assertTrue(full.full());
            assertTrue(full.copied() >= SourceData.ISSUES, full.toString());
            assertEquals(List.of(), full.gone());

            SyncResult incremental = synchronizer.run(false);
            System.out.println(backend + " incremental pass: " + SyncProgress.summary(incremental));
            assertFalse(incremental.full());
            MirrorAssertions.assertMirrors(source, mirror);
            touched.addAll(data.keys().subList(0, 100));
            MirrorAssertions.assertSameEndpoints(source, mirror, touched);

            SyncResult again = synchronizer.run(false);
            System.out.println(backend + " pass with nothing changed: " + SyncProgress.summary(again));
            assertEquals(0, again.copied(), "nothing changed, nothing copied: " + again);
        }
    }

    @Test
    void issuesGoneFromTheSourceAreReportedByAFullPassAndRemovedOnlyWhenAsked() {
        try (Synchronizer synchronizer = synchronizer()) {
            synchronizer.run(false);
            Set<String> deleted = new TreeSet<>(data.delete(3));
            assertEquals(List.of(), synchronizer.run(false).gone(), "an incremental pass cannot see deletions");
            SyncResult reported = synchronizer.run(true);
            assertEquals(deleted, new TreeSet<>(reported.gone()));
            assertEquals(0, reported.removed());
            deleted.forEach(key -> assertEquals(200, mirror.get("/v2/issues/" + key).status(), "still here: " + key));
            SyncResult removed = synchronizer.run(true, true);
            assertEquals(deleted, new TreeSet<>(removed.gone()));
            assertEquals(3, removed.removed());
            MirrorAssertions.assertMirrors(source, mirror);
            assertEquals(List.of(), synchronizer.run(true, true).gone());
        }
    }

    /**
     * Moves at the source during the first pass and between passes: each moved issue arrives under its new
     * key and replaces the copy held under its old one (one issue per id), the issues naming it follow, and
     * its old key answers here as there.
     */
    @Test
    void issuesMovedAtTheSourceAreMovedHereToo() throws Exception {
        try (Synchronizer synchronizer = synchronizer()) {
            CompletableFuture<SyncResult> first = CompletableFuture.supplyAsync(() -> synchronizer.run(false));
            Set<String> moved = new LinkedHashSet<>(data.move(10));   // while the first pass runs
            first.get();
            moved.addAll(data.move(10));
            data.edit(10);
            SyncResult incremental = synchronizer.run(false);
            System.out.println(backend + " incremental pass after 20 moves: " + SyncProgress.summary(incremental));
            MirrorAssertions.assertMirrors(source, mirror);
            Set<String> keys = new LinkedHashSet<>(moved);
            for (String key : moved) {
                source.get("/v2/issues/" + key).json().path("aliases").forEach(alias -> keys.add(alias.asText()));
            }
            MirrorAssertions.assertSameEndpoints(source, mirror, keys);   // old keys too: the moved issue answers
            assertEquals(List.of(), synchronizer.run(true).gone(), "a move within the scope is no deletion");
            MirrorAssertions.assertMirrors(source, mirror);
        }
    }

    /** An issue moved out of a {@code --queue} scope is gone from it: a full pass reports it and {@code --delete} removes it. */
    @Test
    void anIssueMovedOutOfTheScopeIsGone() {
        SourceSettings scoped = new SourceSettings(URI.create(source.url()), source.adminToken, TestServer.ORGANIZATION, false,
                List.of(SourceData.QUEUES.get(0)), null, 0, SourceSettings.DEFAULT_OVERLAP);
        try (Synchronizer synchronizer = synchronizer(mirror, scoped, new SourceClient(scoped))) {
            synchronizer.run(false);
            String key = source.queryKeys("Queue: " + SourceData.QUEUES.get(0) + " \"Sort By\": Key").getFirst();
            String newKey = data.moveOne(key, SourceData.QUEUES.get(1));
            assertEquals(List.of(), synchronizer.run(false).gone());
            assertEquals(200, mirror.get("/v2/issues/" + key).status(), "an incremental pass cannot see it leave");
            SyncResult removed = synchronizer.run(true, true);
            assertEquals(List.of(key), removed.gone());
            assertEquals(404, mirror.get("/v2/issues/" + key).status());
            assertEquals(404, mirror.get("/v2/issues/" + newKey).status(), "outside the scope");
        }
    }

    @Test
    void anIncrementalPassCopiesOnlyWhatChanged() {
        try (Synchronizer synchronizer = synchronizer()) {
            synchronizer.run(false);
            Set<String> touched = new LinkedHashSet<>(data.edit(25));
            SyncResult incremental = synchronizer.run(false);
            System.out.println(backend + " incremental pass after 25 edits: " + SyncProgress.summary(incremental));
            assertFalse(incremental.full());
            assertEquals(touched.size(), incremental.copied(), incremental.toString());
            MirrorAssertions.assertSameEndpoints(source, mirror, touched);
            MirrorAssertions.assertMirrors(source, mirror);
        }
    }
}
