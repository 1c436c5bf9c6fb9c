package io.tracksearch.store.opensearch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracksearch.error.ErrorCode;
import io.tracksearch.error.Message;
import io.tracksearch.error.TrackerException;
import io.tracksearch.model.Issue;
import io.tracksearch.store.UniqueClaim;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.OpType;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.Refresh;
import org.opensearch.client.opensearch.core.GetResponse;
import org.opensearch.client.opensearch.core.IndexResponse;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * An issue's {@code unique} value across nodes: a marker document in the meta index whose id is the value's
 * digest, created with {@code op_type=create} (exactly one node wins a claim) and naming the issue that
 * carries the value once that issue exists. Claims and their release, the markers that creates, moves,
 * imports and deletes write, and the lookup of an issue through its marker.
 */
final class OpenSearchUniqueMarkers {
    private static final Logger log = LoggerFactory.getLogger(OpenSearchUniqueMarkers.class);
    /** A unique marker whose issue does not exist after this long was left by a failed create. */
    static final long STALE_MARKER_MILLIS = 60_000;
    /** How long a create waits for another create holding the same unique value. */
    static final Duration CLAIM_WAIT = Duration.ofSeconds(30);

    private final OpenSearchClient client;
    private final String metaIndex;
    /** A meta document by id, through the real-time GET. */
    private final Function<String, Optional<GetResponse<ObjectNode>>> metaDocument;
    /** An issue by key, through the real-time GET. */
    private final Function<String, Optional<Issue>> issueByKey;

    OpenSearchUniqueMarkers(OpenSearchClient client, String metaIndex, Function<String, Optional<GetResponse<ObjectNode>>> metaDocument,
            Function<String, Optional<Issue>> issueByKey) {
        this.client = client;
        this.metaIndex = metaIndex;
        this.metaDocument = metaDocument;
        this.issueByKey = issueByKey;
    }

    /**
     * Creates the unique marker ({@code op_type=create}: exactly one node wins) with an empty key: the
     * claim comes before the issue number, so a losing create spends none. A marker that exists is waited
     * for while its create is in flight: CONFLICT once it names an issue that carries the value; claimed
     * again when it is deleted (the create gave up). A marker whose issue never appeared within
     * {@link #STALE_MARKER_MILLIS} was left by a create that died, and is taken over.
     */
    UniqueClaim claim(String unique) {
        String id = OpenSearchDocuments.uniqueId(unique);
        long deadline = System.nanoTime() + CLAIM_WAIT.toNanos();
        for (int attempt = 0; System.nanoTime() < deadline; attempt++) {
            OpenSearchCounters.backOff(attempt);
            ObjectNode marker = marker("");
            try {
                IndexResponse created = OpenSearchFailures.call(() -> client.index(i -> i.index(metaIndex).id(id)
                        .document(marker).opType(OpType.Create)));
                return new UniqueClaim(unique, new ClaimToken(created.seqNo(), created.primaryTerm()).text());
            } catch (TrackerException e) {
                if (!OpenSearchFailures.isConflict(e)) {
                    throw e;
                }
            }
            Optional<GetResponse<ObjectNode>> existing = metaDocument.apply(id);
            if (existing.isEmpty()) {
                continue; // released meanwhile: try again
            }
            String owner = existing.get().source().get(OpenSearchDocuments.KEY).asText();
            if (!owner.isEmpty() && issueByKey.apply(owner).filter(found -> unique.equals(found.unique())).isPresent()) {
                throw new TrackerException(ErrorCode.CONFLICT, Message.UNIQUE_CONFLICT, unique, owner);
            }
            long age = System.currentTimeMillis() - existing.get().source().get(OpenSearchDocuments.VALUE).asLong();
            if (age < STALE_MARKER_MILLIS) {
                continue; // a create in flight: wait for its outcome
            }
            try {
                IndexResponse taken = OpenSearchFailures.call(() -> client.index(i -> i.index(metaIndex).id(id).document(marker)
                        .ifSeqNo(existing.get().seqNo()).ifPrimaryTerm(existing.get().primaryTerm())));
                return new UniqueClaim(unique, new ClaimToken(taken.seqNo(), taken.primaryTerm()).text());
            } catch (TrackerException e) {
                if (!OpenSearchFailures.isConflict(e)) {
                    throw e;
                }
            }
        }
        throw OpenSearchFailures.unavailable("unique marker stayed claimed by another create", null);
    }

