package io.tracksearch.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tracksearch.scroll.Scrolls;
import io.tracksearch.store.Condition;
import io.tracksearch.store.IssueStore;
import java.util.function.DoubleSupplier;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What {@code GET /metrics} shows, in the Prometheus text format: requests by route template, method and
 * status with latency histograms, searches, open scroll contexts, the store's document count, Jetty's
 * threads and request queue, and the JVM (memory, GC, threads, classes, CPU, uptime).
 *
 * <p>Threads: thread-safe (Micrometer meters are).
 */
final class ServerMetrics implements AutoCloseable {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final Logger LOG = LoggerFactory.getLogger(ServerMetrics.class);

    /** Histogram buckets of request latency: a dozen, not Micrometer's seventy, per route and status. */
    private static final Duration[] LATENCY_BUCKETS = Stream.of(5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000)
            .map(Duration::ofMillis).toArray(Duration[]::new);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Counter searches;
    private final Map<ScrollReadAhead.Outcome, Counter> readAhead = new EnumMap<>(ScrollReadAhead.Outcome.class);
    private final Map<SearchCache.Outcome, Counter> searchCache = new EnumMap<>(SearchCache.Outcome.class);
    /** The request timers by label set: building a Timer (its buckets, its registry lookup) per request cost a few % of a search. */
    private final Map<RequestLabels, Timer> requestTimers = new ConcurrentHashMap<>();

    private record RequestLabels(String method, String route, int status) {
    }

    ServerMetrics(IssueStore store, Scrolls scrolls) {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        searches = Counter.builder("tracksearch.searches").description("Search and count requests answered").register(registry);
        Gauge.builder("tracksearch.scroll.contexts.open", scrolls, Scrolls::size)
                .description("Scroll contexts this node holds (embedded store) or admitted (OpenSearch)").register(registry);
        Gauge.builder("tracksearch.index.documents", store, ServerMetrics::documents)
                .description("Issues in the store").register(registry);
        for (ScrollReadAhead.Outcome outcome : ScrollReadAhead.Outcome.values()) {
            readAhead.put(outcome, Counter.builder("tracksearch.scroll.read.ahead").tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                    .description("Scroll pages read ahead of their request: used, or dropped unused").register(registry));
        }
    }

    /** Counts the cache's outcomes and shows its size. */
    void bindSearchCache(SearchCache cache) {
        for (SearchCache.Outcome outcome : SearchCache.Outcome.values()) {
            searchCache.put(outcome, Counter.builder("tracksearch.search.cache").tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                    .description("Search pages answered from the cache (hit), searched and kept (miss), or searched without it (bypass)")
                    .register(registry));
        }
        Gauge.builder("tracksearch.search.cache.bytes", cache, SearchCache::bytes).description("Bytes of the search pages the cache holds")
                .register(registry);
    }

    /** A search page answered from the cache, or not. */
    void searchCache(SearchCache.Outcome outcome) {
        searchCache.get(outcome).increment();
    }

    /** A scroll page read ahead of its request, used for it or dropped. */
    void scrollReadAhead(ScrollReadAhead.Outcome outcome) {
        readAhead.get(outcome).increment();
    }

    /** A gauge of a part of the process outside this package (the sync job); Micrometer stays in here. */
    void gauge(String name, String description, DoubleSupplier value) {
        Gauge.builder(name, value::getAsDouble).description(description).register(registry);
    }

    /** Jetty's pool and the request queue in front of the routes. */
    void bindJetty(QueuedThreadPool pool, QoSHandler queue) {
        Gauge.builder("jetty.threads.current", pool, QueuedThreadPool::getThreads).register(registry);
        Gauge.builder("jetty.threads.busy", pool, QueuedThreadPool::getBusyThreads).register(registry);
        Gauge.builder("jetty.threads.max", pool, QueuedThreadPool::getMaxThreads).register(registry);
        Gauge.builder("jetty.threads.jobs.queued", pool, QueuedThreadPool::getQueueSize).register(registry);
        Gauge.builder("tracksearch.requests.queued", queue, QoSHandler::getSuspendedRequestCount)
                .description("Requests waiting for a free slot").register(registry);
        FunctionCounter.builder("tracksearch.requests.rejected", queue,
                        handler -> handler.getTotalExceededRequestCount() + handler.getTotalExpiredRequestCount())
                .description("Requests answered 503 because the queue was full or the wait too long").register(registry);
    }

    /** One answered request; {@code route} is the route template, so the label set stays bounded. */
    void request(String method, String route, int status, long nanos) {
        requestTimers.computeIfAbsent(new RequestLabels(method, route, status), labels -> Timer.builder("http.server.requests")
                        .tag("method", labels.method()).tag("route", labels.route()).tag("status", Integer.toString(labels.status()))
                        .serviceLevelObjectives(LATENCY_BUCKETS).register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
        if (status < 400 && (route.endsWith("/issues/_search") || route.endsWith("/issues/_count"))) {
            searches.increment();
        }
    }

    String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }

    private static double documents(IssueStore store) {
        try {
            return store.count(new Condition.MatchAll());
        }
        catch (RuntimeException e) {
            LOG.warn("document count for /metrics failed: {}", e.toString());
            return Double.NaN;
        }
    }
}
