package io.tracksearch.sync;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of one pass.
 *
 * @param seen issues the source listed
 * @param copied issues that had changed and were stored (with their comments, links and worklog)
 * @param usersAdded users copied from the source or brought up to date
 * @param gone keys the mirror has in the scope that the source no longer has (full passes only)
 * @param removed how many of them were removed here ({@code --delete})
 * @param watermark the checkpoint's watermark after the pass (source time, epoch millis)
 */
public record SyncResult(boolean full, long seen, long copied, long usersAdded, List<String> gone, long removed, List<String> problems,
        Duration took, long watermark) {
    public SyncResult {
        gone = List.copyOf(gone);
        problems = List.copyOf(problems);
    }
}
