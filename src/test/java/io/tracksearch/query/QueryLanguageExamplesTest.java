package io.tracksearch.query;

import io.tracksearch.model.IssueField;
import io.tracksearch.store.Condition;
import io.tracksearch.store.Condition.AnyOf;
import io.tracksearch.store.Condition.Changed;
import io.tracksearch.store.Condition.TextMatch;
import io.tracksearch.store.Condition.DateRange;
import io.tracksearch.store.Condition.Exists;
import io.tracksearch.store.Condition.MatchAll;
import io.tracksearch.store.Condition.MatchNone;
import io.tracksearch.store.Condition.Not;
import io.tracksearch.store.Condition.NumberRange;
import io.tracksearch.store.Condition.Phrase;
import io.tracksearch.store.Condition.TextEquals;
import io.tracksearch.store.Condition.TextMatch;
import io.tracksearch.store.IssueSort;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.tracksearch.model.IssueField.ASSIGNEE;
import static io.tracksearch.model.IssueField.CREATED_AT;
import static io.tracksearch.model.IssueField.CREATED_BY;
import static io.tracksearch.model.IssueField.DEADLINE;
import static io.tracksearch.model.IssueField.DESCRIPTION;
import static io.tracksearch.model.IssueField.FOLLOWERS;
import static io.tracksearch.model.IssueField.PRIORITY;
import static io.tracksearch.model.IssueField.RESOLUTION;
import static io.tracksearch.model.IssueField.STATUS;
import static io.tracksearch.model.IssueField.SUMMARY;
import static io.tracksearch.query.QueryFixtures.CALLER;
import static io.tracksearch.query.QueryFixtures.CONTEXT;
import static io.tracksearch.query.QueryFixtures.IIVANOV;
import static io.tracksearch.query.QueryFixtures.IVAN;
import static io.tracksearch.query.QueryFixtures.USER3370;
import static io.tracksearch.query.QueryFixtures.VPUPKIN;
import static io.tracksearch.query.QueryFixtures.day;
import static io.tracksearch.query.QueryFixtures.instant;
import static io.tracksearch.query.QueryFixtures.uid;
import static io.tracksearch.store.Condition.and;
import static io.tracksearch.store.Condition.not;
import static io.tracksearch.store.Condition.or;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every example query of spec 8.11, resolved to the whole expected tree (now = Wed 2024-05-15 10:30:45 UTC). */
class QueryLanguageExamplesTest {
    private static final String ME = uid(CALLER);
    private static final long TODAY = day("2024-05-15");
    private static final long DAY = 86_400_000L;

    private static Condition parse(String query) {
        return QueryLanguage.parse(query, CONTEXT).condition();
    }

    private static Optional<IssueSort> sort(String query) {
        return QueryLanguage.parse(query, CONTEXT).sort();
    }

    private static AnyOf anyOf(IssueField field, String... values) {
        return new AnyOf(field, List.of(values));
    }

    private static Condition empty(IssueField field) {
        return not(new Exists(field));
    }

    @Test
    void queueAndAssignee() {
        assertEquals(anyOf(IssueField.QUEUE, "TEST"), parse("\"Queue\": \"TEST\""));
        assertEquals(anyOf(ASSIGNEE, uid(IVAN)), parse("\"Assignee\": \"Ivan Ivanov\""));
        assertEquals(anyOf(CREATED_BY, uid(IVAN)), parse("Author: \"Ivan Ivanov\""));
        assertEquals(anyOf(ASSIGNEE, uid(USER3370)), parse("Assignee: user3370@"));
    }

    @Test
    void listsAreOred() {
        assertEquals(anyOf(STATUS, "open", "inProgress"), parse("\"Status\": \"Open\", \"In Progress\""));
        assertEquals(anyOf(CREATED_BY, uid(VPUPKIN), uid(IIVANOV)), parse("author: \"vpupkin\",\"iivanov\""));
    }

    @Test
    void dateRanges() {
        assertEquals(new DateRange(CREATED_AT, day("2017-01-01"), day("2017-01-31")),
                parse("\"Created\": \"2017-01-01\"..\"2017-01-30\""));
        assertEquals(new DateRange(CREATED_AT, day("2017-01-01"), day("2017-03-03")),
                parse("Created: 01-01-2017 .. 02-03-2017"));
    }

    @Test
    void textOperators() {
        assertEquals(new TextMatch(DESCRIPTION, "This area is familiar to me as the outskirts of China"),
                parse("Description: \"This area is familiar to me as the outskirts of China\""));
        assertEquals(new Phrase(SUMMARY, "Version 2.0"), parse("Summary: #\"Version 2.0\""));
        assertEquals(new Phrase(DESCRIPTION, "Make ||"), parse("Description: #\"Make ||\""));
        assertEquals(not(new TextMatch(SUMMARY, "UI")), parse("Summary: !\"UI\""));
        assertEquals(not(new TextEquals(SUMMARY, "ui update 2.0")), parse("Summary: ~\"UI Update 2.0\""));
    }

