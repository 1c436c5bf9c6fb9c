package io.tracksearch.bench;

import java.util.List;

/**
 * The benchmark workload: ten representative searches (filter and query modes, sorted, different
 * selectivities, English and Russian text) and the ~30 % result that is scrolled. Each is written once
 * for the Tracker API and once for OpenSearch; the runner checks that both answer with the same count
 * and the same first page before measuring anything.
 */
public final class Workload {
    private static final String KEY_ORDER = "{\"queue\":\"asc\"},{\"number\":\"asc\"}";

    private Workload() {
    }

    static String sort(String... leading) {
        StringBuilder sort = new StringBuilder("[");
        for (String field : leading) {
            sort.append(field).append(',');
        }
        return sort.append(KEY_ORDER).append(']').toString();
    }

    static String query(String trackerQuery) {
        return "{\"query\":" + Json.quote(trackerQuery) + "}";
    }

    public static final List<QuerySpec> SEARCHES = List.of(
            new QuerySpec("all-by-updated", "every issue, last updated first (filter mode, ~100 %)",
                    "{\"filter\":{},\"order\":[\"-updatedAt\"]}",
                    "{\"match_all\":{}}",
                    sort("{\"updatedAt\":\"desc\"}")),
            new QuerySpec("queue-status", "queue CORE, open or in progress (filter mode, ~13 %)",
                    "{\"filter\":{\"queue\":\"CORE\",\"status\":[\"open\",\"inProgress\"]},\"order\":[\"-updatedAt\"]}",
                    "{\"bool\":{\"filter\":[{\"term\":{\"queue\":\"CORE\"}},{\"terms\":{\"status\":[\"open\",\"inProgress\"]}}]}}",
                    sort("{\"updatedAt\":\"desc\"}")),
            new QuerySpec("assignee-unresolved", "busiest assignee, unresolved, by priority (filter mode, ~5 %)",
                    "{\"filter\":{\"assignee\":\"user0001\",\"resolution\":\"empty()\"},\"order\":[\"-priority\"]}",
                    "{\"bool\":{\"filter\":[{\"term\":{\"assignee\":\"user0001\"}}],\"must_not\":[{\"exists\":{\"field\":\"resolution\"}}]}}",
                    sort("{\"priorityOrder\":\"desc\"}")),
            new QuerySpec("queue-open-urgent", "queue WEB, not closed/resolved, critical or blocker (~1.4 %)",
                    query("Queue: WEB Status: !Closed, !Resolved Priority: Critical, Blocker \"Sort By\": Updated DESC"),
                    "{\"bool\":{\"filter\":[{\"term\":{\"queue\":\"WEB\"}},{\"terms\":{\"priority\":[\"critical\",\"blocker\"]}}],"
                            + "\"must_not\":[{\"terms\":{\"status\":[\"closed\",\"resolved\"]}}]}}",
                    sort("{\"updatedAt\":\"desc\"}")),
            new QuerySpec("summary-word-en", "summary has the word crash in any form (~6 %)",
                    query("Summary: crash \"Sort By\": Created DESC"),
                    "{\"match\":{\"summary\":{\"query\":\"crash\",\"operator\":\"and\"}}}",
                    sort("{\"createdAt\":\"desc\"}")),
            new QuerySpec("description-word-ru", "description has the word ошибка in any form (~43 %)",
                    query("Description: ошибка \"Sort By\": Updated DESC"),
                    "{\"match\":{\"description\":{\"query\":\"ошибка\",\"operator\":\"and\"}}}",
                    sort("{\"updatedAt\":\"desc\"}")),
            new QuerySpec("summary-phrase", "summary contains the phrase \"login page\", key order (~3 %)",
                    query("Summary: #\"login page\""),
                    "{\"match_phrase\":{\"summary.words\":\"login page\"}}",
                    sort()),
            new QuerySpec("created-range-type", "bugs created in the first half of 2023 (~2.4 %)",
                    query("Created: 2023-01-01..2023-06-30 Type: Bug \"Sort By\": Created ASC"),
                    "{\"bool\":{\"filter\":[{\"range\":{\"createdAt\":{\"gte\":\"2023-01-01T00:00:00.000Z\",\"lt\":\"2023-07-01T00:00:00.000Z\"}}},"
                            + "{\"term\":{\"type\":\"bug\"}}]}}",
                    sort("{\"createdAt\":\"asc\"}")),
            new QuerySpec("tag-follower", "tag security, followed by a rare user, by deadline (~0.01 %)",
                    query("Tags: security Followers: user0500@ \"Sort By\": Deadline ASC"),
                    "{\"bool\":{\"filter\":[{\"term\":{\"tags\":\"security\"}},{\"term\":{\"followers\":\"user0500\"}}]}}",
                    sort("{\"deadline\":\"asc\"}")),
            new QuerySpec("free-text-unresolved", "free text timeout, unresolved, by priority, update (~22 %)",
                    query("timeout Resolution: empty() \"Sort By\": Priority DESC, Updated DESC"),
                    "{\"bool\":{\"filter\":[{\"bool\":{\"should\":[{\"match\":{\"summary\":{\"query\":\"timeout\",\"operator\":\"and\"}}},"
                            + "{\"match\":{\"description\":{\"query\":\"timeout\",\"operator\":\"and\"}}}],\"minimum_should_match\":1}}],"
                            + "\"must_not\":[{\"exists\":{\"field\":\"resolution\"}}]}}",
                    sort("{\"priorityOrder\":\"desc\"}", "{\"updatedAt\":\"desc\"}")));

    /** The scrolled result: every open issue (exactly 30 % of the generated issues), last updated first. */
    public static final QuerySpec SCROLL = new QuerySpec("open-by-updated", "status open (~30 %), last updated first",
            "{\"filter\":{\"status\":\"open\"},\"order\":[\"-updatedAt\"]}",
            "{\"bool\":{\"filter\":[{\"term\":{\"status\":\"open\"}}]}}",
            sort("{\"updatedAt\":\"desc\"}"));
}
