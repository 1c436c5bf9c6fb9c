package io.tracksearch.http;

import io.tracksearch.testing.Backend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The auth matrix over every route the server registered (read from its router, so a new route cannot
 * skip it): no token and a bad token give 401, another organization 403, each in the Tracker format; the
 * operations routes need what {@link OperationsRoutes} says. Then the failed-authentication throttle.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.tracksearch.testing.Backend#enabled")
class AuthMatrixTest {
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
    void everyRouteRefusesMissingAndBadTokensAndOtherOrganizations() {
        List<TrackerServer.Route> routes = server.routes();
        assertTrue(routes.size() >= 30, "routes: " + routes);
        List<String> wrong = new ArrayList<>();
        for (TrackerServer.Route route : routes) {
            String path = route.path().replaceAll("\\{[^}]+}", "MATRIX-1");
            OperationsRoutes.Access access = OperationsRoutes.access(path);
            // the web page's own files are public by design: the page asks for the token, so it loads without one
            boolean asset = WebPage.ASSETS.containsKey(path);
            int unauthenticated = access == OperationsRoutes.Access.OPEN || asset ? 200 : 401;
            int otherOrganization = access == OperationsRoutes.Access.TOKEN_AND_ORGANIZATION && !asset ? 403 : 200;
            check(wrong, route, "no token", server.send(route.method(), path, "{}", null), unauthenticated);
            check(wrong, route, "bad token", server.send(route.method(), path, "{}", null,
                    "Authorization", "OAuth not-a-token", "X-Org-ID", TestServer.ORGANIZATION), unauthenticated);
            check(wrong, route, "other organization", server.send(route.method(), path, "{}", null,
                    "Authorization", "OAuth " + server.adminToken, "X-Org-ID", "other-org"), otherOrganization);
        }
        assertEquals(List.of(), wrong);
    }

    private static void check(List<String> wrong, TrackerServer.Route route, String caller, TestServer.Response response, int expected) {
        if (response.status() != expected) {
            wrong.add(route + " " + caller + ": " + response);
        }
        else if (expected >= 400) {
            JettyErrorsTest.assertTrackerError(response.status(), response.header("Content-Type"), response.body());
        }
    }

    @Test
    void repeatedFailuresFromOneAddressAreSlowedDown() {
        try (TestServer throttled = TestServer.start(backend, TestServer.LIMITS.withAuthFailures(3, Duration.ofMinutes(1)))) {
            for (int i = 0; i < 3; i++) {
                assertEquals(401, throttled.send("GET", "/v2/myself", null, "guess-" + i).status());
            }
            TestServer.Response refused = throttled.send("GET", "/v2/myself", null, "guess-4");
            assertEquals(429, refused.status(), refused.toString());
            JettyErrorsTest.assertTrackerError(429, refused.header("Content-Type"), refused.body());
            long retryAfter = Long.parseLong(refused.header("Retry-After"));
            assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
            assertEquals(429, throttled.get("/v2/myself").status(), "a right guess is refused too while the address is blocked");
            assertEquals(200, throttled.send("GET", "/health/live", null, null).status(), "probes are not throttled");
        }
    }
}
