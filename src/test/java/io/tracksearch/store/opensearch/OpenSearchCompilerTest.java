package io.tracksearch.store.opensearch;

import io.tracksearch.model.IssueField;
import io.tracksearch.store.Condition;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The compiler by equality of serialized JSON (STYLE 1.4); the OpenSearch conformance suite checks the meaning. */
class OpenSearchCompilerTest {
    private static String json(Condition condition) {
        return json(condition, TextLayout.ANALYSED_HERE);
    }

    private static String json(Condition condition, TextLayout texts) {
        return PitCursor.queryJson(new OpenSearchCompiler(texts).compile(condition));
    }

    @Test
    void keywordsRangesAndExistence() {
        assertEquals("{\"term\":{\"status\":{\"value\":\"open\"}}}", json(new Condition.AnyOf(IssueField.STATUS, List.of("open"))));
        assertEquals("{\"terms\":{\"tags\":[\"a\",\"b\"]}}", json(new Condition.AnyOf(IssueField.TAGS, List.of("a", "b"))));
        assertEquals("{\"match_none\":{}}", json(new Condition.AnyOf(IssueField.TAGS, List.of())));
        assertEquals("{\"range\":{\"createdAt\":{\"format\":\"epoch_millis\",\"gte\":10,\"lt\":20}}}",
                json(new Condition.DateRange(IssueField.CREATED_AT, 10L, 20L)));
        assertEquals("{\"range\":{\"storyPoints\":{\"gt\":1.0}}}",
                json(new Condition.NumberRange(IssueField.STORY_POINTS, 1.0, false, null, false)));
        assertEquals("{\"bool\":{\"filter\":[{\"match_all\":{}}],\"must_not\":[{\"term\":{\"_has\":{\"value\":\"assignee\"}}}]}}",
                json(Condition.not(new Condition.Exists(IssueField.ASSIGNEE))));
        assertEquals("{\"match_none\":{}}", json(new Condition.Or(List.of())));
        assertEquals("{\"match_all\":{}}", json(new Condition.And(List.of())));
    }

    /** Indexes made before 2026-12-07: the node cuts the words. */
    @Test
    void textConditionsOfIndexesThatAnalyseOnTheNode() {
        TextLayout node = TextLayout.ANALYSED_BY_NODE;
        assertEquals("{\"match\":{\"summary\":{\"operator\":\"and\",\"query\":\"crash export\",\"zero_terms_query\":\"none\"}}}",
                json(new Condition.TextMatch(IssueField.SUMMARY, "crash export"), node));
        assertEquals("{\"match_phrase\":{\"summary.phrase\":{\"query\":\"on export\",\"zero_terms_query\":\"none\"}}}",
                json(new Condition.Phrase(IssueField.SUMMARY, "on export"), node));
        assertEquals("{\"intervals\":{\"summary.phrase\":{\"all_of\":{\"intervals\":["
                        + "{\"match\":{\"max_gaps\":0,\"ordered\":true,\"query\":\"crash\"}},"
                        + "{\"match\":{\"analyzer\":\"keyword\",\"query\":\"\\u0001\"}},"
                        + "{\"match\":{\"max_gaps\":0,\"ordered\":true,\"query\":\"export\"}}],\"max_gaps\":-1,\"ordered\":true}}}}",
                json(new Condition.Phrase(IssueField.SUMMARY, "crash || export"), node));
        assertEquals("{\"match_none\":{}}", json(new Condition.Phrase(IssueField.SUMMARY, " , "), node));
    }

    /** Indexes made since: this server cuts the words (stems and phrase words), the node splits at spaces. */
    @Test
    void textConditions() {
        assertEquals("{\"bool\":{\"filter\":[{\"term\":{\"summary\":{\"value\":\"crash\"}}},{\"term\":{\"summary\":{\"value\":\"export\"}}}]}}",
                json(new Condition.TextMatch(IssueField.SUMMARY, "Crashes EXPORT")));
        assertEquals("{\"term\":{\"description\":{\"value\":\"ошибк\"}}}", json(new Condition.TextMatch(IssueField.DESCRIPTION, "ошибки")));
        assertEquals("{\"match_none\":{}}", json(new Condition.TextMatch(IssueField.SUMMARY, " -- ")));
        assertEquals("{\"match_phrase\":{\"phrase.summary\":{\"analyzer\":\"whitespace\",\"query\":\"on export\"}}}",
                json(new Condition.Phrase(IssueField.SUMMARY, "On Export")));
        assertEquals("{\"term\":{\"phrase.summary\":{\"value\":\"exports\"}}}", json(new Condition.Phrase(IssueField.SUMMARY, "exports")));
        assertEquals("{\"span_near\":{\"clauses\":["
                        + "{\"span_near\":{\"clauses\":[{\"span_term\":{\"phrase.summary\":{\"value\":\"crash\"}}},"
                        + "{\"span_term\":{\"phrase.summary\":{\"value\":\"on\"}}}],\"in_order\":true,\"slop\":0}},"
                        + "{\"span_gap\":{\"phrase.summary\":2}},"
                        + "{\"span_term\":{\"phrase.summary\":{\"value\":\"export\"}}}],\"in_order\":true,\"slop\":2147483647}}",
                json(new Condition.Phrase(IssueField.SUMMARY, "crash on || || export")));
        // gaps at the ends are anchored on the markers around every text's words
        assertEquals("{\"span_near\":{\"clauses\":[{\"span_term\":{\"phrase.summary\":{\"value\":\"\\u0002\"}}},"
                        + "{\"span_gap\":{\"phrase.summary\":1}},"
                        + "{\"span_term\":{\"phrase.summary\":{\"value\":\"export\"}}},"
                        + "{\"span_gap\":{\"phrase.summary\":1}},"
                        + "{\"span_term\":{\"phrase.summary\":{\"value\":\"\\u0003\"}}}],\"in_order\":true,\"slop\":2147483647}}",
                json(new Condition.Phrase(IssueField.SUMMARY, "|| export ||")));
        assertEquals("{\"match_none\":{}}", json(new Condition.Phrase(IssueField.SUMMARY, " , ")));
        assertEquals("{\"term\":{\"exact.summary\":{\"value\":\"=a b\"}}}", json(new Condition.TextEquals(IssueField.SUMMARY, " A   b ")));
    }

    @Test
    void changedMustBeResolvedByTheStoreFirst() {
        assertThrows(IllegalArgumentException.class, () -> new OpenSearchCompiler(TextLayout.ANALYSED_HERE).compile(
                new Condition.Changed(IssueField.STATUS, List.of(), List.of(), List.of(), null, null)));
    }
}
