package io.tracksearch.store;

import static java.util.Objects.requireNonNull;

/**
 * An opaque position in a resumable snapshot ({@link StoreBehavior#RESUMABLE_SNAPSHOTS}): what the backend
 * needs to serve the following page (OpenSearch: point-in-time id, search_after values, position). The
 * layers above only carry it, sign it and hand it back; it is not a secret and must not be trusted
 * unsigned.
 */
public record Cursor(String value) {
    public Cursor {
        requireNonNull(value, "value is null");
    }
}
