package io.tracksearch.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.tracksearch.model.Component;
import io.tracksearch.model.CustomField;
import io.tracksearch.model.Issue;
import io.tracksearch.model.IssueField;
import io.tracksearch.model.IssueJson;
import io.tracksearch.model.Queue;
import io.tracksearch.scroll.ScrollPage;
import io.tracksearch.store.Condition;
import io.tracksearch.store.IssuePage;
import io.tracksearch.store.IssueSort;
import io.tracksearch.store.RandomIssues;
import io.tracksearch.store.Snapshot;
import io.tracksearch.store.StoredIssues;
import io.tracksearch.store.TestUsers;
import io.tracksearch.store.lucene.LuceneIssueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A page assembled from templates is byte for byte the page rendered from the parsed issues: random
 * issues (users known and unknown, parents and epics present and missing, components known and not),
 * custom field values, sprints, and URLs that need escaping; issues that cannot have a template (a
 * value no field knows, a marker byte in a text) are rendered the slow way. Set -Doracle.seed=N to replay.
 */
class IssueTemplatesTest {
    @TempDir
    Path directory;

    @Test
    void pagesFromTemplatesEqualPagesFromIssues() {
        long seed = Long.getLong("oracle.seed", new Random().nextLong());
        try {
            run(seed);
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("template test failed with seed " + seed + " (rerun with -Doracle.seed=" + seed + ")", e);
        }
    }

    private void run(long seed) {
        RandomIssues generator = new RandomIssues(new Random(seed), TestUsers.DEFAULT.uids());
        try (LuceneIssueStore store = new LuceneIssueStore(directory, TestUsers.DEFAULT, new IssueTemplateWriter())) {
            long componentId = 1;
            for (String key : RandomIssues.QUEUES) {
                // some components known to the queue, the rest rendered by name only
                List<Component> components = List.of(new Component(componentId++, "Core", null, null), new Component(componentId++, "API", 1001L, null));
                store.createQueue(new Queue(0, key, 1, "Queue " + key + " \"quoted\"", null, 1001, "task", "normal", components));
            }
            store.createField(new CustomField("team", "team", null, "Team", null, CustomField.TYPE_PREFIX + "StringFieldType",
                    false, List.of(), null, null, false, 1));
            store.createField(new CustomField("reviewers", "reviewers", null, "Reviewers", null, CustomField.TYPE_PREFIX + "UserFieldType",
                    true, List.of(), null, null, false, 2));
            List<Issue> issues = new ArrayList<>();
            Set<String> uniques = new HashSet<>();
            for (Issue issue : generator.issues(600)) {
                if (issue.unique() == null || uniques.add(issue.unique())) {
                    Issue.Builder builder = issue.toBuilder();
                    if (issues.size() % 3 == 0) {
                        builder.set("team", JsonNodeFactory.instance.textNode("Платформа " + issues.size()));
                        builder.set("reviewers", JsonNodeFactory.instance.arrayNode().add(1001).add(TestUsers.UNKNOWN_UID));
                    }
                    if (issues.size() % 4 == 0) {   // comments, links and worklog, which only export lines show
                        var nodes = JsonNodeFactory.instance;
                        builder.set("comments", nodes.arrayNode().add(nodes.objectNode().put("id", issues.size()).put("longId", "c" + issues.size())
                                .put("text", "about \"it\" " + issues.size()).put("createdBy", 1001L).put("createdAt", 1_700_000_000_000L)
                                .put("version", 1)));
                        builder.set("links", nodes.arrayNode().add(nodes.objectNode().put("id", issues.size()).put("type", "relates")
                                .put("direction", "outward").put("issue", "TREK-1").put("createdBy", 1001L).put("createdAt", 1_700_000_000_000L)));
                        builder.set("worklog", nodes.arrayNode().add(nodes.objectNode().put("id", issues.size()).put("start", 1_700_000_000_000L)
                                .put("duration", "PT1H").put("comment", "work").put("createdBy", 1001L).put("createdAt", 1_700_000_000_000L)));
                    }
                    if (issues.size() % 5 == 0) {
                        builder.set(IssueField.SPRINT, JsonNodeFactory.instance.arrayNode()
                                .add(JsonNodeFactory.instance.objectNode().put("id", "7").put("display", "Sprint \"7\"")));
                    }
                    issues.add(builder.build());
                }
            }
            store.importIssues(issues);

            List<Urls> urls = List.of(new Urls("http://127.0.0.1:8080", "v2"), new Urls("https://tracker.example/a\"b\\c", "v3"));
            IssueRenderer renderer = new IssueRenderer(store, TestUsers.DEFAULT);
            for (int offset = 0; offset < issues.size(); offset += 50) {
                IssuePage page = store.search(new Condition.MatchAll(), IssueSort.BY_KEY, offset, 50);
                StoredIssues stored = assertInstanceOf(StoredIssues.class, page.issues());
                assertTrue(stored.allTemplated(TemplateTokens::isCurrent), "every generated issue has a template");
                for (Urls url : urls) {
                    assertEquals(text(renderer.list(List.copyOf(stored), url, Set.of())), text(renderer.list(stored, url, Set.of())),
                            "page at " + offset + " for " + url);
                    assertEquals(lines(renderer, List.copyOf(stored), url), lines(renderer, stored, url), "export lines at " + offset + " for " + url);
                }
            }
            // templates of version 11 (no table of splice points), as data directories written before 12 hold them
            List<Issue> parsed = List.copyOf(store.search(new Condition.MatchAll(), IssueSort.BY_KEY, 0, 50).issues());
            List<byte[]> withoutTables = parsed.stream().map(issue -> withoutTable(new IssueTemplateWriter().template(issue, store.fields()))).toList();
            StoredIssues older = new StoredIssues(parsed.stream().map(IssueJson::write).toList(), withoutTables);
            assertTrue(older.allTemplated(TemplateTokens::isCurrent), "version 11 templates are used");
            for (Urls url : urls) {
                assertEquals(text(renderer.list(parsed, url, Set.of())), text(renderer.list(older, url, Set.of())), "version 11 page for " + url);
                assertEquals(lines(renderer, parsed, url), lines(renderer, older, url), "version 11 export lines for " + url);
            }
            try (Snapshot snapshot = store.openSnapshot(new Condition.MatchAll(), null)) {
                List<Issue> scrolled = new ScrollPage(snapshot.read(0, 1000), issues.size(), null, null, "unsorted", 1000, 0,
                        List.of()).issues();
                assertInstanceOf(StoredIssues.class, scrolled, "a scroll page keeps the stored issues");
                assertEquals(text(renderer.list(List.copyOf(scrolled), urls.getFirst(), Set.of())),
                        text(renderer.list(scrolled, urls.getFirst(), Set.of())), "a scroll page");
            }

            Issue marker = generator.issue().toBuilder().key("ABC-9001").id("marker").set(IssueField.SUMMARY, "a \u0001 b \u0002").build();
            Issue unknown = generator.issue().toBuilder().key("ABC-9002").id("unknown")
                    .set("notDefinedHere", JsonNodeFactory.instance.textNode("kept as given")).build();
            store.importIssues(List.of(marker, unknown));
            IssuePage special = store.search(new Condition.AnyOf(IssueField.KEY, List.of("ABC-9001", "ABC-9002")), IssueSort.BY_KEY, 0, 2);
            StoredIssues stored = assertInstanceOf(StoredIssues.class, special.issues());
            assertFalse(stored.allTemplated(TemplateTokens::isCurrent));
            String rendered = text(renderer.list(stored, urls.getFirst(), Set.of()));
            assertTrue(rendered.contains("\"summary\":\"a \\u0001 b \\u0002\""), rendered);
            assertTrue(rendered.contains("\"notDefinedHere\":\"kept as given\""), rendered);
        }
    }

