package io.tracksearch.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What one pass asks the source for.
 * <ul>
 *   <li>Full pass (no checkpoint, or the first pass never finished): the whole scope through an unsorted
 *       scroll, the cheapest listing the source has; afterwards the watermark is the highest
 *       {@code updatedAt} seen, since an issue changed after the scroll opened gets a later one.</li>
 *   <li>Incremental pass: {@code Updated: >= "<watermark - overlap>" "Sort By": Updated ASC} through a
 *       sorted scroll, so the watermark may advance after every page: everything updated up to the page's
 *       last issue is in the mirror.</li>
 * </ul>
 *
 * @param since the lower bound of an incremental pass (epoch millis); empty for a full pass
 */
public record PassPlan(boolean full, Optional<Long> since, String query) {
    private static final DateTimeFormatter QUERY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    public static PassPlan of(SourceSettings source, Optional<Checkpoint> checkpoint, boolean forceFull) {
        String scope = scope(source);
        if (forceFull || checkpoint.isEmpty() || !checkpoint.get().firstPassDone()) {
            return new PassPlan(true, Optional.empty(), scope);
        }
        long since = Math.max(0, checkpoint.get().watermark() - source.overlap().toMillis());
        String updated = "Updated: >= \"" + QUERY_TIME.format(Instant.ofEpochMilli(since)) + "\"";
        String query = (scope == null ? updated : "(" + scope + ") AND " + updated) + " \"Sort By\": Updated ASC";
        return new PassPlan(false, Optional.of(since), query);
    }

    /** The scope as query text ({@code --queue} and {@code --query} together); null for everything. */
    static String scope(SourceSettings source) {
        String queues = source.queues().isEmpty() ? null
                : "Queue: " + source.queues().stream().map(queue -> "\"" + queue + "\"").collect(Collectors.joining(", "));
        if (queues == null) {
            return source.query();
        }
        return source.query() == null ? queues : "(" + queues + ") AND (" + source.query() + ")";
    }

    /** The {@code _search} body of the pass: the query, or no condition for a full pass of everything. */
    ObjectNode body() {
        ObjectNode body = SourceClient.JSON.createObjectNode();
        if (query != null) {
            body.put("query", query);
        }
        return body;
    }

    /** The scroll type: sorted for an incremental pass (the watermark follows the order). */
    String scrollType() {
        return full ? "unsorted" : "sorted";
    }
}
