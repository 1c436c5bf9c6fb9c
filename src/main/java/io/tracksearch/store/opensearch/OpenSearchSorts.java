package io.tracksearch.store.opensearch;

import io.tracksearch.model.IssueField;
import io.tracksearch.store.IssueSort;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.SortMode;
import org.opensearch.client.opensearch._types.SortOptions;
import org.opensearch.client.opensearch._types.SortOrder;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link IssueSort} as OpenSearch sort options over {@link OpenSearchDocuments}, with the comparators of
 * spec 4.4 (as the embedded store's LuceneSorts). Every sort ends with key ascending (queue key, then
 * number), which is unique per issue, so search_after never skips or repeats an issue. Missing values
 * sort last in both directions ({@code "missing": "_last"}); multi-valued fields sort ascending by their
 * smallest value and descending by their largest.
 */
public final class OpenSearchSorts {
    private OpenSearchSorts() {
    }

    public static List<SortOptions> toSort(IssueSort sort) {
        List<SortOptions> options = new ArrayList<>();
        for (IssueSort.Key key : sort.keys()) {
            addKey(options, key.field(), key.descending());
        }
        options.add(field(OpenSearchDocuments.SORT_QUEUE, false, null));
        options.add(field(OpenSearchDocuments.SORT_NUMBER, false, null));
        return options;
    }

    private static void addKey(List<SortOptions> options, IssueField field, boolean descending) {
        String name = OpenSearchDocuments.sortField(field);
        SortMode mode = descending ? SortMode.Max : SortMode.Min;
        switch (field.kind()) {
            case KEY -> {
                options.add(field(OpenSearchDocuments.SORT_QUEUE, descending, null));
                options.add(field(OpenSearchDocuments.SORT_NUMBER, descending, null));
            }
            case QUEUE -> options.add(field(OpenSearchDocuments.SORT_QUEUE, descending, null));
            case TEXT, USER, STRING, COMPONENT, CATALOG -> options.add(field(name, descending, mode));
            case INSTANT, DATE -> options.add(field(field.id(), descending, SortMode.Min));
            case NUMBER, DURATION -> options.add(field(field.id(), descending, SortMode.Min));
            case ISSUE, EXACT, REFERENCE -> throw new IllegalArgumentException("not sortable: " + field);
        }
    }

    private static SortOptions field(String name, boolean descending, SortMode mode) {
        return SortOptions.of(s -> s.field(f -> {
            f.field(name).order(descending ? SortOrder.Desc : SortOrder.Asc).missing(FieldValue.of("_last"));
            if (mode != null) {
                f.mode(mode);
            }
            return f;
        }));
    }
}
