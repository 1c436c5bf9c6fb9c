package io.tracksearch.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracksearch.model.Issue;
import io.tracksearch.model.IssueField;
import io.tracksearch.store.Condition;
import io.tracksearch.store.IssuePage;
import io.tracksearch.store.IssueSort;
import io.tracksearch.store.IssueSummary;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.SortOptions;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.MgetResponse;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.mget.MultiGetResponseItem;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The issue index's reads for {@link OpenSearchIssueStore}: issues by key (real-time GET, following moves),
 * by id, many by key (one multi-get), the summaries a page shows of the issues it names, a sorted page with
 * its exact total, the count, and the query DSL a condition compiles to.
 */
final class OpenSearchIssueReads {
    private final OpenSearchClient client;
    private final String index;
    private final OpenSearchCompiler compiler;
    private final OpenSearchChanges changes;
    private final OpenSearchMoves moves;

    OpenSearchIssueReads(OpenSearchClient client, String index, OpenSearchCompiler compiler, OpenSearchChanges changes,
            OpenSearchMoves moves) {
        this.client = client;
        this.index = index;
        this.compiler = compiler;
        this.changes = changes;
        this.moves = moves;
    }

    Optional<Issue> get(String key) {
        return moves.issueDocument(key).map(found -> OpenSearchDocuments.issueFrom(found.source()));
    }

    Optional<Issue> getById(String id) {
        SearchResponse<ObjectNode> response = OpenSearchFailures.call(() -> client.search(s -> s.index(index)
                .query(OpenSearchCompiler.term(OpenSearchDocuments.ID, id)).size(1), ObjectNode.class));
        OpenSearchFailures.requireAllShards(response.shards());
        return response.hits().hits().stream().findFirst().map(hit -> OpenSearchDocuments.issueFrom(hit.source()));
    }

    /**
     * One real-time multi-get (no query, sort or total, as a search would have). The whole {@code _source}:
     * OpenSearch's source filtering re-orders the keys of nested objects, and comments, links and unknown
     * fields are rendered in their stored order.
     */
    Map<String, Issue> getAll(Collection<String> keys) {
        Map<String, Issue> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        List<String> ids = keys.stream().filter(key -> !key.isBlank()).distinct().toList(); // "" is no document id
        if (ids.isEmpty()) {
            return found;
        }
        MgetResponse<ObjectNode> response = OpenSearchFailures.call(() -> client.mget(m -> m.index(index)
                .ids(ids), ObjectNode.class));
        for (MultiGetResponseItem<ObjectNode> item : response.docs()) {
            if (item.isFailure()) {
                throw OpenSearchFailures.unavailable("reading issue " + item.failure().id() + ": " + item.failure().error().reason(), null);
            }
            if (item.result().found()) {
                Issue issue = OpenSearchDocuments.issueFrom(item.result().source());
                found.put(issue.key(), issue);
            }
        }
        return found;
    }

    /**
     * One real-time multi-get, of which only the id and summary of each issue are kept (not whole issues):
     * what a page shows of the issues its issues name.
     */
    Map<String, IssueSummary> summaries(Collection<String> keys) {
        List<String> ids = keys.stream().filter(key -> !key.isBlank()).distinct().toList(); // "" is no document id
        Map<String, IssueSummary> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        String issue = OpenSearchDocuments.ISSUE;
        // Whole sources, which in indexes made since _source keeps only the issue are the issue alone: a
        // source filter made the node build an automaton for every document it returned, which cost more of
        // its CPU than reading the documents (a fifth of a search page's, in a JFR profile of the node).
        MgetResponse<ObjectNode> response = OpenSearchFailures.call(() -> client.mget(m -> m.index(index).ids(ids), ObjectNode.class));
        for (MultiGetResponseItem<ObjectNode> item : response.docs()) {
            if (item.isFailure()) {
                throw OpenSearchFailures.unavailable("reading issue " + item.failure().id() + ": " + item.failure().error().reason(), null);
            }
            if (item.result().found()) {
                JsonNode summary = item.result().source().path(issue);
                found.put(item.result().id(), new IssueSummary(summary.path("id").asText(),
                        summary.path(IssueField.SUMMARY.id()).asText()));
            }
        }
        return found;
    }

    IssuePage search(Condition condition, IssueSort sort, int offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative");
        }
        if (limit == 0) {
            return new IssuePage(List.of(), count(condition));
        }
        Query query = compiler.compile(changes.resolve(condition));
        List<SortOptions> sorts = OpenSearchSorts.toSort(sort);
        int size = (int) Math.min(limit, (long) Integer.MAX_VALUE - offset);
        SearchResponse<ObjectNode> response = OpenSearchFailures.call(() -> client.search(s -> s.index(index)
                .query(query).sort(sorts).from(offset).size(size).trackTotalHits(t -> t.enabled(true)), ObjectNode.class));
        OpenSearchFailures.requireAllShards(response.shards());
        List<Issue> issues = response.hits().hits().stream().map(hit -> OpenSearchDocuments.issueFrom(hit.source())).toList();
        return new IssuePage(issues, response.hits().total().value());
    }

    /** The query DSL (JSON) the condition compiles to, with changed() already answered from the history. */
    Optional<String> explain(Condition condition) {
        return Optional.of(PitCursor.queryJson(compiler.compile(changes.resolve(condition))));
    }

    long count(Condition condition) {
        Query query = compiler.compile(changes.resolve(condition));
        var response = OpenSearchFailures.call(() -> client.count(c -> c.index(index).query(query)));
        OpenSearchFailures.requireAllShards(response.shards());
        return response.count();
    }
}
