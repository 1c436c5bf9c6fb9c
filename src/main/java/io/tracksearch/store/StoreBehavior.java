package io.tracksearch.store;

/**
 * Optional capabilities of a backend, read through {@link IssueStore#supports}. The conformance suite
 * asserts each one either way: a supported behaviour works, an unsupported one fails with its documented
 * error.
 */
public enum StoreBehavior {
    /**
     * {@link IssueStore#openResumable}, {@link IssueStore#resume} and {@link IssueStore#release}: scroll
     * snapshots live in the backend and are named by an opaque, serializable {@link Cursor}, so any node
     * of a deployment can serve the next page and no node keeps scroll state. Unsupported: those methods
     * throw INTERNAL "resumable snapshots is not supported" and scrolls use {@link IssueStore#openSnapshot}
     * in one process.
     */
    RESUMABLE_SNAPSHOTS,
}
