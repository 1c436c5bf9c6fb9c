package io.tracksearch.store.lucene;

import io.tracksearch.auth.UserRegistry;
import io.tracksearch.model.Issue;
import io.tracksearch.model.IssueField;
import io.tracksearch.store.Condition;
import io.tracksearch.store.ConditionEvaluator;
import io.tracksearch.store.IssueSort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Phrases with || gaps and repeated words (found by the randomized oracle with seed 2854742510629188974):
 * Lucene's ordered intervals merge consecutive equal sub-sources, which let "|| pages || pages" match
 * "a pages pages". Every phrase must select exactly what the in-memory evaluator selects.
 */
class PhraseGapTest {
    @TempDir
    Path directory;

    @Test
    void gapsWithRepeatedWordsMatchLikeTheOracle() {
        String[] texts = {"a pages b pages", "pages a pages", "a pages pages", "a pages pages b", "a pages b c pages d",
                "x pages y pages pages", "pages pages pages", "a pages pages pages", "a b pages pages c pages", "q pages",
                "pages x y pages z pages", "make a map", "make lists"};
        UserRegistry users = new UserRegistry(directory.resolve("users"));
        try (LuceneIssueStore store = new LuceneIssueStore(directory.resolve("index"), users)) {
            List<Issue> issues = new ArrayList<>();
            for (int i = 0; i < texts.length; i++) {
                issues.add(new Issue.Builder().id(String.format("%024d", i)).key("G-" + (i + 1)).version(1)
                        .set(IssueField.SUMMARY, "summary").set(IssueField.DESCRIPTION, texts[i])
                        .set(IssueField.TYPE, "task").set(IssueField.PRIORITY, "normal").set(IssueField.STATUS, "open").build());
            }
            store.importIssues(issues);
            for (String phrase : List.of("|| pages || pages", "pages || pages", "|| pages ||", "|| pages pages", "pages || pages || pages",
                    "|| pages || pages ||", "make ||", "|| || pages")) {
                Condition condition = new Condition.Phrase(IssueField.DESCRIPTION, phrase);
                assertEquals(keys(ConditionEvaluator.search(issues, condition, IssueSort.BY_KEY, users)),
                        keys(store.search(condition, IssueSort.BY_KEY, 0, 100).issues()), phrase);
            }
        }
    }

    private static List<String> keys(List<Issue> issues) {
        return issues.stream().map(Issue::key).toList();
    }
}
