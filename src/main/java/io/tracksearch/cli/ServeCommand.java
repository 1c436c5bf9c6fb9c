package io.tracksearch.cli;

import io.tracksearch.auth.UserRegistry;
import io.tracksearch.http.HttpSettings;
import io.tracksearch.scroll.ScrollLimits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** Starts the server on the embedded store and blocks until the process is stopped. */
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

    @Mixin
    DataOption data;

    @Override
    public Integer call() throws InterruptedException {
        UserRegistry users = new UserRegistry(data.directory);
        if (users.isEmpty()) {
            String wanted = System.getenv("TRACKSEARCH_ADMIN_TOKEN");
            String token = users.add("admin", "Admin", "", "", List.of(), wanted == null || wanted.isBlank() ? null : wanted);
            if (wanted == null || wanted.isBlank()) {
                System.out.println("Created user 'admin' with OAuth token (shown once): " + token);
            }
            else {
                System.out.println("Created user 'admin' with the token from TRACKSEARCH_ADMIN_TOKEN");
            }
        }
        Application application = Application.start(new Application.Settings(
                new HttpSettings(host, port, publicUrl, maxBodyBytes), data.directory, organizationId,
                new ScrollLimits(ScrollLimits.DEFAULT.defaultTtl(), ScrollLimits.DEFAULT.maxTtl(), ScrollLimits.DEFAULT.defaultPerScroll(),
                        ScrollLimits.DEFAULT.maxPerScroll(), scrollMaxPerUser, scrollMaxTotal, scrollMaxHeldIssues)));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            application.close();
            stopped.countDown();
        }, "tracksearch-shutdown"));
        System.out.println("tracksearch ready at " + application.url() + " (organization '" + organizationId
                + "', data " + data.directory.toAbsolutePath().normalize() + ")");
        System.out.flush();
        stopped.await();
        return 0;
    }
}
