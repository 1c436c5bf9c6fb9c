package io.tracksearch.store.lucene;

import io.tracksearch.model.FieldValues;
import io.tracksearch.model.Issue;
import io.tracksearch.model.IssueField;
import io.tracksearch.store.IssueSort;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSelector;
import org.apache.lucene.search.SortedNumericSortField;
import org.apache.lucene.search.SortedSetSelector;
import org.apache.lucene.search.SortedSetSortField;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * {@link IssueSort} as a Lucene {@link Sort} over the doc values of {@link IssueDocuments}, with the
 * comparators of spec 4.4. Every sort ends with key ascending (queue key, then number numerically).
 *
 * <p>Missing values sort last in both directions. Lucene applies {@code reverse} to the missing value
 * too, so a descending sort field gets the value that is smallest ascending (STRING_FIRST,
 * Long.MIN_VALUE, -infinity), which reversed is last.
 */
public final class LuceneSorts {
    /**
     * The order documents are kept in inside each segment: last updated first, the order most searches and
     * scrolls ask for. A search in exactly this order stops collecting a segment after its top hits
     * (Lucene's early termination needs the search sort to be a prefix of the index sort, field for field),
     * and its pages and scrolls read stored issues that lie side by side on disk.
     */
    static final Sort INDEX_SORT = toSort(new IssueSort(List.of(new IssueSort.Key(IssueField.UPDATED_AT, true))));

    /**
     * The issues in the order of {@link #INDEX_SORT}: updated descending (none last), then queue key and
     * number ascending. A segment whose documents arrive in this order is flushed as it is; otherwise the
     * flush re-sorts every posting list, doc value and stored document of it, which cost a sixth of an
     * import's CPU. Queue keys are ASCII capitals, so String order is the byte order Lucene sorts by.
     */
    static List<Issue> inIndexOrder(Collection<Issue> issues) {
        record Keyed(long updated, Issue issue) {
        }
        return issues.stream()
                .map(issue -> {
                    Long updated = FieldValues.epochMillis(IssueField.UPDATED_AT, issue);
                    return new Keyed(updated == null ? Long.MIN_VALUE : updated, issue);
                })
                .sorted(Comparator.comparingLong(Keyed::updated).reversed()
                        .thenComparing(keyed -> keyed.issue().queue())
                        .thenComparingLong(keyed -> keyed.issue().number()))
                .map(Keyed::issue)
                .toList();
    }

    private LuceneSorts() {
    }

    /**
     * Whether the order's first key is a catalog field: the only plain LONG sort field {@link #addKey}
     * makes besides the issue number, which never comes first (key order starts with the queue).
     */
    static boolean startsWithCatalog(Sort sort) {
        SortField first = sort.getSort()[0];
        return first.getType() == SortField.Type.LONG && first.getClass() == SortField.class
                && !first.getField().equals(IssueDocuments.SORT_NUMBER);
    }

    public static Sort toSort(IssueSort sort) {
        List<SortField> fields = new ArrayList<>();
        for (IssueSort.Key key : sort.keys()) {
            addKey(fields, key.field(), key.descending());
        }
        fields.add(new SortField(IssueDocuments.SORT_QUEUE, SortField.Type.STRING, false));
        fields.add(new SortField(IssueDocuments.SORT_NUMBER, SortField.Type.LONG, false));
        return new Sort(fields.toArray(SortField[]::new));
    }

    private static void addKey(List<SortField> fields, IssueField field, boolean descending) {
        String name = IssueDocuments.sortField(field);
        switch (field.kind()) {
            case KEY -> {
                fields.add(new SortField(IssueDocuments.SORT_QUEUE, SortField.Type.STRING, descending));
                fields.add(new SortField(IssueDocuments.SORT_NUMBER, SortField.Type.LONG, descending));
            }
            case QUEUE -> fields.add(new SortField(IssueDocuments.SORT_QUEUE, SortField.Type.STRING, descending));
            case TEXT -> fields.add(string(name, descending));
            case USER -> fields.add(field.isMultiValued() ? stringSet(name, descending) : string(name, descending));
            case STRING, COMPONENT -> fields.add(field.isMultiValued() ? stringSet(name, descending) : string(name, descending));
            case CATALOG -> {
                SortField sortField = new SortField(name, SortField.Type.LONG, descending);
                sortField.setMissingValue(descending ? Long.MIN_VALUE : Long.MAX_VALUE);
                fields.add(sortField);
            }
            case INSTANT, DATE -> fields.add(new SortedNumericSortField(field.id(),
                    SortField.Type.LONG, descending, SortedNumericSelector.Type.MIN,
                    descending ? Long.MIN_VALUE : Long.MAX_VALUE));
            case NUMBER, DURATION -> fields.add(new SortedNumericSortField(field.id(), SortField.Type.DOUBLE, descending,
                        SortedNumericSelector.Type.MIN,
                        descending ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY));
            case ISSUE, EXACT, REFERENCE -> throw new IllegalArgumentException("not sortable: " + field);
        }
    }

    private static SortField string(String name, boolean descending) {
        SortField sortField = new SortField(name, SortField.Type.STRING, descending);
        sortField.setMissingValue(descending ? SortField.STRING_FIRST : SortField.STRING_LAST);
        return sortField;
    }

    /** Multi-valued: ascending by the smallest value, descending by the largest. */
    private static SortField stringSet(String name, boolean descending) {
        SortedSetSortField sortField = new SortedSetSortField(name, descending,
                descending ? SortedSetSelector.Type.MAX : SortedSetSelector.Type.MIN);
        sortField.setMissingValue(descending ? SortField.STRING_FIRST : SortField.STRING_LAST);
        return sortField;
    }
}
