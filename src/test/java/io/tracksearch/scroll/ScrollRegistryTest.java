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
        int reads;

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
            reads++;
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

    @Test
    void aPageReadAheadIsServedByItsRequestWithoutReadingAgain() {
        ListSnapshot snapshot = new ListSnapshot(10);
        ScrollPage first = registry.open(ALICE, "org", snapshot, options(1000));
        List<Issue> ahead = registry.readAhead(ALICE, "org", first.nextScrollId()).orElseThrow();
        assertEquals("Q-5", ahead.getFirst().key());
        assertEquals(2, snapshot.reads);
        assertEquals(1, registry.preparedPages());
        ScrollPage second = registry.next(ALICE, "org", first.nextScrollId(), first.nextScrollToken(), 1000, null);
        assertEquals(ahead, second.issues());
        assertEquals(2, snapshot.reads, "served what was read ahead");
        assertEquals(0, registry.preparedPages());
        assertTrue(second.nextScrollToken() != null && !second.isLast(), "the request still names the next page");
        ScrollPage again = registry.next(ALICE, "org", first.nextScrollId(), null, 1000, null);
        assertEquals(ahead, again.issues(), "re-sending the id repeats the page, read again");
        assertEquals(3, snapshot.reads);
    }

    @Test
    void readingAheadNeitherRenewsNorOutlivesTheScroll() {
        ListSnapshot snapshot = new ListSnapshot(10);
        ScrollPage first = registry.open(ALICE, "org", snapshot, options(1000));
        now.addAndGet(900);
        assertTrue(registry.readAhead(ALICE, "org", first.nextScrollId()).isPresent());
        now.addAndGet(200);
        assertEquals(ErrorCode.NOT_FOUND, assertThrows(TrackerException.class,
                () -> registry.next(ALICE, "org", first.nextScrollId(), null, 1000, null)).code(), "expired although read ahead");
        assertTrue(registry.readAhead(ALICE, "org", first.nextScrollId()).isEmpty());
        registry.reapExpired();
        assertTrue(snapshot.closed);
        assertEquals(0, registry.preparedPages(), "a released scroll drops its page");

        ScrollPage cleared = registry.open(ALICE, "org", new ListSnapshot(10), options(1000));
        assertTrue(registry.readAhead(ALICE, "org", cleared.nextScrollId()).isPresent());
        registry.clear(ALICE, "org", Map.of(cleared.nextScrollId(), ""));
        assertEquals(0, registry.preparedPages());
        assertEquals(ErrorCode.NOT_FOUND, assertThrows(TrackerException.class,
                () -> registry.next(ALICE, "org", cleared.nextScrollId(), null, 1000, null)).code());
    }

    @Test
    void readAheadIsTheOwnersAndBounded() {
        ScrollRegistry one = new ScrollRegistry(new ScrollLimits(Duration.ofSeconds(60), Duration.ofMinutes(10), 100, 1000, 10, 10, 1000, 1),
                "secret".getBytes(), now::get, false);
        ScrollPage alice = one.open(ALICE, "org", new ListSnapshot(10), options(1000));
        ScrollPage bob = one.open(BOB, "org", new ListSnapshot(10), options(1000));
        assertTrue(one.readAhead(BOB, "org", alice.nextScrollId()).isEmpty(), "not bob's scroll");
        assertTrue(one.readAhead(ALICE, "other-org", alice.nextScrollId()).isEmpty());
        assertTrue(one.readAhead(ALICE, "org", "no-such-id").isEmpty());
        assertTrue(one.readAhead(ALICE, "org", alice.nextScrollId()).isPresent());
        assertTrue(one.readAhead(ALICE, "org", alice.nextScrollId()).isPresent(), "the same page again replaces it");
        assertEquals(1, one.preparedPages());
        assertTrue(one.readAhead(BOB, "org", bob.nextScrollId()).isEmpty(), "one page may wait at a time");
        ScrollPage aliceSecond = one.next(ALICE, "org", alice.nextScrollId(), null, 1000, null);
        assertEquals(0, one.preparedPages());
        assertTrue(one.readAhead(BOB, "org", bob.nextScrollId()).isPresent());
        one.next(BOB, "org", bob.nextScrollId(), null, 1000, null);
        assertTrue(one.readAhead(ALICE, "org", aliceSecond.nextScrollId()).isPresent());
        one.next(ALICE, "org", alice.nextScrollId(), null, 1000, null);   // alice asks for the page before again
        assertEquals(0, one.preparedPages(), "a page read ahead for another position is dropped");
    }
}
