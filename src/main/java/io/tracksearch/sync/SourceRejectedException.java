package io.tracksearch.sync;

/**
 * The source refused the token or the organization (401, 403): retrying cannot help, so the sync stops
 * and the command exits non-zero with this message.
 */
public final class SourceRejectedException extends SyncException {
    public SourceRejectedException(String message) {
        super(message, null);
    }
}
