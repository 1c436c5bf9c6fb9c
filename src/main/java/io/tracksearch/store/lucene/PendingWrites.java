package io.tracksearch.store.lucene;

import io.tracksearch.model.Issue;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issues indexed but not yet visible to the searcher, by key and by unique value, until a commit covers
 * them: a check-then-write step looks here first and at the searcher second, so there is no moment at which
 * a write is in neither. Forgotten all at once when the writer is rolled back (nothing of it will be
 * visible).
 */
final class PendingWrites implements DurableWriter.Commits {
    private record Pending(Issue issue, long seqNo) {
    }

    private final ConcurrentHashMap<String, Pending> byKey = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Pending> byUnique = new ConcurrentHashMap<>();

    /** The issue as indexed by the operation with this sequence number. */
    void indexed(Issue issue, long seqNo) {
        Pending pending = new Pending(issue, seqNo);
        byKey.put(issue.key(), pending);
        if (issue.unique() != null) {
            byUnique.put(issue.unique(), pending);
        }
    }

    /** The issue's key is no longer its (a move) or the issue is gone (a delete): no pending write answers for it. */
    void forget(String key) {
        Pending pending = byKey.remove(key);
        if (pending != null && pending.issue().unique() != null) {
            byUnique.remove(pending.issue().unique(), pending);
        }
    }

    Optional<Issue> byKey(String key) {
        return Optional.ofNullable(byKey.get(key)).map(Pending::issue);
    }

    Optional<Issue> byUnique(String unique) {
        return Optional.ofNullable(byUnique.get(unique)).map(Pending::issue);
    }

    @Override
    public void committed(long seqNo) {
        byKey.values().removeIf(pending -> pending.seqNo() <= seqNo);
        byUnique.values().removeIf(pending -> pending.seqNo() <= seqNo);
    }

    @Override
    public void rolledBack() {
        byKey.clear();
        byUnique.clear();
    }
}
