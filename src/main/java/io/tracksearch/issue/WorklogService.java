package io.tracksearch.issue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracksearch.error.ErrorCode;
import io.tracksearch.error.Message;
import io.tracksearch.error.TrackerException;
import io.tracksearch.model.Embedded;
import io.tracksearch.model.FieldValues;
import io.tracksearch.model.Issue;
import io.tracksearch.model.IssueField;
import io.tracksearch.model.User;
import io.tracksearch.model.WorkDuration;
import io.tracksearch.store.Condition;
import io.tracksearch.store.IssueSort;
import io.tracksearch.store.IssueStore;
import io.tracksearch.store.Snapshot;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Time spent on issues (Tracker's {@code /issues/{id}/worklog} and {@code /worklog}): entries kept in the
 * issue ({@link Embedded#WORKLOG}); the issue's {@code spent} is kept the sum of their durations, so
 * "Time Spent" queries and sorts see every entry at once.
 */
public final class WorklogService {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int PAGE = 1000;

    private final IssueService issues;
    private final IssueStore store;
    private final FieldInput input;
    private final Clock clock;

    public WorklogService(IssueService issues, IssueStore store, Clock clock) {
        this.issues = issues;
        this.store = store;
        this.input = new FieldInput(issues.lookups(), FieldInput.Mode.WRITE);
        this.clock = clock;
    }

    public Issue issue(String keyOrId) {
        return issues.get(keyOrId);
    }

    /** An issue's entry with the issue it belongs to. */
    public record Entry(Issue issue, ObjectNode entry) {
    }

    /** Adds an entry: {@code duration} required, {@code start} (default now) and {@code comment} optional. */
    public Entry add(User caller, String keyOrId, JsonNode body) {
        Values.requireKnownKeys(body, WRITABLE);
        long now = clock.millis();
        ObjectNode entry = NODES.objectNode();
        entry.put("id", ObjectIds.next());
        entry.put("start", body.hasNonNull("start") ? FieldInput.instant("start", body.get("start")) : now);
        entry.put("duration", duration(body, true));
        String comment = comment(body);
        if (comment != null) {
            entry.put("comment", comment);
        }
        entry.put("createdBy", caller.uid());
        entry.put("createdAt", now);
        entry.put("updatedBy", caller.uid());
        entry.put("updatedAt", now);
        Issue issue = issues.modify(keyOrId, builder -> {
            List<ObjectNode> entries = new ArrayList<>(Embedded.WORKLOG.in(builder.build()));
            entries.add(entry);
            return setAll(builder, entries, caller);
        });
        return new Entry(issue, entry);
    }

    /** What a worklog body may carry (Tracker's add/edit worklog). */
    private static final Set<String> WRITABLE = Set.of("start", "duration", "comment");

    /** Changes an entry's duration, start or comment. */
    public Entry edit(User caller, String keyOrId, long entryId, JsonNode body) {
        Values.requireKnownKeys(body, WRITABLE);
        String duration = body.has("duration") ? duration(body, true) : null;
        Long start = body.hasNonNull("start") ? FieldInput.instant("start", body.get("start")) : null;
        String comment = body.has("comment") ? comment(body) : null;
        AtomicReference<ObjectNode> edited = new AtomicReference<>();
        Issue issue = issues.modify(keyOrId, builder -> {
            List<ObjectNode> entries = new ArrayList<>();
            for (ObjectNode entry : Embedded.WORKLOG.in(builder.build())) {
                if (entry.path("id").asLong() == entryId) {
                    entry = entry.deepCopy();
                    if (duration != null) {
                        entry.put("duration", duration);
                    }
                    if (start != null) {
                        entry.put("start", start);
                    }
                    if (body.has("comment")) {
                        if (comment == null) {
                            entry.remove("comment");
                        }
                        else {
                            entry.put("comment", comment);
                        }
                    }
                    entry.put("updatedBy", caller.uid());
                    entry.put("updatedAt", clock.millis());
                    edited.set(entry);
                }
                entries.add(entry);
            }
            if (edited.get() == null) {
                throw notFound();
            }
            return setAll(builder, entries, caller);
        });
        return new Entry(issue, edited.get());
    }

    public void delete(User caller, String keyOrId, long entryId) {
        issues.modify(keyOrId, builder -> {
            List<ObjectNode> entries = new ArrayList<>(Embedded.WORKLOG.in(builder.build()));
            if (!entries.removeIf(entry -> entry.path("id").asLong() == entryId)) {
                throw notFound();
            }
            return setAll(builder, entries, caller);
        });
    }

    public ObjectNode get(Issue issue, long entryId) {
        return Embedded.WORKLOG.find(issue, entryId).orElseThrow(WorklogService::notFound);
    }

    /**
     * Entries of every issue by author and creation time ({@code GET /v2/worklog}, {@code POST /v2/worklog/_search}):
     * the issues come from the index ("Worklog Author"), their entries are then filtered; oldest first.
     *
     * @param authorGiven login or uid, or null for anyone
     * @param fromGiven, toGiven creation time bounds (date-times), inclusive; null for open
     */
    public List<Entry> search(JsonNode authorGiven, JsonNode fromGiven, JsonNode toGiven) {
        Long author = authorGiven == null || authorGiven.isNull() ? null : input.user("createdBy", authorGiven);
        Long from = time("createdAt.from", fromGiven);
        Long to = time("createdAt.to", toGiven);
        Condition condition = author == null ? new Condition.Exists(IssueField.WORKLOG_AUTHOR)
                : new Condition.AnyOf(IssueField.WORKLOG_AUTHOR, List.of(Long.toString(author)));
        List<Entry> found = new ArrayList<>();
        try (Snapshot snapshot = store.openSnapshot(condition, IssueSort.BY_KEY)) {
            for (long position = 0; position < snapshot.size(); position += PAGE) {
                for (Issue issue : snapshot.read(position, PAGE)) {
                    for (ObjectNode entry : Embedded.WORKLOG.in(issue)) {
                        long createdAt = entry.path("createdAt").asLong();
                        if ((author == null || entry.path("createdBy").asLong() == author)
                                && (from == null || createdAt >= from) && (to == null || createdAt <= to)) {
                            found.add(new Entry(issue, entry));
                        }
                    }
                }
            }
        }
        found.sort(Comparator.comparingLong((Entry entry) -> entry.entry().path("createdAt").asLong())
                .thenComparingLong(entry -> entry.entry().path("id").asLong()));
        return found;
    }

    /** A search bound: a date-time, or a date meaning its start (UTC); a bad one is a 400 (it is a parameter). */
    private static Long time(String parameter, JsonNode given) {
        if (given == null || given.isNull()) {
            return null;
        }
        if (given.isTextual() && given.asText().strip().matches("\\d{4}-\\d{2}-\\d{2}")) {
            return FieldValues.dateMillis(given.asText().strip());
        }
        try {
            return FieldInput.instant(parameter, given);
        }
        catch (TrackerException e) {
            throw TrackerException.invalidParameter(parameter, "must be a date-time like 2017-08-29T12:34:41.740+0000");
        }
    }

    /** Stores the entries, keeps spent their sum, and records the change as the caller's. */
    private Issue.Builder setAll(Issue.Builder builder, List<ObjectNode> entries, User caller) {
        Embedded.WORKLOG.set(builder, entries);
        long total = 0;
        for (ObjectNode entry : entries) {
            total += WorkDuration.parse(entry.path("duration").asText()).orElse(0L);
        }
        builder.set(IssueField.SPENT, entries.isEmpty() ? null : WorkDuration.format(total));
        builder.set(IssueField.UPDATED_AT, clock.millis());
        builder.set(IssueField.UPDATED_BY, caller.uid());
        return builder;
    }

    private static String duration(JsonNode body, boolean required) {
        JsonNode given = body.get("duration");
        if (given == null || given.isNull()) {
            if (required) {
                throw TrackerException.invalidField("duration", "Field is required");
            }
            return null;
        }
        String duration = FieldInput.duration("duration", given);
        if (WorkDuration.parse(duration).orElse(0L) <= 0) {
            throw TrackerException.invalidField("duration", "must be longer than zero");
        }
        return duration;
    }

    private static String comment(JsonNode body) {
        JsonNode given = body.get("comment");
        if (given == null || given.isNull() || given.isTextual() && given.asText().isEmpty()) {
            return null;
        }
        if (!given.isTextual()) {
            throw TrackerException.invalidField("comment", "must be a string");
        }
        return given.asText();
    }

    private static TrackerException notFound() {
        return new TrackerException(ErrorCode.NOT_FOUND, Message.WORKLOG_NOT_FOUND);
    }
}
