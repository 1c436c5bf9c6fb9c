package io.tracksearch.store.opensearch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracksearch.error.ErrorCode;
import io.tracksearch.error.Message;
import io.tracksearch.error.TrackerException;
import io.tracksearch.model.ChangeEvent;
import io.tracksearch.model.Issue;
import io.tracksearch.model.IssueField;
import io.tracksearch.model.KeyChange;
import io.tracksearch.store.Condition;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.Refresh;
import org.opensearch.client.opensearch.core.GetResponse;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.search.Hit;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Moves of issues to another key ({@code IssueStore.move}) on a backend without transactions over two
 * documents (issue documents are named by key). A move writes, in this order: an intent
 * ({@code move:<issue id>} in the meta index, naming both keys), the document under the new key, the
 * deletion of the old one (with its {@code if_seq_no}: a concurrent write makes the move a conflict and is
 * undone), then drops the intent. A process that dies in between leaves the intent, and the next open
 * ({@link #finishInterrupted}) deletes the old document where the new one exists, so a crash never leaves
 * two issues with one id once a node is up again; a concurrent search may see both for the milliseconds
 * between the two writes. References of other issues are renamed after that ({@link KeyChange}), each a
 * write guarded by its {@code if_seq_no} and retried when another write came first.
 *
 * <p>Threads: every method may be called concurrently.
 */
final class OpenSearchMoves {
    static final String KIND_MOVE = "move";
    /** Referencing issues renamed per move; more than this many would be a pathological issue. */
    private static final int MAX_REFERENCING = 10_000;
    private static final int RENAME_ATTEMPTS = 10;

    private final OpenSearchClient client;
    private final String index;
    private final String metaIndex;
    private final OpenSearchChanges changes;
    private final Function<Issue, ObjectNode> documents;

    OpenSearchMoves(OpenSearchClient client, String index, String metaIndex, OpenSearchChanges changes,
            Function<Issue, ObjectNode> documents) {
        this.client = client;
        this.index = index;
        this.metaIndex = metaIndex;
        this.changes = changes;
        this.documents = documents;
    }

    void move(Issue moved, String fromKey, long expectedVersion) {
        GetResponse<ObjectNode> current = issueDocument(fromKey)
                .orElseThrow(() -> new TrackerException(ErrorCode.NOT_FOUND, Message.ISSUE_NOT_FOUND));
        Issue before = OpenSearchDocuments.issueFrom(current.source());
        if (before.version() != expectedVersion) {
            throw new TrackerException(ErrorCode.CONFLICT, Message.VERSION_CONFLICT, before.version());
        }
        if (!before.id().equals(moved.id())) {
            throw new IllegalArgumentException("a move keeps the id: " + moved.id() + " is not " + before.id());
        }
        Optional<Issue> holder = issueDocument(moved.key()).map(found -> OpenSearchDocuments.issueFrom(found.source()));
        if (holder.isPresent() && !holder.get().id().equals(moved.id())) {
            throw new TrackerException(ErrorCode.CONFLICT, Message.plain("Issue " + moved.key() + " already exists."));
        }
        String intent = intentId(moved.id());
        ObjectNode marker = OpenSearchDocuments.JSON.createObjectNode().put(OpenSearchDocuments.KIND, KIND_MOVE)
                .put(OpenSearchDocuments.KEY, fromKey).put(OpenSearchDocuments.VALUE, System.currentTimeMillis());
        marker.putObject(OpenSearchDocuments.DATA).put("to", moved.key());
        OpenSearchFailures.call(() -> client.index(i -> i.index(metaIndex).id(intent).document(marker).refresh(Refresh.True)));
        ObjectNode document = documents.apply(moved);
        OpenSearchFailures.call(() -> client.index(i -> i.index(index).id(moved.key()).document(document).refresh(Refresh.True)));
        try {
            OpenSearchFailures.call(() -> client.delete(d -> d.index(index).id(fromKey)
                    .ifSeqNo(current.seqNo()).ifPrimaryTerm(current.primaryTerm()).refresh(Refresh.True)));
        } catch (TrackerException e) {
            if (!OpenSearchFailures.isConflict(e)) {
                throw e;   // the intent stays: the next open finishes the move
            }
            if (holder.isEmpty()) {   // another write of the issue came first: undo the new document
                OpenSearchFailures.call(() -> client.delete(d -> d.index(index).id(moved.key()).refresh(Refresh.True)));
            }
            OpenSearchFailures.call(() -> client.delete(d -> d.index(metaIndex).id(intent).refresh(Refresh.True)));
            long now = issueDocument(fromKey).map(found -> OpenSearchDocuments.issueFrom(found.source()).version()).orElse(before.version());
            throw new TrackerException(ErrorCode.CONFLICT, Message.VERSION_CONFLICT, now);
        }
        OpenSearchFailures.call(() -> client.delete(d -> d.index(metaIndex).id(intent).refresh(Refresh.True)));
        changes.record(ChangeEvent.between(before, moved));
        renameReferences(List.of(new KeyChange(fromKey, moved.key())));
    }

    /** At open: completes the moves whose process died between writing the new document and deleting the old one. */
    void finishInterrupted() {
        SearchResponse<ObjectNode> intents = OpenSearchFailures.call(() -> client.search(s -> s.index(metaIndex)
                .query(OpenSearchCompiler.term(OpenSearchDocuments.KIND, KIND_MOVE)).size(1000), ObjectNode.class));
        for (Hit<ObjectNode> hit : intents.hits().hits()) {
            String fromKey = hit.source().path(OpenSearchDocuments.KEY).asText();
            String toKey = hit.source().path(OpenSearchDocuments.DATA).path("to").asText();
            Optional<Issue> from = issueDocument(fromKey).map(found -> OpenSearchDocuments.issueFrom(found.source()));
            Optional<Issue> to = issueDocument(toKey).map(found -> OpenSearchDocuments.issueFrom(found.source()));
            if (from.isPresent() && to.isPresent() && from.get().id().equals(to.get().id())) {
                OpenSearchFailures.call(() -> client.delete(d -> d.index(index).id(fromKey).refresh(Refresh.True)));
                renameReferences(List.of(new KeyChange(fromKey, toKey)));
            }
            OpenSearchFailures.call(() -> client.delete(d -> d.index(metaIndex).id(hit.id()).refresh(Refresh.True)));
        }
    }

    /**
     * Renames the references of every issue naming a changed key, except each change's own issue (the
     * document under its new key; issue documents are named by key), then refreshes.
     */
    void renameReferences(List<KeyChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        List<String> fromKeys = changes.stream().map(KeyChange::from).distinct().toList();
        SearchResponse<ObjectNode> referencing = OpenSearchFailures.call(() -> client.search(s -> s.index(index)
                .query(OpenSearchCompiler.anyOf(IssueField.LINKED_TO.id(), fromKeys))
                .size(MAX_REFERENCING), ObjectNode.class));
        OpenSearchFailures.requireAllShards(referencing.shards());
        for (Hit<ObjectNode> hit : referencing.hits().hits()) {
            rename(hit.id(), changes);
        }
        OpenSearchFailures.call(() -> client.indices().refresh(r -> r.index(index)));
    }

    /** One referencing issue, as it is now; again when another write came between reading and writing it. */
    private void rename(String key, List<KeyChange> changes) {
        for (int attempt = 0; attempt < RENAME_ATTEMPTS; attempt++) {
            Optional<GetResponse<ObjectNode>> found = issueDocument(key);
            if (found.isEmpty()) {
                return;
            }
            Issue issue = OpenSearchDocuments.issueFrom(found.get().source());
            Issue renamed = KeyChange.applyAll(changes, issue);
            if (renamed.equals(issue)) {
                return;
            }
            ObjectNode document = documents.apply(renamed);
            try {
                OpenSearchFailures.call(() -> client.index(i -> i.index(index).id(key).document(document)
                        .ifSeqNo(found.get().seqNo()).ifPrimaryTerm(found.get().primaryTerm())));
                return;
            } catch (TrackerException e) {
                if (!OpenSearchFailures.isConflict(e)) {
                    throw e;
                }
            }
        }
        throw OpenSearchFailures.unavailable("issue " + key + " kept changing while its references to moved issues were renamed", null);
    }

    /** The issue document under a key, with its seq_no and primary term (real-time GET); empty when there is none. */
    Optional<GetResponse<ObjectNode>> issueDocument(String key) {
        if (key.isBlank()) {
            return Optional.empty();   // no issue has it, and OpenSearch reads GET .../_doc/ as a malformed request
        }
        GetResponse<ObjectNode> response = OpenSearchFailures.call(() -> client.get(g -> g.index(index).id(key), ObjectNode.class));
        return response.found() ? Optional.of(response) : Optional.empty();
    }

    private static String intentId(String issueId) {
        return KIND_MOVE + ":" + issueId;
    }
}
