package io.tracksearch.scroll;

import io.tracksearch.error.ErrorCode;
import io.tracksearch.error.TrackerException;
import io.tracksearch.model.Issue;
import io.tracksearch.model.IssueField;
import io.tracksearch.model.User;
import io.tracksearch.store.Snapshot;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scroll registry with a hand-written fake clock and a list-backed snapshot. */
class ScrollRegistryTest {
    private static final User ALICE = new User(1, "alice", "Alice", "A", null, null);
    private static final User BOB = new User(2, "bob", "Bob", "B", null, null);
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final ScrollRegistry registry = new ScrollRegistry(new ScrollLimits(Duration.ofSeconds(60), Duration.ofMinutes(10), 100, 1000, 2, 3),
            "secret".getBytes(), now::get, false);

    /** A snapshot over a fixed list, recording whether it was closed. */
    private static final class ListSnapshot implements Snapshot {
        final List<Issue> issues;
        boolean closed;

        ListSnapshot(int size) {
            issues = new ArrayList<>();
            for (int i = 1; i <= size; i++) {
                issues.add(new Issue.Builder().id("id" + i).key("Q-" + i).set(IssueField.SUMMARY, "s")
                        .set(IssueField.TYPE, "task").set(IssueField.PRIORITY, "normal").set(IssueField.STATUS, "open").build());
            }
        }

        @Override
        public long size() {
            return issues.size();
        }

        @Override
        public List<Issue> read(long position, int count) {
            if (closed) {
                throw new IllegalStateException("closed");
            }
            return issues.subList((int) position, (int) Math.min(issues.size(), position + count));
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private ScrollRegistry.Options options(long ttl) {
        return new ScrollRegistry.Options("sorted", 4, ttl, List.of());
    }

    @Test
    void servesPagesAndReleasesAfterTheLast() {
        ListSnapshot snapshot = new ListSnapshot(10);
        ScrollPage first = registry.open(ALICE, "org", snapshot, options(1000));
        assertEquals(4, first.issues().size());
        ScrollPage second = registry.next(ALICE, "org", first.nextScrollId(), first.nextScrollToken(), 1000, null);
        assertEquals("Q-5", second.issues().getFirst().key());
        ScrollPage last = registry.next(ALICE, "org", second.nextScrollId(), null, 1000, null);
        assertEquals(2, last.issues().size());
        assertTrue(last.isLast());
        assertNull(last.nextScrollToken());
        assertTrue(snapshot.closed);
        assertEquals(0, registry.size());
    }

    @Test
    void expiryIsMeasuredOnTheClockAndRenewed() {
        ScrollPage first = registry.open(ALICE, "org", new ListSnapshot(100), options(1000));
        now.addAndGet(900);
        ScrollPage second = registry.next(ALICE, "org", first.nextScrollId(), null, 1000, null);
        now.addAndGet(900);
        ScrollPage third = registry.next(ALICE, "org", second.nextScrollId(), null, 1000, null);
        now.addAndGet(1001);
        TrackerException expired = assertThrows(TrackerException.class, () -> registry.next(ALICE, "org", third.nextScrollId(), null, 1000, null));
        assertEquals(ErrorCode.NOT_FOUND, expired.code());
        TrackerException signature = assertThrows(TrackerException.class,
                () -> registry.next(ALICE, "org", third.nextScrollId(), third.nextScrollToken(), 1000, null));
        assertEquals("Expired signature", signature.message("en"));
        registry.reapExpired();
        assertEquals(0, registry.size());
    }

    @Test
    void tokensBindTheOwner() {
        ScrollPage first = registry.open(ALICE, "org", new ListSnapshot(100), options(1000));
        assertEquals(ErrorCode.FORBIDDEN, assertThrows(TrackerException.class,
                () -> registry.next(BOB, "org", first.nextScrollId(), first.nextScrollToken(), 1000, null)).code());
        assertEquals(ErrorCode.FORBIDDEN, assertThrows(TrackerException.class,
                () -> registry.next(BOB, "org", first.nextScrollId(), null, 1000, null)).code());
        assertEquals(ErrorCode.FORBIDDEN, assertThrows(TrackerException.class,
                () -> registry.next(ALICE, "other-org", first.nextScrollId(), first.nextScrollToken(), 1000, null)).code());
        registry.clear(BOB, "org", Map.of(first.nextScrollId(), first.nextScrollToken()));
        assertEquals(1, registry.size(), "bob cannot release alice's scroll");
        registry.clear(ALICE, "org", Map.of(first.nextScrollId(), first.nextScrollToken()));
        assertEquals(0, registry.size());
    }

    @Test
    void issuesHeldByAllSnapshotsAreBounded() {
        ScrollRegistry small = new ScrollRegistry(new ScrollLimits(Duration.ofSeconds(60), Duration.ofMinutes(10), 100, 1000, 10, 10, 25),
                "secret".getBytes(), now::get, false);
        small.open(ALICE, "org", new ListSnapshot(20), options(1000));
        ListSnapshot tooBig = new ListSnapshot(6);
        assertEquals(ErrorCode.TOO_MANY_SCROLLS, assertThrows(TrackerException.class, () -> small.open(BOB, "org", tooBig, options(1000))).code());
        assertTrue(tooBig.closed);
        small.open(BOB, "org", new ListSnapshot(5), options(1000));
    }

    @Test
    void limitsPerUserAndServer() {
        registry.open(ALICE, "org", new ListSnapshot(10), options(1000));
        registry.open(ALICE, "org", new ListSnapshot(10), options(1000));
        ListSnapshot refused = new ListSnapshot(10);
        assertEquals(ErrorCode.TOO_MANY_SCROLLS, assertThrows(TrackerException.class, () -> registry.open(ALICE, "org", refused, options(1000))).code());
        assertTrue(refused.closed, "a refused snapshot is not leaked");
        registry.open(BOB, "org", new ListSnapshot(10), options(1000));
        assertEquals(ErrorCode.TOO_MANY_SCROLLS, assertThrows(TrackerException.class,
                () -> registry.open(BOB, "org", new ListSnapshot(10), options(1000))).code());
        now.addAndGet(2000);
        registry.open(BOB, "org", new ListSnapshot(10), options(1000));
        assertEquals(1, registry.size(), "expired contexts are reaped before counting");
    }
}
