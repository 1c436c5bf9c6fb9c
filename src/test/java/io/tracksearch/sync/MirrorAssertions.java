package io.tracksearch.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracksearch.http.TestServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The mirror answers as the source does: what each returns, with the source's own URL written as the
 * mirror's (self links name the host that answered). Nothing else may differ.
 */
final class MirrorAssertions {
    private MirrorAssertions() {
    }

    /** Every issue's export line (GET shape plus comments, links, worklog), and the queues and fields. */
    static void assertMirrors(TestServer source, TestServer mirror) {
        assertMirrors(source, mirror.url(), mirror.adminToken);
    }

    /** The same for a mirror reached at {@code mirrorUrl} (another process), through the source's client. */
    static void assertMirrors(TestServer source, String mirrorUrl, String mirrorToken) {
        Map<String, String> expected = export(source, source.url(), source.adminToken, mirrorUrl);
        Map<String, String> actual = export(source, mirrorUrl, mirrorToken, mirrorUrl);
        assertEquals(expected.keySet(), actual.keySet(), "issue keys");
        List<String> different = new ArrayList<>();
        expected.forEach((key, line) -> {
            if (!line.equals(actual.get(key)) && different.size() < 3) {
                different.add(key + "\n source: " + line + "\n mirror: " + actual.get(key));
            }
        });
        assertEquals(List.of(), different);
        for (String path : List.of("/v2/queues?perPage=1000", "/v2/fields", "/v2/queues/SRC/localFields", "/v2/users?perPage=1000")) {
            assertEquals(same(source, source.url(), source.adminToken, path, mirrorUrl), same(source, mirrorUrl, mirrorToken, path, mirrorUrl), path);
        }
    }

    /** GET of each issue and of its comments, links and worklog endpoints. */
    static void assertSameEndpoints(TestServer source, TestServer mirror, Collection<String> keys) {
        for (String key : keys) {
            for (String path : List.of("", "/comments?perPage=1000", "/links", "/worklog")) {
                String full = "/v2/issues/" + key + path;
                assertEquals(same(source, source.url(), source.adminToken, full, mirror.url()),
                        same(source, mirror.url(), mirror.adminToken, full, mirror.url()), full);
            }
        }
    }

    private static JsonNode same(TestServer client, String url, String token, String path, String mirrorUrl) {
        TestServer.Response response = client.send("GET", url + path, null, token);
        assertEquals(200, response.status(), url + path + " " + response);
        return parse(response.body().replace(url, mirrorUrl));
    }

    private static Map<String, String> export(TestServer client, String url, String token, String mirrorUrl) {
        TestServer.Response response = client.send("POST", url + "/v2/issues/_export", "{}", token);
        assertEquals(200, response.status(), response.toString());
        Map<String, String> lines = new TreeMap<>();
        Set<String> ids = new HashSet<>();
        int count = 0;
        for (String line : response.body().split("\n")) {
            if (!line.isBlank()) {
                JsonNode issue = parse(line.replace(url, mirrorUrl));
                lines.put(issue.get("key").asText(), issue.toString());
                ids.add(issue.get("id").asText());
                count++;
            }
        }
        assertEquals(count, lines.size(), "each key once");
        assertEquals(count, ids.size(), "each issue once: no id under two keys");
        return lines;
    }

    private static JsonNode parse(String text) {
        try {
            return TestServer.JSON.readTree(text);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
