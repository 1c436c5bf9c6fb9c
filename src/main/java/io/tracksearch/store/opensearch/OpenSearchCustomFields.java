package io.tracksearch.store.opensearch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracksearch.error.ErrorCode;
import io.tracksearch.error.Message;
import io.tracksearch.error.TrackerException;
import io.tracksearch.model.CustomField;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.OpType;
import org.opensearch.client.opensearch._types.Refresh;

import java.util.List;

/**
 * Custom field definitions for {@link OpenSearchIssueStore}: one meta document each ({@code field:<id>}),
 * listed in creation order; the issue index's mapping grows before a definition is stored.
 */
final class OpenSearchCustomFields {
    private final OpenSearchClient client;
    private final OpenSearchIndexes indexes;
    private final String index;
    private final String metaIndex;
    private final TextLayout texts;

    OpenSearchCustomFields(OpenSearchClient client, OpenSearchIndexes indexes, String index, String metaIndex, TextLayout texts) {
        this.client = client;
        this.indexes = indexes;
        this.index = index;
        this.metaIndex = metaIndex;
        this.texts = texts;
    }

    /**
     * The mapping grows first, then the definition is stored: a definition every node can read always has
     * its fields in the mapping. Two nodes creating the same id: one 409 (the definition's create).
     */
    void create(CustomField field) {
        indexes.extendMapping(index, OpenSearchDocuments.mappingOf(List.of(field.issueField()), texts));
        ObjectNode document = OpenSearchDocuments.JSON.createObjectNode();
        document.put(OpenSearchDocuments.KIND, OpenSearchDocuments.KIND_FIELD);
        document.put(OpenSearchDocuments.KEY, field.id());
        document.put(OpenSearchDocuments.VALUE, System.currentTimeMillis());
        document.set(OpenSearchDocuments.DATA, OpenSearchDocuments.JSON.valueToTree(field));
        try {
            OpenSearchFailures.call(() -> client.index(i -> i.index(metaIndex).id("field:" + field.id())
                    .document(document).opType(OpType.Create).refresh(Refresh.True)));
        } catch (TrackerException e) {
            if (OpenSearchFailures.isConflict(e)) {
                throw new TrackerException(ErrorCode.CONFLICT, Message.FIELD_EXISTS, field.id());
            }
            throw e;
        }
    }

    /** Every definition, oldest first. */
    List<CustomField> all() {
        return OpenSearchMetaKinds.readAll(client, metaIndex, OpenSearchDocuments.KIND_FIELD, OpenSearchDocuments.VALUE, CustomField.class);
    }
}
