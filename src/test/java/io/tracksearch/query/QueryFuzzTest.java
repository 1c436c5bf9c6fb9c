package io.tracksearch.query;

import io.tracksearch.error.ErrorCode;
import io.tracksearch.error.TrackerException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random and mutated query strings through the whole pipeline: the only failure allowed is a 400
 * TrackerException, and no single parse may take more than a second.
 */
class QueryFuzzTest {
    private static final int CASES = 100_000;
    private static final long MAX_NANOS_PER_PARSE = 1_000_000_000L;

    static final List<String> EXAMPLES = List.of(
            "\"Queue\": \"TEST\"", "\"Assignee\": \"Ivan Ivanov\"", "\"Status\": \"Open\", \"In Progress\"",
            "\"Created\": \"2017-01-01\"..\"2017-01-30\"", "author: \"vpupkin\",\"iivanov\"",
            "Description: \"This area is familiar to me as the outskirts of China\"", "Summary: #\"Version 2.0\"",
            "Description: #\"Make ||\"", "Summary: !\"UI\"", "Summary: ~\"UI Update 2.0\"", "Assignee: user3370@",
            "Author: \"Ivan Ivanov\"", "Followers: Ivan", "DEVS.tester: user3370@", "DEVS.\"Lead test engineer\": x",
            "Created: 01-01-2017 .. 02-03-2017", "Created: > today() - \"1w 1d\"",
            "Deadline: <= today() +3d and deadline: >= today()", "Deadline: today()", "Created: week()",
            "Created: >now()-12h", "Assignee: empty()", "Deadline: notEmpty()", "Author: me()",
            "Resolution: unresolved()", "Assignee: group(value: \"Sales department\")",
            "Status: changed(to: \"In Progress\" by: \"Ivan Ivanov\" date: 01.09.2017 .. 15.09.2017)",
            "Status: changed(to: \"In Progress\" by: \"Ivan Ivanov\" date: >today()-1w)",
            "\"Sort By\": Created ASC, Updated DESC", "Author: me() Resolution: empty()",
            "(Followers: me() OR Assignee: me() OR Author: me()) AND Resolution: empty() AND Priority: Blocker, Critical",
            "\"Story Points\": >=5", "\"Votes\": > 6", "\"Last Comment\": < now()-1h", "\"Updated\": >2017-01-30",
            "epic: notEmpty() Queue: TREK \"Sort by\": Updated DESC", "crash \"login page\" Tags: !urgent");
    private static final List<String> TOKENS = List.of("(", ")", ":", ",", "..", "...", "!", "#", "~", ">", ">=", "<",
            "<=", "\"", "\\", "today()", "now()", "-1w", "+", "-", " OR ", " AND ", "\"Sort By\":", "||", "me()",
            "group(value: x)", "changed(to: open)", "empty(", "2017-01-30", "31.12.9999", "99999999999999999w",
            "\"99999999999w\"", "Status:", "Created:", "Votes:", "Summary:", " ", "\n", "@", ".", "\u0000", "é",
            "\uD83D\uDE00", "\"1w 2d 3h 4m 5s\"", "Related:", "\"Favorited by\":", "1e308", "-0", "NaN");

    @Test
    void onlyBadRequestsAndFast() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        int rejected = 0;
        for (int i = 0; i < CASES; i++) {
            String query = next(random, i);
            long started = System.nanoTime();
            try {
                QueryLanguage.parse(query, QueryFixtures.CONTEXT);
            } catch (TrackerException e) {
                assertEquals(ErrorCode.BAD_REQUEST, e.code(), () -> "seed " + seed + ", query: " + query);
                assertTrue(e.getMessage().startsWith("Invalid query: "), () -> "seed " + seed + ": " + e.getMessage());
                rejected++;
            } catch (Throwable e) {
                throw new AssertionError("seed " + seed + ", case " + i + ", query: " + abbreviate(query), e);
            }
            long took = System.nanoTime() - started;
            assertTrue(took < MAX_NANOS_PER_PARSE,
                    () -> "seed " + seed + ": " + took / 1_000_000 + " ms for " + abbreviate(query));
        }
        assertTrue(rejected > 0 && rejected < CASES, "seed " + seed + ": the mutations should both pass and fail");
    }

    @Test
    void hugeInputsAreRejectedCleanly() {
        assertBadRequest("(".repeat(50_000) + "a" + ")".repeat(50_000));
        assertBadRequest("(".repeat(QuerySyntax.MAX_DEPTH) + "a" + ")".repeat(QuerySyntax.MAX_DEPTH)
                .replace(")", ") OR (a") + ")");
        assertBadRequest("Assignee: " + "group(value: ".repeat(200) + "x" + ")".repeat(200));
        assertBadRequest("a".repeat(QuerySyntax.MAX_LENGTH + 1));
        // long but legal: a flat list of 5,000 conditions is fine (no recursion on length)
        String flat = "Tags: a OR ".repeat(5_000) + "Tags: b";
        QueryLanguage.parse(flat, QueryFixtures.CONTEXT);
    }

    private static void assertBadRequest(String query) {
        try {
            QueryLanguage.parse(query, QueryFixtures.CONTEXT);
        } catch (TrackerException e) {
            assertEquals(ErrorCode.BAD_REQUEST, e.code());
            return;
        }
        throw new AssertionError("accepted: " + abbreviate(query));
    }

    private static String next(Random random, int i) {
        return switch (i % 5) {
            case 0 -> randomTokens(random);
            case 1 -> randomCharacters(random);
            case 4 -> deepParentheses(random);
            default -> mutate(random, EXAMPLES.get(random.nextInt(EXAMPLES.size())));
        };
    }

    private static String mutate(Random random, String query) {
        StringBuilder text = new StringBuilder(query);
        for (int edits = 1 + random.nextInt(4); edits > 0; edits--) {
            int at = random.nextInt(text.length() + 1);
            switch (random.nextInt(5)) {
                case 0 -> text.insert(at, (char) (32 + random.nextInt(95)));
                case 1 -> {
                    if (at < text.length()) {
                        text.deleteCharAt(at);
                    }
                }
                case 2 -> {
                    if (at < text.length()) {
                        text.setCharAt(at, (char) (32 + random.nextInt(95)));
                    }
                }
                case 3 -> text.insert(at, TOKENS.get(random.nextInt(TOKENS.size())));
                default -> text.insert(at, EXAMPLES.get(random.nextInt(EXAMPLES.size())));
            }
        }
        return text.toString();
    }

    private static String randomTokens(Random random) {
        StringBuilder text = new StringBuilder();
        for (int count = random.nextInt(20); count > 0; count--) {
            text.append(TOKENS.get(random.nextInt(TOKENS.size())));
            if (random.nextBoolean()) {
                text.append(' ');
            }
        }
        return text.toString();
    }

    private static String randomCharacters(Random random) {
        StringBuilder text = new StringBuilder();
        for (int count = random.nextInt(40); count > 0; count--) {
            text.append(random.nextInt(10) == 0 ? (char) random.nextInt(0x500) : (char) (32 + random.nextInt(95)));
        }
        return text.toString();
    }

    private static String deepParentheses(Random random) {
        int depth = random.nextInt(300);
        String inner = EXAMPLES.get(random.nextInt(EXAMPLES.size()));
        String text = "(".repeat(depth) + inner + ")".repeat(random.nextInt(10) == 0 ? depth + 1 : depth);
        return random.nextBoolean() ? text : mutate(random, text);
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "... (" + text.length() + " chars)" : text;
    }
}
