package io.tracksearch.agile;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracksearch.issue.ReferenceResolver;
import io.tracksearch.model.IssueField;
import io.tracksearch.query.SprintLookup;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * How issues and queries name versions, sprints, boards and projects: by id or by name (any case). For
 * create and edit it is the {@link ReferenceResolver} (a version must be of the issue's queue); for
 * queries the {@link SprintLookup} of the board fields. A name shared by several objects names the
 * oldest (lowest id); version names are unique within a queue.
 */
public final class AgileReferences implements ReferenceResolver, SprintLookup {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final AgileObjects objects;

    public AgileReferences(AgileObjects objects) {
        this.objects = objects;
    }

    @Override
    public Optional<ObjectNode> resolve(IssueField field, String queueKey, String idOrName) {
        String wanted = idOrName.strip();
        return switch (field.referencePath()) {
            case "versions" -> find(objects.versions().stream().filter(version -> version.queue().equals(queueKey)).toList(),
                    wanted, Version::id, Version::name);
            case "sprints" -> find(objects.sprints(), wanted, Sprint::id, Sprint::name);
            case "boards" -> find(objects.boards(), wanted, Board::id, Board::name);
            case "projects" -> find(objects.projects(), wanted, Project::id, Project::name);
            default -> Optional.empty();
        };
    }

    @Override
    public List<String> sprintIds(String board, boolean inProgressOnly) {
        String wanted = board.strip();
        List<Long> boards = objects.boards().stream()
                .filter(candidate -> Long.toString(candidate.id()).equals(wanted) || candidate.name().equalsIgnoreCase(wanted))
                .map(Board::id).toList();
        return objects.sprints().stream().filter(sprint -> boards.contains(sprint.board()))
                .filter(sprint -> !inProgressOnly || sprint.status() == Sprint.Status.IN_PROGRESS)
                .map(sprint -> Long.toString(sprint.id())).toList();
    }

    /** By id first, then by name; the stored reference {@code {"id", "display"}}. */
    private static <T> Optional<ObjectNode> find(List<T> candidates, String wanted, ToLongFunction<T> id, Function<T, String> name) {
        Optional<T> found = candidates.stream().filter(candidate -> Long.toString(id.applyAsLong(candidate)).equals(wanted)).findFirst()
                .or(() -> candidates.stream().filter(candidate -> name.apply(candidate).equalsIgnoreCase(wanted)).findFirst());
        return found.map(object -> NODES.objectNode().put("id", Long.toString(id.applyAsLong(object))).put("display", name.apply(object)));
    }
}
