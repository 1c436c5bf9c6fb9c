package io.tracksearch.model;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A link of an issue as seen from that issue: a stored link ({@link Embedded#LINKS}), or its parent or
 * epic field, or one of its sub-issues or epic members seen from the parent's side.
 *
 * @param side the link's type and the side of it this issue is on
 * @param otherKey the key of the issue at the other end
 */
public record IssueLink(long id, LinkType.Side side, String otherKey, long createdBy, long createdAt, long updatedBy,
        long updatedAt) {

    /** The stored links of an issue, then its parent and epic; sub-issues need a search (see {@link #ofChild}). */
    public static List<IssueLink> of(Issue issue) {
        List<IssueLink> links = new ArrayList<>();
        for (ObjectNode link : Embedded.LINKS.in(issue)) {
            Optional<LinkType> type = LinkType.byId(link.path("type").asText());
            Optional<LinkType.Direction> direction = LinkType.Direction.byId(link.path("direction").asText());
            if (type.isPresent() && direction.isPresent()) {
                links.add(new IssueLink(link.path("id").asLong(), new LinkType.Side(type.get(), direction.get()),
                        link.path("issue").asText(), link.path("createdBy").asLong(), link.path("createdAt").asLong(),
                        link.path("updatedBy").asLong(), link.path("updatedAt").asLong()));
            }
        }
        if (issue.parent() != null) {
            links.add(hierarchy(issue, LinkType.SUBTASK, LinkType.Direction.INWARD, issue.parent()));
        }
        if (issue.epic() != null) {
            links.add(hierarchy(issue, LinkType.EPIC, LinkType.Direction.INWARD, issue.epic()));
        }
        return links;
    }

    /** The links a child gives its parent ({@code parentKey} is its parent, its epic, or both). */
    public static List<IssueLink> ofChild(Issue child, String parentKey) {
        List<IssueLink> links = new ArrayList<>();
        if (parentKey.equals(child.parent())) {
            links.add(hierarchy(child, LinkType.SUBTASK, LinkType.Direction.OUTWARD, child.key()));
        }
        if (parentKey.equals(child.epic())) {
            links.add(hierarchy(child, LinkType.EPIC, LinkType.Direction.OUTWARD, child.key()));
        }
        return links;
    }

    /**
     * A parent or epic field seen as a link. Its id is derived from the child's id and the type, so both
     * sides name it alike and it stays the same while the field does; times are the child's.
     */
    private static IssueLink hierarchy(Issue child, LinkType type, LinkType.Direction direction, String otherKey) {
        return new IssueLink(hierarchyId(child.id(), type), new LinkType.Side(type, direction), otherKey, child.createdBy(),
                child.createdAt(), child.updatedBy(), child.updatedAt());
    }

    /** 48 bits of a digest of the child's id and the type: stable, and apart from the clock-based stored ids. */
    public static long hierarchyId(String childId, LinkType type) {
        byte[] digest = Digests.sha256(childId + "/" + type.id());
        long id = 0;
        for (int i = 0; i < 6; i++) {
            id = id << 8 | (digest[i] & 0xff);
        }
        return id;
    }
}
