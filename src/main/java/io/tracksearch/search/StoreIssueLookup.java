package io.tracksearch.search;

import io.tracksearch.model.FieldValues;
import io.tracksearch.model.Ids;
import io.tracksearch.model.Issue;
import io.tracksearch.model.IssueField;
import io.tracksearch.query.IssueLookup;
import io.tracksearch.store.Condition;
import io.tracksearch.store.IssueSort;
import io.tracksearch.store.IssueStore;
import io.tracksearch.store.Snapshot;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The query language's view of the store: issues by key or id, and values over a set of issues. */
record StoreIssueLookup(IssueStore store) implements IssueLookup {
    private static final int PAGE = 1000;

    @Override
    public Optional<Issue> find(String keyOrId) {
        return store.get(keyOrId.toUpperCase(Locale.ROOT))
                .or(() -> Ids.isHexId(keyOrId) ? store.getById(keyOrId) : Optional.empty());
    }

    /** Reads the matching issues once, in pages, through a snapshot (a consistent view even while writes go on). */
    @Override
    public List<String> values(IssueField field, Condition condition) {
        Set<String> values = new LinkedHashSet<>();
        try (Snapshot snapshot = store.openSnapshot(Condition.and(condition, new Condition.Exists(field)), IssueSort.BY_KEY)) {
            for (long position = 0; position < snapshot.size(); position += PAGE) {
                for (Issue issue : snapshot.read(position, PAGE)) {
                    values.addAll(FieldValues.keywords(field, issue));
                }
            }
        }
        return List.copyOf(values);
    }
}
