package io.tracksearch.agile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracksearch.error.ErrorCode;
import io.tracksearch.error.Message;
import io.tracksearch.error.TrackerException;
import io.tracksearch.issue.QueueService;
import io.tracksearch.model.Ids;
import io.tracksearch.model.Queue;
import io.tracksearch.model.User;
import io.tracksearch.model.Users;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.tracksearch.agile.AgileInput.isMissing;

/**
 * Creates and lists versions, boards, sprints and projects with Tracker's request shapes:
 * {@code POST /v2/versions} (queue, name; description, startDate, dueDate), {@code POST /v2/boards}
 * (name, defaultQueue; boardType, filter, orderBy, orderAsc, query, useRanking, country),
 * {@code POST /v2/sprints} (name, board {id}, startDate, endDate) and {@code POST /v2/projects} (name,
 * queues; description, lead, status, startDate, endDate). Bad input is a 422 naming the field.
 */
public final class AgileService {
    private static final Set<String> VERSION_FIELDS = Set.of("queue", "name", "description", "startDate", "dueDate",
            "released", "archived");
    private static final Set<String> BOARD_SETTINGS = Set.of("boardType", "filter", "orderBy", "orderAsc", "query",
            "useRanking", "country");
    private static final List<String> BOARD_TYPES = List.of("default", "scrum", "kanban");
    private static final Set<String> BOARD_FIELDS = Stream.concat(BOARD_SETTINGS.stream(), Stream.of("name", "defaultQueue"))
            .collect(Collectors.toUnmodifiableSet());
    /** {@code status} is ours: Tracker starts and releases sprints in its interface; here a client may create one started. */
    private static final Set<String> SPRINT_FIELDS = Set.of("name", "board", "startDate", "endDate", "status");
    /** What PATCH may change; the rest (name, queue, board) is refused by {@link AgileInput#requireKnownFields}. */
    private static final Set<String> VERSION_EDITS = Set.of("description", "startDate", "dueDate", "released", "archived");
    private static final Set<String> SPRINT_EDITS = Set.of("status", "archived", "startDate", "endDate");
    private static final Set<String> PROJECT_FIELDS = Set.of("name", "queues", "description", "lead", "status",
            "startDate", "endDate");

    /**
     * Held while a version is checked for a duplicate name and written, so that two creates in this process
     * cannot both pass the check. Nodes sharing an OpenSearch cluster can still race (no cluster-wide name
     * claim); the cost is two versions of one name, which name resolution then answers with the older.
     */
    private final Object versionNames = new Object();
    private final AgileObjects objects;
    private final QueueService queues;
    private final Users users;
    private final Clock clock;

    public AgileService(AgileObjects objects, QueueService queues, Users users, Clock clock) {
        this.objects = objects;
        this.queues = queues;
        this.users = users;
        this.clock = clock;
    }

    public AgileObjects objects() {
        return objects;
    }

    /**
     * A version of a queue. Names are unique within a queue (409): issues and queries name versions by
     * name, so two of one name could not be told apart.
     */
    public Version createVersion(JsonNode body) {
        synchronized (versionNames) {
            return createVersionChecked(body);
        }
    }

    private Version createVersionChecked(JsonNode body) {
        AgileInput.requireKnownFields(body, VERSION_FIELDS);
        Queue queue = queue(body, "queue");
        String name = AgileInput.name(body, "name");
        String start = AgileInput.date(body, "startDate");
        String due = AgileInput.date(body, "dueDate");
        AgileInput.requireOrdered(start, due, "dueDate");
        boolean released = AgileInput.flag(body, "released");
        boolean archived = AgileInput.flag(body, "archived");
        if (versions(queue.key()).stream().anyMatch(version -> version.name().equalsIgnoreCase(name))) {
            throw new TrackerException(ErrorCode.CONFLICT, Message.VERSION_EXISTS, name, queue.key());
        }
        return objects.create(new Version(0, 1, queue.key(), name, AgileInput.description(body, "description"), start, due,
                released, archived));
    }

    /**
     * Tracker's {@code PATCH /v2/versions/{id}}: description, startDate, dueDate, released, archived. A new
     * name is refused (422): issues keep the {@code {"id", "display"}} they were given and queries match the
     * display, so a rename would leave every issue of the version showing and matching the old name.
     */
    public Version editVersion(String id, Long expectedVersion, JsonNode body) {
        AgileInput.requireKnownFields(body, VERSION_EDITS);
        return objects.update(id, expectedVersion, current -> {
            AgileInput.Dates dates = AgileInput.editedDates(body, "startDate", "dueDate",
                    new AgileInput.Dates(current.startDate(), current.dueDate()), false);
            return new Version(current.id(), current.version(), current.queue(), current.name(),
                    body.has("description") ? AgileInput.description(body, "description") : current.description(), dates.start(), dates.end(),
                    body.has("released") ? AgileInput.flag(body, "released") : current.released(),
                    body.has("archived") ? AgileInput.flag(body, "archived") : current.archived());
        });
    }

    /** The versions of a queue (given by key or id), ordered by id; every version when {@code queue} is null. */
    public List<Version> versions(String queue) {
        if (queue == null) {
            return objects.versions();
        }
        String key = queues.get(queue).key();
        return objects.versions().stream().filter(version -> version.queue().equals(key)).toList();
    }

    public Board createBoard(JsonNode body) {
        AgileInput.requireKnownFields(body, BOARD_FIELDS);
        String name = AgileInput.name(body, "name");
        Queue queue = queue(body, "defaultQueue");
        ObjectNode settings = body.deepCopy();
        settings.retain(BOARD_SETTINGS);
        checkBoardSettings(settings);
        return objects.create(new Board(0, 1, name, queue.key(), settings));
    }

