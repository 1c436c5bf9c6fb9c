package io.tracksearch.model;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * An issue as stored: raw values only (catalogue keys, user uids, epoch milliseconds, ISO dates).
 * References with self URLs and display names are produced when the issue is rendered for a request.
 * Nullable components mean "no value"; lists are never null.
 */
public record Issue(
        String id,
        String key,
        String queue,
        long number,
        long version,
        String summary,
        String description,
        String type,
        String priority,
        String status,
        String previousStatus,
        long statusStartTime,
        String resolution,
        Long resolvedAt,
        Long resolvedBy,
        Long assignee,
        long createdBy,
        long updatedBy,
        long createdAt,
        long updatedAt,
        List<Long> followers,
        List<String> tags,
        List<String> components,
        String parent,
        String epic,
        String deadline,
        String start,
        String end,
        Double storyPoints,
        String unique) {

    public Issue {
        requireNonNull(id, "id is null");
        requireNonNull(key, "key is null");
        requireNonNull(queue, "queue is null");
        requireNonNull(summary, "summary is null");
        requireNonNull(type, "type is null");
        requireNonNull(priority, "priority is null");
        requireNonNull(status, "status is null");
        followers = followers == null ? List.of() : List.copyOf(followers);
        tags = tags == null ? List.of() : List.copyOf(tags);
        components = components == null ? List.of() : List.copyOf(components);
    }

    /** The number part of a key such as {@code TREK-12}. */
    public static long numberOf(String key) {
        return Long.parseLong(key.substring(key.lastIndexOf('-') + 1));
    }

    /** Starts a copy to change a few fields; {@link Builder#build()} makes the new record. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Mutable copy used by create, patch and transitions; keeps the record itself immutable. */
    public static final class Builder {
        public String id, key, queue, summary, description, type, priority, status, previousStatus, resolution;
        public String parent, epic, deadline, start, end, unique;
        public long number, version, statusStartTime, createdBy, updatedBy, createdAt, updatedAt;
        public Long resolvedAt, resolvedBy, assignee;
        public List<Long> followers = List.of();
        public List<String> tags = List.of(), components = List.of();
        public Double storyPoints;

        public Builder() {
        }

        private Builder(Issue issue) {
            id = issue.id; key = issue.key; queue = issue.queue; number = issue.number; version = issue.version;
            summary = issue.summary; description = issue.description; type = issue.type; priority = issue.priority;
            status = issue.status; previousStatus = issue.previousStatus; statusStartTime = issue.statusStartTime;
            resolution = issue.resolution; resolvedAt = issue.resolvedAt; resolvedBy = issue.resolvedBy;
            assignee = issue.assignee; createdBy = issue.createdBy; updatedBy = issue.updatedBy;
            createdAt = issue.createdAt; updatedAt = issue.updatedAt; followers = issue.followers; tags = issue.tags;
            components = issue.components; parent = issue.parent; epic = issue.epic; deadline = issue.deadline;
            start = issue.start; end = issue.end; storyPoints = issue.storyPoints; unique = issue.unique;
        }

        public Issue build() {
            return new Issue(id, key, queue, number, version, summary, description, type, priority, status,
                    previousStatus, statusStartTime, resolution, resolvedAt, resolvedBy, assignee, createdBy,
                    updatedBy, createdAt, updatedAt, followers, tags, components, parent, epic, deadline, start,
                    end, storyPoints, unique);
        }
    }
}
