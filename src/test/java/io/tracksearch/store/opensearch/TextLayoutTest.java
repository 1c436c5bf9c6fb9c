package io.tracksearch.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracksearch.model.CustomField;
import io.tracksearch.model.Issue;
import io.tracksearch.model.IssueField;
import io.tracksearch.store.Condition;
import io.tracksearch.store.ConditionEvaluator;
import io.tracksearch.store.IssueSort;
import io.tracksearch.store.RandomIssues;
import io.tracksearch.store.TestUsers;
import io.tracksearch.testing.Backend;
import io.tracksearch.testing.OpenSearchNodes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Both text layouts against the in-memory oracle on a real node: an index made the earlier way (the node
 * cuts the words; its mapping names no layout, as such indexes were made) keeps answering word matches,
 * phrases and gaps as before, and a new index (this server cuts the words) answers them alike. Random
 * word and phrase conditions, phrases with gaps at either end and repeated words, history texts.
 * Set -Doracle.seed=N to replay a failure.
 */
class TextLayoutTest {
    private static final String[] GAP_TEXTS = {"a pages b pages", "pages a pages", "a pages pages", "a pages pages b",
            "a pages b c pages d", "x pages y pages pages", "pages pages pages", "q pages", "make a map", "make lists",
            "Ошибки входа в систему", "ошибка при входе"};
    private static final List<String> GAP_PHRASES = List.of("|| pages || pages", "pages || pages", "|| pages ||",
            "|| pages pages", "pages || pages || pages", "|| pages || pages ||", "make ||", "|| || pages", "a || || pages",
            "ошибки ||", "|| входа || систему");

    @ParameterizedTest
    @EnumSource(TextLayout.class)
    void textConditionsAnswerAsTheOracle(TextLayout layout) throws Exception {
        assumeTrue(Backend.enabled().anyMatch(backend -> backend == Backend.OPENSEARCH), "OpenSearch backend not enabled");
        long seed = Long.getLong("oracle.seed", new Random().nextLong());
        try {
            run(layout, seed);
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("layout " + layout + " failed with seed " + seed + " (rerun with -Doracle.seed=" + seed + ")", e);
        }
    }

    private static void run(TextLayout layout, long seed) throws Exception {
        URI node = OpenSearchNodes.shared().urls().getFirst();
        String index = "tracksearch-layout-" + ProcessHandle.current().pid() + "-" + layout.name().toLowerCase(java.util.Locale.ROOT);
        createAsMadeBefore(node, index, OpenSearchDocuments.issueIndex(1, 0, layout), layout);
        createAsMadeBefore(node, OpenSearchChanges.indexOf(index), OpenSearchChanges.mapping(0, layout), layout);
        OpenSearchIssueStore store = new OpenSearchIssueStore(new OpenSearchIssueStore.Settings(List.of(node), index, 1, 0), TestUsers.DEFAULT);
        try {
            assertEquals(layout, TextLayout.of(NodeHttp.mapping(node, index)), "the store keeps the index's layout");
            Random random = new Random(seed);
            RandomIssues generator = new RandomIssues(random, TestUsers.DEFAULT.uids());
            // a custom text field made after the index: its mapping must follow the index's layout
            CustomField notesField = new CustomField("notes", "notes", null, "Notes", null, CustomField.TYPE_PREFIX + "TextFieldType",
                    false, List.of(), null, null, false, 1);
            store.createField(notesField);
            IssueField notes = notesField.issueField();
            List<Issue> issues = distinctUniques(generator.issues(400));
            for (int i = 0; i < GAP_TEXTS.length; i++) {
                issues.add(new Issue.Builder().id(String.format("%024x", 0xfeed00L + i)).key("G-" + (i + 1)).version(1)
                        .set(IssueField.SUMMARY, "gap text " + i).set(IssueField.DESCRIPTION, GAP_TEXTS[i])
                        .set(notes.id(), JsonNodeFactory.instance.textNode(GAP_TEXTS[GAP_TEXTS.length - 1 - i]))
                        .set(IssueField.TYPE, "task").set(IssueField.PRIORITY, "normal").set(IssueField.STATUS, "open").build());
            }
            store.importIssues(issues);
            List<Condition> conditions = new ArrayList<>();
            GAP_PHRASES.forEach(phrase -> conditions.add(new Condition.Phrase(IssueField.DESCRIPTION, phrase)));
            GAP_PHRASES.forEach(phrase -> conditions.add(new Condition.Phrase(notes, phrase)));
            List.of("pages", "ошибка", "make maps").forEach(words -> conditions.add(new Condition.TextMatch(notes, words)));
            while (conditions.size() < 200) {
                Condition condition = generator.condition(issues, 2);
                if (condition.toString().contains("Text") || condition.toString().contains("Phrase")) {
                    conditions.add(condition);
                }
            }
            for (Condition condition : conditions) {
                assertEquals(keys(ConditionEvaluator.search(issues, condition, IssueSort.BY_KEY, TestUsers.DEFAULT)),
                        keys(store.search(condition, IssueSort.BY_KEY, 0, 1_000).issues()), condition.toString());
            }

            assertEquals(8, store.count(new Condition.TextMatch(notes, "pages")), "the custom field's words are indexed");

            // the history index of the same layout: old words of a summary
            Issue first = store.get("G-1").orElseThrow();
            store.update(first.toBuilder().set(IssueField.SUMMARY, "renamed").set(IssueField.UPDATED_BY, TestUsers.DEFAULT.uids().getFirst())
                    .set(IssueField.UPDATED_AT, RandomIssues.BASE_MILLIS).version(first.version() + 1).build(), first.version());
            assertEquals(List.of("G-1"), keys(store.search(new Condition.HistoryText("gaps text", false), IssueSort.BY_KEY, 0, 10).issues()));
            assertEquals(List.of("G-1"), keys(store.search(new Condition.HistoryText("gap || 0", true), IssueSort.BY_KEY, 0, 10).issues()));
            assertEquals(List.of(), keys(store.search(new Condition.HistoryText("text gap", true), IssueSort.BY_KEY, 0, 10).issues()));
        } finally {
            store.close();
            for (String name : List.of(index, OpenSearchChanges.indexOf(index), index + "-meta")) {
                NodeHttp.request(node, "DELETE", "/" + name, null);
            }
        }
    }

    /** Creates an index; one of the earlier layout gets a mapping without a layout name, as it was made then. */
    private static void createAsMadeBefore(URI node, String name, ObjectNode body, TextLayout layout) throws Exception {
        if (layout == TextLayout.ANALYSED_BY_NODE) {
            ((ObjectNode) body.get("mappings")).remove("_meta");
        }
        HttpResponse<String> created = NodeHttp.request(node, "PUT", "/" + name, body.toString());
        assertTrue(created.statusCode() < 300, created.body());
    }


    private static List<Issue> distinctUniques(List<Issue> issues) {
        List<Issue> distinct = new ArrayList<>();
        Set<String> uniques = new HashSet<>();
        for (Issue issue : issues) {
            if (issue.unique() == null || uniques.add(issue.unique())) {
                distinct.add(issue);
            }
        }
        return distinct;
    }

    private static List<String> keys(List<Issue> issues) {
        return issues.stream().map(Issue::key).toList();
    }
}
