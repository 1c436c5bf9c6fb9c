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
import io.tracksearch.model.User;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Comments of an issue (Tracker's {@code /issues/{id}/comments}): kept in the issue ({@link Embedded#COMMENTS}),
 * so a comment is durable, searchable ("Comment", "Comment Author", "Pending Reply From") and exported
 * with its issue. A comment write is a change of the issue: its version, {@code updatedAt}/{@code updatedBy}
 * (so a mirror that follows "Updated" sees new comments, and the changelog names who wrote) and
 * {@code lastCommentUpdatedAt} move; a comment import keeps the issue's times as they were.
 */
public final class CommentService {
    /** Tracker's limit for a comment's text. */
    static final int MAX_TEXT = 512_000;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final IssueService issues;
    private final FieldInput input;
    private final Clock clock;

    public CommentService(IssueService issues, Clock clock) {
        this.issues = issues;
        this.input = new FieldInput(issues.lookups(), FieldInput.Mode.WRITE);
        this.clock = clock;
    }

    /** The issue and its comments, oldest first. */
    public Issue issue(String keyOrId) {
        return issues.get(keyOrId);
    }

    /** Adds a comment ({@code text}, optional {@code summonees}); the author becomes a follower unless told not to. */
    public Created add(User caller, String keyOrId, JsonNode body, boolean addToFollowers) {
        Values.requireKnownKeys(body, WRITABLE);
        requireNoAttachments(body);
        ObjectNode comment = newComment(caller, text(body, true), summonees(body), clock.millis());
        keepGiven(body, comment);
        Issue issue = issues.modify(keyOrId, builder -> {
            append(builder, comment);
            touch(builder, caller, comment.get("createdAt").asLong());
            if (addToFollowers) {
                Set<Long> followers = new LinkedHashSet<>(builder.build().followers());
                followers.add(caller.uid());
                builder.setUids(IssueField.FOLLOWERS, List.copyOf(followers));
            }
            return builder;
        });
        return new Created(issue, comment);
    }

    /**
     * Tracker's comment import: text, createdAt and createdBy required, updatedAt/updatedBy optional;
     * the times and authors are kept as given.
     */
    public Created importComment(String keyOrId, JsonNode body) {
        text(body, true);
        for (String required : List.of("createdAt", "createdBy")) {
            if (body.path(required).isNull() || body.path(required).isMissingNode()) {
                throw TrackerException.invalidField(required, "Field is required");
            }
        }
        AtomicReference<ObjectNode> stored = new AtomicReference<>();
        Issue issue = issues.modify(keyOrId, builder -> {
            Issue.Builder scratch = builder.build().toBuilder();
            new EmbeddedInput(input).read(scratch, Embedded.COMMENTS, NODES.arrayNode().add(body));
            ObjectNode comment = Embedded.COMMENTS.in(scratch.build()).getFirst();
            if (comment.path("createdAt").asLong() > clock.millis()) {
                throw TrackerException.invalidField("createdAt", "must not be later than the current time");
            }
            stored.set(comment);
            return append(builder, comment);
        });
        return new Created(issue, stored.get());
    }

    /** Changes a comment's text and/or summonees; its version grows by one. */
    public Created edit(User caller, String keyOrId, long commentId, JsonNode body) {
        Values.requireKnownKeys(body, WRITABLE);
        requireNoAttachments(body);
        String text = body.has("text") ? text(body, true) : null;
        List<Long> summonees = body.has("summonees") ? summonees(body) : null;
        AtomicReference<ObjectNode> edited = new AtomicReference<>();
        Issue issue = issues.modify(keyOrId, builder -> {
            List<ObjectNode> comments = new ArrayList<>();
            for (ObjectNode comment : Embedded.COMMENTS.in(builder.build())) {
                if (comment.path("id").asLong() == commentId) {
                    comment = comment.deepCopy();
                    if (text != null) {
                        comment.put("text", text);
                    }
                    if (summonees != null) {
                        comment.remove("summonees");
                        summonees.forEach(comment.putArray("summonees")::add);
                    }
                    keepGiven(body, comment);
                    comment.put("updatedBy", caller.uid());
                    comment.put("updatedAt", clock.millis());
                    comment.put("version", comment.path("version").asLong(1) + 1);
                    edited.set(comment);
                }
                comments.add(comment);
            }
            if (edited.get() == null) {
                throw notFound();
            }
            return touch(setAll(builder, comments), caller, edited.get().get("updatedAt").asLong());
        });
        return new Created(issue, edited.get());
    }

    public void delete(User caller, String keyOrId, long commentId) {
        issues.modify(keyOrId, builder -> {
            List<ObjectNode> comments = new ArrayList<>(Embedded.COMMENTS.in(builder.build()));
            if (!comments.removeIf(comment -> comment.path("id").asLong() == commentId)) {
                throw notFound();
            }
            return touch(setAll(builder, comments), caller, clock.millis());
        });
    }

    private static Issue.Builder touch(Issue.Builder builder, User caller, long now) {
        return builder.set(IssueField.UPDATED_AT, now).set(IssueField.UPDATED_BY, caller.uid());
    }

    /** One comment of an issue. */
    public ObjectNode get(Issue issue, long commentId) {
        return Embedded.COMMENTS.find(issue, commentId).orElseThrow(CommentService::notFound);
    }

    /**
     * Tracker's comment body: text and summonees are read; mailing lists summoned and the markup type are
     * kept as given (there is no mail here to send, but the comment says whom it called); attachments
     * are refused, as on issues.
     */
    private static final Set<String> WRITABLE = Set.of("text", "summonees", "maillistSummonees",
            "markupType", "attachmentIds");

    private static void keepGiven(JsonNode body, ObjectNode comment) {
        for (String kept : List.of("maillistSummonees", "markupType")) {
            if (body.has(kept)) {
                JsonNode value = body.get(kept);
                if (value.isNull()) {
                    comment.remove(kept);
                }
                else if (kept.equals("markupType") ? value.isTextual() : value.isArray() && allText(value)) {
                    comment.set(kept, value);
                }
                else {
                    throw TrackerException.invalidField(kept, kept.equals("markupType") ? "must be a string" : "must be a list of addresses");
                }
            }
        }
    }

    private static boolean allText(JsonNode array) {
        for (JsonNode element : array) {
            if (!element.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static void requireNoAttachments(JsonNode body) {
        JsonNode attachments = body.get("attachmentIds");
        if (attachments != null && !attachments.isNull() && !(attachments.isArray() && attachments.isEmpty())) {
            throw TrackerException.invalidField("attachmentIds", "attachments are not supported");
        }
    }

    /** A new comment in its stored form. */
    static ObjectNode newComment(User caller, String text, List<Long> summonees, long now) {
        ObjectNode comment = NODES.objectNode();
        comment.put("id", ObjectIds.next());
        comment.put("longId", ObjectIds.longId(now));
        comment.put("text", text);
        comment.put("createdBy", caller.uid());
        comment.put("createdAt", now);
        comment.put("updatedBy", caller.uid());
        comment.put("updatedAt", now);
        summonees.forEach(comment.putArray("summonees")::add);
        comment.put("version", 1);
        return comment;
    }

    /** The {@code comment} of a transition's body (a string, or an object with text), or null when there is none. */
    static String transitionComment(JsonNode body) {
        JsonNode given = body.get("comment");
        if (given == null || given.isNull()) {
            return null;
        }
        return text(given.isObject() ? given : NODES.objectNode().set("text", given), true);
    }

    /** An issue after a comment write, and the comment as stored. */
    public record Created(Issue issue, ObjectNode comment) {
    }

    static Issue.Builder append(Issue.Builder builder, ObjectNode comment) {
        List<ObjectNode> comments = new ArrayList<>(Embedded.COMMENTS.in(builder.build()));
        comments.add(comment);
        return setAll(builder, comments);
    }

    /** Stores the comments and keeps {@code lastCommentUpdatedAt} the latest change of any of them. */
    private static Issue.Builder setAll(Issue.Builder builder, List<ObjectNode> comments) {
        Embedded.COMMENTS.set(builder, comments);
        long last = comments.stream().mapToLong(comment -> comment.path("updatedAt").asLong()).max().orElse(0);
        return builder.set(IssueField.LAST_COMMENT_UPDATED_AT, last == 0 ? null : last);
    }

    private static String text(JsonNode body, boolean required) {
        JsonNode text = body.get("text");
        if (text == null || text.isNull() || text.isTextual() && text.asText().isBlank()) {
            if (required) {
                throw TrackerException.invalidField("text", "a comment must have text");
            }
            return null;
        }
        if (!text.isTextual()) {
            throw TrackerException.invalidField("text", "must be a string");
        }
        if (text.asText().length() > MAX_TEXT) {
            throw TrackerException.invalidField("text", "must be at most " + MAX_TEXT + " characters");
        }
        return text.asText();
    }

    private List<Long> summonees(JsonNode body) {
        JsonNode given = body.get("summonees");
        List<Long> uids = new ArrayList<>();
        if (given == null || given.isNull()) {
            return uids;
        }
        for (JsonNode user : given.isArray() ? given : List.of(given)) {
            long uid = input.user("summonees", user);
            if (!uids.contains(uid)) {
                uids.add(uid);
            }
        }
        return uids;
    }

    private static TrackerException notFound() {
        return new TrackerException(ErrorCode.NOT_FOUND, Message.COMMENT_NOT_FOUND);
    }
}
