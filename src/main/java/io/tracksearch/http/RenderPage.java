package io.tracksearch.http;

import io.tracksearch.http.IssueRenderer.Expand;
import io.tracksearch.model.Embedded;
import io.tracksearch.model.FieldRegistry;
import io.tracksearch.model.Issue;
import io.tracksearch.model.IssueField;
import io.tracksearch.model.IssueLink;
import io.tracksearch.model.Queue;
import io.tracksearch.store.Condition;
import io.tracksearch.store.IssueSort;
import io.tracksearch.store.IssueStore;
import io.tracksearch.store.IssueSummary;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@link IssueRenderer} needs from other objects to render a page of issues, looked up once per page
 * (a remote store would otherwise be asked once per issue): the queues, the summaries of the issues the
 * page names (or, for links, those issues whole and the children), and the field list. A template's page
 * ({@link #template}) has none of it: what depends on other objects becomes a splice point instead.
 */
record RenderPage(Map<String, Queue> queues, Map<String, Issue> related, Map<String, IssueSummary> summaries,
        Map<String, List<Issue>> children, List<IssueField> fields, Set<String> fieldIds, boolean template) {
    /** What the page shows of a referenced issue: from the issues it read, else from the summaries it read. */
    IssueSummary summary(String key) {
        Issue issue = related.get(key);
        return issue != null ? new IssueSummary(issue.id(), issue.summary()) : summaries.get(key);
    }

    /**
     * What a page of these issues needs: the queues; for links the whole issues they name and their
     * children, otherwise only the summaries of the issues they name; the field list.
     */
    static RenderPage of(IssueStore store, List<Issue> issues, Set<Expand> expand) {
        Map<String, Queue> queues = issues.isEmpty() ? Map.of() : queuesByKey(store);
        Set<String> referenced = new LinkedHashSet<>();
        for (Issue issue : issues) {
            if (issue.parent() != null) {
                referenced.add(issue.parent());
            }
            if (issue.epic() != null) {
                referenced.add(issue.epic());
            }
            if (expand.contains(Expand.LINKS)) {
                IssueLink.of(issue).forEach(link -> referenced.add(link.otherKey()));
            }
        }
        // A page without links shows only the id and summary of the issues it names: a summary lookup
        // (doc values on the embedded store, two source fields on OpenSearch) instead of whole issues.
        Map<String, Issue> related = new HashMap<>();
        Map<String, IssueSummary> summaries = Map.of();
        if (expand.contains(Expand.LINKS)) {
            lookUp(store, referenced, related);
        }
        else if (!referenced.isEmpty()) {
            summaries = store.summaries(referenced);
        }
        Map<String, List<Issue>> children = new HashMap<>();
        if (expand.contains(Expand.LINKS) && !issues.isEmpty()) {
            List<String> keys = issues.stream().map(Issue::key).toList();
            Condition childCondition = Condition.or(new Condition.AnyOf(IssueField.PARENT, keys),
                    new Condition.AnyOf(IssueField.EPIC, keys));
            // Links are bounded: at most 1,000 children per page are listed.
            for (Issue child : store.search(childCondition, IssueSort.BY_KEY, 0, 1000).issues()) {
                if (child.parent() != null) {
                    children.computeIfAbsent(child.parent(), key -> new ArrayList<>()).add(child);
                }
                if (child.epic() != null && !child.epic().equals(child.parent())) {
                    children.computeIfAbsent(child.epic(), key -> new ArrayList<>()).add(child);
                }
            }
        }
        // the field list once per page: asking the registry per issue (and per unknown raw field, which
        // makes it reload, on OpenSearch with a search) would cost on every rendered issue
        List<IssueField> fields = store.fields().all();
        Set<String> fieldIds = new HashSet<>();
        fields.forEach(field -> fieldIds.add(field.id()));
        Set<String> unknown = new LinkedHashSet<>();
        issues.forEach(issue -> issue.values().keySet().stream()
                .filter(id -> !fieldIds.contains(id) && !Embedded.isEmbedded(id)).forEach(unknown::add));
        if (unknown.stream().anyMatch(id -> store.fields().byId(id).isPresent())) {
            // a custom field made on another node since the registry was loaded: once for the page
            fields = store.fields().all();
            fields.forEach(field -> fieldIds.add(field.id()));
        }
        return new RenderPage(queues, related, summaries, children, fields, fieldIds, false);
    }

    /** Adds the issues of the given keys (those that exist) to {@code found}, in one lookup. */
    static void lookUp(IssueStore store, Collection<String> keys, Map<String, Issue> found) {
        if (!keys.isEmpty()) {
            found.putAll(store.getAll(keys));
        }
    }

    /** The page of one issue's template: the registry's fields, nothing looked up. */
    static RenderPage forTemplate(FieldRegistry registry, Issue issue) {
        return new RenderPage(Map.of(), Map.of(), Map.of(), Map.of(), registry.all(), issue.values().keySet(), true);
    }

    /** What the splice points of these templates need: the queues and the summaries of the issues they name. */
    static RenderPage forTemplates(IssueStore store, TemplatePage templates) {
        Set<String> referenced = new LinkedHashSet<>();
        for (String token : templates.tokens()) {
            if (token.charAt(0) == TemplateTokens.ISSUE) {
                referenced.add(token.substring(1));
            }
        }
        return new RenderPage(queuesByKey(store), Map.of(), store.summaries(referenced), Map.of(), List.of(), Set.of(), false);
    }

    /** The store's queue list by key: one read per page (a remote store caches it), not one lookup per queue. */
    private static Map<String, Queue> queuesByKey(IssueStore store) {
        Map<String, Queue> queues = new HashMap<>();
        store.queues().forEach(queue -> queues.put(queue.key(), queue));
        return queues;
    }
}
