package io.tracksearch.cli;

import io.tracksearch.auth.UserRegistry;
import io.tracksearch.http.HttpSettings;
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
                new HttpSettings(host, port, publicUrl, maxBodyBytes), data.directory, organizationId));
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
