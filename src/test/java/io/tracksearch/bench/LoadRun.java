package io.tracksearch.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many concurrent keep-alive clients against a loaded tracksearch for a fixed time, with the mix of
 * docs/reliability.md: 70 % searches (filter and query, pages 1–20), 10 % scrolls read to the end, 10 %
 * GETs, 10 % creates and edits. Counts errors (no answer, or an unexpected status), answers ≥ 500, and
 * 503s apart (the overload answer: the client waits Retry-After and tries again, as a well-behaved one
 * does), and keeps each operation's latencies.
 */
final class LoadRun {
    private static final String[] WORDS = {"error", "login", "payment", "crash", "search", "report", "ошибка", "страница"};

    enum Operation { SEARCH, SCROLL, GET, CREATE, EDIT }

    record Settings(String url, String token, String organization, int clients, Duration duration, long seed) {
    }

    /** Figures of one run; latencies per operation. */
    record Results(Map<Operation, Latencies> latencies, long errors, long serverErrors, long overloaded, long closedUnanswered,
            List<String> examples, Duration duration, int clients) {
        long requests() {
            return latencies.values().stream().mapToLong(Latencies::size).sum();
        }

        String markdown() {
            StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                    "%d clients, %d s: %,d operations, %d errors, %d responses >= 500 (503 excluded), %d answered 503, "
                            + "%d connections closed before an answer (retried once)%n%n",
                    clients, duration.toSeconds(), requests(), errors, serverErrors, overloaded, closedUnanswered));
            table.append("| operation | count | p50 (ms) | p99 (ms) |\n|---|---|---|---|\n");
            latencies.forEach((operation, values) -> table.append(String.format(Locale.ROOT, "| %s | %,d | %.1f | %.1f |%n",
                    operation.name().toLowerCase(Locale.ROOT), values.size(), values.p50(), values.p99())));
            return table.toString();
        }
    }

    private final Settings settings;
    private final HttpClient client;
    private final List<String> queues;
    private final List<Long> queueSizes;
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong serverErrors = new AtomicLong();
    private final AtomicLong overloaded = new AtomicLong();
    /** Requests whose connection ended before any answer byte, each retried once (see {@link #send}). */
    private final AtomicLong closedUnanswered = new AtomicLong();
    private final List<String> examples = new CopyOnWriteArrayList<>();
    private final long started = System.nanoTime();

    private LoadRun(Settings settings, List<String> queues, List<Long> queueSizes) {
        this.settings = settings;
        this.queues = queues;
        this.queueSizes = queueSizes;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** Runs the mix against a server holding the generator's queues; reads their sizes first. */
    static Results run(Settings settings) throws IOException, InterruptedException {
        List<String> queues = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        LoadRun probe = new LoadRun(settings, List.of(), List.of());
        for (String queue : IssueGenerator.QUEUES) {
            HttpResponse<String> count = probe.send("POST", "/v2/issues/_count", "{\"filter\":{\"queue\":\"" + queue + "\"}}");
            long size = count.statusCode() == 200 ? Long.parseLong(count.body().strip()) : 0;
            if (size > 0) {
                queues.add(queue);
                sizes.add(size);
            }
        }
        probe.client.close();
        if (queues.isEmpty()) {
            throw new IllegalStateException("no issues loaded");
        }
        LoadRun run = new LoadRun(settings, queues, sizes);
        try {
            return run.measure();
        } finally {
            run.client.close();
        }
    }

    private Results measure() throws InterruptedException {
        long end = System.nanoTime() + settings.duration().toNanos();
        List<Map<Operation, Latencies>> perClient = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        SplittableRandom seeds = new SplittableRandom(settings.seed());
        for (int i = 0; i < settings.clients(); i++) {
            Map<Operation, Latencies> own = new EnumMap<>(Operation.class);
            for (Operation operation : Operation.values()) {
                own.put(operation, new Latencies());
            }
            perClient.add(own);
            SplittableRandom random = seeds.split();
            threads.add(Thread.ofVirtual().name("load-client-" + i).start(() -> clientLoop(end, random, own)));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        Map<Operation, Latencies> merged = new EnumMap<>(Operation.class);
        for (Operation operation : Operation.values()) {
            Latencies all = new Latencies();
            perClient.forEach(own -> all.addAll(own.get(operation)));
            merged.put(operation, all);
        }
        return new Results(merged, errors.get(), serverErrors.get(), overloaded.get(), closedUnanswered.get(), List.copyOf(examples),
                settings.duration(), settings.clients());
    }

    private void clientLoop(long end, SplittableRandom random, Map<Operation, Latencies> latencies) {
        while (System.nanoTime() < end) {
            int dice = random.nextInt(100);
            Operation operation = dice < 70 ? Operation.SEARCH : dice < 80 ? Operation.SCROLL : dice < 90 ? Operation.GET
                    : dice < 95 ? Operation.CREATE : Operation.EDIT;
            long start = System.nanoTime();
            try {
                boolean ok = switch (operation) {
                    case SEARCH -> search(random);
                    case SCROLL -> scroll(random);
                    case GET -> expect(send("GET", "/v2/issues/" + randomKey(random), null), 200);
                    case CREATE -> expect(send("POST", "/v2/issues/", "{\"queue\":\"" + randomQueue(random)
                            + "\",\"summary\":\"load " + random.nextInt() + "\"}"), 201);
                    case EDIT -> expect(send("PATCH", "/v2/issues/" + randomKey(random), "{\"summary\":\"edited under load "
                            + random.nextInt() + "\"}"), 200);
                };
                if (ok) {
                    latencies.get(operation).add(System.nanoTime() - start);
                }
            } catch (IOException e) {
                failure(operation + ": " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private boolean search(SplittableRandom random) throws IOException, InterruptedException {
        String queue = randomQueue(random);
        String body = switch (random.nextInt(4)) {
            case 0 -> "{\"filter\":{\"queue\":\"" + queue + "\",\"status\":\"open\"},\"order\":\"-updatedAt\"}";
            case 1 -> "{\"filter\":{\"assignee\":\"" + IssueGenerator.login(random.nextInt(IssueGenerator.USERS)) + "\"}}";
            case 2 -> "{\"query\":\"Queue: " + queue + " Priority: critical, blocker \\\"Sort by\\\": Created DESC\"}";
            default -> "{\"query\":\"Queue: " + queue + " Summary: " + WORDS[random.nextInt(WORDS.length)] + "\"}";
        };
        int page = 1 + random.nextInt(20);
        return expect(send("POST", "/v2/issues/_search?perPage=50&page=" + page, body), 200);
    }

    /** A scroll over a few hundred issues, read to its last page. */
    private boolean scroll(SplittableRandom random) throws IOException, InterruptedException {
        String body = "{\"filter\":{\"queue\":\"" + randomQueue(random) + "\",\"priority\":\"blocker\"}}";
        HttpResponse<String> response = send("POST", "/v2/issues/_search?scrollType=sorted&perScroll=100", body);
        while (expect(response, 200)) {
            String id = response.headers().firstValue("X-Scroll-Id").orElse(null);
            if (id == null) {
                return true;
            }
            String token = response.headers().firstValue("X-Scroll-Token").orElseThrow();
            response = send("POST", "/v2/issues/_search?scrollId=" + id + "&scrollToken=" + URLEncoder.encode(token, StandardCharsets.UTF_8), body);
        }
        return false;
    }

    private String randomQueue(SplittableRandom random) {
        return queues.get(random.nextInt(queues.size()));
    }

    private String randomKey(SplittableRandom random) {
        int queue = random.nextInt(queues.size());
        return queues.get(queue) + "-" + (1 + random.nextLong(queueSizes.get(queue)));
    }

    private boolean expect(HttpResponse<String> response, int status) {
        if (response.statusCode() == status) {
            return true;
        }
        if (response.statusCode() >= 500) {
            serverErrors.incrementAndGet();
        }
        failure(response.request().method() + " " + response.request().uri().getPath() + " -> " + response.statusCode() + " "
                + response.body().substring(0, Math.min(200, response.body().length())));
        return false;
    }

    private void failure(String example) {
        errors.incrementAndGet();
        if (examples.size() < 10) {
            // when it happened tells a burst (a start-up or a stall) from errors spread over the run
            examples.add(String.format(Locale.ROOT, "at %.1f s: %s", (System.nanoTime() - started) / 1e9, example));
        }
    }

    /**
     * One request; a 503 is counted apart and retried after its Retry-After (1 s when absent). A connection
     * that ends before any byte of the answer ("header parser received no bytes") is counted apart and the
     * request sent once more: twice in CI, never locally in a dozen runs, it came as a burst in the run's
     * first seconds, when 200 clients open their connections at once. The JDK client retries only GETs by
     * itself; RawHttpFuzzTest checks on raw sockets that the server answers every request it reads. The test
     * bounds the count, so a server that drops connections still fails it.
     */
    private HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        boolean retried = false;
        while (true) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(settings.url() + path)).timeout(Duration.ofSeconds(60))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                    .header("Authorization", "OAuth " + settings.token()).header("X-Org-ID", settings.organization())
                    .header("Content-Type", "application/json").build();
            HttpResponse<String> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                if (retried || !String.valueOf(e.getMessage()).contains("received no bytes")) {
                    throw e;
                }
                retried = true;
                closedUnanswered.incrementAndGet();
                continue;
            }
            if (response.statusCode() != 503) {
                return response;
            }
            overloaded.incrementAndGet();
            long seconds = response.headers().firstValue("Retry-After").map(LoadRun::seconds).orElse(1L);
            Thread.sleep(Duration.ofSeconds(Math.max(1, Math.min(seconds, 30))));
        }
    }

    private static long seconds(String retryAfter) {
        try {
            return Long.parseLong(retryAfter.strip());
        } catch (NumberFormatException e) {
            return 1; // an HTTP date: wait a second
        }
    }
}