    /**
     * Names the issue in its claimed marker, with the claim's {@code if_seq_no}: a claim taken over as stale
     * meanwhile is a CONFLICT. Returns the claim as the marker now stands, which {@link #release} deletes.
     */
    UniqueClaim name(Issue issue, UniqueClaim claim) {
        ClaimToken token = ClaimToken.parse(claim.token());
        ObjectNode marker = marker(issue.key());
        try {
            IndexResponse response = OpenSearchFailures.call(() -> client.index(i -> i.index(metaIndex)
                    .id(OpenSearchDocuments.uniqueId(issue.unique())).document(marker)
                    .ifSeqNo(token.seqNo()).ifPrimaryTerm(token.primaryTerm())));
            return new UniqueClaim(claim.unique(), new ClaimToken(response.seqNo(), response.primaryTerm()).text());
        } catch (TrackerException e) {
            if (OpenSearchFailures.isConflict(e)) {
                throw new TrackerException(ErrorCode.CONFLICT, Message.UNIQUE_CONFLICT, issue.unique(), "");
            }
            throw e;
        }
    }

    /** Deletes the marker only if it is still as this claim left it (a later claimant's marker stays). */
    void release(UniqueClaim claim) {
        String metaId = OpenSearchDocuments.uniqueId(claim.unique());
        ClaimToken token = ClaimToken.parse(claim.token());
        try {
            client.delete(d -> d.index(metaIndex).id(metaId).ifSeqNo(token.seqNo()).ifPrimaryTerm(token.primaryTerm()));
        } catch (OpenSearchException e) {
            if (e.status() != 404 && e.status() != 409) {
                log.warn("unique marker {} not deleted after a failed create; it goes stale in {} ms", metaId, STALE_MARKER_MILLIS, e);
            }
        } catch (IOException | RuntimeException e) {
            log.warn("unique marker {} not deleted after a failed create; it goes stale in {} ms", metaId, STALE_MARKER_MILLIS, e);
        }
    }

    /** A moved issue's marker names its new key, as {@link #issueOf} reads it. */
    void nameMoved(Issue moved) {
        ObjectNode marker = marker(moved.key());
        OpenSearchFailures.call(() -> client.index(i -> i.index(metaIndex).id(OpenSearchDocuments.uniqueId(moved.unique()))
                .document(marker).refresh(Refresh.True)));
    }

    /** Deletes the marker of a deleted issue's value: the value is free for a new issue. */
    void remove(String unique) {
        OpenSearchFailures.call(() -> client.delete(d -> d.index(metaIndex).id(OpenSearchDocuments.uniqueId(unique))
                .refresh(Refresh.True)));
    }

    /** The bulk operation that writes an imported issue's marker. */
    BulkOperation markerOperation(Issue issue) {
        ObjectNode marker = marker(issue.key());
        return BulkOperation.of(o -> o.index(i -> i.index(metaIndex).id(OpenSearchDocuments.uniqueId(issue.unique())).document(marker)));
    }

    /** Through the marker (real-time GET): the issue it names, if that issue still carries the value. */
    Optional<Issue> issueOf(String unique) {
        return metaDocument.apply(OpenSearchDocuments.uniqueId(unique))
                .map(marker -> marker.source().get(OpenSearchDocuments.KEY).asText())
                .filter(owner -> !owner.isEmpty()) // claimed by a create still in flight
                .flatMap(issueByKey)
                .filter(issue -> unique.equals(issue.unique()));
    }

    /** {@code key} empty while the create that claimed the value has no issue key yet. */
    private static ObjectNode marker(String key) {
        return OpenSearchDocuments.JSON.createObjectNode()
                .put(OpenSearchDocuments.KIND, OpenSearchDocuments.KIND_UNIQUE)
                .put(OpenSearchDocuments.KEY, key)
                .put(OpenSearchDocuments.VALUE, System.currentTimeMillis());
    }

    /** The marker's {@code if_seq_no}/{@code if_primary_term}: whoever wrote it last owns it. */
    private record ClaimToken(long seqNo, long primaryTerm) {
        static ClaimToken parse(String text) {
            int colon = text.indexOf(':');
            return new ClaimToken(Long.parseLong(text.substring(0, colon)), Long.parseLong(text.substring(colon + 1)));
        }

        String text() {
            return seqNo + ":" + primaryTerm;
        }
    }
}
