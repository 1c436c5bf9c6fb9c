package io.tracksearch.store.opensearch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracksearch.model.Issue;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import org.opensearch.client.opensearch.core.bulk.BulkResponseItem;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * The OpenSearch backend's bulk import: bulk requests of {@link #BULK_SIZE} issues (and their unique
 * markers), {@link #BULKS_IN_FLIGHT} at a time; once every one succeeded, one refresh, then the queues'
 * counters raised: durable and searchable on return. The first failing issue (in input order) is the error;
 * bulk requests not started by then are not sent.
 *
 * <p>Threads: {@link #importIssues} may be called concurrently; all imports of this node share the senders.
 */
final class OpenSearchBulkImport implements AutoCloseable {
    /** Documents per bulk request of an import. */
    static final int BULK_SIZE = 1000;
    /**
     * Bulk requests of imports in flight at once (all imports of this node together): one shard indexes one
     * bulk request on one thread, so requests one after another leave the node's other cores idle while
     * this node waits for the answer; three keep it busy without queueing much on its write pool.
     */
    static final int BULKS_IN_FLIGHT = 3;

    private final OpenSearchClient client;
    private final String index;
    private final String metaIndex;
    private final Function<Issue, ObjectNode> documents;
    private final OpenSearchUniqueMarkers uniques;
    private final OpenSearchCounters counters;
    /** Sends the bulk requests of imports, {@link #BULKS_IN_FLIGHT} at a time. */
    private final ExecutorService senders = Executors.newFixedThreadPool(BULKS_IN_FLIGHT,
            Thread.ofPlatform().name("opensearch-bulk-", 0).daemon().factory());

    /** @param documents the issue document of an issue ({@link OpenSearchDocuments#issue}) */
    OpenSearchBulkImport(OpenSearchClient client, String index, String metaIndex, Function<Issue, ObjectNode> documents,
            OpenSearchUniqueMarkers uniques, OpenSearchCounters counters) {
        this.client = client;
        this.index = index;
        this.metaIndex = metaIndex;
        this.documents = documents;
        this.uniques = uniques;
        this.counters = counters;
    }

    /** Stores the issues as given, replacing issues with the same key, without unique or version checks. */
    void importIssues(List<Issue> issues) {
        if (issues.isEmpty()) {
            return;
        }
        Map<String, Long> highest = new HashMap<>();
        for (Issue issue : issues) {
            highest.merge(issue.queue(), issue.number(), Math::max);
        }
        List<Future<?>> bulks = new ArrayList<>();
        for (int from = 0; from < issues.size(); from += BULK_SIZE) {
            List<Issue> part = issues.subList(from, Math.min(issues.size(), from + BULK_SIZE));
            bulks.add(senders.submit(() -> sendBulk(part)));
        }
        awaitAll(bulks);
        OpenSearchFailures.call(() -> client.indices().refresh(r -> r.index(index, metaIndex)));
        highest.forEach((queue, number) -> counters.raise(OpenSearchDocuments.counterId(queue), queue, number));
    }

    private void sendBulk(List<Issue> issues) {
        List<BulkOperation> operations = new ArrayList<>();
        for (Issue issue : issues) {
            ObjectNode document = documents.apply(issue);
            operations.add(BulkOperation.of(o -> o.index(i -> i.index(index).id(issue.key()).document(document))));
            if (issue.unique() != null) {
                operations.add(uniques.markerOperation(issue));
            }
        }
        BulkResponse response = OpenSearchFailures.call(() -> client.bulk(b -> b.operations(operations)));
        if (response.errors()) {
            for (BulkResponseItem item : response.items()) {
                if (item.error() != null) {
                    throw OpenSearchFailures.answered(item.status(), "bulk item " + item.id() + ": "
                            + item.error().type() + ": " + item.error().reason(), null);
                }
            }
        }
    }

    /**
     * Waits for every bulk request; after the first failure the ones not started yet are cancelled, those
     * in flight still awaited (none is left running when the import answers). Throws the earliest failure.
     */
    private static void awaitAll(List<Future<?>> bulks) {
        RuntimeException failure = null;
        boolean interrupted = false;
        for (Future<?> bulk : bulks) {
            try {
                if (failure != null) {
                    bulk.cancel(false);
                }
                bulk.get();
            } catch (CancellationException e) {
                // cancelled after an earlier failure
            } catch (ExecutionException e) {
                if (failure == null) {
                    // sendBulk throws nothing checked: an Error (out of memory) is kept as the cause
                    failure = e.getCause() instanceof RuntimeException runtime ? runtime
                            : new IllegalStateException("bulk request failed", e.getCause());
                    bulks.forEach(waiting -> waiting.cancel(false));
                }
            } catch (InterruptedException e) {
                interrupted = true;
                bulks.forEach(waiting -> waiting.cancel(false));
                if (failure == null) {
                    failure = OpenSearchFailures.unavailable("interrupted", e);
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Stops the senders; bulk requests in flight are abandoned (the store is closing). */
    @Override
    public void close() {
        senders.shutdownNow();
    }
}