    /** A current template as version 11 wrote it: the version byte, then the body without the table. */
    private static byte[] withoutTable(byte[] template) {
        assertEquals(TemplateTokens.VERSION, template[0]);
        int body = TemplateTokens.bodyStart(template);
        byte[] older = new byte[1 + template.length - body];
        older[0] = TemplateTokens.VERSION_WITHOUT_TABLE;
        System.arraycopy(template, body, older, 1, template.length - body);
        return older;
    }

    private static String lines(IssueRenderer renderer, List<Issue> issues, Urls urls) {
        var out = new java.io.ByteArrayOutputStream();
        try {
            renderer.lines(issues, urls, out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Templates stay in data directories across upgrades: when this fails, the rendering of issues has
     * changed, so raise {@link TemplateTokens#VERSION} (older templates are then not used; version 11's, which
     * have this body without the table, neither) and put the new digest here. The digest is of the body
     * behind version 11's byte, the form version 11 wrote.
     */
    @Test
    void theRenderingOfThisVersionIsTheOneItsTemplatesWereWrittenWith() throws Exception {
        Issue issue = new Issue.Builder().id("5f0000000000000000000001").key("GOLD-1").version(3)
                .set(IssueField.SUMMARY, "Golden issue").set(IssueField.DESCRIPTION, "Всё \"как\" есть")
                .set(IssueField.TYPE, "bug").set(IssueField.PRIORITY, "critical").set(IssueField.STATUS, "inProgress")
                .set(IssueField.CREATED_AT, 1_700_000_000_000L).set(IssueField.UPDATED_AT, 1_700_000_100_000L)
                .set(IssueField.CREATED_BY, 1001L).set(IssueField.UPDATED_BY, 1002L).set(IssueField.ASSIGNEE, 1001L)
                .setUids(IssueField.FOLLOWERS, List.of(1001L, 1002L)).setStrings(IssueField.TAGS, List.of("a", "b"))
                .setStrings(IssueField.COMPONENTS, List.of("Core")).set(IssueField.PARENT, "GOLD-0")
                .set(IssueField.DEADLINE, "2024-01-31").set(IssueField.STORY_POINTS, 2.5).set(IssueField.SPENT, "PT4H")
                .set(IssueField.SPRINT, JsonNodeFactory.instance.arrayNode().add(JsonNodeFactory.instance.objectNode().put("id", "7").put("display", "S7")))
                .build();
        byte[] template = new IssueTemplateWriter().template(issue, io.tracksearch.model.FieldRegistry.standardOnly());
        int[] marked = java.util.stream.IntStream.range(TemplateTokens.bodyStart(template), template.length)
                .filter(at -> template[at] == TemplateTokens.START).toArray();
        org.junit.jupiter.api.Assertions.assertArrayEquals(marked, TemplateTokens.spliceStarts(template),
                "the table holds every splice point, in order");
        String digest = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(withoutTable(template)));
        assertEquals(GOLDEN_DIGEST, digest, "template of version " + TemplateTokens.VERSION + ": " + text(template)
                .replace("\u0001", "<").replace("\u0002", ">"));
    }

    private static final String GOLDEN_DIGEST = "9a9141c43adb8f6b808752b5100ab4b96c895ad84cb40016ed7760c40d5cb66f";

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
