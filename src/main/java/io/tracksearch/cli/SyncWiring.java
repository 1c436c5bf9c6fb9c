package io.tracksearch.cli;

import io.tracksearch.auth.UserRegistry;
import io.tracksearch.issue.FieldService;
import io.tracksearch.issue.IssueImporter;
import io.tracksearch.issue.QueueService;
import io.tracksearch.store.IssueStore;
import io.tracksearch.sync.CheckpointFile;
import io.tracksearch.sync.Mirror;
import io.tracksearch.sync.SourceClient;
import io.tracksearch.sync.SourceSettings;
import io.tracksearch.sync.SyncProgress;
import io.tracksearch.sync.Synchronizer;

import java.nio.file.Path;

/** Builds a {@link Synchronizer} into a store, for {@code tracksearch sync} and {@code serve --sync-from} alike. */
public final class SyncWiring {
    /** Issues whose comments, links and worklog are fetched at once: enough to hide a hosted source's latency. */
    public static final int DEFAULT_PARALLELISM = 4;

    private SyncWiring() {
    }

    public static Synchronizer synchronizer(SourceSettings source, SourceClient client, IssueStore store, UserRegistry users,
            Path dataDirectory, SyncProgress progress) {
        QueueService queues = new QueueService(store, users);
        Mirror mirror = new Mirror(store, users, new FieldService(store, queues), new IssueImporter(store, queues, users));
        return new Synchronizer(source, client, mirror, new CheckpointFile(dataDirectory), progress, DEFAULT_PARALLELISM);
    }
}
