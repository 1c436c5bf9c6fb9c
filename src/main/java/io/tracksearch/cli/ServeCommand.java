package io.tracksearch.cli;

import io.tracksearch.auth.UserRegistry;
import io.tracksearch.http.HttpSettings;
import io.tracksearch.http.ServerLimits;
import io.tracksearch.scroll.ScrollLimits;
import io.tracksearch.store.opensearch.OpenSearchIssueStore;
import io.tracksearch.sync.SourceClient;
import io.tracksearch.sync.SourceSettings;
import io.tracksearch.sync.SyncJob;
import io.tracksearch.sync.SyncProgress;
import io.tracksearch.sync.Synchronizer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sun.misc.Signal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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

    @Option(names = "--max-body-bytes", defaultValue = "${env:TRACKSEARCH_MAX_BODY_BYTES:-" + HttpSettings.DEFAULT_MAX_BODY_BYTES + "}",
            description = "Largest accepted request body (env TRACKSEARCH_MAX_BODY_BYTES, default "
                    + (HttpSettings.DEFAULT_MAX_BODY_BYTES >> 20) + " MiB).")
    long maxBodyBytes;

    @Option(names = "--search-cache-mb", defaultValue = "${env:TRACKSEARCH_SEARCH_CACHE_MB:-" + HttpSettings.DEFAULT_SEARCH_CACHE_MB + "}",
            description = "Megabytes of rendered search pages kept for reuse until a write changes what they show, e.g. "
                    + HttpSettings.SUGGESTED_SEARCH_CACHE_MB + " "
                    + "(env TRACKSEARCH_SEARCH_CACHE_MB, default " + HttpSettings.DEFAULT_SEARCH_CACHE_MB + " = off; embedded store only).")
    int searchCacheMb;

    @Option(names = "--scroll-max-per-user", defaultValue = "${env:TRACKSEARCH_SCROLL_MAX_PER_USER:-" + ScrollLimits.DEFAULT_MAX_PER_USER + "}",
            description = "Live scroll contexts one user may hold (env TRACKSEARCH_SCROLL_MAX_PER_USER, default "
                    + ScrollLimits.DEFAULT_MAX_PER_USER + ").")
    int scrollMaxPerUser;

    @Option(names = "--scroll-max-total", defaultValue = "${env:TRACKSEARCH_SCROLL_MAX_TOTAL:-" + ScrollLimits.DEFAULT_MAX_PER_SERVER + "}",
            description = "Live scroll contexts on the server (env TRACKSEARCH_SCROLL_MAX_TOTAL, default "
                    + ScrollLimits.DEFAULT_MAX_PER_SERVER + ").")
    int scrollMaxTotal;

    @Option(names = "--scroll-max-held-issues", defaultValue = "${env:TRACKSEARCH_SCROLL_MAX_HELD_ISSUES:-" + ScrollLimits.DEFAULT_MAX_HELD_ISSUES + "}",
            description = "Issues all live scroll snapshots may hold together, 4 bytes each (env TRACKSEARCH_SCROLL_MAX_HELD_ISSUES, default "
                    + ScrollLimits.DEFAULT_MAX_HELD_ISSUES + ").")
    long scrollMaxHeldIssues;

    @Option(names = "--scroll-read-ahead-pages", defaultValue = "${env:TRACKSEARCH_SCROLL_READ_AHEAD_PAGES:-" + ScrollLimits.DEFAULT_READ_AHEAD_PAGES + "}",
            description = "Scroll pages prepared ahead of their request at most at once, 0 = none (env TRACKSEARCH_SCROLL_READ_AHEAD_PAGES, default "
                    + ScrollLimits.DEFAULT_READ_AHEAD_PAGES + ").")
    int scrollReadAheadPages;

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

    @Option(names = "--max-threads", defaultValue = "${env:TRACKSEARCH_MAX_THREADS:-" + ServerLimits.DEFAULT_MAX_THREADS + "}",
            description = "Jetty worker threads, at most (env TRACKSEARCH_MAX_THREADS, default ${DEFAULT-VALUE}).")
    int maxThreads;

    @Option(names = "--max-active-requests", defaultValue = "${env:TRACKSEARCH_MAX_ACTIVE_REQUESTS:-" + ServerLimits.DEFAULT_MAX_ACTIVE_REQUESTS + "}",
            description = "Requests handled at once; more wait in the queue (env TRACKSEARCH_MAX_ACTIVE_REQUESTS, default ${DEFAULT-VALUE}).")
    int maxActiveRequests;

    @Option(names = "--max-queued-requests", defaultValue = "${env:TRACKSEARCH_MAX_QUEUED_REQUESTS:-" + ServerLimits.DEFAULT_MAX_QUEUED_REQUESTS + "}",
            description = "Requests waiting for a slot; one more is answered 503 with Retry-After (env TRACKSEARCH_MAX_QUEUED_REQUESTS, default ${DEFAULT-VALUE}).")
    int maxQueuedRequests;

    @Option(names = "--max-queue-wait-ms", defaultValue = "${env:TRACKSEARCH_MAX_QUEUE_WAIT_MS:-" + ServerLimits.DEFAULT_MAX_QUEUE_WAIT_MILLIS + "}",
            description = "Longest wait in the queue before a 503 with Retry-After (env TRACKSEARCH_MAX_QUEUE_WAIT_MS, default ${DEFAULT-VALUE}).")
    long maxQueueWaitMillis;

    @Option(names = "--max-connections", defaultValue = "${env:TRACKSEARCH_MAX_CONNECTIONS:-" + ServerLimits.DEFAULT_MAX_CONNECTIONS + "}",
            description = "Open connections; past it the server stops accepting until one closes (env TRACKSEARCH_MAX_CONNECTIONS, default ${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(names = "--idle-timeout-ms", defaultValue = "${env:TRACKSEARCH_IDLE_TIMEOUT_MS:-" + ServerLimits.DEFAULT_IDLE_TIMEOUT_MILLIS + "}",
            description = "Close a connection on which no byte moved for this long (env TRACKSEARCH_IDLE_TIMEOUT_MS, default ${DEFAULT-VALUE}).")
    long idleTimeoutMillis;

    @Option(names = "--shutdown-timeout-ms", defaultValue = "${env:TRACKSEARCH_SHUTDOWN_TIMEOUT_MS:-" + ServerLimits.DEFAULT_SHUTDOWN_TIMEOUT_MILLIS + "}",
            description = "On SIGTERM, how long requests in flight may take to finish (env TRACKSEARCH_SHUTDOWN_TIMEOUT_MS, default ${DEFAULT-VALUE}).")
    long shutdownTimeoutMillis;

    @Option(names = "--auth-failure-limit", defaultValue = "${env:TRACKSEARCH_AUTH_FAILURE_LIMIT:-" + ServerLimits.DEFAULT_AUTH_FAILURE_LIMIT + "}",
            description = "Failed authentications one address may make per window before it gets 429 (env TRACKSEARCH_AUTH_FAILURE_LIMIT, default ${DEFAULT-VALUE}).")
    int authFailureLimit;

    @Option(names = "--auth-failure-window-s", defaultValue = "${env:TRACKSEARCH_AUTH_FAILURE_WINDOW_S:-" + ServerLimits.DEFAULT_AUTH_FAILURE_WINDOW_SECONDS + "}",
            description = "The window of --auth-failure-limit, in seconds (env TRACKSEARCH_AUTH_FAILURE_WINDOW_S, default ${DEFAULT-VALUE}).")
    long authFailureWindowSeconds;

    @Option(names = "--sync-from", defaultValue = "${env:TRACKSEARCH_SYNC_FROM}",
            description = "Base URL of a Tracker to mirror in the background (env TRACKSEARCH_SYNC_FROM; see docs/sync.md).")
    URI syncFrom;

    @Option(names = "--sync-token", defaultValue = "${env:TRACKSEARCH_SYNC_TOKEN}", description = "OAuth token at the mirrored Tracker (env TRACKSEARCH_SYNC_TOKEN).")
    String syncToken;

    @Option(names = "--sync-org", defaultValue = "${env:TRACKSEARCH_SYNC_ORG}", description = "Organization id at the mirrored Tracker (X-Org-ID; env TRACKSEARCH_SYNC_ORG).")
    String syncOrg;

    @Option(names = "--sync-cloud-org", defaultValue = "${env:TRACKSEARCH_SYNC_CLOUD_ORG}",
            description = "Cloud organization id at the mirrored Tracker (X-Cloud-Org-ID; env TRACKSEARCH_SYNC_CLOUD_ORG).")
    String syncCloudOrg;

    @Option(names = "--sync-queue", description = "Mirror only this queue (repeatable; default every queue).")
    List<String> syncQueues = List.of();

    @Option(names = "--sync-query", description = "Mirror only issues this query finds.")
    String syncQuery;

    @Option(names = "--sync-every", defaultValue = "${env:TRACKSEARCH_SYNC_EVERY:-60s}",
            description = "Pause between sync passes, e.g. 60s, 5m (env TRACKSEARCH_SYNC_EVERY, default ${DEFAULT-VALUE}).")
    String syncEvery;

    @Option(names = "--sync-full-every", defaultValue = "${env:TRACKSEARCH_SYNC_FULL_EVERY:-24h}",
            description = "Walk the whole scope this long after the last full pass, reporting issues gone from the source, "
                    + "e.g. 24h, 30m (env TRACKSEARCH_SYNC_FULL_EVERY, default ${DEFAULT-VALUE}).")
    String syncFullEvery;

    @Option(names = "--sync-delete", description = "Remove the issues a full pass finds gone from the source (default: only report them).")
    boolean syncDelete;

    @Option(names = "--sync-rate", defaultValue = "${env:TRACKSEARCH_SYNC_RATE:-20/s}",
            description = "Requests per second to the mirrored Tracker (env TRACKSEARCH_SYNC_RATE, default ${DEFAULT-VALUE}).")
    String syncRate;

    @Mixin
    DataOption data;

    ServerLimits serverLimits() {
        try {
            return new ServerLimits(maxThreads, maxActiveRequests, maxQueuedRequests, Duration.ofMillis(maxQueueWaitMillis), maxConnections,
                    Duration.ofMillis(idleTimeoutMillis), Duration.ofMillis(shutdownTimeoutMillis), authFailureLimit,
                    Duration.ofSeconds(authFailureWindowSeconds));
        }
        catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
        }
    }

    ScrollLimits scrollLimits() {
        try {
            return new ScrollLimits(ScrollLimits.DEFAULT.defaultTtl(), ScrollLimits.DEFAULT.maxTtl(), ScrollLimits.DEFAULT.defaultPerScroll(),
                    ScrollLimits.DEFAULT.maxPerScroll(), scrollMaxPerUser, scrollMaxTotal, scrollMaxHeldIssues, scrollReadAheadPages);
        }
        catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
        }
    }

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

    /** The background sync of {@code --sync-from}, started; null without it. */
    private SyncJob startSyncJob(Application application) {
        if (syncFrom == null) {
            return null;
        }
        CommandLine commandLine = new CommandLine(this);
        if ((syncOrg == null) == (syncCloudOrg == null)) {
            throw new CommandLine.ParameterException(commandLine, "--sync-from needs exactly one of --sync-org and --sync-cloud-org");
        }
        SourceSettings source = SyncCommand.settings(commandLine, syncFrom, syncToken, syncOrg, syncCloudOrg, syncQueues, syncQuery, syncRate,
                SourceSettings.DEFAULT_OVERLAP);
        Synchronizer synchronizer = SyncWiring.synchronizer(source, new SourceClient(source), application.store(), application.users(),
                data.directory, SyncProgress.quiet());
        System.out.println("tracksearch mirrors " + syncFrom + " every " + syncEvery);
        SyncJob job = new SyncJob(synchronizer);
        application.gauge("tracksearch.sync.lag.seconds", "How far the mirror is behind its source (-1 before the first pass)",
                job::lagSeconds);
        application.gauge("tracksearch.sync.passes", "Sync passes finished", job::passes);
        application.gauge("tracksearch.sync.failures", "Sync passes that failed", job::failures);
        application.gauge("tracksearch.sync.issues.copied", "Issues the sync copied (changed ones)", job::copied);
        application.gauge("tracksearch.sync.issues.gone", "Issues the last full pass found gone from the source", job::gone);
        return job.start(SyncCommand.duration(commandLine, "--sync-every", syncEvery),
                SyncCommand.duration(commandLine, "--sync-full-every", syncFullEvery), syncDelete);
    }

    private long searchCacheBytes() {
        if (searchCacheMb < 0) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--search-cache-mb must be 0 or more, not " + searchCacheMb);
        }
        return searchCacheMb * 1024L * 1024;
    }

    @Override
    public Integer call() throws InterruptedException {
        ServerLimits serverLimits = serverLimits();   // bad flags are refused before anything is created
        ScrollLimits scrollLimits = scrollLimits();
        long searchCacheBytes = searchCacheBytes();
        UserRegistry users = new UserRegistry(data.directory);
        AdminAccount.ensure(users, System.getenv(AdminAccount.TOKEN_VARIABLE), System.out);
        Application application = Application.start(new Application.Settings(
                new HttpSettings(host, port, publicUrl, maxBodyBytes, serverLimits, searchCacheBytes), data.directory, organizationId,
                scrollLimits,
                openSearchSettings(), scrollSecretBytes()));
        // SIGTERM and SIGINT end the wait below, so the server stops gracefully and the process exits 0 (the
        // JVM's default would run the hooks and exit 143); the hook covers other ways the JVM ends
        CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), signal -> stop.countDown());
        Signal.handle(new Signal("INT"), signal -> stop.countDown());
        SyncJob syncJob = startSyncJob(application);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (syncJob != null) {
                syncJob.close();
            }
            application.close();
        }, "tracksearch-shutdown"));
        String storage = openSearchSettings() == null ? "data " + data.directory.toAbsolutePath().normalize()
                : "OpenSearch " + openSearchUrls + " index " + openSearchIndex;
        System.out.println("tracksearch ready at " + application.url() + " (organization '" + organizationId
                + "', " + storage + ")");
        System.out.flush();
        stop.await();
        System.out.println("tracksearch stopping: finishing requests in flight (at most " + shutdownTimeoutMillis + " ms)");
        if (syncJob != null) {
            syncJob.close();
        }
        application.close();
        System.out.println("tracksearch stopped");
        return 0;
    }
}
