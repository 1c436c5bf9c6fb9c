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

import java.io.IOException;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requests Jetty rejects before any route runs, and faults of the store: every answer is the Tracker
 * error body in JSON, with no HTML, stack trace, class name or backend text.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.tracksearch.testing.Backend#enabled")
class JettyErrorsTest {
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

    static Stream<Arguments> malformed() {
        String auth = "Authorization: OAuth %s\r\nX-Org-ID: " + TestServer.ORGANIZATION + "\r\n";
        return Stream.of(
                Arguments.of("no Host", "GET /v2/issues/X-1 HTTP/1.1\r\n\r\n", 400),
                Arguments.of("no Host on PATCH", "PATCH /v2/issues/X-1 HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}", 400),
                Arguments.of("garbage request line", "GARBAGE\r\n\r\n", 400),
                Arguments.of("bad version", "GET / HTTP/7.3\r\nHost: x\r\n\r\n", 400),
                Arguments.of("space in header name", "GET / HTTP/1.1\r\nHost: x\r\nBad Header: 1\r\n\r\n", 400),
                Arguments.of("control character in URI", "GET /v2/\u0001 HTTP/1.1\r\nHost: x\r\n\r\n", 400),
                Arguments.of("URI too long", "GET /v2/issues/" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n", 414),
                Arguments.of("headers too large", "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n", 431),
                Arguments.of("two content lengths", "POST /v2/issues/_search HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}", 400),
                Arguments.of("bad chunk size", "POST /v2/issues/_search HTTP/1.1\r\nHost: x\r\n" + auth
                        + "Transfer-Encoding: chunked\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n", 400),
                Arguments.of("chunk longer than announced", "POST /v2/issues/_search HTTP/1.1\r\nHost: x\r\n" + auth
                        + "Transfer-Encoding: chunked\r\n\r\n2\r\n{\"filter\":{}}\r\n0\r\n\r\n", 400),
                Arguments.of("chunked body over the limit", "POST /v2/issues/ HTTP/1.1\r\nHost: x\r\n" + auth
                        + "Transfer-Encoding: chunked\r\n\r\n" + chunks(HttpSettings.DEFAULT_MAX_BODY_BYTES + 10) + "0\r\n\r\n", 413),
                Arguments.of("content length over the limit", "POST /v2/issues/ HTTP/1.1\r\nHost: x\r\n" + auth
                        + "Content-Length: " + (HttpSettings.DEFAULT_MAX_BODY_BYTES + 1) + "\r\n\r\n{}", 413));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void jettyErrorsAreTrackerErrors(String name, String request, int status) throws IOException {
        RawHttp.Response response = RawHttp.exchange(server.port(), request.replace("%s", server.adminToken), 10_000);
        assertEquals(status, response.status(), name + ": " + response);
        assertTrackerError(response.status(), response.header("Content-Type"), response.body());
    }

    @Test
    void storeFaultsAreGenericAndNameTheRequestId() {
        try (TestServer broken = TestServer.start(backend)) {
            broken.createQueue("GONE");
            broken.post("/v2/issues/", "{\"queue\":\"GONE\",\"summary\":\"before the fault\"}");
            breakStore(broken);
            assertGenericFault(broken.post("/v2/issues/_search", "{\"filter\":{\"queue\":\"GONE\"}}"));
            assertGenericFault(broken.get("/v2/issues/GONE-1"));
        }
    }

    private static void assertGenericFault(TestServer.Response response) {
        assertTrue(response.status() >= 500, response.toString());
        assertTrackerError(response.status(), response.header("Content-Type"), response.body());
        String requestId = response.header("X-Request-Id");
        assertTrue(requestId != null && response.body().contains(requestId), response.body());
        for (String leak : new String[] {"index_not_found", "no such index", "closed", "Lucene", "OpenSearch", "tracksearch-test"}) {
            assertFalse(response.body().contains(leak), "leaks '" + leak + "': " + response.body());
        }
    }

    /** A store that fails every call: Lucene closed under the server, or the OpenSearch index deleted. */
    private void breakStore(TestServer broken) {
        switch (backend) {
            case LUCENE -> broken.store().close();
            case OPENSEARCH -> broken.deleteStoreIndices();
        }
    }

    static void assertTrackerError(int status, String contentType, String body) {
        assertTrue(contentType != null && contentType.startsWith("application/json"), "content type " + contentType + ": " + body);
        JsonNode json;
        try {
            json = TestServer.JSON.readTree(body);
        }
        catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
        assertTrue(json.path("errors").isObject(), body);
        assertTrue(json.path("errorMessages").isArray() && json.path("errorMessages").size() >= 1, body);
        assertEquals(status, json.path("statusCode").asInt(), body);
        for (String leak : new String[] {"<html", "Exception", "org.eclipse", "io.tracksearch", "\tat "}) {
            assertFalse(body.contains(leak), "leaks '" + leak + "': " + body);
        }
    }

    private static String chunks(long total) {
        StringBuilder body = new StringBuilder();
        String chunk = "x".repeat(65_536);
        for (long sent = 0; sent < total; sent += chunk.length()) {
            body.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        return body.toString();
    }
}
