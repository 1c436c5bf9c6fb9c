package io.tracksearch.cli;

import io.tracksearch.auth.UserRegistry;
import io.tracksearch.http.HttpSettings;
import io.tracksearch.http.ServerLimits;
import io.tracksearch.model.User;
import io.tracksearch.scroll.ScrollLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The user and import commands on a real data directory. */
class CommandLineTest {
    @TempDir
    Path data;

    @Test
    void serveRefusesBadLimitsWithAUsageError() throws Exception {
        assertEquals(2, Main.run("serve", "--port", "0", "--data", data.toString(), "--scroll-read-ahead-pages", "-1"));
        assertEquals(2, Main.run("serve", "--port", "0", "--data", data.toString(), "--scroll-max-per-user", "0"));
        assertEquals(2, Main.run("serve", "--port", "0", "--data", data.toString(), "--search-cache-mb", "-1"));
        assertEquals(List.of(), Files.list(data).toList(), "refused before anything was created");
    }

    /**
     * The flags' defaults are written from the limits records' constants; this pins that every one is, so
     * a server started without flags runs with the defaults the records, the README and the tests assume.
     */
    @Test
    void serveWithoutFlagsTakesTheRecordsDefaults() {
        assumeTrue(System.getenv().keySet().stream().noneMatch(name -> name.startsWith("TRACKSEARCH_") && !name.equals(AdminAccount.TOKEN_VARIABLE)),
                "no TRACKSEARCH_ variable overrides a default here");
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs();
        assertEquals(ServerLimits.DEFAULT, serve.serverLimits());
        assertEquals(ScrollLimits.DEFAULT, serve.scrollLimits());
        assertEquals(HttpSettings.DEFAULT_MAX_BODY_BYTES, serve.maxBodyBytes);
    }

    @Test
    void usersAreAddedListedAndRemoved() throws Exception {
        assertEquals(0, Main.run("user", "add", "carol", "--token", "carol-token", "--first-name", "Carol", "--last-name", "King",
                "--group", "Sales", "--data", data.toString()));
        assertEquals(1, Main.run("user", "add", "carol", "--data", data.toString()), "duplicate login");
        assertEquals(1, Main.run("user", "add", "bad login", "--data", data.toString()), "invalid login");
        UserRegistry users = new UserRegistry(data);
        User carol = users.authenticate("carol-token").orElseThrow();
        assertEquals("Carol King", carol.display());
        assertEquals(List.of("Sales"), carol.groups());
        assertTrue(users.byLogin("CAROL").isPresent());
        assertFalse(Files.readString(data.resolve("users.json"), StandardCharsets.UTF_8).contains("carol-token"), "tokens are stored hashed");
        assertEquals(0, Main.run("user", "token", "carol", "--token", "second", "--data", data.toString()));
        assertTrue(new UserRegistry(data).authenticate("second").isPresent());
        assertEquals(0, Main.run("user", "list", "--data", data.toString()));
        assertEquals(0, Main.run("user", "remove", "carol", "--data", data.toString()));
        assertTrue(new UserRegistry(data).authenticate("carol-token").isEmpty());
        assertEquals(1, Main.run("user", "remove", "carol", "--data", data.toString()));
    }

    @Test
    void importLoadsAFileKeepingKeysAndReportsBadLines() throws Exception {
        Path file = data.resolve("issues.ndjson");
        Files.writeString(file, """
                {"key":"OLD-7","summary":"kept key","createdAt":"2019-03-02T10:00:00.000+0000","assignee":"dora","tags":["x"]}
                {"key":"OLD-3","summary":"another","status":"closed","resolution":"fixed"}
                not json
                {"key":"broken","summary":"no number"}
                """);
        assertEquals(2, Main.run("import", file.toString(), "--data", data.resolve("d").toString()), "exit 2: some lines rejected");
        try (var store = new io.tracksearch.store.lucene.LuceneIssueStore(data.resolve("d").resolve("index"), new UserRegistry(data.resolve("d")))) {
            var issue = store.get("OLD-7").orElseThrow();
            assertEquals(java.time.Instant.parse("2019-03-02T10:00:00Z").toEpochMilli(), issue.createdAt());
            assertEquals("closed", store.get("OLD-3").orElseThrow().status());
            assertEquals(8, store.allocateNumber("OLD"), "numbers continue after the highest imported key");
            assertTrue(store.queue("OLD").isPresent(), "a missing queue is created");
        }
        assertTrue(new UserRegistry(data.resolve("d")).byLogin("dora").isPresent(), "a missing user is created");
    }

    @Test
    void adminTokenFromTheEnvironmentWorksOnADirectoryMadeByImport() throws Exception {
        Path file = data.resolve("issues.ndjson");
        Files.writeString(file, "{\"key\":\"OLD-1\",\"summary\":\"imported\",\"assignee\":\"dora\"}\n");
        Path directory = data.resolve("imported");
        assertEquals(0, Main.run("import", file.toString(), "--data", directory.toString()));
        UserRegistry users = new UserRegistry(directory);
        assertFalse(users.anyoneHasToken(), "import creates users without tokens");
        assertTrue(users.byLogin("admin").isPresent(), "admin exists, so 'tracksearch user token admin' works");

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        AdminAccount.ensure(users, null, new PrintStream(printed, true, StandardCharsets.UTF_8));
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("tracksearch user token admin"), printed.toString(StandardCharsets.UTF_8));

        AdminAccount.ensure(users, "from-environment", quiet());
        assertEquals("admin", users.authenticate("from-environment").orElseThrow().login());
        AdminAccount.ensure(users, "from-environment", quiet());
        AdminAccount.ensure(users, "another", quiet());
        assertEquals("admin", new UserRegistry(directory).authenticate("from-environment").orElseThrow().login(), "earlier tokens stay");
        assertEquals("admin", new UserRegistry(directory).authenticate("another").orElseThrow().login());

        Path fresh = data.resolve("fresh");
        AdminAccount.ensure(new UserRegistry(fresh), "first", quiet());
        assertEquals("admin", new UserRegistry(fresh).authenticate("first").orElseThrow().login(), "first start with the variable");
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
