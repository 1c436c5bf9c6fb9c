package io.tracksearch.store.lucene;

import io.tracksearch.error.ErrorCode;
import io.tracksearch.error.Message;
import io.tracksearch.error.TrackerException;
import io.tracksearch.model.CustomField;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The embedded store's custom field definitions: one document of type {@code field} each in the issue index,
 * numbered in creation order ({@link IssueDocuments#FIELD_ORDER}), all held in memory, read back at open.
 * The OpenSearch store's counterpart is {@code OpenSearchCustomFields}.
 *
 * <p>Threads: {@link #create} runs under the store's write lock, and a definition enters the map only after
 * its write is durable; reads copy the map under its own monitor.
 */
final class LuceneCustomFields {
    private static final Query FIELDS = new TermQuery(new Term(IssueDocuments.TYPE, IssueDocuments.TYPE_FIELD));

    /** Serialises check-then-write; the store passes its write lock. */
    private final Object writeLock;
    private final LuceneStoredObjects.DurableWriter writer;
    /** Told after a definition entered the map (the store reloads its field registry and counts the change). */
    private final Runnable changed;
    private final Map<String, CustomField> byId = Collections.synchronizedMap(new LinkedHashMap<>());

    LuceneCustomFields(Object writeLock, LuceneStoredObjects.DurableWriter writer, Runnable changed) {
        this.writeLock = writeLock;
        this.writer = writer;
        this.changed = changed;
    }

    /** Loads every definition in creation order; called once, at open, before any request. */
    void recover(IndexSearcher searcher) throws IOException {
        StoredFields storedFields = searcher.storedFields();
        // top-docs sized by count, not maxDoc: a queue of maxDoc entries would allocate for every issue
        TopDocs definitions = searcher.search(FIELDS, Math.max(1, searcher.count(FIELDS)),
                new Sort(new SortField(IssueDocuments.FIELD_ORDER, SortField.Type.LONG)));
        for (ScoreDoc hit : definitions.scoreDocs) {
            CustomField field = IssueDocuments.fromJson(storedFields.document(hit.doc).getBinaryValue(IssueDocuments.SOURCE), CustomField.class);
            byId.put(field.id(), field);
        }
    }

    /** Stores a new definition; a second one with the same id is a conflict. */
    void create(CustomField field) {
        synchronized (writeLock) {
            if (byId.containsKey(field.id())) {
                throw new TrackerException(ErrorCode.CONFLICT, Message.FIELD_EXISTS, field.id());
            }
            writer.write(null, IssueDocuments.field(field, byId.size()));
            byId.put(field.id(), field);
            changed.run();
        }
    }

    /** Every definition, oldest first. */
    List<CustomField> all() {
        synchronized (byId) {
            return List.copyOf(byId.values());
        }
    }
}
