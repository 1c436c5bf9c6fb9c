package io.tracksearch.cli;

import io.tracksearch.auth.UserRegistry;
import io.tracksearch.http.HttpSettings;
import io.tracksearch.scroll.ScrollLimits;
import io.tracksearch.store.opensearch.OpenSearchIssueStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** Starts the server on the embedded store or on OpenSearch and blocks until the process is stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Start the HTTP server.")
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "${env:TRACKSEARCH_PORT:-8080}", description = "Port (env TRACKSEARCH_PORT, default 8080; 0 = any free port).")
    int port;

    @Option(names = "--host", defaultValue = "${env:TRACKSEARCH_HOST:-127.0.0.1}", description = "Bind address (env TRACKSEARCH_HOST, default 127.0.0.1).")
    String host;

    @Option(names = "--org-id", defaultValue = "${env:TRACKSEARCH_ORG_ID:-default}",
            description = "Organization id clients must send in X-Org-ID or X-Cloud-Org-ID (env TRACKSEARCH_ORG_ID, default 'default').")
    String organizationId;

    @Option(names = "--public-url", defaultValue = "${env:TRACKSEARCH_PUBLIC_URL}",
            description = "Base of the absolute URLs in responses (env TRACKSEARCH_PUBLIC_URL; default: scheme://Host of each request).")
    String publicUrl;

    @Option(names = "--max-body-bytes", defaultValue = "${env:TRACKSEARCH_MAX_BODY_BYTES:-8388608}",
            description = "Largest accepted request body (env TRACKSEARCH_MAX_BODY_BYTES, default 8 MiB).")
    long maxBodyBytes;

    @Option(names = "--scroll-max-per-user", defaultValue = "${env:TRACKSEARCH_SCROLL_MAX_PER_USER:-100}",
            description = "Live scroll contexts one user may hold (env TRACKSEARCH_SCROLL_MAX_PER_USER, default 100).")
    int scrollMaxPerUser;

    @Option(names = "--scroll-max-total", defaultValue = "${env:TRACKSEARCH_SCROLL_MAX_TOTAL:-10000}",
            description = "Live scroll contexts on the server (env TRACKSEARCH_SCROLL_MAX_TOTAL, default 10000).")
    int scrollMaxTotal;

    @Option(names = "--scroll-max-held-issues", defaultValue = "${env:TRACKSEARCH_SCROLL_MAX_HELD_ISSUES:-50000000}",
            description = "Issues all live scroll snapshots may hold together, 4 bytes each (env TRACKSEARCH_SCROLL_MAX_HELD_ISSUES, default 50000000).")
    long scrollMaxHeldIssues;

    @Option(names = "--store", defaultValue = "${env:TRACKSEARCH_STORE:-lucene}",
            description = "Where issues live: lucene (embedded, in the data directory) or opensearch (env TRACKSEARCH_STORE, default lucene).")
    String store;

    @Option(names = "--opensearch-url", defaultValue = "${env:TRACKSEARCH_OPENSEARCH_URL:-http://127.0.0.1:9200}", split = ",",
            description = "OpenSearch node URLs, comma-separated; the client fails over between them (env TRACKSEARCH_OPENSEARCH_URL, default http://127.0.0.1:9200).")
    List<URI> openSearchUrls;

    @Option(names = "--opensearch-index", defaultValue = "${env:TRACKSEARCH_OPENSEARCH_INDEX:-tracksearch}",
            description = "Issue index name; '<name>-meta' holds queues, counters and unique markers (env TRACKSEARCH_OPENSEARCH_INDEX, default tracksearch).")
    String openSearchIndex;

    @Option(names = "--opensearch-shards", defaultValue = "${env:TRACKSEARCH_OPENSEARCH_SHARDS:-1}",
            description = "Primary shards of a newly created issue index (env TRACKSEARCH_OPENSEARCH_SHARDS, default 1).")
    int openSearchShards;

    @Option(names = "--opensearch-replicas", defaultValue = "${env:TRACKSEARCH_OPENSEARCH_REPLICAS:-1}",
            description = "Replicas of newly created indices (env TRACKSEARCH_OPENSEARCH_REPLICAS, default 1).")
    int openSearchReplicas;

    @Option(names = "--scroll-secret", defaultValue = "${env:TRACKSEARCH_SCROLL_SECRET}",
            description = "Key (at least 16 characters) signing scroll ids and tokens; give every node the same one so any node continues a scroll (env TRACKSEARCH_SCROLL_SECRET; default: random per process).")
    String scrollSecret;

    @Mixin
    DataOption data;

    /** The OpenSearch backend's settings, or null for the embedded store. */
    OpenSearchIssueStore.Settings openSearchSettings() {
        return switch (store.strip().toLowerCase(Locale.ROOT)) {
            case "lucene", "embedded" -> null;
            case "opensearch" -> new OpenSearchIssueStore.Settings(openSearchUrls, openSearchIndex, openSearchShards, openSearchReplicas);
            default -> throw new CommandLine.ParameterException(new CommandLine(this),
                    "--store must be lucene or opensearch, not '" + store + "'");
        };
    }

    byte[] scrollSecretBytes() {
        if (scrollSecret == null || scrollSecret.isBlank()) {
            if (openSearchSettings() != null) {
                System.out.println("note: no --scroll-secret/TRACKSEARCH_SCROLL_SECRET: scrolls continue only on the node that opened them");
            }
            return null;
        }
        if (scrollSecret.length() < 16) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--scroll-secret must have at least 16 characters");
        }
        return scrollSecret.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Integer call() throws InterruptedException {
        UserRegistry users = new UserRegistry(data.directory);
        AdminAccount.ensure(users, System.getenv(AdminAccount.TOKEN_VARIABLE), System.out);
        Application application = Application.start(new Application.Settings(
                new HttpSettings(host, port, publicUrl, maxBodyBytes), data.directory, organizationId,
                new ScrollLimits(ScrollLimits.DEFAULT.defaultTtl(), ScrollLimits.DEFAULT.maxTtl(), ScrollLimits.DEFAULT.defaultPerScroll(),
                        ScrollLimits.DEFAULT.maxPerScroll(), scrollMaxPerUser, scrollMaxTotal, scrollMaxHeldIssues),
                openSearchSettings(), scrollSecretBytes()));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            application.close();
            stopped.countDown();
        }, "tracksearch-shutdown"));
        String storage = openSearchSettings() == null ? "data " + data.directory.toAbsolutePath().normalize()
                : "OpenSearch " + openSearchUrls + " index " + openSearchIndex;
        System.out.println("tracksearch ready at " + application.url() + " (organization '" + organizationId
                + "', " + storage + ")");
        System.out.flush();
        stopped.await();
        return 0;
    }
}
