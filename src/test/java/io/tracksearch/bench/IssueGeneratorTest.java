package io.tracksearch.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IssueGeneratorTest {
    @Test
    void sameSeedGivesTheSameFiles(@org.junit.jupiter.api.io.TempDir Path directory) throws Exception {
        IssueGenerator.generate(7, 500, directory.resolve("a"));
        IssueGenerator.generate(7, 500, directory.resolve("b"));
        for (String file : new String[] {IssueGenerator.TRACKSEARCH_FILE, IssueGenerator.OPENSEARCH_FILE}) {
            assertArrayEquals(Files.readAllBytes(directory.resolve("a").resolve(file)), Files.readAllBytes(directory.resolve("b").resolve(file)));
        }
        assertEquals(500, Files.readAllLines(directory.resolve("a").resolve(IssueGenerator.TRACKSEARCH_FILE)).size());
        assertEquals(1000, Files.readAllLines(directory.resolve("a").resolve(IssueGenerator.OPENSEARCH_FILE)).size());
    }

    @Test
    void distributionsAreSkewedAsDocumented() {
        IssueGenerator generator = new IssueGenerator(42);
        int n = 50_000;
        Map<String, Integer> queues = new HashMap<>();
        Map<String, Integer> assignees = new HashMap<>();
        int open = 0;
        int russian = 0;
        long descriptionChars = 0;
        int descriptions = 0;
        for (int i = 0; i < n; i++) {
            IssueGenerator.GeneratedIssue issue = generator.next();
            queues.merge(issue.queue(), 1, Integer::sum);
            if (issue.assignee() != null) {
                assignees.merge(issue.assignee(), 1, Integer::sum);
            }
            open += issue.status().equals("open") ? 1 : 0;
            russian += issue.summary().codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.CYRILLIC) ? 1 : 0;
            assertTrue(issue.tags().size() <= 5);
            assertEquals(issue.resolution() != null, issue.resolvedAt() != null);
            if (issue.description() != null) {
                descriptions++;
                descriptionChars += issue.description().length();
            }
        }
        assertEquals(20, queues.size());
        int largest = queues.values().stream().max(Integer::compare).orElseThrow();
        int smallest = queues.values().stream().min(Integer::compare).orElseThrow();
        assertTrue(largest > 20 * smallest, "queue sizes differ a lot: " + queues);
        assertTrue(assignees.get(IssueGenerator.login(0)) > 50 * assignees.getOrDefault(IssueGenerator.login(1999), 1), "assignees are skewed");
        assertEquals(0.30, open / (double) n, 0.01);
        assertEquals(0.30, russian / (double) n, 0.02);
        double meanDescription = descriptionChars / (double) descriptions;
        assertTrue(meanDescription > 900 && meanDescription < 1300, "~1 KB descriptions: " + meanDescription);
    }
}
