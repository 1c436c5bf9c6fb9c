package io.tracksearch.query;

import io.tracksearch.error.ErrorCode;
import io.tracksearch.error.TrackerException;
import io.tracksearch.model.IssueField;
import io.tracksearch.store.IssueSort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static io.tracksearch.query.FilterParserTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The order parameter of spec 4.4. */
class OrderParserTest {

    private static IssueSort sort(Object... fieldsAndDirections) {
        List<IssueSort.Key> keys = new java.util.ArrayList<>();
        for (int i = 0; i < fieldsAndDirections.length; i += 2) {
            keys.add(new IssueSort.Key((IssueField) fieldsAndDirections[i], (Boolean) fieldsAndDirections[i + 1]));
        }
        return new IssueSort(keys);
    }

    @Test
    void stringsAndArrays() {
        assertEquals(sort(IssueField.UPDATED_AT, false), OrderParser.parse(json("'update'")));
        assertEquals(sort(IssueField.SUMMARY, false), OrderParser.parse(json("['+summary']")));
        assertEquals(sort(IssueField.STATUS, true, IssueField.CREATED_AT, false, IssueField.KEY, false),
                OrderParser.parse(json("'-status, +created,key'")));
        assertEquals(sort(IssueField.RESOLVED_AT, true, IssueField.CREATED_BY, false, IssueField.UPDATED_AT, true),
                OrderParser.parse(json("['-resolved', 'author', '-updated']")));
        assertEquals(sort(IssueField.STORY_POINTS, false), OrderParser.parse(json("'storypoints'")));
        assertEquals(IssueSort.BY_KEY, OrderParser.parse(json("null")));
        assertEquals(IssueSort.BY_KEY, OrderParser.parse(json("''")));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', textBlock = """
            '+staus'                => Unknown field in order: staus
            '-parent'               => Unknown field in order: parent
            ['unique']              => Unknown field in order: unique
            'status,-lastCommentUpdatedAt' => Unknown field in order: lastCommentUpdatedAt
            5                       => order must be a string or an array of strings
            {'field': 'key'}        => order must be a string or an array of strings
            ['key', 5]              => order must be a string or an array of strings
            """)
    void errors(String order, String message) {
        TrackerException error = assertThrows(TrackerException.class, () -> OrderParser.parse(json(order)));
        assertEquals(ErrorCode.BAD_REQUEST, error.code());
        assertEquals(message, error.getMessage());
    }

    @Test
    void querySortUsesDisplayNamesAndIds() {
        assertEquals(sort(IssueField.STORY_POINTS, true, IssueField.CREATED_BY, false, IssueField.UPDATED_AT, false),
                QueryLanguage.parse("\"Sort By\": \"story   points\" desc, author, updatedAt", QueryFixtures.CONTEXT).sort().orElseThrow());
    }
}
