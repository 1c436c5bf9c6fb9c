package io.tracksearch.query;

import io.tracksearch.error.ErrorCode;
import io.tracksearch.error.TrackerException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Invalid queries and their exact 400 messages (spec 8.10). */
class QueryLanguageErrorsTest {

    static void assertError(String query, String expected) {
        TrackerException error = assertThrows(TrackerException.class, () -> QueryLanguage.parse(query, QueryFixtures.CONTEXT),
                () -> "expected an error for: " + query);
        assertEquals(ErrorCode.BAD_REQUEST, error.code());
        assertEquals("Invalid query: " + expected, error.getMessage(), () -> "query: " + query);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', textBlock = """
            Status: (open                              => unbalanced parenthesis at position 9
            Status: open)                              => unbalanced parenthesis at position 13
            (Status: open                              => unbalanced parenthesis at position 1
            Created: today(                            => unbalanced parenthesis at position 15
            Status:                                    => missing value after ':' at position 7
            Status: , open                             => missing value after ':' at position 7
            Status: open,                              => missing value after ',' at position 13
            Asignee: me()                              => unknown field 'Asignee' at position 1
            `Filter: 42`                               => filter '42' does not exist at position 9
            `"Time Spent": >abc`                       => invalid duration 'abc' at position 16
            Created: nowww()                           => unknown function 'nowww()' at position 10
            Summary: >abc                              => operator '>' is not applicable to field 'Summary' at position 10
            Status: <open                              => operator '<' is not applicable to field 'Status' at position 9
            Tags: a..b                                 => range is not applicable to field 'Tags' at position 7
            Status: Opn                                => unknown value 'Opn' for field 'Status' at position 9
            `Summary: "Make ||"`                       => '||' is only allowed inside a '#' phrase at position 10
            `Make ||`                                  => '||' is only allowed inside a '#' phrase at position 6
            `Status: open "Sort By": Created foo`      => text after the sort clause at position 33
            `"Sort By": Created Status: open`          => text after the sort clause at position 26
            `"Sort By": Created, Status open`          => text after the sort clause at position 28
            Description: ~abc                          => operator '~' is only applicable to field Summary at position 14
            Status: #open                              => operator '#' is not applicable to field 'Status' at position 9
            Created: yesterday                         => invalid date 'yesterday' at position 10
            Created: 31.02.2017                        => invalid date '31.02.2017' at position 10
            Votes: 5 +1d                               => arithmetic is not applicable to field 'Votes' at position 10
            Votes: many                                => invalid number 'many' at position 8
            Assignee: today()                          => function 'today()' is not applicable to field 'Assignee' at position 11
            Created: me()                              => function 'me()' is not applicable to field 'Created' at position 10
            Status: unresolved()                       => function 'unresolved()' is not applicable to field 'Status' at position 9
            Summary: abc -1d                           => arithmetic is not applicable to field 'Summary' at position 14
            Status: open, , closed                     => missing value after ',' at position 13
            Status: open OR                            => unexpected end of query at position 16
            AND Status: open                           => unexpected 'AND' at position 1
            `Summary: "abc`                            => unterminated string at position 10
            Status: changed(when: today())             => unknown argument 'when' of changed() at position 17
            Created: changed()                         => function 'changed()' is not applicable to field 'Created' at position 10
            Assignee: group(name: x)                   => function group() takes one argument 'value' at position 11
            Assignee: me(x: y)                         => function 'me()' takes no arguments at position 14
            "Sort By": Related                         => field 'Related' is not sortable at position 12
            "Sort By": Unknown                         => unknown field 'Unknown' at position 12
            Status: open : closed                      => unexpected ':' at position 14
            "Favorited by": ivan                       => only me() is allowed for field 'Favorited by' at position 17
            """)
    void invalidQueries(String query, String expected) {
        assertError(query, expected);
    }
}
