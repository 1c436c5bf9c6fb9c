package io.tracksearch.store;

import io.tracksearch.model.Issue;
import io.tracksearch.model.IssueJson;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;
import java.util.function.Predicate;

/**
 * Issues read back from a store as their stored JSON and, where the store keeps one, their template
 * ({@link IssueTemplates}). An issue is parsed only when asked for: a page rendered from templates
 * parses none. Immutable; not safe for concurrent first reads of one element from several threads
 * (a page belongs to one request).
 */
public final class StoredIssues extends AbstractList<Issue> implements RandomAccess {
    private final List<byte[]> sources;
    private final List<byte[]> templates;
    private final Issue[] parsed;

    /** {@code templates} has one element (null for none) per source, or is empty when the store keeps none. */
    public StoredIssues(List<byte[]> sources, List<byte[]> templates) {
        if (!templates.isEmpty() && templates.size() != sources.size()) {
            throw new IllegalArgumentException("one template per issue, or none");
        }
        this.sources = sources;
        this.templates = templates;
        this.parsed = new Issue[sources.size()];
    }

    /**
     * An immutable list of these issues for a value that keeps them: the list itself when it is stored
     * issues (already immutable; a copy would parse every issue and lose the templates), else a copy.
     */
    public static List<Issue> keep(List<Issue> issues) {
        return issues instanceof StoredIssues ? issues : List.copyOf(issues);
    }

    @Override
    public Issue get(int index) {
        Issue issue = parsed[index];
        if (issue == null) {
            byte[] source = sources.get(index);
            issue = IssueJson.read(source, 0, source.length);
            parsed[index] = issue;
        }
        return issue;
    }

    @Override
    public int size() {
        return sources.size();
    }

    /** Whether every issue of this list has a template that {@code usable} accepts. */
    public boolean allTemplated(Predicate<byte[]> usable) {
        return !templates.isEmpty() && templates.stream().allMatch(template -> template != null && usable.test(template));
    }

    /** The template of one issue; null when it has none. */
    public byte[] template(int index) {
        return templates.isEmpty() ? null : templates.get(index);
    }
}
