package io.tracksearch.model;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The key of an issue changed by a move ({@code from} became {@code to}; its id stays). Other issues name
 * it by key in three places: their {@code parent}, their {@code epic}, and the {@code issue} of their stored
 * links ({@link Embedded#LINKS}); {@link IssueField#LINKED_TO} indexes all three, so one term query finds
 * every issue to rename.
 *
 * <p>Why the references are rewritten when the issue moves rather than resolved when they are read: every
 * query on them is a term query on the stored key ("Parent: KEY", "Depends On: KEY") or on its queue ("Block
 * Queue", "Subtasks For Queue", "Have Links To Queue"), so a read-time resolution would have to rewrite
 * every such query, could not fix the queue-derived fields at all, and would cost a lookup per rendered
 * reference. A move rewrites a bounded number of issues once; both backends do it as part of
 * {@code IssueStore.move}. The rename is not a change of the referencing issue: its version, updatedAt and
 * changelog stay, as at Tracker, where links follow a moved issue without touching the issues holding them.
 */
public record KeyChange(String from, String to) {
    public KeyChange {
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
    }

    /**
     * The issue with the references of every change renamed, except a change's own issue (the one under its
     * new key, whose reference to its own old key would be a link to itself).
     */
    public static Issue applyAll(List<KeyChange> changes, Issue issue) {
        Issue renamed = issue;
        for (KeyChange change : changes) {
            if (!change.to().equals(issue.key())) {
                renamed = change.applyTo(renamed);
            }
        }
        return renamed;
    }

    /** The keys an issue names where a rename rewrites them: parent, epic, linked issues. */
    public static Set<String> referencedKeys(Issue issue) {
        Set<String> keys = new LinkedHashSet<>();
        for (IssueField field : List.of(IssueField.PARENT, IssueField.EPIC)) {
            if (issue.string(field) != null) {
                keys.add(issue.string(field));
            }
        }
        Embedded.LINKS.in(issue).forEach(link -> keys.add(link.path("issue").asText()));
        return keys;
    }

    /** The issue with every reference to {@code from} renamed to {@code to}; nothing else changes. */
    public Issue applyTo(Issue issue) {
        Issue.Builder renamed = issue.toBuilder();
        for (IssueField field : List.of(IssueField.PARENT, IssueField.EPIC)) {
            if (from.equals(issue.string(field))) {
                renamed.set(field, to);
            }
        }
        List<ObjectNode> links = new ArrayList<>();
        for (ObjectNode link : Embedded.LINKS.in(issue)) {
            links.add(from.equals(link.path("issue").asText()) ? link.deepCopy().put("issue", to) : link);
        }
        if (!links.isEmpty()) {
            Embedded.LINKS.set(renamed, links);
        }
        return renamed.build();
    }
}
