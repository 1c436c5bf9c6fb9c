package io.tracksearch.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracksearch.testing.Backend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The auth matrix of spec 1.2/1.3 and a table of bad inputs: every error in the Tracker format. */
@ParameterizedClass(name = "{0}")
@MethodSource("io.tracksearch.testing.Backend#enabled")
class AuthAndErrorsTest {
    @Parameter
    Backend backend;
    private static TestServer server;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        server = TestServer.start(backend);
        server.createQueue("BAD");
        server.post("/v2/issues/", "{\"queue\":\"BAD\",\"summary\":\"exists\"}");
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    static Stream<Arguments> authentication() {
        return Stream.of(
                Arguments.of("no headers", new String[] {}, 401),
                Arguments.of("no token", new String[] {"X-Org-ID", TestServer.ORGANIZATION}, 401),
                Arguments.of("unknown token", new String[] {"Authorization", "OAuth nope", "X-Org-ID", TestServer.ORGANIZATION}, 401),
                Arguments.of("python client without token", new String[] {"Authorization", "OAuth not provided", "X-Org-ID", TestServer.ORGANIZATION}, 401),
                Arguments.of("unknown scheme", new String[] {"Authorization", "Basic TOKEN", "X-Org-ID", TestServer.ORGANIZATION}, 401),
                Arguments.of("empty token", new String[] {"Authorization", "OAuth ", "X-Org-ID", TestServer.ORGANIZATION}, 401),
                Arguments.of("no organization", new String[] {"Authorization", "OAuth TOKEN"}, 403),
                Arguments.of("wrong organization", new String[] {"Authorization", "OAuth TOKEN", "X-Org-ID", "other"}, 403),
                Arguments.of("org not provided", new String[] {"Authorization", "OAuth TOKEN", "X-Org-ID", "not provided"}, 403),
                Arguments.of("cloud org", new String[] {"Authorization", "OAuth TOKEN", "X-Cloud-Org-ID", TestServer.ORGANIZATION}, 200),
                Arguments.of("python cloud org", new String[] {"Authorization", "oauth TOKEN", "X-Org-Id", "not provided",
                        "X-Cloud-Org-Id", TestServer.ORGANIZATION}, 200),
                Arguments.of("bearer", new String[] {"Authorization", "Bearer TOKEN", "X-Org-ID", TestServer.ORGANIZATION}, 200),
                Arguments.of("org id wins over cloud", new String[] {"Authorization", "OAuth TOKEN", "X-Org-ID", "other",
                        "X-Cloud-Org-ID", TestServer.ORGANIZATION}, 403));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("authentication")
    void authenticationMatrix(String name, String[] headers, int expected) {
        for (String path : new String[] {"/v2/myself", "/v3/myself", "/v2/no/such/route"}) {
            String[] resolved = new String[headers.length];
            for (int i = 0; i < headers.length; i++) {
                resolved[i] = headers[i].replace("TOKEN", server.adminToken);
            }
            TestServer.Response response = server.send("GET", path, null, null, resolved);
            int wanted = expected == 200 && path.contains("no/such") ? 404 : expected;
            assertEquals(wanted, response.status(), name + " " + path + ": " + response);
            if (wanted != 200) {
                assertTrackerError(response, wanted);
            }
        }
    }

    @Test
    void organizationMessageIsTheOneUsersKnow() {
        TestServer.Response response = server.send("GET", "/v2/myself", null, null,
                "Authorization", "OAuth " + server.adminToken, "X-Org-ID", "elsewhere");
        assertEquals("Organization is not available, not ready or not found", response.json().at("/errorMessages/0").asText());
    }

    static Stream<Arguments> badInputs() {
        String big = "x".repeat((int) HttpSettings.DEFAULT_MAX_BODY_BYTES + 1);
        return Stream.of(
                Arguments.of("GET", "/v2/nothing/here", null, 404, "Resource not found: /v2/nothing/here"),
                Arguments.of("DELETE", "/v2/issues/BAD-1", null, 405, "Method DELETE is not allowed for /v2/issues/BAD-1"),
                Arguments.of("GET", "/v2/issues/_search", null, 405, "Method GET is not allowed for /v2/issues/_search"),
                Arguments.of("POST", "/v2/issues/", "{\"queue\": \"BAD\", ", 400, null),
                Arguments.of("POST", "/v2/issues/", "[1, 2]", 400, "Request body must be a JSON object"),
                Arguments.of("POST", "/v2/issues/", "", 400, "Request body must be a JSON object"),
                Arguments.of("POST", "/v2/issues/", "{\"queue\":\"BAD\"}", 422, "Validation failed: summary: Field is required"),
                Arguments.of("POST", "/v2/issues/", "{\"summary\":\"x\"}", 422, "Validation failed: queue: Field is required"),
                Arguments.of("POST", "/v2/issues/", "{\"queue\":\"NOPE\",\"summary\":\"x\"}", 404, "Queue does not exist."),
                Arguments.of("POST", "/v2/issues/", "{\"queue\":\"BAD\",\"summary\":\"x\",\"type\":\"spaceship\"}", 422,
                        "Validation failed: type: unknown value 'spaceship'"),
                Arguments.of("POST", "/v2/issues/", "{\"queue\":\"BAD\",\"summary\":\"x\",\"assignee\":\"ghost\"}", 422,
                        "Validation failed: assignee: user 'ghost' does not exist"),
                Arguments.of("POST", "/v2/issues/", "{\"queue\":\"BAD\",\"summary\":\"x\",\"status\":\"closed\"}", 422, null),
                Arguments.of("POST", "/v2/issues/", "{\"queue\":\"BAD\",\"summary\":\"" + "s".repeat(256) + "\"}", 422, null),
                Arguments.of("POST", "/v2/issues/", "{\"queue\":\"BAD\",\"summary\":42}", 422, "Validation failed: summary: must be a string"),
                Arguments.of("POST", "/v2/issues/", "{\"queue\":\"BAD\",\"summary\":\"x\",\"deadline\":\"tomorrow\"}", 422,
                        "Validation failed: deadline: must be a date YYYY-MM-DD"),
                Arguments.of("POST", "/v2/issues/", "{\"queue\":\"BAD\",\"summary\":\"x\",\"storyPoints\":\"many\"}", 422, null),
                Arguments.of("POST", "/v2/issues/", "{\"queue\":\"BAD\",\"summary\":\"x\",\"tags\":{\"bogus\":1}}", 422, null),
                Arguments.of("POST", "/v2/issues/", "{\"queue\":{\"nested\":true},\"summary\":\"x\"}", 422, null),
                Arguments.of("POST", "/v2/issues/", "{\"queue\":\"BAD\",\"summary\":\"" + big + "\"}", 413, null),
                Arguments.of("POST", "/v2/issues/", "[".repeat(5000) + "]".repeat(5000), 400, null),
                Arguments.of("PATCH", "/v2/issues/BAD-1", "{\"summary\":\"\"}", 422, null),
                Arguments.of("PATCH", "/v2/issues/BAD-1", "{\"summary\":\"y\"}", 400, null),
                Arguments.of("GET", "/v2/issues/BAD-999", null, 404, "Issue does not exist."),
                Arguments.of("GET", "/v2/users/ghost", null, 404, "User does not exist."),
                Arguments.of("GET", "/v2/users/?perPage=0", null, 400, "Invalid value of parameter perPage: 0 is out of range 1..1000"),
                Arguments.of("GET", "/v2/users/?perPage=abc", null, 400, "Invalid value of parameter perPage: 'abc' is not an integer"),
                Arguments.of("GET", "/v2/users/?page=-1", null, 400, null),
                Arguments.of("POST", "/v2/queues/", "{\"key\":\"b4d\",\"name\":\"x\",\"defaultType\":\"task\",\"defaultPriority\":\"normal\"}", 422, null),
                Arguments.of("POST", "/v2/queues/", "{\"key\":\"ADMIN\",\"name\":\"x\",\"defaultType\":\"task\",\"defaultPriority\":\"normal\"}", 422, null),
                Arguments.of("POST", "/v2/queues/", "{\"key\":\"NEW\",\"defaultType\":\"task\",\"defaultPriority\":\"normal\"}", 422, null),
                Arguments.of("POST", "/v2/issues/_findByUnique", null, 400, "Invalid value of parameter unique: is required"));
    }

    @ParameterizedTest(name = "{0} {1} -> {3}")
    @MethodSource("badInputs")
    void badInputGetsTrackerError(String method, String path, String body, int status, String message) {
        String[] headers = path.startsWith("/v2/issues/BAD-1") && body != null && body.contains("\"y\"")
                ? new String[] {"If-Match", "\"not-a-number\""} : new String[] {};
        TestServer.Response response = server.send(method, path, body, server.adminToken, headers);
        assertEquals(status, response.status(), response.toString());
        assertTrackerError(response, status);
        if (message != null) {
            assertEquals(message, response.json().at("/errorMessages/0").asText());
        }
    }

    @Test
    void methodNotAllowedNamesTheAllowedMethods() {
        TestServer.Response response = server.send("PUT", "/v2/queues/", "{}", server.adminToken);
        assertEquals(405, response.status());
        assertEquals("GET,POST", response.header("Allow"));
        assertEquals("POST", server.get("/v2/issues/_search").header("Allow"));
    }

    @Test
    void errorsFollowAcceptLanguage() {
        TestServer.Response response = server.send("GET", "/v2/issues/BAD-999", null, server.adminToken,
                "Accept-Language", "de-DE, ru-RU;q=0.8, en;q=0.5");
        assertEquals("Задача не существует.", response.json().at("/errorMessages/0").asText());
    }

    @Test
    void trailingCommasAreTolerated() {
        assertEquals(201, server.post("/v2/issues/", "{\"queue\":\"BAD\",\"summary\":\"comma\",}").status());
    }

    static void assertTrackerError(TestServer.Response response, int status) {
        assertTrue(response.header("Content-Type").startsWith("application/json"), response.header("Content-Type"));
        JsonNode body = response.json();
        assertTrue(body.get("errors").isObject(), body.toString());
        assertTrue(body.get("errorMessages").isArray() && !body.get("errorMessages").isEmpty(), body.toString());
        assertEquals(status, body.get("statusCode").asInt());
        assertFalse(response.body().contains("Exception"), "no stack traces: " + response.body());
    }
}
