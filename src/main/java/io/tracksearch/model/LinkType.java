package io.tracksearch.model;

import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of link between two issues. Each link is seen from both of its issues: from the one whose
 * side is {@link Direction#OUTWARD} it reads as {@link #outward()} ("depends on"), from the other as
 * {@link #inward()} ("is dependent by"). Clients name a link by one of these phrases (Tracker's
 * {@code relationship}); the phrase says what the issue the link is created on does to the other.
 *
 * <p>Sub-issue and epic links are the issues' {@code parent} and {@code epic} fields seen as links: the
 * parent is the outward side, so "is parent task for" and "is epic of" are the outward phrases.
 */
public enum LinkType {
    RELATES("relates", "relates", "relates"),
    DEPENDS("depends", "depends on", "is dependent by"),
    DUPLICATES("duplicates", "duplicates", "is duplicated by"),
    /** Decision: "clone" reads "this issue is a clone of the other", "original" the reverse. */
    CLONE("clone", "clone", "original"),
    SUBTASK("subtask", "is parent task for", "is subtask for"),
    EPIC("epic", "is epic of", "has epic");

    /** Which side of a link an issue is on. */
    public enum Direction {
        OUTWARD, INWARD;

        public Direction opposite() {
            return this == OUTWARD ? INWARD : OUTWARD;
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Direction> byId(String id) {
            for (Direction direction : values()) {
                if (direction.id().equals(id)) {
                    return Optional.of(direction);
                }
            }
            return Optional.empty();
        }
    }

    /** A link type seen from one side: what {@code relationship} names. */
    public record Side(LinkType type, Direction direction) {
        public String phrase() {
            return direction == Direction.OUTWARD ? type.outward : type.inward;
        }

        public Side opposite() {
            return new Side(type, direction.opposite());
        }

        /** Whether the link is the parent or epic field of an issue rather than a stored link. */
        public boolean isHierarchy() {
            return type == SUBTASK || type == EPIC;
        }
    }

    private final String id;
    private final String outward;
    private final String inward;

    LinkType(String id, String outward, String inward) {
        this.id = id;
        this.outward = outward;
        this.inward = inward;
    }

    public String id() {
        return id;
    }

    public String outward() {
        return outward;
    }

    public String inward() {
        return inward;
    }

    public static Optional<LinkType> byId(String id) {
        for (LinkType type : values()) {
            if (type.id.equals(id)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** The side a relationship phrase names, case-insensitively ("Depends On" too); empty when none does. */
    public static Optional<Side> relationship(String phrase) {
        String wanted = phrase.strip().toLowerCase(Locale.ROOT);
        for (LinkType type : values()) {
            // relates reads the same from both sides: a relates link is created as outward
            if (type.outward.equals(wanted)) {
                return Optional.of(new Side(type, Direction.OUTWARD));
            }
            if (type.inward.equals(wanted)) {
                return Optional.of(new Side(type, Direction.INWARD));
            }
        }
        return Optional.empty();
    }
}
