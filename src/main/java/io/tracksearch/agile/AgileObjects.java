package io.tracksearch.agile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracksearch.error.ErrorCode;
import io.tracksearch.error.Message;
import io.tracksearch.error.TrackerException;
import io.tracksearch.model.Ids;
import io.tracksearch.store.StoredObject;
import io.tracksearch.store.StoredObjects;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Versions, boards, sprints and projects as records over the store's {@link StoredObjects}: each record is
 * kept as its JSON without id and version (the store owns those), and read back with them. Unknown
 * properties are ignored on reading, so a later version of a record can add fields to stored objects.
 */
public final class AgileObjects {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final StoredObjects store;

    public AgileObjects(StoredObjects store) {
        this.store = store;
    }

    Version create(Version version) {
        return create(Version.KIND, version, Version.class);
    }

    Board create(Board board) {
        return create(Board.KIND, board, Board.class);
    }

    Sprint create(Sprint sprint) {
        return create(Sprint.KIND, sprint, Sprint.class);
    }

    Project create(Project project) {
        return create(Project.KIND, project, Project.class);
    }

    public List<Version> versions() {
        return list(Version.KIND, Version.class);
    }

    public List<Board> boards() {
        return list(Board.KIND, Board.class);
    }

    public List<Sprint> sprints() {
        return list(Sprint.KIND, Sprint.class);
    }

    public List<Project> projects() {
        return list(Project.KIND, Project.class);
    }

    /** The version with the id given in a path; 404 when there is none (also for an id that is no number). */
    public Version version(String id) {
        return get(Version.KIND, id, Version.class);
    }

    public Board board(String id) {
        return get(Board.KIND, id, Board.class);
    }

    public Sprint sprint(String id) {
        return get(Sprint.KIND, id, Sprint.class);
    }

    public Project project(String id) {
        return get(Project.KIND, id, Project.class);
    }

    /**
     * Changes a version atomically (see {@link StoredObjects#update}); 404 for an unknown id, 409 when
     * {@code expectedVersion} is given and the stored version differs.
     */
    Version update(String id, Long expectedVersion, UnaryOperator<Version> change) {
        return update(Version.KIND, id, expectedVersion, Version.class, change);
    }

    Sprint updateSprint(String id, Long expectedVersion, UnaryOperator<Sprint> change) {
        return update(Sprint.KIND, id, expectedVersion, Sprint.class, change);
    }

    Optional<Board> board(long id) {
        return store.get(Board.KIND, id).map(object -> read(object, Board.class));
    }

    private <T extends Record> T create(String kind, T value, Class<T> type) {
        return read(store.create(kind, value(value)), type);
    }

    private <T extends Record> T update(String kind, String id, Long expectedVersion, Class<T> type, UnaryOperator<T> change) {
        return store.update(kind, parseId(id), stored -> {
            if (expectedVersion != null && expectedVersion != stored.version()) {
                throw new TrackerException(ErrorCode.CONFLICT, Message.VERSION_CONFLICT, stored.version());
            }
            return value(change.apply(read(stored, type)));
        }).map(stored -> read(stored, type)).orElseThrow(AgileObjects::notFound);
    }

    /** A record as stored: its JSON without id and version, which the store owns. */
    private static ObjectNode value(Record value) {
        ObjectNode json = JSON.valueToTree(value);
        json.remove("id");
        json.remove("version");
        return json;
    }

    private <T> List<T> list(String kind, Class<T> type) {
        return store.list(kind).stream().map(object -> read(object, type)).toList();
    }

    private <T> T get(String kind, String id, Class<T> type) {
        return store.get(kind, parseId(id)).map(object -> read(object, type)).orElseThrow(AgileObjects::notFound);
    }

    /** An id given in a path; 404 when it is no id at all, as for an id nothing has. */
    private static long parseId(String id) {
        String wanted = id.strip();
        if (!Ids.isPositiveNumber(wanted)) {
            throw notFound();
        }
        return Long.parseLong(wanted);
    }

    private static TrackerException notFound() {
        return new TrackerException(ErrorCode.NOT_FOUND, Message.OBJECT_NOT_FOUND);
    }

    private static <T> T read(StoredObject object, Class<T> type) {
        ObjectNode json = object.value().deepCopy();
        json.put("id", object.id());
        json.put("version", object.version());
        try {
            return JSON.treeToValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + object.kind() + " " + object.id() + " is unreadable", e);
        }
    }
}
