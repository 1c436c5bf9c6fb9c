package io.tracksearch.store.lucene;

import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSelector;
import org.apache.lucene.search.SortedNumericSortField;
import org.apache.lucene.search.SortedSetSelector;
import org.apache.lucene.search.SortedSetSortField;
import org.apache.lucene.util.NumericUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sort values of a segment's documents as plain arrays on the heap, read once from doc values when the
 * segment is first searched in an order that uses them, dropped when Lucene closes the segment:
 * <ul>
 *   <li>{@link #key}: each document's key, as its segment's ord of the queue key (a byte; {@link #NO_QUEUE}
 *       without a queue or a number: queues, field definitions) and its number (an int). 5 bytes per
 *       document, kept in two arrays so that a match whose queue alone rules it out costs a read of the
 *       small one: the number array of a million documents does not stay in the processor's caches, and
 *       a sparse result then pays a memory access per match.</li>
 *   <li>{@link #ords}: a string sort field's term ord per document (assignee, summary, the smallest or
 *       largest tag, ...), or a numeric one's rank among the segment's distinct values (votes, story
 *       points, a deadline; not a time, whose values are its own): two bytes each while the segment has
 *       fewer than 65,535 values, else four. These grow with every field sorted on, so together they are
 *       held to a budget (an eighth of the heap); beyond it a segment's string ords are read from doc
 *       values, and its numbers are left to Lucene's comparators.</li>
 * </ul>
 *
 * <p>Why: the page strategies read one sort value per match. Through doc values that is a sparse block
 * lookup and a read of the memory-mapped file per match (about 10 ns; at a million matches most of a
 * search's time), through an array a fraction of that. Segments are immutable, so an array never changes.
 *
 * <p>Threads: safe for concurrent use; two threads may read the same column at once (one copy is kept).
 */
final class SortColumns {
    /** The queue ord (read unsigned) of a document without a queue or a number. */
    static final int NO_QUEUE = 0xFF;
    /** Documents sampled to tell a time from a number many documents share ({@link #mostlyDistinct}). */
    private static final int SAMPLE = 1024;
    /** A segment with a larger number, or with {@link #NO_QUEUE} queues or more, has no key column. */
    private static final long NUMBER_LIMIT = Integer.MAX_VALUE;
    /** Column name of the key (sort field names never contain a space). */
    private static final String KEY = "key column";
    /** What a column that cannot be packed maps to, so that it is not read again. */
    private static final Object UNPACKABLE = new Object();
    /** A column not made for the budget: not kept, so that it is tried again once segments are dropped. */
    private static final Object OVER_BUDGET = new Object();

    private final ConcurrentHashMap<IndexReader.CacheKey, Map<String, Object>> bySegment = new ConcurrentHashMap<>();
    /** Bytes the {@link Ords} and {@link DocsByRank} columns may take together. */
    private final long ordsBudget;
    /** Bytes the {@link Ords} and {@link DocsByRank} columns of open segments take. */
    private final AtomicLong ordsBytes = new AtomicLong();

    SortColumns() {
        this(Runtime.getRuntime().maxMemory() / 8);
    }

    SortColumns(long ordsBudget) {
        this.ordsBudget = ordsBudget;
    }

    /**
     * A segment's keys by segment doc id: queue ords (unsigned bytes) and numbers; and how many documents each
     * queue ord has ({@link #NO_QUEUE} included).
     */
    record Keys(byte[] queueOrds, int[] numbers, int[] documentsPerOrd) {
    }

    /**
     * The keys of a segment's documents; empty when a number is 2^31 or more, the segment has 255 queues
     * or more, or the reader has no core to cache against, which callers answer another way.
     */
    Optional<Keys> key(LeafReader segment) {
        return column(segment, KEY, SortColumns::readKey).map(Keys.class::cast);
    }

    /**
     * A segment's term ords of a string sort field by segment doc id: the value of a single-valued field, the
     * smallest ({@link SortedSetSelector.Type#MIN}) or largest of a list. {@code small} holds them (unsigned,
     * {@link Ords#SMALL_MISSING} without a value) when the segment has fewer values than that, else {@code large}
     * ({@link Ords#MISSING} without a value).
     */
    record Ords(char[] small, int[] large, int valueCount) implements Sized {
        static final int MISSING = -1;
        static final char SMALL_MISSING = Character.MAX_VALUE;

        int ord(int doc) {
            if (small != null) {
                char ord = small[doc];
                return ord == SMALL_MISSING ? MISSING : ord;
            }
            return large[doc];
        }

        @Override
        public long bytes() {
            return small != null ? 2L * small.length : 4L * large.length;
        }
    }

    /**
     * A segment's documents grouped by their {@link Ords}: group {@code r} (a rank) is
     * {@code docs[starts[r]..starts[r + 1])} in key order ({@link #docsInKeyOrder}), the last group (index
     * {@code valueCount}) the documents without a value.
     */
    record DocsByRank(int[] starts, int[] docs) implements Sized {
        /** Groups, the one without a value included. */
        int groups() {
            return starts.length - 1;
        }

        int size(int group) {
            return starts[group + 1] - starts[group];
        }

        /** Copies a group's documents into {@code to} at {@code at}; returns the position after them. */
        int copy(int group, int[] to, int at) {
            System.arraycopy(docs, starts[group], to, at, size(group));
            return at + size(group);
        }

        @Override
        public long bytes() {
            return 4L * (starts.length + docs.length);
        }
    }

    /** A column counted against the budget. */
    private interface Sized {
        long bytes();
    }

    /**
     * The ords of a sort field in a segment: term ords of a string ({@link SortField.Type#STRING}, or a
     * {@link SortedSetSortField} by its smallest or largest value), ranks among the distinct values of a number
     * ({@link SortedNumericSortField}, LONG or DOUBLE, by its selected value; a value equal to the sort's
     * missing value ranks as missing, as Lucene cannot tell them apart either). Empty when the reader has no
     * core to cache against or the columns of this kind are at their budget, which callers answer from
     * {@link #termOrds} (strings) or Lucene's comparators (numbers).
     */
    Optional<Ords> ords(LeafReader segment, SortField field) {
        if (field instanceof SortedNumericSortField numeric) {
            return column(segment, ordsName(field), reader -> readNumericRanks(reader, numeric)).map(Ords.class::cast);
        }
        return column(segment, ordsName(field), reader -> readOrds(reader, field)).map(Ords.class::cast);
    }

    /**
     * The documents of a segment grouped by the {@link #ords} of a sort field ({@code ords}, as that gave
     * them); empty when the columns are at their budget. 4 bytes per document, made on first use.
     */
    Optional<DocsByRank> docsByRank(LeafReader segment, SortField field, Ords ords, Keys keys) {
        return column(segment, ordsName(field) + "/documents", reader -> groupByRank(ords, keys)).map(DocsByRank.class::cast);
    }

    private static String ordsName(SortField field) {
        if (field instanceof SortedNumericSortField numeric) {
            return field.getField() + "/" + numeric.getSelector() + "/" + numeric.getMissingValue();
        }
        return field.getField() + (field instanceof SortedSetSortField set ? "/" + set.getSelector() : "");
    }

    /**
     * A counting sort by rank of the documents in key order, so that each rank's documents stay in key order:
     * OVER_BUDGET when it would pass the budget.
     */
    private Object groupByRank(Ords ords, Keys keys) {
        int maxDoc = keys.numbers().length;
        int valueCount = ords.valueCount();
        long bytes = 4L * (valueCount + 2 + maxDoc);
        if (ordsBytes.addAndGet(bytes) > ordsBudget) {
            ordsBytes.addAndGet(-bytes);
            return OVER_BUDGET;
        }
        int[] starts = new int[valueCount + 2];
        for (int doc = 0; doc < maxDoc; doc++) {
            int ord = ords.ord(doc);
            starts[(ord == Ords.MISSING ? valueCount : ord) + 1]++;
        }
        for (int group = 0; group <= valueCount; group++) {
            starts[group + 1] += starts[group];
        }
        int[] next = Arrays.copyOf(starts, valueCount + 1);
        int[] docs = new int[maxDoc];
        for (int doc : docsInKeyOrder(keys)) {
            int ord = ords.ord(doc);
            docs[next[ord == Ords.MISSING ? valueCount : ord]++] = doc;
        }
        return new DocsByRank(starts, docs);
    }

    /**
     * A segment's documents in key order: by queue ord (the segment's queue keys are in the index's order of
     * them), then number; those without a key ({@link #NO_QUEUE}) last, in document order.
     */
    static int[] docsInKeyOrder(Keys keys) {
        byte[] queueOrds = keys.queueOrds();
        int[] starts = new int[NO_QUEUE + 2];
        for (int queue = 0; queue <= NO_QUEUE; queue++) {
            starts[queue + 1] = starts[queue] + keys.documentsPerOrd()[queue];
        }
        int[] next = Arrays.copyOf(starts, NO_QUEUE + 1);
        int[] docs = new int[queueOrds.length];
        for (int doc = 0; doc < queueOrds.length; doc++) {
            docs[next[queueOrds[doc] & 0xFF]++] = doc;
        }
        for (int queue = 0; queue < NO_QUEUE; queue++) {
            long[] byNumber = new long[starts[queue + 1] - starts[queue]];
            for (int i = 0; i < byNumber.length; i++) {
                int doc = docs[starts[queue] + i];
                byNumber[i] = (long) keys.numbers()[doc] << 32 | doc;
            }
            Arrays.sort(byNumber);
            for (int i = 0; i < byNumber.length; i++) {
                docs[starts[queue] + i] = (int) byNumber[i];
            }
        }
        return docs;
    }

    /** Whether {@link #ords} can rank the values of a numeric sort field: LONG or DOUBLE with a missing value. */
    static boolean ranksNumbers(SortField field) {
        return field instanceof SortedNumericSortField numeric && numeric.getMissingValue() != null
                && (numeric.getNumericType() == SortField.Type.LONG || numeric.getNumericType() == SortField.Type.DOUBLE);
    }

    /** The doc values {@link #ords} reads: the single value, or the smallest or largest of a set. */
    static SortedDocValues termOrds(LeafReader segment, SortField field) throws IOException {
        if (field instanceof SortedSetSortField sortedSet) {
            return SortedSetSelector.wrap(DocValues.getSortedSet(segment, field.getField()), sortedSet.getSelector());
        }
        return DocValues.getSorted(segment, field.getField());
    }

    /** Segments held (for tests). */
    int segments() {
        return bySegment.size();
    }

    private interface Reader {
        Object read(LeafReader segment) throws IOException;
    }

    private Optional<Object> column(LeafReader segment, String name, Reader reader) {
        IndexReader.CacheHelper core = segment.getCoreCacheHelper();
        if (core == null) {
            return Optional.empty();
        }
        Map<String, Object> columns = bySegment.get(core.getKey());
        if (columns == null) {
            columns = new ConcurrentHashMap<>();
            Map<String, Object> raced = bySegment.putIfAbsent(core.getKey(), columns);
            if (raced == null) {
                core.addClosedListener(this::dropSegment);
            } else {
                columns = raced;
            }
        }
        Object column = columns.get(name);
        if (column == null) {
            try {
                column = reader.read(segment);
            } catch (IOException e) {
                throw new UncheckedIOException("reading a segment's sort values failed", e);
            }
            if (column == OVER_BUDGET) {
                return Optional.empty();
            }
            Object raced = columns.putIfAbsent(name, column);
            if (raced != null && column instanceof Sized sized) {
                ordsBytes.addAndGet(-sized.bytes());   // another thread's copy is kept
                column = raced;
            }
        }
        return column == UNPACKABLE ? Optional.empty() : Optional.of(column);
    }

    private void dropSegment(IndexReader.CacheKey segment) {
        Map<String, Object> columns = bySegment.remove(segment);
        if (columns != null) {
            for (Object column : columns.values()) {
                if (column instanceof Sized sized) {
                    ordsBytes.addAndGet(-sized.bytes());
                }
            }
        }
    }

    /** OVER_BUDGET when the column would pass the budget (and again at each search, until segments are dropped). */
    private Object readOrds(LeafReader segment, SortField field) throws IOException {
        SortedDocValues values = termOrds(segment, field);
        boolean small = values.getValueCount() < Ords.SMALL_MISSING;
        long bytes = (small ? 2L : 4L) * segment.maxDoc();
        if (ordsBytes.addAndGet(bytes) > ordsBudget) {
            ordsBytes.addAndGet(-bytes);
            return OVER_BUDGET;
        }
        char[] smallOrds = small ? new char[segment.maxDoc()] : null;
        int[] largeOrds = small ? null : new int[segment.maxDoc()];
        if (small) {
            Arrays.fill(smallOrds, Ords.SMALL_MISSING);
        } else {
            Arrays.fill(largeOrds, Ords.MISSING);
        }
        for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
            if (small) {
                smallOrds[doc] = (char) values.ordValue();
            } else {
                largeOrds[doc] = values.ordValue();
            }
        }
        return new Ords(smallOrds, largeOrds, values.getValueCount());
    }

    /**
     * Each document's rank among the segment's distinct values of a numeric sort field, in the sortable-long
     * order its doc values hold (doubles included, which is {@link Double#compare}'s order).
     */
    private Object readNumericRanks(LeafReader segment, SortedNumericSortField field) throws IOException {
        // SortField.Type.LONG: the sortable longs as they are (the DOUBLE view turns them back into double bits)
        NumericDocValues values = SortedNumericSelector.wrap(DocValues.getSortedNumeric(segment, field.getField()),
                field.getSelector(), SortField.Type.LONG);
        long missing = field.getNumericType() == SortField.Type.DOUBLE
                ? NumericUtils.doubleToSortableLong((Double) field.getMissingValue()) : (Long) field.getMissingValue();
        if (mostlyDistinct(segment, field)) {
            return UNPACKABLE;   // times: no ties to break, and sorting every value of a large segment costs
        }
        int maxDoc = segment.maxDoc();
        long[] valueOf = new long[maxDoc];
        Arrays.fill(valueOf, missing);
        for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
            valueOf[doc] = values.longValue();
        }
        long[] distinct = valueOf.clone();
        Arrays.sort(distinct);
        int count = 0;
        for (int i = 0; i < distinct.length; i++) {
            if (distinct[i] != missing && (count == 0 || distinct[count - 1] != distinct[i])) {
                distinct[count++] = distinct[i];
            }
        }
        boolean small = count < Ords.SMALL_MISSING;
        long bytes = (small ? 2L : 4L) * maxDoc;
        if (ordsBytes.addAndGet(bytes) > ordsBudget) {
            ordsBytes.addAndGet(-bytes);
            return OVER_BUDGET;
        }
        char[] smallRanks = small ? new char[maxDoc] : null;
        int[] largeRanks = small ? null : new int[maxDoc];
        for (int doc = 0; doc < maxDoc; doc++) {
            int rank = valueOf[doc] == missing ? Ords.MISSING : Arrays.binarySearch(distinct, 0, count, valueOf[doc]);
            if (small) {
                smallRanks[doc] = rank == Ords.MISSING ? Ords.SMALL_MISSING : (char) rank;
            } else {
                largeRanks[doc] = rank;
            }
        }
        return new Ords(smallRanks, largeRanks, count);
    }

    /**
     * Whether a sample of the segment's documents (up to {@link #SAMPLE}, evenly spaced) shows values that
     * fewer than eight documents share on average: a time, which page strategies leave to Lucene's
     * comparators, so its ranks are not worth a sort of every value.
     */
    private static boolean mostlyDistinct(LeafReader segment, SortedNumericSortField field) throws IOException {
        NumericDocValues values = SortedNumericSelector.wrap(DocValues.getSortedNumeric(segment, field.getField()),
                field.getSelector(), SortField.Type.LONG);
        int maxDoc = segment.maxDoc();
        int samples = Math.min(SAMPLE, maxDoc);
        long[] sampled = new long[samples];
        int present = 0;
        for (int i = 0; i < samples; i++) {
            int doc = (int) ((long) i * maxDoc / samples);
            if (values.docID() < doc && values.advanceExact(doc)) {
                sampled[present++] = values.longValue();
            }
        }
        Arrays.sort(sampled, 0, present);
        int distinct = 0;
        for (int i = 0; i < present; i++) {
            if (i == 0 || sampled[i] != sampled[i - 1]) {
                distinct++;
            }
        }
        return present >= 64 && distinct * 8 > present;
    }

    private static Object readKey(LeafReader segment) throws IOException {
        SortedDocValues queues = DocValues.getSorted(segment, IssueDocuments.SORT_QUEUE);
        NumericDocValues numbers = DocValues.getNumeric(segment, IssueDocuments.SORT_NUMBER);
        if (queues.getValueCount() >= NO_QUEUE) {
            return UNPACKABLE;
        }
        byte[] queueOrds = new byte[segment.maxDoc()];
        int[] numberOf = new int[segment.maxDoc()];
        Arrays.fill(queueOrds, (byte) NO_QUEUE);
        for (int doc = queues.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = queues.nextDoc()) {
            if (numbers.advanceExact(doc)) {
                long number = numbers.longValue();
                if (number < 0 || number > NUMBER_LIMIT) {
                    return UNPACKABLE;
                }
                queueOrds[doc] = (byte) queues.ordValue();
                numberOf[doc] = (int) number;
            }
        }
        int[] documentsPerOrd = new int[NO_QUEUE + 1];
        for (byte ord : queueOrds) {
            documentsPerOrd[ord & 0xFF]++;
        }
        return new Keys(queueOrds, numberOf, documentsPerOrd);
    }
}
