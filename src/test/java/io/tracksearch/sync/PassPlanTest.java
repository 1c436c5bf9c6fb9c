package io.tracksearch.sync;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The query each kind of pass sends, for each scope. */
class PassPlanTest {
    private static SourceSettings scope(List<String> queues, String query) {
        return new SourceSettings(URI.create("https://tracker.example/"), "t", "o", false, queues, query, 0, Duration.ofSeconds(5));
    }

    private static final long WATERMARK = Instant.parse("2026-11-27T21:00:03.250Z").toEpochMilli();

    @Test
    void aFullPassListsTheScopeUnsorted() {
        PassPlan everything = PassPlan.of(scope(List.of(), null), Optional.empty(), false);
        assertTrue(everything.full());
        assertNull(everything.query());
        assertEquals("{}", everything.body().toString());
        assertEquals("unsorted", everything.scrollType());
        assertEquals("(Queue: \"TREK\", \"OPS\") AND (Status: open)",
                PassPlan.of(scope(List.of("trek", "OPS"), " Status: open "), Optional.empty(), false).query());
    }

    @Test
    void aFinishedFirstPassMakesTheNextIncrementalFromTheWatermarkLessTheOverlap() {
        SourceSettings settings = scope(List.of("TREK"), null);
        PassPlan plan = PassPlan.of(settings, Optional.of(new Checkpoint(settings.identity(), true, WATERMARK)), false);
        assertFalse(plan.full());
        assertEquals(Optional.of(WATERMARK - 5000), plan.since());
        assertEquals("(Queue: \"TREK\") AND Updated: >= \"2026-11-27 20:59:58\" \"Sort By\": Updated ASC", plan.query());
        assertEquals("sorted", plan.scrollType());
    }

    @Test
    void anUnfinishedFirstPassOrFullRunsTheWholeScopeAgain() {
        SourceSettings settings = scope(List.of(), null);
        assertTrue(PassPlan.of(settings, Optional.of(new Checkpoint(settings.identity(), false, WATERMARK)), false).full());
        assertTrue(PassPlan.of(settings, Optional.of(new Checkpoint(settings.identity(), true, WATERMARK)), true).full());
    }

    @Test
    void theIdentityNamesSourceAndScope() {
        assertEquals("https://tracker.example org o queues [TREK] query Status: open", scope(List.of("trek"), "Status: open").identity());
    }
}
