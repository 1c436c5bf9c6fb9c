package io.tracksearch.testing;

/** Where the NDJSON bulk import lives, for every test and load client that posts one. */
public final class BulkImport {
    /** Moves to {@code /v2/issues/_bulkImport} once {@code _import} becomes Tracker's single-issue import. */
    public static final String PATH = "/v2/issues/_bulkImport";

    private BulkImport() {
    }
}
