package io.tracksearch.issue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracksearch.error.ErrorCode;
import io.tracksearch.error.Message;
import io.tracksearch.error.TrackerException;
import io.tracksearch.model.Embedded;
import io.tracksearch.model.Issue;
import io.tracksearch.model.IssueField;
import io.tracksearch.model.IssueLink;
import io.tracksearch.model.LinkType;
import io.tracksearch.model.User;
import io.tracksearch.store.Condition;
import io.tracksearch.store.IssueSort;
import io.tracksearch.store.IssueStore;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Links between issues (Tracker's {@code /issues/{id}/links}). A link is stored on both of its issues
 * with the same id ({@link Embedded#LINKS}), so that every link query ("Depends On", "Block Queue" ...)
 * is one indexed field of the issue it selects. Sub-issue and epic links are the child's {@code parent}
 * and {@code epic} fields: creating or deleting one edits the child, so links and fields never disagree.
 */
public final class LinkService {
    /** At most this many sub-issues and epic members are listed as links of one issue. */
    static final int MAX_CHILD_LINKS = 1000;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final IssueService issues;
    private final IssueStore store;
    private final FieldInput input;
    private final Clock clock;

    public LinkService(IssueService issues, IssueStore store, Clock clock) {
        this.issues = issues;
        this.store = store;
        this.input = new FieldInput(issues.lookups(), FieldInput.Mode.WRITE);
        this.clock = clock;
    }

    /** Every link of an issue: stored links, parent and epic, then its sub-issues and epic members. */
    public List<IssueLink> links(Issue issue) {
        List<IssueLink> links = new ArrayList<>(IssueLink.of(issue));
        Condition children = Condition.or(new Condition.AnyOf(IssueField.PARENT, List.of(issue.key())),
                new Condition.AnyOf(IssueField.EPIC, List.of(issue.key())));
        for (Issue child : store.search(children, IssueSort.BY_KEY, 0, MAX_CHILD_LINKS).issues()) {
            links.addAll(IssueLink.ofChild(child, issue.key()));
        }
        return links;
    }

    public Issue issue(String keyOrId) {
        return issues.get(keyOrId);
    }

    /** Creates a link named by {@code relationship} to {@code issue}; answers it as seen from this issue. */
    public IssueLink create(User caller, String keyOrId, JsonNode body) {
        return create(caller, keyOrId, body, false);
    }

    /** Tracker's link import: as create, with createdAt/createdBy (and updatedAt/updatedBy) kept as given. */
    public IssueLink importLink(User caller, String keyOrId, JsonNode body) {
        return create(caller, keyOrId, body, true);
    }

    private IssueLink create(User caller, String keyOrId, JsonNode body, boolean imported) {
        Values.requireKnownKeys(body, imported ? Set.of("relationship", "issue", "createdAt", "createdBy",
                "updatedAt", "updatedBy") : Set.of("relationship", "issue"));
        LinkType.Side side = relationship(body);
        Issue self = issues.get(keyOrId);
        Issue other = otherIssue(body, self);
        if (side.isHierarchy()) {
            return createHierarchy(caller, self, other, side);
        }
        if (links(self).stream().anyMatch(link -> link.otherKey().equals(other.key()))) {
            throw new TrackerException(ErrorCode.CONFLICT, Message.LINK_EXISTS, self.key(), other.key());
        }
        long now = clock.millis();
        ObjectNode stored = NODES.objectNode();
        stored.put("id", ObjectIds.next());
        stored.put("type", side.type().id());
        stored.put("createdBy", imported ? input.user("createdBy", required(body, "createdBy")) : caller.uid());
        stored.put("createdAt", imported ? FieldInput.instant("createdAt", required(body, "createdAt")) : now);
        stored.put("updatedBy", imported && body.hasNonNull("updatedBy") ? input.user("updatedBy", body.get("updatedBy"))
                : stored.get("createdBy").asLong());
        stored.put("updatedAt", imported && body.hasNonNull("updatedAt") ? FieldInput.instant("updatedAt", body.get("updatedAt"))
                : stored.get("createdAt").asLong());
        ObjectNode mine = stored.deepCopy().put("direction", side.direction().id()).put("issue", other.key());
        ObjectNode theirs = stored.deepCopy().put("direction", side.direction().opposite().id()).put("issue", self.key());
        issues.modify(self.key(), builder -> touch(addLink(builder, mine), caller, imported));
        try {
            issues.modify(other.key(), builder -> touch(addLink(builder, theirs), caller, imported));
        }
        catch (RuntimeException e) {
            // the other side could not be written: take this side back, so no link is half there
            issues.modify(self.key(), builder -> removeLink(builder, mine.get("id").asLong()));
            throw e;
        }
        return IssueLink.of(issues.get(self.key())).stream().filter(link -> link.id() == mine.get("id").asLong())
                .findFirst().orElseThrow();
    }

    /** A sub-issue or epic link: the child's parent or epic field is set. */
    private IssueLink createHierarchy(User caller, Issue self, Issue other, LinkType.Side side) {
        boolean selfIsChild = side.direction() == LinkType.Direction.INWARD;
        Issue child = selfIsChild ? self : other;
        Issue parent = selfIsChild ? other : self;
        IssueField field = side.type() == LinkType.SUBTASK ? IssueField.PARENT : IssueField.EPIC;
        if (parent.key().equals(child.string(field))) {
            throw new TrackerException(ErrorCode.CONFLICT, Message.LINK_EXISTS, self.key(), other.key());
        }
        Issue edited = issues.patch(caller, child.key(), NODES.objectNode().put(field.id(), parent.key()), null);
        List<IssueLink> seen = selfIsChild ? IssueLink.of(edited) : IssueLink.ofChild(edited, self.key());
        return seen.stream().filter(link -> link.side().equals(side) && link.otherKey().equals(other.key()))
                .findFirst().orElseThrow();
    }

    /** Deletes a link from both of its issues (a sub-issue or epic link clears the child's field). */
    public void delete(User caller, String keyOrId, long linkId) {
        Issue self = issues.get(keyOrId);
        IssueLink link = links(self).stream().filter(candidate -> candidate.id() == linkId).findFirst()
                .orElseThrow(() -> new TrackerException(ErrorCode.NOT_FOUND, Message.LINK_NOT_FOUND));
        if (link.side().isHierarchy()) {
            String childKey = link.side().direction() == LinkType.Direction.INWARD ? self.key() : link.otherKey();
            IssueField field = link.side().type() == LinkType.SUBTASK ? IssueField.PARENT : IssueField.EPIC;
            issues.patch(caller, childKey, NODES.objectNode().putNull(field.id()), null);
            return;
        }
        issues.modify(self.key(), builder -> touch(removeLink(builder, linkId), caller, false));
        if (issues.find(link.otherKey()).isPresent()) {
            issues.modify(link.otherKey(), builder -> touch(removeLink(builder, linkId), caller, false));
        }
    }

    private Issue otherIssue(JsonNode body, Issue self) {
        JsonNode given = body.get("issue");
        if (given == null || given.isNull()) {
            throw TrackerException.invalidField("issue", "Field is required");
        }
        String reference = Values.issueReference("issue", given);
        Optional<Issue> other = issues.find(reference);
        if (other.isEmpty()) {
            throw TrackerException.invalidField("issue", "issue '" + reference + "' does not exist");
        }
        if (other.get().key().equals(self.key())) {
            throw TrackerException.invalidField("issue", "an issue cannot be linked to itself");
        }
        return other.get();
    }

    private static LinkType.Side relationship(JsonNode body) {
        JsonNode given = body.get("relationship");
        if (given == null || !given.isTextual()) {
            throw TrackerException.invalidField("relationship", "Field is required");
        }
        return LinkType.relationship(given.asText()).orElseThrow(() -> TrackerException.invalidField("relationship",
                "unknown relationship '" + given.asText() + "'; one of: " + String.join(", ", phrases())));
    }

    private static List<String> phrases() {
        List<String> phrases = new ArrayList<>();
        Arrays.stream(LinkType.values()).forEach(type -> {
            phrases.add(type.outward());
            if (!type.inward().equals(type.outward())) {
                phrases.add(type.inward());
            }
        });
        return phrases;
    }

    private static JsonNode required(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            throw TrackerException.invalidField(field, "Field is required");
        }
        return value;
    }

    private static Issue.Builder addLink(Issue.Builder builder, ObjectNode link) {
        List<ObjectNode> links = new ArrayList<>(Embedded.LINKS.in(builder.build()));
        links.removeIf(existing -> existing.path("id").asLong() == link.path("id").asLong());
        links.add(link);
        Embedded.LINKS.set(builder, links);
        return builder;
    }

    private static Issue.Builder removeLink(Issue.Builder builder, long linkId) {
        List<ObjectNode> links = new ArrayList<>(Embedded.LINKS.in(builder.build()));
        links.removeIf(existing -> existing.path("id").asLong() == linkId);
        Embedded.LINKS.set(builder, links);
        return builder;
    }

    /** A link is a change of the issue: it moves updatedAt/updatedBy (not for imports, which keep history as given). */
    private Issue.Builder touch(Issue.Builder builder, User caller, boolean imported) {
        if (!imported) {
            builder.set(IssueField.UPDATED_AT, clock.millis());
            builder.set(IssueField.UPDATED_BY, caller.uid());
        }
        return builder;
    }
}
