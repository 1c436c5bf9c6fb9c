package io.tracksearch.http;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web page's files load without a token, and only they: the exemption from authentication is the
 * fixed list in {@link WebPage}. Storage plays no part here, so one backend (Lucene) is enough.
 */
class WebAssetsTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void pageAndAssetsLoadWithoutToken() {
        TestServer.Response page = server.send("GET", "/", null, null);
        assertEquals(200, page.status(), page.toString());
        assertTrue(page.header("Content-Type").startsWith("text/html"), page.header("Content-Type"));
        assertTrue(page.body().contains("<script type=\"module\" src=\"/web/main.js\">"));
        assertTrue(page.header("Content-Security-Policy").contains("default-src 'self'"));
        TestServer.Response script = server.send("GET", "/web/main.js", null, null);
        assertEquals(200, script.status());
        assertTrue(script.header("Content-Type").startsWith("text/javascript"), script.header("Content-Type"));
    }

    @Test
    void everythingElseStillNeedsTheToken() {
        for (String path : new String[] {"/web/", "/web/unknown.js", "/index.html", "/v2/myself", "/web/../v2/myself"}) {
            TestServer.Response response = server.send("GET", path, null, null);
            assertEquals(401, response.status(), path + " " + response);
            assertEquals(401, response.json().get("statusCode").asInt(), "Tracker error format for " + path);
        }
        TestServer.Response post = server.send("POST", "/", "{}", null);
        assertEquals(401, post.status(), "only GET and HEAD of the page are public: " + post);
    }

    /** Found by the 1,000,000-request fuzz run: routing matches doubled slashes, the asset table did not (a 500). */
    @Test
    void doubledSlashesServeTheAssetWithATokenOnly() {
        TestServer.Response signedIn = server.get("/web//values.js");
        assertEquals(200, signedIn.status(), signedIn.toString());
        assertEquals(server.send("GET", "/web/values.js", null, null).body(), signedIn.body());
        assertEquals(401, server.send("GET", "/web//values.js", null, null).status(), "only the exact asset paths are public");
    }

    @Test
    void everyFileOfThePageIsListed() throws IOException {
        Set<String> files;
        try (Stream<Path> listed = Files.list(Path.of("src/main/resources/web"))) {
            files = listed.map(path -> path.getFileName().toString()).collect(Collectors.toSet());
        }
        assertEquals(files, Set.copyOf(WebPage.ASSETS.values()), "a file not in WebPage.ASSETS would answer 401");
    }
}
