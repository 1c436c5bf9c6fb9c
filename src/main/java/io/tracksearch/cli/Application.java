package io.tracksearch.cli;

import io.tracksearch.auth.Authenticator;
import io.tracksearch.auth.UserRegistry;
import io.tracksearch.http.HttpSettings;
import io.tracksearch.http.TrackerServer;
import io.tracksearch.issue.IssueImporter;
import io.tracksearch.issue.IssueService;
import io.tracksearch.issue.QueueService;
import io.tracksearch.scroll.ScrollLimits;
import io.tracksearch.scroll.ScrollRegistry;
import io.tracksearch.search.SearchService;
import io.tracksearch.store.IssueStore;
import io.tracksearch.store.lucene.LuceneIssueStore;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * Wires a running server from its settings: the one place that names concrete classes. Tests start
 * it in-process on port 0; {@code tracksearch serve} starts it from the command line.
 */
public final class Application implements AutoCloseable {
    /** Everything needed to start: where to listen, where the data lives, which organization it serves. */
    public record Settings(HttpSettings http, Path dataDirectory, String organizationId, ScrollLimits scrollLimits) {
        public Settings(HttpSettings http, Path dataDirectory, String organizationId) {
            this(http, dataDirectory, organizationId, ScrollLimits.DEFAULT);
        }
    }

    private final IssueStore store;
    private final ScrollRegistry scrolls;
    private final TrackerServer server;
    private final UserRegistry users;

    private Application(IssueStore store, ScrollRegistry scrolls, TrackerServer server, UserRegistry users) {
        this.store = store;
        this.scrolls = scrolls;
        this.server = server;
        this.users = users;
    }

    public static Application start(Settings settings) {
        UserRegistry users = new UserRegistry(settings.dataDirectory());
        IssueStore store = new LuceneIssueStore(settings.dataDirectory().resolve("index"), users);
        // Tokens are signed with a key made at start: scroll contexts do not outlive the process either.
        byte[] scrollSecret = new byte[32];
        new SecureRandom().nextBytes(scrollSecret);
        ScrollRegistry scrolls = new ScrollRegistry(settings.scrollLimits(), scrollSecret, System::currentTimeMillis, true);
        try {
            Clock clock = Clock.systemUTC();
            QueueService queues = new QueueService(store, users);
            IssueService issues = new IssueService(store, users, queues, clock);
            Authenticator authenticator = new Authenticator(users, settings.organizationId());
            TrackerServer server = new TrackerServer(settings.http(), authenticator, users, store, queues, issues,
                    new IssueImporter(store, queues, users), new SearchService(store, users, clock), scrolls).start();
            return new Application(store, scrolls, server, users);
        }
        catch (RuntimeException e) {
            scrolls.close();
            store.close();
            throw e;
        }
    }

    public String url() {
        return server.url();
    }

    public int port() {
        return server.port();
    }

    public UserRegistry users() {
        return users;
    }

    @Override
    public void close() {
        server.close();
        scrolls.close();
        store.close();
    }
}