    @Test
    void usersByWord() {
        assertEquals(anyOf(FOLLOWERS, uid(IVAN), uid(USER3370)), parse("Followers: Ivan"));
        assertEquals(anyOf(FOLLOWERS, uid(IVAN), uid(USER3370)), parse("Followers: ivan"));
    }

    @Test
    void localFieldsAreUnknown() {
        QueryLanguageErrorsTest.assertError("DEVS.tester: user3370@", "unknown field 'DEVS.tester' at position 1");
        QueryLanguageErrorsTest.assertError("DEVS.\"Lead test engineer\": \"Ivan Ivanov\"",
                "unknown field 'DEVS.Lead test engineer' at position 1");
        QueryLanguageErrorsTest.assertError("DEVS.Test engineer: \"Ivan Ivanov\"", "unknown field 'engineer' at position 11");
    }

    @Test
    void dateArithmeticAndFunctions() {
        assertEquals(new DateRange(CREATED_AT, TODAY - 7 * DAY, null), parse("Created: > today() - \"1w 1d\""));
        assertEquals(and(new DateRange(DEADLINE, null, TODAY + 4 * DAY), new DateRange(DEADLINE, TODAY, null)),
                parse("Deadline: <= today() +3d and deadline: >= today()"));
        assertEquals(new DateRange(DEADLINE, TODAY, TODAY + DAY), parse("Deadline: today()"));
        assertEquals(new DateRange(CREATED_AT, TODAY, TODAY + DAY), parse("Created: today()"));
        assertEquals(new DateRange(CREATED_AT, day("2024-05-13"), day("2024-05-20")), parse("Created: week()"));
        assertEquals(new DateRange(CREATED_AT, day("2024-05-01"), day("2024-06-01")), parse("Created: month()"));
        assertEquals(new DateRange(CREATED_AT, day("2024-04-01"), day("2024-07-01")), parse("Created: quarter()"));
        assertEquals(new DateRange(CREATED_AT, day("2024-01-01"), day("2025-01-01")), parse("Created: year()"));
        assertEquals(new DateRange(CREATED_AT, instant("2024-05-14T22:31:00Z"), null), parse("Created: >now()-12h"));
    }

    @Test
    void emptinessAndMe() {
        assertEquals(empty(ASSIGNEE), parse("Assignee: empty()"));
        assertEquals(new Exists(DEADLINE), parse("Deadline: notEmpty()"));
        assertEquals(anyOf(CREATED_BY, ME), parse("Author: me()"));
        assertEquals(empty(RESOLUTION), parse("Resolution: unresolved()"));
    }

    @Test
    void group() {
        assertEquals(anyOf(ASSIGNEE, uid(IVAN), uid(IIVANOV)), parse("Assignee: group(value: \"Sales department\")"));
    }

    @Test
    void changed() {
        assertEquals(new Changed(STATUS, List.of(), List.of("inProgress"), List.of(uid(IVAN)),
                        day("2017-09-01"), day("2017-09-16")),
                parse("Status: changed(to: \"In Progress\" by: \"Ivan Ivanov\" date: 01.09.2017 .. 15.09.2017)"));
        assertEquals(new Changed(STATUS, List.of(), List.of("inProgress"), List.of(uid(IVAN)),
                        TODAY - 6 * DAY, null),
                parse("Status: changed(to: \"In Progress\" by: \"Ivan Ivanov\" date: >today()-1w)"));
    }

    @Test
    void sortClauses() {
        assertEquals(new ParsedQuery(new MatchAll(),
                        Optional.of(new IssueSort(List.of(new IssueSort.Key(CREATED_AT, false))))),
                QueryLanguage.parse("\"Sort By\": Created", CONTEXT));
        assertEquals(Optional.of(new IssueSort(List.of(new IssueSort.Key(CREATED_AT, false)))),
                sort("\"Sort By\": Created ASC"));
        assertEquals(Optional.of(new IssueSort(List.of(new IssueSort.Key(CREATED_AT, false),
                        new IssueSort.Key(IssueField.UPDATED_AT, true)))),
                sort("\"Sort By\": Created ASC, Updated DESC"));
        assertEquals(Optional.empty(), sort("Author: me()"));
    }

    @Test
    void personalQueries() {
        assertEquals(and(anyOf(CREATED_BY, ME), empty(RESOLUTION)), parse("Author: me() Resolution: empty()"));
        assertEquals(and(anyOf(ASSIGNEE, ME), empty(RESOLUTION)), parse("Assignee: me() Resolution: empty()"));
        assertEquals(and(anyOf(FOLLOWERS, ME), empty(RESOLUTION)), parse("Followers: me() Resolution: empty()"));
        assertEquals(and(anyOf(ASSIGNEE, ME), new DateRange(DEADLINE, day("2024-05-13"), day("2024-05-20"))),
                parse("Assignee: me() Deadline: week()"));
        assertEquals(and(or(anyOf(FOLLOWERS, ME), anyOf(ASSIGNEE, ME), anyOf(CREATED_BY, ME)), empty(RESOLUTION),
                        anyOf(PRIORITY, "blocker", "critical")),
                parse("(Followers: me() OR Assignee: me() OR Author: me()) AND Resolution: empty() AND Priority: Blocker, Critical"));
    }