    /**
     * The settings are kept as given, but of the types Tracker documents, so that clients reading them back
     * get what they expect: boardType one of Tracker's three, flags booleans, orderBy and query strings,
     * filter and country objects.
     */
    private static void checkBoardSettings(ObjectNode settings) {
        for (var setting : settings.properties()) {
            String field = setting.getKey();
            JsonNode value = setting.getValue();
            boolean valid = value.isNull() || switch (field) {
                case "boardType" -> value.isTextual() && BOARD_TYPES.contains(value.asText());
                case "orderAsc", "useRanking" -> value.isBoolean();
                case "orderBy", "query" -> value.isTextual();
                default -> value.isObject();   // filter, country
            };
            if (!valid) {
                throw TrackerException.invalidField(field, switch (field) {
                    case "boardType" -> "must be one of " + String.join(", ", BOARD_TYPES);
                    case "orderAsc", "useRanking" -> "must be true or false";
                    case "orderBy", "query" -> "must be a string";
                    default -> "must be an object";
                });
            }
        }
    }

    public Sprint createSprint(User caller, JsonNode body) {
        AgileInput.requireKnownFields(body, SPRINT_FIELDS);
        String name = AgileInput.name(body, "name");
        if (isMissing(body.get("board"))) {
            throw TrackerException.invalidField("board", "Field is required");
        }
        String boardId = AgileInput.reference("board", body.get("board"), "id");
        Board board = Ids.isPositiveNumber(boardId) ? objects.board(Long.parseLong(boardId)).orElse(null) : null;
        if (board == null) {
            throw TrackerException.invalidField("board", "board " + boardId + " does not exist");
        }
        String start = AgileInput.requiredDate(body, "startDate");
        String end = AgileInput.requiredDate(body, "endDate");
        AgileInput.requireOrdered(start, end, "endDate");
        Sprint.Status status = AgileInput.state(body, "status", Sprint.Status.class).orElse(Sprint.Status.DRAFT);
        return objects.create(new Sprint(0, 1, name, board.id(), status, status == Sprint.Status.ARCHIVED, caller.uid(),
                clock.millis(), start, end));
    }

    /**
     * {@code PATCH /v2/sprints/{id}}, ours: Tracker starts and releases sprints in its interface only, but
     * "Sprint In Progress By Board" needs a way to do it. Takes status, archived, startDate, endDate; a new
     * name is refused like a version's (issues keep the name they were given).
     */
    public Sprint editSprint(String id, Long expectedVersion, JsonNode body) {
        AgileInput.requireKnownFields(body, SPRINT_EDITS);
        return objects.updateSprint(id, expectedVersion, current -> {
            AgileInput.Dates dates = AgileInput.editedDates(body, "startDate", "endDate",
                    new AgileInput.Dates(current.startDate(), current.endDate()), true);
            Sprint.Status status = AgileInput.state(body, "status", Sprint.Status.class).orElse(current.status());
            boolean archived = body.has("archived") ? AgileInput.flag(body, "archived") : current.archived() || status == Sprint.Status.ARCHIVED;
            return new Sprint(current.id(), current.version(), current.name(), current.board(), status, archived, current.createdBy(),
                    current.createdAt(), dates.start(), dates.end());
        });
    }

    /** The sprints of a board given in a path; 404 for an unknown board. */
    public List<Sprint> sprints(String board) {
        long id = objects.board(board).id();
        return objects.sprints().stream().filter(sprint -> sprint.board() == id).toList();
    }

    public Project createProject(User caller, JsonNode body) {
        AgileInput.requireKnownFields(body, PROJECT_FIELDS);
        String name = AgileInput.name(body, "name");
        JsonNode given = body.get("queues");
        if (isMissing(given) || given.isArray() && given.isEmpty()) {
            throw TrackerException.invalidField("queues", "Field is required");
        }
        List<String> keys = new ArrayList<>();
        for (JsonNode element : given.isArray() ? given : List.of(given)) {
            String key = queue("queues", element).key();
            if (!keys.contains(key)) {
                keys.add(key);
            }
        }
        Long lead = isMissing(body.get("lead")) ? null : lead(body.get("lead"));
        String start = AgileInput.date(body, "startDate");
        String end = AgileInput.date(body, "endDate");
        AgileInput.requireOrdered(start, end, "endDate");
        Project.Status status = AgileInput.state(body, "status", Project.Status.class).orElse(Project.Status.DRAFT);
        return objects.create(new Project(0, 1, name, AgileInput.description(body, "description"), lead, status, start, end, keys));
    }

    private long lead(JsonNode value) {
        String wanted = AgileInput.reference("lead", value, "login", "id", "uid");
        return users.byLogin(wanted).or(() -> Ids.isUid(wanted) ? users.byUid(Long.parseLong(wanted)) : Optional.empty())
                .orElseThrow(() -> TrackerException.invalidField("lead", "user '" + wanted + "' does not exist")).uid();
    }

    private Queue queue(JsonNode body, String field) {
        if (isMissing(body.get(field))) {
            throw TrackerException.invalidField(field, "Field is required");
        }
        return queue(field, body.get(field));
    }

    /** A queue named by key, id or {key|id}; an unknown one is a 422 on the field, as a bad value of the body. */
    private Queue queue(String field, JsonNode value) {
        String reference = AgileInput.reference(field, value, "key", "id");
        try {
            return queues.get(reference);
        } catch (TrackerException e) {
            if (e.code() != ErrorCode.NOT_FOUND) {
                throw e;
            }
            throw TrackerException.invalidField(field, "queue " + reference + " does not exist");
        }
    }
}
