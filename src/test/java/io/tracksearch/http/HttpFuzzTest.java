package io.tracksearch.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracksearch.testing.Backend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Random and mutated requests against every endpoint: whatever the input, the answer is never a 5xx
 * and every error is in the Tracker format. Seeded; the seed is printed with any failure.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.tracksearch.testing.Backend#enabled")
class HttpFuzzTest {
    @Parameter
    Backend backend;

    private static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());
    private static final int REQUESTS = 3_000;
    private static final List<String[]> ENDPOINTS = List.of(
            new String[] {"POST", "/v2/issues/"}, new String[] {"PATCH", "/v2/issues/FUZZ-1"}, new String[] {"GET", "/v2/issues/FUZZ-1"},
            new String[] {"POST", "/v2/issues/_search"}, new String[] {"POST", "/v2/issues/_count"}, new String[] {"POST", "/v3/issues/_search"},
            new String[] {"POST", "/v2/issues/_validateQuery"}, new String[] {"POST", "/v2/queues/"}, new String[] {"GET", "/v2/queues/FUZZ"},
            new String[] {"POST", "/v2/system/search/scroll/_clear"}, new String[] {"POST", "/v2/issues/_findByUnique"},
            new String[] {"POST", "/v2/issues/FUZZ-1/transitions/resolve/_execute"}, new String[] {"GET", "/v2/users/"},
            new String[] {"POST", "/v2/issues/_bulkImport"}, new String[] {"POST", "/v2/issues/FUZZ-1/_move"});
    private static final String[] KEYS = {"queue", "summary", "filter", "query", "keys", "order", "expand", "assignee", "tags", "type",
            "priority", "followers", "parent", "deadline", "storyPoints", "unique", "filterId", "scrollId", "key", "name", "status",
            "from", "to", "add", "remove", "set", "replace", "defaultType", "defaultPriority", "description", "components", "created"};
    private static final String[] STRINGS = {"", "FUZZ", "FUZZ-1", "me()", "empty()", "notEmpty()", "today()", "2024-01-01", "+summary",
            "-created", "Status: open", "Queue: FUZZ \"Sort by\": Created", "((((", "!", "\u0000", "x".repeat(300), "open", "bug", "admin",
            "Summary: #\"a ||\"", "Created: >now()-1w", "not-a-date", "-1", "1e309", "иван", "\ud83d\ude00", "}{", "null"};
    private static final String[] PARAMETERS = {"perPage=", "page=", "expand=", "scrollType=", "perScroll=", "scrollTTLMillis=",
            "scrollId=", "scrollToken=", "order=", "unique=", "version=", "queue=", "initialStatus=", "move_all_fields=", "notMovedFields="};

    private static TestServer server;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        server = TestServer.start(backend);
        server.createQueue("FUZZ");
        server.post("/v2/issues/", "{\"queue\":\"FUZZ\",\"summary\":\"target\"}");
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    @Test
    void noInputProducesAServerError() {
        Random random = new Random(SEED);
        for (int i = 0; i < REQUESTS; i++) {
            String[] endpoint = ENDPOINTS.get(random.nextInt(ENDPOINTS.size()));
            StringBuilder path = new StringBuilder(endpoint[1]);
            for (int p = random.nextInt(3); p > 0; p--) {
                path.append(path.indexOf("?") < 0 ? '?' : '&').append(PARAMETERS[random.nextInt(PARAMETERS.length)])
                        .append(java.net.URLEncoder.encode(STRINGS[random.nextInt(STRINGS.length)], java.nio.charset.StandardCharsets.UTF_8));
            }
            String body = random.nextInt(10) == 0 ? garbage(random) : value(random, 0);
            TestServer.Response response;
            try {
                response = server.send(endpoint[0], path.toString(), body, server.adminToken);
            }
            catch (RuntimeException e) {
                fail("seed " + SEED + ", request #" + i + " " + endpoint[0] + " " + path + " " + body + " failed: " + e);
                return;
            }
            String context = "seed " + SEED + ", request #" + i + ": " + endpoint[0] + " " + path + " " + body + " -> " + response;
            assertTrue(response.status() < 500, context);
            if (response.status() >= 400) {
                JsonNode error = response.json();
                assertTrue(error.path("errors").isObject() && error.path("errorMessages").size() >= 1, context);
                assertEquals(response.status(), error.path("statusCode").asInt(), context);
            }
        }
    }

    private static String value(Random random, int depth) {
        int kind = depth > 3 ? random.nextInt(4) : random.nextInt(7);
        return switch (kind) {
            case 0 -> "\"" + STRINGS[random.nextInt(STRINGS.length)].replace("\\", "\\\\").replace("\"", "\\\"").replace("\u0000", "\\u0000") + "\"";
            case 1 -> random.nextBoolean() ? Long.toString(random.nextLong()) : Double.toString(random.nextDouble() * 1e6);
            case 2 -> random.nextBoolean() ? "true" : "null";
            case 3 -> "\"" + KEYS[random.nextInt(KEYS.length)] + "\"";
            case 4, 5 -> {
                StringBuilder object = new StringBuilder("{");
                for (int n = random.nextInt(4); n > 0; n--) {
                    object.append('"').append(KEYS[random.nextInt(KEYS.length)]).append("\":").append(value(random, depth + 1)).append(n > 1 ? "," : "");
                }
                yield object.append('}').toString();
            }
            default -> {
                StringBuilder array = new StringBuilder("[");
                for (int n = random.nextInt(4); n > 0; n--) {
                    array.append(value(random, depth + 1)).append(n > 1 ? "," : "");
                }
                yield array.append(']').toString();
            }
        };
    }

    private static String garbage(Random random) {
        StringBuilder text = new StringBuilder();
        for (int n = random.nextInt(40); n > 0; n--) {
            text.append((char) (random.nextInt(3) == 0 ? random.nextInt(0x500) : 32 + random.nextInt(95)));
        }
        return text.toString();
    }
}
