package io.tracksearch.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tracksearch.error.ErrorCode;
import io.tracksearch.error.TrackerException;
import io.tracksearch.model.IssueField;
import io.tracksearch.store.Condition;
import io.tracksearch.store.Condition.AnyOf;
import io.tracksearch.store.Condition.DateRange;
import io.tracksearch.store.Condition.Exists;
import io.tracksearch.store.Condition.MatchAll;
import io.tracksearch.store.Condition.MatchNone;
import io.tracksearch.store.Condition.NumberRange;
import io.tracksearch.store.Condition.TextMatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static io.tracksearch.model.IssueField.ASSIGNEE;
import static io.tracksearch.model.IssueField.CREATED_AT;
import static io.tracksearch.model.IssueField.STATUS;
import static io.tracksearch.query.QueryFixtures.CALLER;
import static io.tracksearch.query.QueryFixtures.CONTEXT;
import static io.tracksearch.query.QueryFixtures.IVAN;
import static io.tracksearch.query.QueryFixtures.day;
import static io.tracksearch.query.QueryFixtures.instant;
import static io.tracksearch.query.QueryFixtures.uid;
import static io.tracksearch.store.Condition.and;
import static io.tracksearch.store.Condition.not;
import static io.tracksearch.store.Condition.or;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The filter object of spec 4.5: every value form and its errors. */
class FilterParserTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static Condition filter(String json) {
        return FilterParser.parse(json(json), CONTEXT);
    }

    private static AnyOf anyOf(IssueField field, String... values) {
        return new AnyOf(field, List.of(values));
    }

    @Test
    void emptyFilterMatchesAll() {
        assertEquals(new MatchAll(), filter("{}"));
    }

    @Test
    void entriesAreAndedAndArraysOred() {
        assertEquals(and(anyOf(IssueField.QUEUE, "TREK"), anyOf(STATUS, "open", "inProgress")),
                filter("{'queue': 'trek', 'status': ['Open', 'inprogress']}"));
        assertEquals(new MatchNone(), filter("{'status': []}"));
        assertEquals(or(anyOf(ASSIGNEE, uid(IVAN)), not(new Exists(ASSIGNEE))), filter("{'assignee': ['ivan', null]}"));
    }

    @Test
    void functionsAreCaseInsensitiveWithInnerWhitespace() {
        assertEquals(not(new Exists(ASSIGNEE)), filter("{'assignee': 'Empty()'}"));
        assertEquals(not(new Exists(ASSIGNEE)), filter("{'assignee': 'EMPTY( )'}"));
        assertEquals(not(new Exists(ASSIGNEE)), filter("{'assignee': null}"));
        assertEquals(new Exists(ASSIGNEE), filter("{'assignee': 'notEmpty()'}"));
        assertEquals(anyOf(ASSIGNEE, uid(CALLER)), filter("{'assignee': 'me()'}"));
        assertEquals(not(new Exists(IssueField.RESOLUTION)), filter("{'resolution': 'unresolved()'}"));
        assertEquals(new DateRange(CREATED_AT, day("2024-05-15"), day("2024-05-16")), filter("{'created': 'today()'}"));
        assertEquals(new DateRange(IssueField.DEADLINE, day("2024-05-13"), day("2024-05-20")), filter("{'deadline': 'week()'}"));
    }

    @Test
    void literalsAreNotOperators() {
        assertEquals(anyOf(IssueField.TAGS, "!open"), filter("{'tags': '!OPEN'}"));
        assertEquals(new TextMatch(IssueField.SUMMARY, "#crash"), filter("{'summary': '#crash'}"));
    }

    @Test
    void literalMatching() {
        assertEquals(anyOf(IssueField.QUEUE, "TEST"), filter("{'queue': 1}"));
        assertEquals(new MatchNone(), filter("{'queue': 'NOPE'}"));
        assertEquals(anyOf(IssueField.KEY, "TREK-12"), filter("{'key': 'trek-12'}"));
        assertEquals(anyOf(IssueField.PRIORITY, "critical"), filter("{'priority': 4}"));
        assertEquals(anyOf(IssueField.TYPE, "newFeature"), filter("{'type': 'new feature'}"));
        assertEquals(anyOf(IssueField.CREATED_BY, uid(IVAN)), filter("{'author': 11}"));
        assertEquals(anyOf(IssueField.CREATED_BY, uid(IVAN)), filter("{'createdBy': '11'}"));
        assertEquals(anyOf(IssueField.FOLLOWERS, uid(IVAN)), filter("{'followers': 'IVAN IVANOV'}"));
        assertEquals(new MatchNone(), filter("{'followers': 'nobody'}"));
        assertEquals(anyOf(IssueField.COMPONENTS, "backend"), filter("{'components': 7}"));
        assertEquals(anyOf(IssueField.COMPONENTS, "frontend"), filter("{'components': 'Frontend'}"));
        assertEquals(anyOf(IssueField.PARENT, "TREK-1"), filter("{'parent': 'trek-1'}"));
        assertEquals(anyOf(IssueField.UNIQUE, "AbC"), filter("{'unique': 'AbC'}"));
        assertEquals(new TextMatch(IssueField.DESCRIPTION, "crash report"), filter("{'description': 'crash report'}"));
        assertEquals(new NumberRange(IssueField.STORY_POINTS, 2.5, true, 2.5, true), filter("{'storyPoints': 2.5}"));
        assertEquals(new NumberRange(IssueField.VOTES, 3.0, true, 3.0, true), filter("{'votes': '3'}"));
    }

    @Test
    void dates() {
        assertEquals(new DateRange(CREATED_AT, day("2019-03-02"), day("2019-03-03")), filter("{'createdAt': '2019-03-02'}"));
        long instant = instant("2017-06-11T05:16:01.339Z");
        assertEquals(new DateRange(CREATED_AT, instant, instant + 1), filter("{'createdAt': '2017-06-11T05:16:01.339+0000'}"));
        assertEquals(new DateRange(CREATED_AT, instant, instant + 1), filter("{'createdAt': '2017-06-11T05:16:01.339Z'}"));
        assertEquals(new DateRange(CREATED_AT, instant - 339, instant - 338), filter("{'createdAt': '2017-06-11T08:16:01+03:00'}"));
    }

    @Test
    void ranges() {
        assertEquals(new DateRange(CREATED_AT, day("2019-03-02"), null), filter("{'created': {'from': '2019-03-02'}}"));
        assertEquals(new DateRange(CREATED_AT, day("2019-03-02"), day("2019-03-31")),
                filter("{'created': {'from': '2019-03-02', 'to': '2019-03-30'}}"));
        assertEquals(new DateRange(IssueField.UPDATED_AT, null, day("2024-05-16")), filter("{'updated': {'to': 'today()'}}"));
        assertEquals(new NumberRange(IssueField.VOTES, 1.0, true, 5.0, true), filter("{'votes': {'from': 1, 'to': 5}}"));
        assertEquals(new NumberRange(IssueField.VOTES, null, false, 5.0, true), filter("{'votes': {'to': '5'}}"));
        assertEquals(new Exists(IssueField.VOTES), filter("{'votes': {}}"));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', textBlock = """
            {'staus': 'open'}                     => Unknown field in filter: staus
            {'Status': 'open'}                    => Unknown field in filter: Status
            {'favorite': true}                    => Unknown field in filter: favorite
            {'spent': 'long'}                     => Invalid value for field spent in filter: expected a duration, got 'long'
            {'status': 'opened'}                  => Unknown value 'opened' for field status
            {'priority': ['critical', 'huge']}    => Unknown value 'huge' for field priority
            {'resolution': true}                  => Unknown value 'true' for field resolution
            {'createdAt': 'yesterday'}            => Invalid value for field createdAt in filter: expected a date, got 'yesterday'
            {'created': 5}                        => Invalid value for field created in filter: expected a date, got 5
            {'deadline': true}                    => Invalid value for field deadline in filter: expected a date, got true
            {'votes': 'many'}                     => Invalid value for field votes in filter: expected a number, got 'many'
            {'votes': {'from': true}}             => Invalid value for field votes in filter: expected a number, got true
            {'created': {'from': 3}}              => Invalid value for field created in filter: expected a date, got 3
            {'created': {'since': '2019-01-01'}}  => Invalid value for field created in filter: unexpected key 'since' in range
            {'status': {'from': 'open'}}          => Invalid value for field status in filter: a range is allowed only for date and number fields
            {'tags': [['a']]}                     => Invalid value for field tags in filter: nested arrays are not allowed
            {'status': 'me()'}                    => Function me() is not applicable to field status
            {'status': 'unresolved()'}            => Function unresolved() is not applicable to field status
            {'assignee': 'today()'}               => Function today() is not applicable to field assignee
            {'created': {'from': 'me()'}}         => Function me() is not applicable to field created
            """)
    void errors(String filter, String message) {
        TrackerException error = assertThrows(TrackerException.class, () -> filter(filter));
        assertEquals(ErrorCode.BAD_REQUEST, error.code());
        assertEquals(message, error.getMessage());
    }

    @Test
    void filterMustBeAnObject() {
        TrackerException error = assertThrows(TrackerException.class, () -> filter("['status']"));
        assertEquals("filter must be a JSON object", error.getMessage());
    }
}
