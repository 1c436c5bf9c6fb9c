package io.tracksearch.store.opensearch;

import io.tracksearch.error.ErrorCode;
import io.tracksearch.error.TrackerException;
import io.tracksearch.model.Issue;
import io.tracksearch.model.IssueJson;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch._types.FieldValue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Reading a search answer from its bytes: the issue JSON is cut out exactly (whatever surrounds it and in
 * whatever order the answer's keys come), templates are decoded, sort values keep their types, and an
 * answer from fewer shards than asked, or a hit without its issue, is an error rather than a short page.
 * The HTTP suites read real answers on the OpenSearch backend; this pins the shapes they may not show.
 */
class SearchAnswerTest {
    private static final String ISSUE_A = "{\"id\":\"a1\",\"key\":\"TREK-1\",\"queue\":\"TREK\",\"number\":1,\"version\":1,"
            + "\"summary\":\"braces } and \\\"quotes\\\" in { a text\",\"tags\":[\"x\",\"я\"]}";
    private static final String ISSUE_B = "{\"id\":\"b2\",\"key\":\"TREK-2\",\"queue\":\"TREK\",\"number\":2,\"version\":3,\"summary\":\"two\"}";

    @Test
    void issuesTemplatesTotalAndLastSortValues() throws IOException {
        byte[] template = {12, 0, 1, 2, (byte) 0xff, 'x'};
        String answer = "{\"took\":1,\"timed_out\":false,\"pit_id\":\"pit-7\","
                + "\"hits\":{\"max_score\":null,\"hits\":["
                + "{\"_index\":\"i\",\"_id\":\"TREK-1\",\"_score\":null,\"fields\":{\"other\":[1],\"_template\":[\""
                + Base64.getEncoder().encodeToString(template) + "\"]},\"_source\":{\"issue\":" + ISSUE_A + "},\"sort\":[5,\"k\"]},"
                + "{\"_source\":{\"before\":{\"issue\":{}},\"issue\":" + ISSUE_B + ",\"after\":[1,2]},\"_id\":\"TREK-2\","
                + "\"sort\":[1700000000000,2.5,\"TREK-2\",null,true]}"
                + "],\"total\":{\"value\":42,\"relation\":\"eq\"}},"
                + "\"_shards\":{\"total\":1,\"successful\":1,\"skipped\":0,\"failed\":0}}";
        SearchAnswer read = SearchAnswer.read(answer.getBytes(StandardCharsets.UTF_8));

        assertEquals(42, read.total());
        assertEquals("pit-7", read.pitId());
        assertEquals("TREK-2", read.lastId());
        assertEquals(List.of(FieldValue.of(1700000000000L), FieldValue.of(2.5), FieldValue.of("TREK-2"), FieldValue.NULL,
                FieldValue.of(true)).toString(), read.lastSort().toString());
        List<Issue> issues = read.issues();
        assertArrayEquals(IssueJson.write(IssueJson.read(bytes(ISSUE_A), 0, bytes(ISSUE_A).length)), IssueJson.write(issues.get(0)),
                "the issue as its own JSON reads");
        assertEquals("braces } and \"quotes\" in { a text", issues.get(0).summary());
        assertEquals("TREK-2", issues.get(1).key());
        assertEquals(3, issues.get(1).version());
        assertArrayEquals(template, read.issues().template(0));
        assertNull(read.issues().template(1), "a document written without a template");
    }

    @Test
    void withoutAnyTemplateThePageHasNone() throws IOException {
        String answer = "{\"hits\":{\"total\":{\"value\":1},\"hits\":[{\"_id\":\"TREK-2\",\"_source\":{\"issue\":" + ISSUE_B + "}}]}}";
        SearchAnswer read = SearchAnswer.read(bytes(answer));
        assertNull(read.issues().template(0));
        assertNull(read.pitId());
        assertNull(read.lastSort(), "no sort was asked for");
    }

    @Test
    void anUntrackedTotalIsMinusOne() throws IOException {
        assertEquals(-1, SearchAnswer.read(bytes("{\"hits\":{\"hits\":[]}}")).total());
    }

    @Test
    void failedShardsAreAnErrorNotAShortPage() {
        String answer = "{\"_shards\":{\"total\":3,\"successful\":2,\"failed\":1,\"failures\":[{\"reason\":{\"reason\":\"node left\"}}]},"
                + "\"hits\":{\"total\":{\"value\":9},\"hits\":[]}}";
        TrackerException failure = assertThrows(TrackerException.class, () -> SearchAnswer.read(bytes(answer)));
        assertEquals(ErrorCode.STORE_UNAVAILABLE, failure.code(), "503: the client may retry");
    }

    @Test
    void aHitWithoutItsIssueIsAnError() {
        assertThrows(IOException.class, () -> SearchAnswer.read(bytes("{\"hits\":{\"hits\":[{\"_id\":\"X-1\",\"_source\":{}}]}}")));
        assertThrows(IOException.class, () -> SearchAnswer.read(bytes("[]")));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
