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
        return PitCursor.queryJson(OpenSearchCompiler.compile(condition));
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

    @Test
    void textConditions() {
        assertEquals("{\"match\":{\"summary\":{\"operator\":\"and\",\"query\":\"crash export\",\"zero_terms_query\":\"none\"}}}",
                json(new Condition.TextMatch(IssueField.SUMMARY, "crash export")));
        assertEquals("{\"match_phrase\":{\"summary.phrase\":{\"query\":\"on export\",\"zero_terms_query\":\"none\"}}}",
                json(new Condition.Phrase(IssueField.SUMMARY, "on export")));
        assertEquals("{\"intervals\":{\"summary.phrase\":{\"all_of\":{\"intervals\":["
                        + "{\"match\":{\"max_gaps\":0,\"ordered\":true,\"query\":\"crash\"}},"
                        + "{\"match\":{\"analyzer\":\"keyword\",\"query\":\"\\u0001\"}},"
                        + "{\"match\":{\"max_gaps\":0,\"ordered\":true,\"query\":\"export\"}}],\"max_gaps\":-1,\"ordered\":true}}}}",
                json(new Condition.Phrase(IssueField.SUMMARY, "crash || export")));
        assertEquals("{\"match_none\":{}}", json(new Condition.Phrase(IssueField.SUMMARY, " , ")));
        assertEquals("{\"term\":{\"exact.summary\":{\"value\":\"=a b\"}}}", json(new Condition.TextEquals(IssueField.SUMMARY, " A   b ")));
    }

    @Test
    void changedMustBeResolvedByTheStoreFirst() {
        assertThrows(IllegalArgumentException.class, () -> OpenSearchCompiler.compile(
                new Condition.Changed(IssueField.STATUS, List.of(), List.of(), List.of(), null, null)));
    }
}
