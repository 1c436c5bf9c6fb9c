package io.tracksearch.store.lucene;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracksearch.store.StoredObject;
import io.tracksearch.store.StoredObjects;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Function;

/**
 * The embedded store's {@link StoredObjects}: each object is one document of type {@code object} in the
 * issue index (so one commit makes it durable, like queues), and all of them are held in memory, read back
 * at open. There are few such objects (hundreds, not millions), and reads on every search resolve names
 * through them, so memory is the right place to answer from.
 *
 * <p>Threads: writes go through {@link #create}, which the store calls under its write lock; the maps are
 * concurrent, so reads need no lock. An object enters the maps only after its write is durable.
 */
final class LuceneStoredObjects implements StoredObjects {
    static final String TYPE_OBJECT = "object";
    /** {@code <kind>:<id>}: the term that names one object's document. */
    private static final String OBJECT_ID = "_objectId";

    /** Writes a document durably, replacing the one with the term (or adding it: null); the store's group commit. */
    @FunctionalInterface
    interface DurableWriter {
        void write(Term replaced, Document document);
    }

    /** Serialises allocation and the write; the store passes its write lock. */
    private final Object writeLock;
    private final DurableWriter writer;
    /** Told after an object changed in memory: part of the store's content version. */
    private final Runnable memoryChanged;
    private final Map<String, NavigableMap<Long, StoredObject>> byKind = new ConcurrentHashMap<>();

    LuceneStoredObjects(Object writeLock, DurableWriter writer, Runnable memoryChanged) {
        this.writeLock = writeLock;
        this.writer = writer;
        this.memoryChanged = memoryChanged;
    }

    /** Loads every stored object; called once, at open, before any request. */
    void recover(IndexSearcher searcher) throws IOException {
        StoredFields storedFields = searcher.storedFields();
        TermQuery objects = new TermQuery(new Term(IssueDocuments.TYPE, TYPE_OBJECT));
        TopDocs all = searcher.search(objects, Math.max(1, searcher.count(objects)));
        for (ScoreDoc hit : all.scoreDocs) {
            StoredObject object = IssueDocuments.fromJson(storedFields.document(hit.doc).getBinaryValue(IssueDocuments.SOURCE),
                    StoredObject.class);
            kind(object.kind()).put(object.id(), object);
        }
    }

    @Override
    public StoredObject create(String kind, ObjectNode value) {
        synchronized (writeLock) {
            NavigableMap<Long, StoredObject> objects = kind(kind);
            long id = objects.isEmpty() ? 1 : objects.lastKey() + 1;
            return write(new StoredObject(kind, id, 1, value));
        }
    }

    @Override
    public Optional<StoredObject> update(String kind, long id, Function<StoredObject, ObjectNode> change) {
        synchronized (writeLock) {
            StoredObject current = kind(kind).get(id);
            if (current == null) {
                return Optional.empty();
            }
            ObjectNode changed = change.apply(current);
            if (changed.equals(current.value())) {
                return Optional.of(current);
            }
            return Optional.of(write(new StoredObject(kind, id, current.version() + 1, changed)));
        }
    }

    /** Under the write lock: the object's document, replaced durably, then the object in memory. */
    private StoredObject write(StoredObject stored) {
        Term term = new Term(OBJECT_ID, stored.kind() + ":" + stored.id());
        Document document = new Document();
        document.add(new StringField(IssueDocuments.TYPE, TYPE_OBJECT, Field.Store.NO));
        document.add(new StringField(OBJECT_ID, term.text(), Field.Store.NO));
        document.add(new StoredField(IssueDocuments.SOURCE, IssueDocuments.toJson(stored)));
        writer.write(term, document);
        kind(stored.kind()).put(stored.id(), stored);
        memoryChanged.run();
        return stored;
    }

    @Override
    public Optional<StoredObject> get(String kind, long id) {
        return Optional.ofNullable(kind(kind).get(id));
    }

    @Override
    public List<StoredObject> list(String kind) {
        return List.copyOf(kind(kind).values());
    }

    private NavigableMap<Long, StoredObject> kind(String kind) {
        if (!StoredObjects.isKind(kind)) {
            throw new IllegalArgumentException("not a kind: " + kind);
        }
        return byKind.computeIfAbsent(kind, ignored -> new ConcurrentSkipListMap<>());
    }
}
