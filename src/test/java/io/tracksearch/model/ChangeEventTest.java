package io.tracksearch.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What one write records: the changed fields with whole values, the type, the id, the keyword changes. */
class ChangeEventTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static Issue created() {
        return new Issue.Builder().key("TREK-7").id("5f0c1a2b3c4d5e6f708192a3").version(1)
                .set(IssueField.SUMMARY, "Login crashes")
                .set(IssueField.STATUS, "open")
                .setStrings(IssueField.TAGS, List.of("ui"))
                .set(IssueField.CREATED_BY, 1001L).set(IssueField.UPDATED_BY, 1001L)
                .set(IssueField.CREATED_AT, 1_700_000_000_000L).set(IssueField.UPDATED_AT, 1_700_000_000_000L)
                .build();
    }

    private static Issue.Builder edited(Issue issue) {
        return issue.toBuilder().version(issue.version() + 1)
                .set(IssueField.UPDATED_BY, 1002L).set(IssueField.UPDATED_AT, 1_700_000_100_000L);
    }

    @Test
    void creationListsEveryValueButTheEntrysOwnAuthorAndTime() {
        ChangeEvent event = ChangeEvent.between(null, created()).orElseThrow();
        assertEquals(ChangeType.CREATED, event.type());
        assertEquals(List.of("queue", "summary", "status", "tags"), event.fields().stream().map(ChangeEvent.FieldChange::field).toList());
        assertNull(event.fields().getFirst().from());
        assertEquals("TREK", event.fields().getFirst().to().asText());
        assertEquals(1001, event.by());
        assertEquals(1_700_000_000_000L, event.at());
    }

    @Test
    void anEditRecordsOnlyWhatChangedWithWholeValues() {
        Issue before = created();
        Issue after = edited(before).setStrings(IssueField.TAGS, List.of("ui", "hot")).build();
        ChangeEvent event = ChangeEvent.between(before, after).orElseThrow();
        assertEquals(ChangeType.UPDATED, event.type());
        assertEquals(1, event.fields().size());
        assertEquals("[\"ui\"]", event.fields().getFirst().from().toString());
        assertEquals("[\"ui\",\"hot\"]", event.fields().getFirst().to().toString());
        assertEquals(List.of(new Change(IssueField.TAGS, List.of("ui"), List.of("ui", "hot"), 1002, 1_700_000_100_000L)),
                Change.of(event));
        assertEquals(Optional.empty(), ChangeEvent.between(before, edited(before).build()), "only the entry's own fields moved");
    }

    @Test
    void theTypeFollowsWhichFieldsChanged() {
        Issue before = created();
        assertEquals(ChangeType.WORKFLOW, ChangeEvent.between(before, edited(before).set(IssueField.STATUS, "inProgress")
                .set(IssueField.SUMMARY, "also renamed").build()).orElseThrow().type());
        JsonNode oneComment = NODES.arrayNode().add(NODES.objectNode().put("id", 1).put("text", "first"));
        Issue commented = edited(before).set("comments", oneComment).build();
        assertEquals("IssueCommentAdded", ChangeEvent.between(before, commented).orElseThrow().type());
        assertEquals("IssueCommentRemoved", ChangeEvent.between(commented, edited(commented).set("comments", null).build())
                .orElseThrow().type());
        assertEquals("IssueCommentUpdated", ChangeEvent.between(commented, edited(commented)
                .set("comments", NODES.arrayNode().add(NODES.objectNode().put("id", 1).put("text", "edited"))).build()).orElseThrow().type());
        assertTrue(ChangeType.DOCUMENTED.containsAll(List.of(ChangeType.CREATED, ChangeType.UPDATED, ChangeType.WORKFLOW, ChangeType.MOVED,
                "IssueCommentAdded", "IssueCommentRemoved", "IssueCommentUpdated", "IssueWorklogAdded", "IssueLinked")));
    }

    @Test
    void idsNameTheVersionSortWithinAnIssueAndDifferAcrossIssues() {
        Issue first = created();
        ChangeEvent one = ChangeEvent.between(null, first).orElseThrow();
        ChangeEvent two = ChangeEvent.between(first, edited(first).set(IssueField.SUMMARY, "x").build()).orElseThrow();
        assertTrue(one.id().matches("[0-9a-f]{24}"), one.id());
        assertTrue(one.id().compareTo(two.id()) < 0);
        assertEquals(OptionalLong.of(2), ChangeEvent.versionOf(two.id()));
        assertEquals(OptionalLong.empty(), ChangeEvent.versionOf("TREK-7"));
        Issue other = created().toBuilder().key("TREK-8").id("5f0c1a2b3c4d000000000001").build();
        assertNotEquals(one.id(), ChangeEvent.between(null, other).orElseThrow().id());
        Issue imported = created().toBuilder().id("imported-id").build();
        assertTrue(ChangeEvent.between(null, imported).orElseThrow().id().matches("[0-9a-f]{24}"), "any issue id gives a hex id");
    }

    @Test
    void storedJsonReadsBackEqual() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Issue before = created();
        ChangeEvent event = ChangeEvent.between(before, edited(before).remove(IssueField.TAGS).build()).orElseThrow();
        assertEquals(event, json.readValue(json.writeValueAsBytes(event), ChangeEvent.class));
        assertNull(json.readValue(json.writeValueAsBytes(event), ChangeEvent.class).fields().getFirst().to());
    }
}