    @Test
    void comparisonsFromTheParameterTable() {
        assertEquals(new NumberRange(IssueField.STORY_POINTS, 5.0, true, null, false), parse("\"Story Points\": >=5"));
        assertEquals(new NumberRange(IssueField.VOTES, 6.0, false, null, false), parse("\"Votes\": > 6"));
        // work time (WorkDuration): a day is 8 hours
        assertEquals(new NumberRange(IssueField.SPENT, (5 * 8 + 2) * 3_600_000.0 + 30 * 60_000, false, null, false),
                parse("\"Time Spent\": >\"5d 2h 30m\""));
        assertEquals(new NumberRange(IssueField.ORIGINAL_ESTIMATION, null, false, 40 * 3_600_000.0, true),
                parse("\"Original Estimate\": <= 1w"));
        assertEquals(new DateRange(IssueField.LAST_COMMENT_UPDATED_AT, null, instant("2024-05-15T09:30:00Z")),
                parse("\"Last Comment\": < now()-1h"));
        assertEquals(new DateRange(IssueField.UPDATED_AT, day("2017-01-31"), null), parse("\"Updated\": >2017-01-30"));
        assertEquals(new DateRange(IssueField.START, null, day("2017-01-30")), parse("\"Start Date\": <2017-01-30"));
    }

    @Test
    void epicQueryWithSort() {
        ParsedQuery parsed = QueryLanguage.parse("epic: notEmpty() Queue: TREK \"Sort by\": Updated DESC", CONTEXT);
        assertEquals(new ParsedQuery(and(new Exists(IssueField.EPIC), anyOf(IssueField.QUEUE, "TREK")),
                Optional.of(new IssueSort(List.of(new IssueSort.Key(IssueField.UPDATED_AT, true))))), parsed);
    }

    @Test
    void freeTextAndEmptyQuery() {
        assertEquals(new MatchAll(), parse(""));
        assertEquals(new MatchAll(), parse("  \n\t "));
        assertEquals(or(new TextMatch(SUMMARY, "crash"), new TextMatch(DESCRIPTION, "crash")), parse("crash"));
        assertEquals(or(new TextMatch(SUMMARY, "login page"), new TextMatch(DESCRIPTION, "login page")),
                parse("\"login page\""));
    }

    @Test
    void negationsAreAndedWithPositives() {
        assertEquals(not(anyOf(STATUS, "open", "closed")), parse("Status: !Open, !Closed"));
        assertEquals(and(anyOf(PRIORITY, "critical"), not(anyOf(PRIORITY, "blocker"))),
                parse("Priority: Critical, !Blocker"));
        assertEquals(not(anyOf(IssueField.TAGS, "urgent")), parse("Tags: !Urgent"));
    }

    @Test
    void precedence() {
        Condition a = anyOf(IssueField.QUEUE, "TREK");
        Condition b = anyOf(STATUS, "open");
        Condition c = anyOf(ASSIGNEE, ME);
        assertEquals(or(a, and(b, c)), parse("Queue: TREK OR Status: open Assignee: me()"));
        assertEquals(or(a, and(b, c)), parse("Queue: TREK or Status: open and Assignee: me()"));
        assertEquals(or(and(a, b), c), parse("Queue: TREK AND Status: open OR Assignee: me()"));
        assertEquals(and(or(a, b), c), parse("(Queue: TREK OR Status: open) Assignee: me()"));
        assertEquals(and(a, or(b, c)), parse("Queue: TREK (Status: open or Assignee: me())"));
    }

    @Test
    void pseudoFields() {
        assertEquals(or(anyOf(CREATED_BY, ME), anyOf(ASSIGNEE, ME), anyOf(FOLLOWERS, ME)), parse("Related: me()"));
        assertEquals(new TextMatch(IssueField.COMMENT_TEXT, "crash"), parse("Comment: crash"));
        assertEquals(new Condition.Not(new Condition.HistoryText("crash", false)), parse("History: !crash"));
        assertEquals(new Condition.HistoryText("easy as pie", true), parse("History: #\"easy as pie\""));
        assertEquals(anyOf(IssueField.FAVORITED_BY, ME), parse("\"Favorited by\": me()"));
        assertEquals(anyOf(IssueField.COMMENT_AUTHOR, ME), parse("\"Comment Author\": me()"));
        assertEquals(anyOf(IssueField.DEPENDS_ON, "TREK-1"), parse("\"Depends On\": trek-1"));
        assertEquals(anyOf(IssueField.EPIC, "TREK-1"), parse("\"Has Epic\": trek-1"));
        assertEquals(anyOf(IssueField.PARENT, "TREK-1"), parse("\"Is Subtask For\": TREK-1"));
        assertEquals(anyOf(STATUS, "open"), parse("Статус: Open"));
    }
}
