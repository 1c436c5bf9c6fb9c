package io.tracksearch.store;

import io.tracksearch.model.Issue;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A page of a resumable snapshot: its issues, the size of the whole snapshot, and the cursor of the next
 * page. {@code next} is empty on the last page, and the backend has then released the snapshot.
 */
public record ResumablePage(List<Issue> issues, long totalCount, Optional<Cursor> next) {
    public ResumablePage {
        issues = StoredIssues.keep(issues);   // a copy would parse every issue and lose the templates
        requireNonNull(next, "next is null");
    }
}
