package io.tracksearch.http;

import io.tracksearch.testing.Backend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** changed() over the history the server records on create, edit and transition (spec 8.6). */
@ParameterizedClass(name = "{0}")
@MethodSource("io.tracksearch.testing.Backend#enabled")
class ChangedQueryTest {
    @Parameter
    Backend backend;

    private static TestServer server;
    private static String ivanToken;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        server = TestServer.start(backend);
        ivanToken = server.addUser("ivan", "Ivan", "Ivanov");
        server.createQueue("HIST");
        for (int i = 1; i <= 4; i++) {
            server.post("/v2/issues/", "{\"queue\":\"HIST\",\"summary\":\"issue " + i + "\",\"priority\":\"minor\"}");
        }
        // HIST-1: ivan starts progress; HIST-2: admin starts progress then ivan resolves; HIST-3: priority raised by ivan
        assertEquals(200, server.send("POST", "/v2/issues/HIST-1/transitions/start_progress/_execute", null, ivanToken).status());
        assertEquals(200, server.post("/v2/issues/HIST-2/transitions/start_progress/_execute", null).status());
        assertEquals(200, server.send("POST", "/v2/issues/HIST-2/transitions/resolve/_execute", "{\"resolution\":\"fixed\"}", ivanToken).status());
        assertEquals(200, server.send("PATCH", "/v2/issues/HIST-3", "{\"priority\":\"critical\",\"tags\":{\"add\":\"hot\"}}", ivanToken).status());
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    private static List<String> search(String query) {
        return server.queryKeys(query);
    }

    @Test
    void changedMatchesEveryArgumentOnTheSameChange() {
        String today = LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("dd.MM.yyyy"));
        assertEquals(List.of("HIST-1", "HIST-2"), search("Status: changed(to: \"In Progress\")"));
        assertEquals(List.of("HIST-1"), search("Status: changed(to: \"In Progress\" by: \"Ivan Ivanov\" date: " + today + ")"));
        assertEquals(List.of("HIST-1"), search("Status: changed(to: \"In Progress\" by: ivan@ date: >today()-1w)"));
        assertEquals(List.of("HIST-2"), search("Status: changed(from: \"In Progress\" to: resolved by: ivan@)"));
        assertEquals(List.of(), search("Status: changed(from: open to: resolved)"), "no single change went open -> resolved");
        assertEquals(List.of(), search("Status: changed(to: \"In Progress\" date: <today())"));
        assertEquals(List.of("HIST-3"), search("Priority: changed(from: minor to: critical)"));
        assertEquals(List.of("HIST-3"), search("Tags: changed(to: hot)"));
        assertEquals(List.of("HIST-1", "HIST-2", "HIST-3", "HIST-4"), search("Priority: changed(to: minor by: me())"), "creation counts as a change");
        assertEquals(List.of("HIST-3", "HIST-4"), search("Queue: HIST Status: !changed(by: ivan@)"));
        assertEquals(List.of("HIST-3", "HIST-4"), search("Queue: HIST Status: open"));
        assertEquals("2", server.post("/v2/issues/_count", "{\"query\":\"Status: changed(to: \\\"In Progress\\\")\"}").body());
        assertEquals(200, server.post("/v2/issues/_validateQuery", "{\"query\":\"Status: changed(to: open)\"}").status());
    }
}
