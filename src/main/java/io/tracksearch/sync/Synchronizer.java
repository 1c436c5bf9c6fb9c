package io.tracksearch.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracksearch.issue.IssueImporter;
import io.tracksearch.model.User;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One sync pass from a source Tracker into this tracksearch ({@link PassPlan} says which kind): field
 * definitions and queues first, so issues find their queues and custom fields; then the issues page by
 * page. An issue the mirror already holds as it is at the source ({@link Mirror#isCurrent}) costs nothing
 * more; a changed one is fetched with its comments, links and worklog, turned into an export line and
 * stored through the import path. Re-applying an issue replaces it by key, so a page repeated after a
 * crash changes nothing. The checkpoint moves only after the issues it covers are durable.
 * Threads: one pass at a time per instance; the per-issue requests of a page run on a small pool.
 */
public final class Synchronizer implements AutoCloseable {
    private final SourceSettings settings;
    private final Source source;
    private final Mirror mirror;
    private final CheckpointFile checkpoints;
    private final SyncProgress progress;
    private final ExecutorService fetchers;
    /**
     * Source uids already asked for by this instance (copied, gone at the source, or taken here): each user
     * is asked for once per process, which also brings a renamed user's new name on the next run.
     */
    private final Set<Long> askedUsers = new HashSet<>();
    /** Set by {@link #stop()} from another thread; a pass checks it before each page and each changed issue. */
    private volatile boolean stopping;

    /** @param parallelism issues whose comments, links and worklog are fetched at the same time */
    public Synchronizer(SourceSettings settings, SourceClient client, Mirror mirror, CheckpointFile checkpoints, SyncProgress progress,
            int parallelism) {
        this.settings = settings;
        this.source = new Source(client);
        this.mirror = mirror;
        this.checkpoints = checkpoints;
        this.progress = progress;
        this.fetchers = Executors.newFixedThreadPool(parallelism, runnable -> Thread.ofPlatform().daemon().name("sync-fetch").unstarted(runnable));
    }

    /** Runs one pass: a full one when there is no finished first pass or {@code forceFull}, else incremental. */
    public SyncResult run(boolean forceFull) {
        return run(forceFull, false);
    }

    /**
     * Runs one pass; with {@code removeGone}, the issues a full pass finds gone from the source are also
     * removed here (an incremental pass cannot see deletions: a deleted issue is simply not listed).
     */
    public synchronized SyncResult run(boolean forceFull, boolean removeGone) {
        long started = System.nanoTime();
        progress.started();
        Optional<Checkpoint> checkpoint = checkpoints.read(settings.identity());
        PassPlan plan = PassPlan.of(settings, checkpoint, forceFull);
        Pass pass = new Pass(plan, checkpoint.map(Checkpoint::watermark).orElse(0L));
        copyDefinitions(pass);
        Source.ScrollPage page = source.openScroll(plan);
        boolean finished = false;
        try {
            while (true) {
                copy(page, pass);
                if (page.scrollId().isEmpty() || page.issues().isEmpty()) {
                    finished = true;
                    break;
                }
                if (stopping) {
                    throw new SyncException("stopped before the end of the pass; the next run continues from the checkpoint", null);
                }
                page = source.next(page);
            }
        }
        finally {
            if (!finished) {
                source.clear(page);
            }
        }
        if (plan.full()) {
            findGone(pass);
            if (removeGone) {
                pass.gone.forEach(mirror::delete);
                pass.removed = pass.gone.size();
            }
        }
        checkpoints.write(new Checkpoint(settings.identity(), checkpoint.map(Checkpoint::firstPassDone).orElse(false) || plan.full(),
                pass.watermark));
        SyncResult result = new SyncResult(plan.full(), pass.seen, pass.copied, pass.usersAdded, pass.gone, pass.removed, pass.problems,
                Duration.ofNanos(System.nanoTime() - started), pass.watermark);
        progress.finished(result);
        return result;
    }

    /** State of the pass in progress. */
    private static final class Pass {
        final PassPlan plan;
        long watermark;
        long seen;
        long copied;
        long usersAdded;
        long removed;
        final Set<String> keys = new HashSet<>();
        final List<String> gone = new ArrayList<>();
        final List<String> problems = new ArrayList<>();

        Pass(PassPlan plan, long watermark) {
            this.plan = plan;
            this.watermark = watermark;
        }
    }

    private void copyDefinitions(Pass pass) {
        List<JsonNode> queues = source.queues();
        addUsers(queues, pass);
        for (JsonNode queue : queues) {
            mirror.putQueue(queue).ifPresent(pass.problems::add);
        }
        for (JsonNode field : source.fields()) {
            mirror.putField(field, null).ifPresent(pass.problems::add);
        }
        for (JsonNode queue : queues) {
            String key = queue.path("key").asText();
            if (settings.queues().isEmpty() || settings.queues().contains(key)) {
                for (JsonNode field : source.localFields(key)) {
                    mirror.putField(field, key).ifPresent(pass.problems::add);
                }
            }
        }
    }

    private void copy(Source.ScrollPage page, Pass pass) {
        List<JsonNode> changed = new ArrayList<>();
        long pageWatermark = pass.watermark;
        for (JsonNode issue : page.issues()) {
            pass.keys.add(issue.path("key").asText());
            Long updatedAt = Mirror.millis(issue.path("updatedAt"));
            if (updatedAt != null) {
                pageWatermark = Math.max(pageWatermark, updatedAt);
            }
            if (!mirror.isCurrent(issue)) {
                changed.add(issue);
            }
        }
        List<ObjectNode> lines = withObjects(changed, pass, page);
        addUsers(lines, pass);
        if (!lines.isEmpty()) {
            IssueImporter.Result stored = mirror.store(lines);
            pass.copied += stored.imported();
            pass.problems.addAll(stored.problems());
        }
        pass.seen += page.issues().size();
        // sorted pass: everything up to this page's last update is stored; an unsorted one moves it at the end only
        pass.watermark = pageWatermark;
        if (!pass.plan.full()) {
            checkpoints.write(new Checkpoint(settings.identity(), true, pass.watermark));
        }
        progress.page(pass.seen, page.total(), pass.copied);
    }

    /** Export lines of changed issues: the GET shape plus comments, links (not hierarchy ones) and worklog. */
    private List<ObjectNode> withObjects(List<JsonNode> issues, Pass pass, Source.ScrollPage page) {
        List<Future<ObjectNode>> lines = new ArrayList<>(issues.size());
        for (JsonNode issue : issues) {
            lines.add(fetchers.submit(() -> line(issue)));
        }
        List<ObjectNode> result = new ArrayList<>(issues.size());
        for (Future<ObjectNode> line : lines) {
            try {
                result.add(line.get());
                // a page of changed issues takes minutes at a low --rate: show each one as it is fetched
                progress.page(pass.seen + page.issues().size() - issues.size() + result.size(), page.total(), pass.copied + result.size());
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                lines.forEach(pending -> pending.cancel(true));
                throw new SyncException("interrupted", e);
            }
            catch (ExecutionException e) {
                lines.forEach(pending -> pending.cancel(true));
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new SyncException("fetching an issue failed", e.getCause());
            }
        }
        return result;
    }

    private ObjectNode line(JsonNode issue) {
        if (stopping) {   // a page at a low --rate takes minutes: stop between issues, before the page is stored
            throw new SyncException("stopped before the end of the pass; the next run continues from the checkpoint", null);
        }
        ObjectNode line = issue.deepCopy();
        String key = issue.path("key").asText();
        // always asked for: an imported issue may have comments without lastCommentUpdatedAt
        line.set("comments", source.comments(key));
        ArrayNode links = SourceClient.JSON.createArrayNode();
        for (JsonNode link : source.links(key)) {
            String type = link.path("type").path("id").asText();
            if (!type.equals("subtask") && !type.equals("epic")) {   // those are the parent and epic fields
                links.add(link);
            }
        }
        line.set("links", links);
        line.set("worklog", source.worklog(key));
        return line;
    }

    /** Copies the users the values name (with their source uids) that this instance has not asked for yet. */
    private void addUsers(List<? extends JsonNode> values, Pass pass) {
        Set<Long> wanted = new LinkedHashSet<>();
        values.forEach(value -> UserReferences.collect(value, wanted));
        List<User> found = new ArrayList<>();
        for (long uid : wanted) {
            if (!askedUsers.add(uid)) {
                continue;
            }
            Optional<User> user = source.user(uid);
            if (user.isEmpty()) {
                if (!mirror.knowsUser(uid)) {
                    pass.problems.add("user " + uid + " is unknown at the source; shown by uid");
                }
                continue;
            }
            found.add(user.get());
        }
        if (found.isEmpty()) {
            return;
        }
        List<User> refused = mirror.addUsers(found);
        pass.usersAdded += found.size() - refused.size();
        for (User user : refused) {
            pass.problems.add("user " + user.login() + " (uid " + user.uid() + ") not added: its uid or login is taken here");
        }
    }

    /**
     * After a full pass: mirror issues of the scope the listing did not name. Each is asked for once more:
     * 404, or an answer under another key (moved; it came under its new key), means gone; an answer under
     * the same key means it is merely outside a {@code --query}.
     */
    private void findGone(Pass pass) {
        for (String key : mirror.keys(settings.queues())) {
            if (pass.keys.contains(key)) {
                continue;
            }
            Optional<JsonNode> atSource = source.issue(key);
            if (atSource.isEmpty() || !atSource.get().path("key").asText().equals(key)) {
                pass.gone.add(key);
            }
        }
    }

    /** Asks a pass in flight to stop after the page it is storing; later passes run again only in a new instance. */
    public void stop() {
        stopping = true;
    }

    @Override
    public void close() {
        fetchers.shutdownNow();
    }
}
