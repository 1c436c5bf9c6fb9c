package io.tracksearch.sync;

import io.tracksearch.http.TestServer;
import io.tracksearch.testing.Backend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The source behind {@link FlakyProxy}: refusals with {@code Retry-After} now and then, and a proxy that
 * breaks half way through a pass. The sync waits as long as it is asked (every thread of it), and a pass
 * that failed is finished by the next one from the checkpoint. One mirror backend is enough here: what is
 * tested is the client, and the mirror suites cover both stores.
 */
class SyncBackoffTest {
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);
    /** Small: each refusal costs a real second or two. */
    private static final int ISSUES = 300;
    private static TestServer source;
    private static SourceData data;

    @BeforeAll
    static void start() {
        source = TestServer.start(Backend.LUCENE);
        data = new SourceData(source, System.nanoTime()).fill(ISSUES);
    }

    @AfterAll
    static void stop() {
        source.close();
    }

    @Test
    void refusalsAreWaitedOutAndThePassConverges() throws Exception {
        List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
        try (FlakyProxy proxy = new FlakyProxy(source.url(), 150, RETRY_AFTER);
             TestServer mirror = TestServer.start(Backend.LUCENE)) {
            SourceSettings settings = SyncMirrorTest.settings(proxy.url(), source.adminToken);
            SourceClient client = new SourceClient(settings, wait -> {
                waits.add(wait);
                Thread.sleep(wait);
            });
            try (Synchronizer synchronizer = SyncMirrorTest.synchronizer(mirror, settings, client)) {
                synchronizer.run(false);
                data.edit(10);
                synchronizer.run(false);
            }
            List<FlakyProxy.Refusal> refusals = proxy.refusals();
            System.out.println(proxy.requests() + " requests, " + refusals.size() + " refused, waits " + waits);
            assertTrue(refusals.size() >= 4, "the proxy refused a few requests: " + refusals);
            assertTrue(refusals.stream().anyMatch(refusal -> refusal.status() == 429) && refusals.stream().anyMatch(refusal -> refusal.status() == 503));
            assertEquals(refusals.size(), waits.size(), "one wait per refusal: " + waits);
            for (Duration wait : waits) {
                // 429 says 1 s; 503 an HTTP date one second later than that, so 1 to 2 s from when it was sent
                assertTrue(wait.compareTo(RETRY_AFTER.minusMillis(1)) >= 0 && wait.compareTo(RETRY_AFTER.plusSeconds(2)) <= 0, waits.toString());
            }
            long grace = Duration.ofMillis(150).toNanos();   // requests already on the way when the refusal was sent
            for (FlakyProxy.Refusal refusal : refusals) {
                assertEquals(0, proxy.arrivalsBetween(refusal.answeredAt() + grace, refusal.answeredAt() + refusal.asked().toNanos() - grace),
                        "no request while the source asked for a pause: " + refusal);
            }
            MirrorAssertions.assertMirrors(source, mirror);
        }
    }

    @Test
    void aPassThatBrokeOffIsFinishedByTheNext() throws Exception {
        try (FlakyProxy proxy = new FlakyProxy(source.url(), Integer.MAX_VALUE, RETRY_AFTER);
             TestServer mirror = TestServer.start(Backend.LUCENE)) {
            SourceSettings settings = SyncMirrorTest.settings(proxy.url(), source.adminToken);
            try (Synchronizer synchronizer = SyncMirrorTest.synchronizer(mirror, settings, new SourceClient(settings))) {
                proxy.breakAfter(200);   // past the definitions and the first page, inside the per-issue requests
                SyncException broken = assertThrows(SyncException.class, () -> synchronizer.run(false));
                assertTrue(broken.getMessage().contains("400 the proxy is broken"), broken.getMessage());
                proxy.repair();
                SyncResult resumed = synchronizer.run(false);
                assertTrue(resumed.full(), "the first pass had not finished, so it runs again: " + resumed);
                MirrorAssertions.assertMirrors(source, mirror);

                data.edit(10);
                proxy.breakAfter(proxy.requests() + 5);
                assertThrows(SyncException.class, () -> synchronizer.run(false));
                proxy.repair();
                SyncResult incremental = synchronizer.run(false);
                assertFalse(incremental.full(), incremental.toString());
                MirrorAssertions.assertMirrors(source, mirror);
            }
        }
    }
}
