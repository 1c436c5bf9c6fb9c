package io.tracksearch.store.lucene;

import io.tracksearch.model.IssueField;
import io.tracksearch.store.TestUsers;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoubleField;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSelector;
import org.apache.lucene.search.SortedNumericSortField;
import org.apache.lucene.search.SortedSetSelector;
import org.apache.lucene.search.SortedSetSortField;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        try (var reader = DirectoryReader.open(FSDirectory.open(directory))) {
            for (LeafReaderContext leaf : reader.leaves()) {
                SortColumns.Keys keys = columns.key(leaf.reader()).orElseThrow();
                SortedDocValues queues = leaf.reader().getSortedDocValues(IssueDocuments.SORT_QUEUE);
                NumericDocValues numbers = leaf.reader().getNumericDocValues(IssueDocuments.SORT_NUMBER);
                for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
                    boolean hasKey = queues.advanceExact(doc) && numbers.advanceExact(doc);
                    assertEquals(hasKey ? queues.ordValue() : SortColumns.NO_QUEUE, keys.queueOrds()[doc] & 0xFF, "seed " + seed + ", doc " + doc);
                    if (hasKey) {
                        assertEquals(numbers.longValue(), keys.numbers()[doc], "seed " + seed + ", doc " + doc);
                    }
                }
                assertTrue(keys == columns.key(leaf.reader()).orElseThrow(), "read once");
            }
            assertEquals(reader.leaves().size(), columns.segments());
        }
        assertEquals(0, columns.segments(), "dropped with their segments");
    }

    /** A document without a queue or a number (a queue, a field definition): no key. */
    @Test
    void aDocumentWithoutAKeyHasNoQueue() throws IOException {
        try (ByteBuffersDirectory memory = new ByteBuffersDirectory()) {
            try (IndexWriter writer = new IndexWriter(memory, new IndexWriterConfig())) {
                Document document = new Document();
                document.add(new NumericDocValuesField("sort.small", 3));
                writer.addDocument(document);
            }
            try (DirectoryReader reader = DirectoryReader.open(memory)) {
                SortColumns columns = new SortColumns();
                assertEquals(SortColumns.NO_QUEUE, columns.key(reader.leaves().get(0).reader()).orElseThrow().queueOrds()[0] & 0xFF);
            }
        }
    }

    /**
     * Term ords of single strings (two bytes while few values, four with 65,535 or more) and of a list's
     * smallest and largest value equal the doc values; the columns stay within their budget, and the bytes
     * of a closed segment count no more.
     */
    @Test
    void ordsHoldWhatDocValuesHoldWithinTheirBudget() throws IOException {
        int documents = 70_000;
        try (ByteBuffersDirectory memory = new ByteBuffersDirectory()) {
            try (IndexWriter writer = new IndexWriter(memory, new IndexWriterConfig())) {
                for (int i = 0; i < documents; i++) {
                    Document document = new Document();
                    if (i % 7 != 0) {   // some without a value
                        document.add(new SortedDocValuesField("sort.few", new BytesRef("v" + i % 100)));
                        document.add(new SortedSetDocValuesField("sort.list", new BytesRef("t" + i % 13)));
                        document.add(new SortedSetDocValuesField("sort.list", new BytesRef("t" + i % 5)));
                    }
                    document.add(new SortedDocValuesField("sort.many", new BytesRef(String.format("%06d", i))));
                    writer.addDocument(document);
                }
                writer.forceMerge(1);
            }
            List<SortField> fields = List.of(new SortField("sort.few", SortField.Type.STRING), new SortField("sort.many", SortField.Type.STRING),
                    new SortedSetSortField("sort.list", false, SortedSetSelector.Type.MIN),
                    new SortedSetSortField("sort.list", true, SortedSetSelector.Type.MAX));
            SortColumns columns = new SortColumns(Long.MAX_VALUE);
            try (DirectoryReader reader = DirectoryReader.open(memory)) {
                LeafReader segment = reader.leaves().get(0).reader();
                for (SortField field : fields) {
                    SortColumns.Ords ords = columns.ords(segment, field).orElseThrow();
                    assertEquals(field.getField().equals("sort.many"), ords.small() == null, field.toString());
                    SortedDocValues values = SortColumns.termOrds(segment, field);
                    assertEquals(values.getValueCount(), ords.valueCount());
                    for (int doc = 0; doc < documents; doc++) {
                        assertEquals(values.advanceExact(doc) ? values.ordValue() : SortColumns.Ords.MISSING, ords.ord(doc), field + ", doc " + doc);
                    }
                }
                assertTrue(columns.ords(segment, fields.get(0)).orElseThrow() == columns.ords(segment, fields.get(0)).orElseThrow(), "read once");
            }
            // room for the two-byte column of one field, not for the four-byte one or a second field
            SortColumns budgeted = new SortColumns(2L * documents + 10);
            try (DirectoryReader reader = DirectoryReader.open(memory)) {
                LeafReader segment = reader.leaves().get(0).reader();
                assertEquals(Optional.empty(), budgeted.ords(segment, fields.get(1)), "four bytes a document: over the budget");
                assertTrue(budgeted.ords(segment, fields.get(0)).isPresent());
                assertEquals(Optional.empty(), budgeted.ords(segment, fields.get(2)), "the budget is spent");
            }
            try (DirectoryReader reader = DirectoryReader.open(memory)) {   // the segment was closed: its bytes are free again
                assertTrue(budgeted.ords(reader.leaves().get(0).reader(), fields.get(2)).isPresent());
            }
        }
    }

    /**
     * Numbers rank by value among the segment's distinct values, doubles (negative ones included) in
     * {@link Double#compare}'s order, by the selected value of a list; no value and the sort's missing value
     * itself rank as missing; values of their own (a time) get no column.
     */
    @Test
    void numbersRankByValue() throws IOException {
        int documents = 70_000;
        double[] points = {-2.5, -0.0, 0.0, 0.5, 3, 13, Double.POSITIVE_INFINITY};
        try (ByteBuffersDirectory memory = new ByteBuffersDirectory()) {
            try (IndexWriter writer = new IndexWriter(memory, new IndexWriterConfig())) {
                for (int i = 0; i < documents; i++) {
                    Document document = new Document();
                    if (i % 5 != 0) {
                        document.add(new DoubleField("points", points[i % points.length], Field.Store.NO));
                        document.add(new LongField("days", 1000 + i % 11, Field.Store.NO));
                        document.add(new LongField("days", 1000 - i % 3, Field.Store.NO));
                    }
                    document.add(new LongField("times", i * 7L, Field.Store.NO));
                    writer.addDocument(document);
                }
                writer.forceMerge(1);
            }
            SortedNumericSortField pointsAscending = new SortedNumericSortField("points", SortField.Type.DOUBLE, false,
                    SortedNumericSelector.Type.MIN, Double.POSITIVE_INFINITY);
            SortedNumericSortField daysLargest = new SortedNumericSortField("days", SortField.Type.LONG, true,
                    SortedNumericSelector.Type.MAX, Long.MIN_VALUE);
            SortedNumericSortField times = new SortedNumericSortField("times", SortField.Type.LONG, false,
                    SortedNumericSelector.Type.MIN, Long.MAX_VALUE);
            SortColumns columns = new SortColumns(Long.MAX_VALUE);
            try (DirectoryReader reader = DirectoryReader.open(memory)) {
                LeafReader segment = reader.leaves().get(0).reader();
                SortColumns.Ords pointRanks = columns.ords(segment, pointsAscending).orElseThrow();
                assertEquals(points.length - 1, pointRanks.valueCount(), "infinity is the missing value: not a value");
                SortColumns.Ords dayRanks = columns.ords(segment, daysLargest).orElseThrow();
                assertEquals(11, dayRanks.valueCount());
                for (int doc = 0; doc < documents; doc++) {
                    boolean valued = doc % 5 != 0;
                    int point = doc % points.length;
                    assertEquals(valued && point < points.length - 1 ? point : SortColumns.Ords.MISSING, pointRanks.ord(doc), "doc " + doc);
                    assertEquals(valued ? doc % 11 : SortColumns.Ords.MISSING, dayRanks.ord(doc), "doc " + doc);
                }
                assertEquals(Optional.empty(), columns.ords(segment, times), "70,000 distinct values: left to Lucene");
            }
        }
    }
}
