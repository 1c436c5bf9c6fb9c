package io.tracksearch.crash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tracksearch.testing.BulkImport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Clients that write while the server is killed: a bulk importer (NDJSON chunks of new keys), a creator
 * and an editor (PATCH of acknowledged issues). It remembers what the server acknowledged, and what was
 * in flight, across rounds, and checks a restarted server against it: every acknowledged issue is there
 * with its acknowledged content (or with the one edit that was in flight at the kill), and no key was
 * acknowledged twice. Not thread-safe across rounds: one round at a time.
 */
final class CrashWorkload {
    static final String TOKEN = "crash-token";
    static final String ORGANIZATION = "crash";
    static final String IMPORTED_QUEUE = "BULK";
    static final String CREATED_QUEUE = "EDIT";
    private static final int CHUNK = 250;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What a key must hold: the last acknowledged summary, or one sent by a write not acknowledged since (in
     * flight at a kill, or answered with an error): such a write may have landed. A later edit that fails
     * too does not undo an earlier one that landed, so all of them stay possible until a write of the key is
     * acknowledged or a check after a restart sees which one the key holds.
     */
    private record Expected(String acknowledged, Set<String> inFlight) {
        boolean allows(String summary) {
            return summary.equals(acknowledged) || inFlight.contains(summary);
        }

        Expected sending(String summary) {
            Set<String> possible = new HashSet<>(inFlight);
            possible.add(summary);
            return new Expected(acknowledged, Set.copyOf(possible));
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Expected> expected = new ConcurrentHashMap<>();
    private final List<String> editable = new CopyOnWriteArrayList<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final AtomicLong nextImported = new AtomicLong(1);
    private final AtomicLong acknowledgedWrites = new AtomicLong();
    private final Random random;

    CrashWorkload(long seed) {
        this.random = new Random(seed);
    }

    long acknowledgedWrites() {
        return acknowledgedWrites.get();
    }

    int acknowledgedIssues() {
        return expected.size();
    }

    /** Runs the three writers against {@code url} until {@code running} turns false or the server dies. */
    List<Thread> start(String url, int round, AtomicBoolean running) {
        long seed = random.nextLong();
        return List.of(
                Thread.ofPlatform().name("crash-importer").start(() -> importChunks(url, round, running)),
                Thread.ofPlatform().name("crash-creator").start(() -> create(url, round, running)),
                Thread.ofPlatform().name("crash-editor").start(() -> edit(url, round, running, new Random(seed))));
    }

    void createQueueIfMissing(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = send(url, "POST", "/v2/queues/", "{\"key\":\"" + CREATED_QUEUE
                + "\",\"name\":\"Edited\",\"defaultType\":\"task\",\"defaultPriority\":\"normal\"}");
        if (response.statusCode() != 201 && response.statusCode() != 409) {
            throw new IllegalStateException("queue create failed: " + response.statusCode() + " " + response.body());
        }
    }

    private void importChunks(String url, int round, AtomicBoolean running) {
        while (running.get()) {
            Map<String, String> chunk = new HashMap<>();
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < CHUNK; i++) {
                long number = nextImported.getAndIncrement();
                String key = IMPORTED_QUEUE + "-" + number;
                String summary = "imported " + number + " in round " + round;
                chunk.put(key, summary);
                lines.append("{\"key\":\"").append(key).append("\",\"summary\":\"").append(summary)
                        .append("\",\"createdAt\":\"2024-01-01T00:00:00.000+0000\"}\n");
            }
            try {
                HttpResponse<String> response = send(url, "POST", BulkImport.PATH, lines.toString());
                if (response.statusCode() != 200) {
                    continue; // not acknowledged (e.g. 503 while OpenSearch is down)
                }
                chunk.forEach((key, summary) -> acknowledgeNew(key, summary));
                editable.addAll(chunk.keySet());
            } catch (IOException e) {
                return; // the server died mid-request: not acknowledged
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void create(String url, int round, AtomicBoolean running) {
        for (int i = 0; running.get(); i++) {
            String summary = "created " + i + " in round " + round;
            try {
                HttpResponse<String> response = send(url, "POST", "/v2/issues/", "{\"queue\":\"" + CREATED_QUEUE
                        + "\",\"summary\":\"" + summary + "\"}");
                if (response.statusCode() == 201) {
                    String key = JSON.readTree(response.body()).get("key").asText();
                    acknowledgeNew(key, summary);
                    editable.add(key);
                }
            } catch (IOException e) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void edit(String url, int round, AtomicBoolean running, Random choices) {
        for (int i = 0; running.get(); i++) {
            if (editable.isEmpty()) {
                Thread.onSpinWait();
                continue;
            }
            String key = editable.get(choices.nextInt(editable.size()));
            String summary = "edited " + i + " in round " + round;
            expected.computeIfPresent(key, (ignored, before) -> before.sending(summary));
            try {
                HttpResponse<String> response = send(url, "PATCH", "/v2/issues/" + key, "{\"summary\":\"" + summary + "\"}");
                if (response.statusCode() == 200) {
                    expected.computeIfPresent(key, (ignored, before) -> new Expected(summary, Set.of()));
                    acknowledgedWrites.incrementAndGet();
                }
            } catch (IOException e) {
                return; // killed mid-edit: the edit stays in flight
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void acknowledgeNew(String key, String summary) {
        if (expected.putIfAbsent(key, new Expected(summary, Set.of())) != null) {
            violations.add("key " + key + " acknowledged for two different writes");
        }
        acknowledgedWrites.incrementAndGet();
    }

    /** Every acknowledged issue, read back from the (restarted) server; problems found, empty when all is well. */
    List<String> check(String url) throws IOException, InterruptedException {
        if (expected.isEmpty()) {
            return List.copyOf(violations); // nothing written yet; the queues may not exist
        }
        Map<String, String> stored = new HashMap<>();
        for (String queue : List.of(IMPORTED_QUEUE, CREATED_QUEUE)) {
            for (int page = 1; ; page++) {
                HttpResponse<String> response = send(url, "POST", "/v2/issues/_search?perPage=1000&page=" + page,
                        "{\"filter\":{\"queue\":\"" + queue + "\"}}");
                if (response.statusCode() != 200) {
                    return List.of("search failed: " + response.statusCode() + " " + response.body());
                }
                JsonNode issues = JSON.readTree(response.body());
                issues.forEach(issue -> stored.put(issue.get("key").asText(), issue.get("summary").asText()));
                if (issues.size() < 1000) {
                    break;
                }
            }
        }
        List<String> problems = new ArrayList<>(violations);
        expected.forEach((key, wanted) -> {
            String summary = stored.get(key);
            if (summary == null) {
                problems.add(key + " was acknowledged but is lost");
            } else if (!wanted.allows(summary)) {
                problems.add(key + " holds '" + summary + "', acknowledged '" + wanted.acknowledged() + "'");
            }
        });
        // The writers are stopped and the server restarted: what each key holds now is settled, and no
        // write sent before can land any more.
        expected.replaceAll((key, wanted) -> stored.containsKey(key) && wanted.allows(stored.get(key))
                ? new Expected(stored.get(key), Set.of()) : wanted);
        return problems.size() > 20 ? problems.subList(0, 20) : problems;
    }

    private HttpResponse<String> send(String url, String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "OAuth " + TOKEN).header("X-Org-ID", ORGANIZATION).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
