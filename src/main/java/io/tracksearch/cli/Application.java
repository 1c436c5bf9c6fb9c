package io.tracksearch.cli;

import io.tracksearch.http.IssueTemplateWriter;
import io.tracksearch.agile.AgileObjects;
import io.tracksearch.agile.AgileReferences;
import io.tracksearch.agile.AgileService;
import io.tracksearch.auth.Authenticator;
import io.tracksearch.auth.UserRegistry;
import io.tracksearch.http.HttpSettings;
import io.tracksearch.http.TrackerServer;
import io.tracksearch.issue.IssueImporter;
import io.tracksearch.issue.IssueService;
import io.tracksearch.issue.QueueService;
import io.tracksearch.scroll.ScrollLimits;
import io.tracksearch.scroll.Scrolls;
import io.tracksearch.search.SearchService;
import io.tracksearch.store.IssueStore;
import io.tracksearch.store.lucene.LuceneIssueStore;
import io.tracksearch.store.opensearch.OpenSearchIssueStore;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleSupplier;

/**
 * Wires a running server from its settings: the one place that names concrete classes. Tests start
 * it in-process on port 0; {@code tracksearch serve} starts it from the command line.
 */
public final class Application implements AutoCloseable {
    /**
     * Everything needed to start: where to listen, where the data lives (users always in
     * {@code dataDirectory}; issues there too, or in OpenSearch when {@code openSearch} is set), which
     * organization it serves, and the key that signs scroll ids and tokens (null: a random key per process,
     * so scrolls continue only on the node that opened them).
     */
    public record Settings(HttpSettings http, Path dataDirectory, String organizationId, ScrollLimits scrollLimits,
            OpenSearchIssueStore.Settings openSearch, byte[] scrollSecret) {
        public Settings(HttpSettings http, Path dataDirectory, String organizationId) {
            this(http, dataDirectory, organizationId, ScrollLimits.DEFAULT);
        }

        public Settings(HttpSettings http, Path dataDirectory, String organizationId, ScrollLimits scrollLimits) {
            this(http, dataDirectory, organizationId, scrollLimits, null, null);
        }
    }

    private final IssueStore store;
    private final Scrolls scrolls;
    private final TrackerServer server;
    private final UserRegistry users;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Application(IssueStore store, Scrolls scrolls, TrackerServer server, UserRegistry users) {
        this.store = store;
        this.scrolls = scrolls;
        this.server = server;
        this.users = users;
    }

    public static Application start(Settings settings) {
        UserRegistry users = new UserRegistry(settings.dataDirectory());
        IssueStore store = settings.openSearch() == null
                ? new LuceneIssueStore(settings.dataDirectory().resolve("index"), users, new IssueTemplateWriter())
                : new OpenSearchIssueStore(settings.openSearch(), users);
        byte[] scrollSecret = settings.scrollSecret();
        if (scrollSecret == null) {
            // a key made at start: scrolls continue only on this process, which is all the embedded store can do
            scrollSecret = new byte[32];
            new SecureRandom().nextBytes(scrollSecret);
        }
        Scrolls scrolls = Scrolls.forStore(store, settings.scrollLimits(), scrollSecret, System::currentTimeMillis);
        try {
            Clock clock = Clock.systemUTC();
            QueueService queues = new QueueService(store, users);
            AgileObjects agileObjects = new AgileObjects(store.objects());
            AgileReferences references = new AgileReferences(agileObjects);
            IssueService issues = new IssueService(store, users, queues, references, clock);
            Authenticator authenticator = new Authenticator(users, settings.organizationId());
            TrackerServer server = new TrackerServer(settings.http(), authenticator, users, store, queues, issues,
                    new AgileService(agileObjects, queues, users, clock), new IssueImporter(store, queues, users),
                    new SearchService(store, users, references, clock), scrolls).start();
            return new Application(store, scrolls, server, users);
        }
        catch (RuntimeException e) {
            scrolls.close();
            store.close();
            throw e;
        }
    }

    /** A gauge in the server's {@code /metrics} (see {@link TrackerServer#gauge}). */
    public void gauge(String name, String description, DoubleSupplier value) {
        server.gauge(name, description, value);
    }

    public String url() {
        return server.url();
    }

    public int port() {
        return server.port();
    }

    /** Every route the server answers, for tests that must cover all of them. */
    public List<TrackerServer.Route> routes() {
        return server.routes();
    }

    /** The store this application runs on (tests read its capabilities). */
    public IssueStore store() {
        return store;
    }

    public UserRegistry users() {
        return users;
    }

    /**
     * Stops accepting, finishes the requests in flight (within the shutdown timeout), then releases the
     * scrolls and closes the store, which commits. Safe to call twice (signal handler and shutdown hook).
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.close();
        scrolls.close();
        store.close();
    }
}
