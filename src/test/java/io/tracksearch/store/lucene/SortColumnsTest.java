package io.tracksearch.store.lucene;

import io.tracksearch.model.IssueField;
import io.tracksearch.store.TestUsers;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The in-memory sort values equal what doc values hold, and go with their segments. */
class SortColumnsTest {
    @TempDir
    Path directory;

    @Test
    void columnsHoldWhatDocValuesHoldWhileTheirSegmentIsOpen() throws IOException {
        long seed = new Random().nextLong();
        try (LuceneIssueStore store = new LuceneIssueStore(directory, TestUsers.DEFAULT)) {
            SnapshotOrderTest.fill(store, new ArrayList<>(), new Random(seed));
        }
        SortColumns columns = new SortColumns();
        String priority = IssueDocuments.sortField(IssueField.PRIORITY);
        try (var reader = DirectoryReader.open(FSDirectory.open(directory))) {
            for (LeafReaderContext leaf : reader.leaves()) {
                SortColumns.Keys keys = columns.key(leaf.reader()).orElseThrow();
                byte[] weights = columns.catalog(leaf.reader(), priority).orElseThrow();
                SortedDocValues queues = leaf.reader().getSortedDocValues(IssueDocuments.SORT_QUEUE);
                NumericDocValues numbers = leaf.reader().getNumericDocValues(IssueDocuments.SORT_NUMBER);
                NumericDocValues priorities = leaf.reader().getNumericDocValues(priority);
                for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
                    boolean hasKey = queues.advanceExact(doc) && numbers.advanceExact(doc);
                    assertEquals(hasKey ? queues.ordValue() : SortColumns.NO_QUEUE, keys.queueOrds()[doc] & 0xFF, "seed " + seed + ", doc " + doc);
                    if (hasKey) {
                        assertEquals(numbers.longValue(), keys.numbers()[doc], "seed " + seed + ", doc " + doc);
                    }
                    long weight = priorities.advanceExact(doc) ? priorities.longValue() : SortColumns.MISSING_WEIGHT;
                    assertEquals(weight, weights[doc] & 0xFF, "seed " + seed + ", doc " + doc);
                }
                assertTrue(keys == columns.key(leaf.reader()).orElseThrow(), "read once");
            }
            assertEquals(reader.leaves().size(), columns.segments());
        }
        assertEquals(0, columns.segments(), "dropped with their segments");
    }

    /** A weight that does not fit a byte: no column, the caller reads doc values. */
    @Test
    void aWeightBeyondAByteKeepsNoColumn() throws IOException {
        try (ByteBuffersDirectory memory = new ByteBuffersDirectory()) {
            try (IndexWriter writer = new IndexWriter(memory, new IndexWriterConfig())) {
                for (long weight : new long[] {3, 254}) {
                    Document document = new Document();
                    document.add(new NumericDocValuesField("sort.small", weight));
                    document.add(new NumericDocValuesField("sort.large", weight + 1));
                    writer.addDocument(document);
                }
            }
            try (DirectoryReader reader = DirectoryReader.open(memory)) {
                SortColumns columns = new SortColumns();
                assertEquals(254, columns.catalog(reader.leaves().get(0).reader(), "sort.small").orElseThrow()[1] & 0xFF);
                assertEquals(Optional.empty(), columns.catalog(reader.leaves().get(0).reader(), "sort.large"));
                assertEquals(SortColumns.NO_QUEUE, columns.key(reader.leaves().get(0).reader()).orElseThrow().queueOrds()[0] & 0xFF);
            }
        }
    }
}
