package io.tracksearch.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracksearch.testing.Backend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST /v2/issues/_bulkImport} over HTTP: a request larger than one slice of the parallel reading,
 * with every kind of line (CRLF and LF ends, blank lines, a last line without an end, malformed JSON, two
 * objects on one line, bytes that are not UTF-8, a line without a summary, texts longer than the reading
 * buffer), must import each good line exactly, report each bad one in line order, and create the users it
 * names in the order the lines name them; concurrent requests must all land.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.tracksearch.testing.Backend#enabled")
class BulkImportTest {
    private static final String PATH = "/v2/issues/_bulkImport";
    @Parameter
    Backend backend;
    private static TestServer server;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        server = TestServer.start(backend);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    @Test
    void everyLineIsImportedOrReportedInLineOrder() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String message = "seed " + seed;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        List<String> problems = new ArrayList<>();
        Map<String, String> descriptions = new LinkedHashMap<>();
        Set<String> loginsInOrder = new LinkedHashSet<>();
        int lines = 1_500;
        for (int line = 1; line <= lines; line++) {
            String key = "BULK-" + line;
            String login = "bulk" + random.nextInt(60);
            int kind = random.nextInt(40);
            if (kind == 0) {
                write(body, "  \t");
            }
            else if (kind == 1) {
                write(body, "{\"key\":\"" + key + "\",");
                problems.add("line " + line + ": malformed JSON");
            }
            else if (kind == 2) {   // a summary whose bytes are not UTF-8 (0xC3 0x28)
                write(body, "{\"key\":\"" + key + "\",\"summary\":\"bad ");
                body.write(0xC3);
                body.write(0x28);
                write(body, "\",\"assignee\":\"" + login + "\"}");
                problems.add("line " + line + ": malformed JSON");
            }
            else if (kind == 3 && random.nextBoolean()) {   // two issues on one line: neither is taken silently
                write(body, "{\"key\":\"" + key + "\",\"summary\":\"one\"} {\"key\":\"" + key + "\",\"summary\":\"two\"}");
                problems.add("line " + line + ": malformed JSON");
            }
            else if (kind == 3) {
                write(body, "{\"key\":\"" + key + "\",\"assignee\":\"" + login + "\"}");
                problems.add("line " + line + ": summary is required");
                loginsInOrder.add(login);
            }
            else {
                // now and then a text longer than the 64 KB reading buffer, Cyrillic so characters straddle it
                String description = (kind == 4 ? "ошибка при входе " .repeat(3_000) : "описание " + random.nextInt()) + " " + line;
                descriptions.put(key, description);
                write(body, "{\"key\":\"" + key + "\",\"summary\":\"Задача " + line + "\",\"description\":\"" + description
                        + "\",\"assignee\":\"" + login + "\"}");
                loginsInOrder.add(login);
            }
            if (line < lines) {
                write(body, random.nextBoolean() ? "\r\n" : "\n");
            }
        }
        TestServer.Response imported = server.postBytes(PATH, body.toByteArray());
        assertEquals(200, imported.status(), message + " " + imported);
        JsonNode result = imported.json();
        assertEquals(descriptions.size(), result.get("imported").asInt(), message);
        assertEquals(problems.size(), result.get("rejected").asInt(), message);
        List<String> reported = new ArrayList<>();
        result.get("problems").forEach(problem -> reported.add(problem.asText()));
        assertEquals(problems.subList(0, Math.min(100, problems.size())), reported, message);

        assertEquals(descriptions.size(), server.post("/v2/issues/_count", "{\"filter\":{\"queue\":\"BULK\"}}").json().asInt(), message);
        descriptions.entrySet().stream().filter(entry -> random.nextInt(10) == 0 || entry.getValue().length() > 1_000).forEach(entry -> {
            JsonNode issue = server.get("/v2/issues/" + entry.getKey()).json();
            assertEquals(entry.getValue(), issue.path("description").asText(), message + " " + entry.getKey());
        });
        long previousUid = Long.MIN_VALUE;
        for (String login : loginsInOrder) {   // users are made in the order the lines first name them
            long uid = server.get("/v2/users/" + login).json().path("uid").asLong();
            assertTrue(uid > previousUid, message + ": " + login + " has uid " + uid + ", not after " + previousUid);
            previousUid = uid;
        }
    }

    /** A line longer than any issue (an endless one, say) is skipped without being held, and reported. */
    @Test
    void aLineTooLongToReadIsReportedAndTheOthersLand() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        write(body, "{\"key\":\"LONG-1\",\"summary\":\"before\"}\n{\"key\":\"LONG-2\",\"summary\":\"");
        byte[] filler = new byte[1 << 20];
        java.util.Arrays.fill(filler, (byte) 'x');
        for (int mib = 0; mib < 33; mib++) {
            body.writeBytes(filler);
        }
        write(body, "\"}\n{\"key\":\"LONG-3\",\"summary\":\"after\"}\n");
        TestServer.Response imported = server.postBytes(PATH, body.toByteArray());
        assertEquals(200, imported.status(), imported.toString());
        assertEquals(2, imported.json().get("imported").asInt(), imported.toString());
        assertEquals(1, imported.json().get("rejected").asInt(), imported.toString());
        assertEquals("line 2: longer than 32 MiB", imported.json().at("/problems/0").asText());
        assertEquals("after", server.get("/v2/issues/LONG-3").json().path("summary").asText());
        assertEquals(404, server.get("/v2/issues/LONG-2").status());
    }

    @Test
    void concurrentImportsAllLand() throws Exception {
        int clients = 4;
        int requests = 3;
        int perRequest = 400;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<List<Integer>>> sent = new ArrayList<>();
            for (int client = 0; client < clients; client++) {
                String queue = "CONC" + (char) ('A' + client);
                sent.add(pool.submit(() -> {
                    List<Integer> counts = new ArrayList<>();
                    for (int request = 0; request < requests; request++) {
                        StringBuilder lines = new StringBuilder();
                        for (int i = 1; i <= perRequest; i++) {
                            int number = request * perRequest + i;
                            lines.append("{\"key\":\"").append(queue).append('-').append(number)
                                    .append("\",\"summary\":\"concurrent ").append(number).append("\"}\n");
                        }
                        TestServer.Response response = server.post(PATH, lines.toString());
                        assertEquals(200, response.status(), response.toString());
                        counts.add(response.json().get("imported").asInt());
                    }
                    return counts;
                }));
            }
            for (int client = 0; client < clients; client++) {
                assertEquals(List.of(perRequest, perRequest, perRequest), sent.get(client).get());
                String queue = "CONC" + (char) ('A' + client);
                assertEquals(requests * perRequest,
                        server.post("/v2/issues/_count", "{\"filter\":{\"queue\":\"" + queue + "\"}}").json().asInt());
                assertEquals("concurrent " + requests * perRequest,
                        server.get("/v2/issues/" + queue + "-" + requests * perRequest).json().path("summary").asText());
            }
        }
        finally {
            pool.shutdownNow();
        }
    }

    private static void write(ByteArrayOutputStream body, String text) {
        body.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
