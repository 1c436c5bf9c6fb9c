package io.tracksearch.store.opensearch;

import io.tracksearch.error.ErrorCode;
import io.tracksearch.error.Message;
import io.tracksearch.error.TrackerException;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.ShardStatistics;
import org.opensearch.client.transport.httpclient5.ResponseException;

import java.io.IOException;
import java.util.Map;

/**
 * Every call to OpenSearch goes through {@link #call}, which categorizes failures at the boundary
 * (STYLE 1.5): no answer ({@link IOException}) and an overloaded or unavailable cluster (429, 502, 503,
 * 504) are STORE_UNAVAILABLE (503, clients retry); any other error answer means we sent something wrong,
 * so it is INTERNAL (500); a write blocked because the cluster's disk is full is INSUFFICIENT_STORAGE
 * (507). The HTTP layer never shows the cause, only the message.
 */
final class OpenSearchFailures {
    /** Part of the reason of the index block OpenSearch sets at its flood-stage disk watermark. */
    static final String READ_ONLY_ALLOW_DELETE = "read-only-allow-delete";

    private OpenSearchFailures() {
    }

    interface Call<T> {
        T run() throws IOException;
    }

    static <T> T call(Call<T> call) {
        try {
            return call.run();
        } catch (OpenSearchException e) {
            throw answered(e.status(), describe(e), e);
        } catch (ResponseException e) {
            // its message holds the answer's body, where a disk-full block is named
            throw answered(e.status(), "HTTP " + e.status() + (isDiskFull(e.getMessage()) ? " " + READ_ONLY_ALLOW_DELETE : ""), e);
        } catch (IOException e) {
            throw unavailable("no answer from OpenSearch: " + e.getMessage(), e);
        }
    }

    static String describe(OpenSearchException e) {
        return e.error() == null ? "status " + e.status() : e.error().type() + ": " + e.error().reason();
    }

    /** The HTTP status OpenSearch answered with, behind a failure of {@link #call}; 0 when it did not answer. */
    static int status(TrackerException e) {
        return switch (e.getCause()) {
            case OpenSearchException cause -> cause.status();
            case ResponseException cause -> cause.status();
            case null, default -> 0;
        };
    }

    /** A write lost an optimistic-concurrency race (version conflict, or op_type=create on an existing id). */
    static boolean isConflict(TrackerException e) {
        return status(e) == 409;
    }

    static TrackerException answered(int status, String description, Exception cause) {
        if (isDiskFull(description)) {
            // OpenSearch's answer to a full disk: past the flood-stage watermark it blocks writes to the
            // node's indices (and lifts the block by itself once usage falls below the high watermark).
            return new TrackerException(ErrorCode.INSUFFICIENT_STORAGE, Message.DISK_FULL, Map.of(), cause);
        }
        // Any 5xx is the cluster failing (a PIT search whose shard's node just died answers 500), not a
        // request of ours it could not understand: tell the client to retry, as for 429 and 503.
        if (status == 429 || status >= 500) {
            return unavailable(description, cause);
        }
        return new TrackerException(ErrorCode.INTERNAL, Message.STORE_UNAVAILABLE, Map.of(), cause,
                "OpenSearch rejected a request (" + description + ")");
    }

    private static boolean isDiskFull(String text) {
        return text != null && text.contains(READ_ONLY_ALLOW_DELETE);
    }

    static TrackerException unavailable(String description, Exception cause) {
        return new TrackerException(ErrorCode.STORE_UNAVAILABLE, Message.STORE_UNAVAILABLE, Map.of(), cause, description);
    }

    /** A search or PIT answer from fewer shards than asked is an error, never a silently short result. */
    static void requireAllShards(ShardStatistics shards) {
        if (shards != null && shards.failed() > 0) {
            String reason = shards.failures().isEmpty() ? "" : ": " + shards.failures().getFirst().reason().reason();
            throw unavailable(shards.failed() + " of " + shards.total() + " shards failed" + reason, null);
        }
    }
}
