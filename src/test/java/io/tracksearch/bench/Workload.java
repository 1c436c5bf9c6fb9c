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

    /**
     * Searches outside the ten: other fields (components, story points, deadline, resolved, parent, epic,
     * modifier, resolver), other orders (assignee, status, type, story points, resolved, key descending, update
     * time ascending) and other shapes (negations, OR, empty() and notEmpty(), two words of one field). Measured
     * at one client after the ten and reported apart: the headline figures stay those of the ten, these show
     * whether a speedup holds for searches it was not tuned to.
     */
    public static final List<QuerySpec> OTHER_SEARCHES = List.of(
            new QuerySpec("queue-by-created", "queue CORE, newest first (~31 %)",
                    query("Queue: CORE \"Sort By\": Created DESC"),
                    "{\"bool\":{\"filter\":[{\"term\":{\"queue\":\"CORE\"}}]}}",
                    sort("{\"createdAt\":\"desc\"}")),
            new QuerySpec("queues-open-priority", "queues WEB or MOBILE, open, by priority (~7 %)",
                    query("Queue: WEB, MOBILE Status: open \"Sort By\": Priority DESC"),
                    "{\"bool\":{\"filter\":[{\"terms\":{\"queue\":[\"WEB\",\"MOBILE\"]}},{\"term\":{\"status\":\"open\"}}]}}",
                    sort("{\"priorityOrder\":\"desc\"}")),
            new QuerySpec("assignee-oldest-update", "an assignee's issues, least recently updated first (~5 %)",
                    query("Assignee: user0002@ \"Sort By\": Updated ASC"),
                    "{\"bool\":{\"filter\":[{\"term\":{\"assignee\":\"user0002\"}}]}}",
                    sort("{\"updatedAt\":\"asc\"}")),
            new QuerySpec("unassigned-not-closed", "no assignee, not closed, oldest first (~11 %)",
                    query("Assignee: empty() Status: !closed \"Sort By\": Created ASC"),
                    "{\"bool\":{\"must_not\":[{\"exists\":{\"field\":\"assignee\"}},{\"term\":{\"status\":\"closed\"}}]}}",
                    sort("{\"createdAt\":\"asc\"}")),
            new QuerySpec("two-tags", "both tags performance and regression, key order (~1.1 %)",
                    query("Tags: performance Tags: regression"),
                    "{\"bool\":{\"filter\":[{\"term\":{\"tags\":\"performance\"}},{\"term\":{\"tags\":\"regression\"}}]}}",
                    sort()),
            new QuerySpec("queue-without-tag", "queue DATA without tag security, key descending (~4.5 %)",
                    query("Tags: !security Queue: DATA \"Sort By\": Key DESC"),
                    "{\"bool\":{\"filter\":[{\"term\":{\"queue\":\"DATA\"}}],\"must_not\":[{\"term\":{\"tags\":\"security\"}}]}}",
                    "[{\"queue\":\"desc\"},{\"number\":\"desc\"}]"),
            new QuerySpec("component-type-status", "component Backend, bugs, by status (~4.9 %)",
                    query("Components: Backend Type: bug \"Sort By\": Status ASC"),
                    "{\"bool\":{\"filter\":[{\"term\":{\"components\":\"backend\"}},{\"term\":{\"type\":\"bug\"}}]}}",
                    sort("{\"statusOrder\":\"asc\"}")),
            new QuerySpec("story-points", "story points over 5, by story points (~13 %)",
                    query("\"Story Points\": >5 \"Sort By\": \"Story Points\" DESC"),
                    "{\"bool\":{\"filter\":[{\"range\":{\"storyPoints\":{\"gt\":5}}}]}}",
                    sort("{\"storyPoints\":\"desc\"}")),
            new QuerySpec("deadline-year", "deadline in 2024, latest first (~4.3 %)",
                    query("Deadline: 2024-01-01..2024-12-31 \"Sort By\": Deadline DESC"),
                    "{\"bool\":{\"filter\":[{\"range\":{\"deadline\":{\"gte\":\"2024-01-01\",\"lte\":\"2024-12-31\"}}}]}}",
                    sort("{\"deadline\":\"desc\"}")),
            new QuerySpec("updated-recently", "updated after 2025-06-01 (~10 %)",
                    query("Updated: >2025-06-01 \"Sort By\": Updated DESC"),
                    "{\"bool\":{\"filter\":[{\"range\":{\"updatedAt\":{\"gte\":\"2025-06-02T00:00:00.000Z\"}}}]}}",
                    sort("{\"updatedAt\":\"desc\"}")),
            new QuerySpec("old-blockers", "created before June 2019, blocker, key order (~0.3 %)",
                    query("Created: <2019-06-01 Priority: blocker"),
                    "{\"bool\":{\"filter\":[{\"range\":{\"createdAt\":{\"lt\":\"2019-06-01T00:00:00.000Z\"}}},{\"term\":{\"priority\":\"blocker\"}}]}}",
                    sort()),
            new QuerySpec("resolved-year-fixed", "resolved in 2022 as fixed, latest first (~4.8 %)",
                    query("Resolved: 2022-01-01..2022-12-31 Resolution: fixed \"Sort By\": Resolved DESC"),
                    "{\"bool\":{\"filter\":[{\"range\":{\"resolvedAt\":{\"gte\":\"2022-01-01T00:00:00.000Z\",\"lt\":\"2023-01-01T00:00:00.000Z\"}}},{\"term\":{\"resolution\":\"fixed\"}}]}}",
                    sort("{\"resolvedAt\":\"desc\"}")),
            new QuerySpec("description-two-words", "description has database and timeout, newest first (~19 %)",
                    query("Description: database Description: timeout \"Sort By\": Created DESC"),
                    "{\"bool\":{\"filter\":[{\"match\":{\"description\":{\"query\":\"database\",\"operator\":\"and\"}}},{\"match\":{\"description\":{\"query\":\"timeout\",\"operator\":\"and\"}}}]}}",
                    sort("{\"createdAt\":\"desc\"}")),
            new QuerySpec("summary-word-ru", "summary has the word ошибка, by priority (~1.3 %)",
                    query("Summary: ошибка \"Sort By\": Priority DESC"),
                    "{\"match\":{\"summary\":{\"query\":\"ошибка\",\"operator\":\"and\"}}}",
                    sort("{\"priorityOrder\":\"desc\"}")),
            new QuerySpec("follower-by-assignee", "followed by the busiest user, by assignee (~22 %)",
                    query("Followers: user0001@ \"Sort By\": Assignee ASC"),
                    "{\"bool\":{\"filter\":[{\"term\":{\"followers\":\"user0001\"}}]}}",
                    sort("{\"assignee\":{\"order\":\"asc\",\"missing\":\"_last\"}}")),
            new QuerySpec("status-by-type-created", "in progress, by type then newest (~12 %)",
                    query("Status: inProgress \"Sort By\": Type ASC, Created DESC"),
                    "{\"bool\":{\"filter\":[{\"term\":{\"status\":\"inProgress\"}}]}}",
                    sort("{\"typeOrder\":\"asc\"}", "{\"createdAt\":\"desc\"}")),
            new QuerySpec("has-parent", "has a parent, last updated first (~8 %)",
                    query("Parent: notEmpty() \"Sort By\": Updated DESC"),
                    "{\"bool\":{\"filter\":[{\"exists\":{\"field\":\"parent\"}}]}}",
                    sort("{\"updatedAt\":\"desc\"}")),
            new QuerySpec("queue-has-epic", "queue CORE with an epic, key order (~1.2 %)",
                    query("Epic: notEmpty() Queue: CORE"),
                    "{\"bool\":{\"filter\":[{\"exists\":{\"field\":\"epic\"}},{\"term\":{\"queue\":\"CORE\"}}]}}",
                    sort()),
            new QuerySpec("epics-by-key", "epics, key order (~2 %)",
                    query("Type: epic \"Sort By\": Key ASC"),
                    "{\"bool\":{\"filter\":[{\"term\":{\"type\":\"epic\"}}]}}",
                    sort()),
            new QuerySpec("or-priorities-open", "(critical OR blocker) AND open, last updated first (~6 %)",
                    query("(Priority: critical OR Priority: blocker) AND Status: open \"Sort By\": Updated DESC"),
                    "{\"bool\":{\"filter\":[{\"terms\":{\"priority\":[\"critical\",\"blocker\"]}},{\"term\":{\"status\":\"open\"}}]}}",
                    sort("{\"updatedAt\":\"desc\"}")),
            new QuerySpec("three-negations", "not CORE, not closed, not a bug, newest first (~33 %)",
                    query("Queue: !CORE Status: !closed Type: !bug \"Sort By\": Created DESC"),
                    "{\"bool\":{\"must_not\":[{\"term\":{\"queue\":\"CORE\"}},{\"term\":{\"status\":\"closed\"}},{\"term\":{\"type\":\"bug\"}}]}}",
                    sort("{\"createdAt\":\"desc\"}")),
            new QuerySpec("resolved-by-status", "has a resolution, by status descending (~53 %)",
                    query("Resolution: notEmpty() \"Sort By\": Status DESC, Key ASC"),
                    "{\"bool\":{\"filter\":[{\"exists\":{\"field\":\"resolution\"}}]}}",
                    sort("{\"statusOrder\":\"desc\"}")),
            new QuerySpec("resolver-by-resolved", "resolved by one user, latest first (~1.3 %)",
                    query("Resolver: user0005@ \"Sort By\": Resolved DESC"),
                    "{\"bool\":{\"filter\":[{\"term\":{\"resolvedBy\":\"user0005\"}}]}}",
                    sort("{\"resolvedAt\":\"desc\"}")),
            new QuerySpec("modifier-by-updated", "last changed by one user, last updated first (~3 %)",
                    query("Modifier: user0004@ \"Sort By\": Updated DESC"),
                    "{\"bool\":{\"filter\":[{\"term\":{\"updatedBy\":\"user0004\"}}]}}",
                    sort("{\"updatedAt\":\"desc\"}")),
            new QuerySpec("priority-by-assignee", "minor, by assignee descending (~20 %)",
                    query("Priority: minor \"Sort By\": Assignee DESC"),
                    "{\"bool\":{\"filter\":[{\"term\":{\"priority\":\"minor\"}}]}}",
                    sort("{\"assignee\":{\"order\":\"desc\",\"missing\":\"_last\"}}")),
            new QuerySpec("component-by-key", "component Frontend, key order (~14 %)",
                    query("Components: Frontend \"Sort By\": Key ASC"),
                    "{\"bool\":{\"filter\":[{\"term\":{\"components\":\"frontend\"}}]}}",
                    sort()),
            new QuerySpec("two-catalogs-created", "need info and normal priority, newest first (~2.8 %)",
                    query("Status: needInfo Priority: normal \"Sort By\": Created DESC"),
                    "{\"bool\":{\"filter\":[{\"term\":{\"status\":\"needInfo\"}},{\"term\":{\"priority\":\"normal\"}}]}}",
                    sort("{\"createdAt\":\"desc\"}")));

    /** The scrolled result: every open issue (exactly 30 % of the generated issues), last updated first. */
    public static final QuerySpec SCROLL = new QuerySpec("open-by-updated", "status open (~30 %), last updated first",
            "{\"filter\":{\"status\":\"open\"},\"order\":[\"-updatedAt\"]}",
            "{\"bool\":{\"filter\":[{\"term\":{\"status\":\"open\"}}]}}",
            sort("{\"updatedAt\":\"desc\"}"));
}
