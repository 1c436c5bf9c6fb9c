package io.tracksearch.store;

import io.tracksearch.model.Issue;

import java.util.List;

/**
 * A frozen, ordered view of the issues that matched when it was opened; later writes are invisible.
 * Use: {@code try (Snapshot s = store.openSnapshot(condition, sort)) { page = s.read(position, 100); }}
 * Threads: concurrent reads are safe. Closing twice is a no-op; reading after close throws
 * IllegalStateException.
 */
public interface Snapshot extends AutoCloseable {
    /** Number of issues in the snapshot. */
    long size();

    /** Up to {@code count} issues starting at {@code position} (0-based), as they were when opened. */
    List<Issue> read(long position, int count);

    @Override
    void close();
}
