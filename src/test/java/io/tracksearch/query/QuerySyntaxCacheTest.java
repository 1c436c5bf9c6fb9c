package io.tracksearch.query;

import io.tracksearch.error.TrackerException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class QuerySyntaxCacheTest {
    @Test
    void aRepeatedTextReusesItsTreeWhichEqualsAFreshParse() {
        String text = "Queue: CACHE1 Status: !Closed \"Sort By\": Updated DESC";
        QueryNode.Query first = QueryLanguage.syntax(text);
        assertSame(first, QueryLanguage.syntax(text));
        assertEquals(QuerySyntax.parse(text), first);
    }

    @Test
    void aSyntaxErrorIsReportedEveryTime() {
        String text = "Queue: (CACHE2";
        TrackerException first = assertThrows(TrackerException.class, () -> QueryLanguage.syntax(text));
        TrackerException second = assertThrows(TrackerException.class, () -> QueryLanguage.syntax(text));
        assertEquals(first.getMessage(), second.getMessage());
    }

    @Test
    void longTextsAreNotKept() {
        String text = "Summary: " + "word ".repeat(QueryLanguage.CACHED_TEXT_LENGTH / 5);
        assertNotSame(QueryLanguage.syntax(text), QueryLanguage.syntax(text));
    }

    @Test
    void theCacheIsBounded() {
        String text = "Queue: CACHE3";
        QueryNode.Query first = QueryLanguage.syntax(text);
        for (int i = 0; i < QueryLanguage.CACHED_QUERIES; i++) {
            QueryLanguage.syntax("Queue: FILL" + i);
        }
        assertNotSame(first, QueryLanguage.syntax(text), "a full cache is emptied");
    }
}
