package io.tracksearch.http;

import java.time.Duration;

/**
 * How much the server takes on at once, and how long it waits: the one place these defaults are written
 * ({@code serve} builds its flag defaults from the constants, the README repeats them).
 *
 * @param maxThreads Jetty threads (the pool never grows past this); requests may use all but {@link #RESERVED_THREADS}
 * @param maxActiveRequests requests handled at the same time; more wait in the queue
 * @param maxQueuedRequests requests waiting for a slot; one more is answered 503 with Retry-After at once
 * @param maxQueueWait how long a request may wait for a slot before it is answered 503 with Retry-After
 * @param maxConnections open connections; past it Jetty stops accepting until one closes
 * @param idleTimeout a connection with no bytes moving for this long is closed (cuts off stalled clients)
 * @param shutdownTimeout on SIGTERM, how long in-flight requests may take to finish
 * @param authFailureLimit failed authentications one address may make per window before it gets 429
 * @param authFailureWindow the window of {@code authFailureLimit}
 */
public record ServerLimits(int maxThreads, int maxActiveRequests, int maxQueuedRequests, Duration maxQueueWait,
        int maxConnections, Duration idleTimeout, Duration shutdownTimeout, int authFailureLimit, Duration authFailureWindow) {
    public static final int DEFAULT_MAX_THREADS = 200;
    public static final int DEFAULT_MAX_ACTIVE_REQUESTS = 128;
    public static final int DEFAULT_MAX_QUEUED_REQUESTS = 1024;
    public static final long DEFAULT_MAX_QUEUE_WAIT_MILLIS = 5_000;
    public static final int DEFAULT_MAX_CONNECTIONS = 4096;
    public static final long DEFAULT_IDLE_TIMEOUT_MILLIS = 30_000;
    public static final long DEFAULT_SHUTDOWN_TIMEOUT_MILLIS = 20_000;
    public static final int DEFAULT_AUTH_FAILURE_LIMIT = 20;
    public static final long DEFAULT_AUTH_FAILURE_WINDOW_SECONDS = 60;

    public static final ServerLimits DEFAULT = new ServerLimits(DEFAULT_MAX_THREADS, DEFAULT_MAX_ACTIVE_REQUESTS,
            DEFAULT_MAX_QUEUED_REQUESTS, Duration.ofMillis(DEFAULT_MAX_QUEUE_WAIT_MILLIS), DEFAULT_MAX_CONNECTIONS,
            Duration.ofMillis(DEFAULT_IDLE_TIMEOUT_MILLIS), Duration.ofMillis(DEFAULT_SHUTDOWN_TIMEOUT_MILLIS),
            DEFAULT_AUTH_FAILURE_LIMIT, Duration.ofSeconds(DEFAULT_AUTH_FAILURE_WINDOW_SECONDS));

    /**
     * Connections the kernel completes and holds for the server while Jetty is not accepting: at the
     * connection limit, or in a burst faster than its one acceptor thread (a GC pause, two busy cores).
     * Past it the kernel drops new connections' SYNs and each such client waits 1 s, then 3 s, before
     * trying again. Jetty's default (0) leaves the JDK's 50, far below {@link #DEFAULT_MAX_CONNECTIONS};
     * the kernel caps it at {@code net.core.somaxconn} (4096 on current Linux).
     */
    static final int ACCEPT_QUEUE = 1024;

    /** Threads Jetty keeps for itself (acceptors, selectors) besides those handling requests. */
    static final int RESERVED_THREADS = 8;

    public ServerLimits {
        positive("maxThreads", maxThreads);
        positive("maxActiveRequests", maxActiveRequests);
        positive("maxConnections", maxConnections);
        positive("authFailureLimit", authFailureLimit);
        if (maxQueuedRequests < 0) {
            throw new IllegalArgumentException("maxQueuedRequests must not be negative");
        }
        if (maxThreads < RESERVED_THREADS + 2) {
            throw new IllegalArgumentException("maxThreads must be at least " + (RESERVED_THREADS + 2));
        }
        for (Duration duration : new Duration[] {maxQueueWait, idleTimeout, shutdownTimeout, authFailureWindow}) {
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("durations must be positive: " + duration);
            }
        }
    }

    public ServerLimits withAuthFailures(int limit, Duration window) {
        return new ServerLimits(maxThreads, maxActiveRequests, maxQueuedRequests, maxQueueWait, maxConnections, idleTimeout,
                shutdownTimeout, limit, window);
    }

    public ServerLimits withRequests(int active, int queued, Duration queueWait) {
        return new ServerLimits(maxThreads, active, queued, queueWait, maxConnections, idleTimeout, shutdownTimeout,
                authFailureLimit, authFailureWindow);
    }

    public ServerLimits withMaxConnections(int connections) {
        return new ServerLimits(maxThreads, maxActiveRequests, maxQueuedRequests, maxQueueWait, connections, idleTimeout,
                shutdownTimeout, authFailureLimit, authFailureWindow);
    }

    public ServerLimits withIdleTimeout(Duration timeout) {
        return new ServerLimits(maxThreads, maxActiveRequests, maxQueuedRequests, maxQueueWait, maxConnections, timeout,
                shutdownTimeout, authFailureLimit, authFailureWindow);
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
