package io.tracksearch.store.lucene;

import io.tracksearch.model.ChangeEvent;
import io.tracksearch.model.ChangeType;
import io.tracksearch.model.FieldRegistry;
import io.tracksearch.model.Issue;
import io.tracksearch.model.IssueField;
import io.tracksearch.store.ChangelogQuery;
import io.tracksearch.store.Condition;
import io.tracksearch.store.TestUsers;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A data directory written before the changelog (history as one indexed-only document of type "change"
 * per changed field) opens, its history still answers changed(), and writes made after the upgrade add
 * changelog events beside it.
 */
class LuceneHistoryUpgradeTest {
    @TempDir
    Path directory;

    /** A change document exactly as the previous version's ChangeDocuments.document wrote it. */
    private static Document earlierChange(String issueKey, IssueField field, List<String> from, List<String> to, long by, long at) {
        Document document = new Document();
        document.add(new StringField("_type", "change", Field.Store.NO));
        document.add(new StringField("change.issue", issueKey, Field.Store.NO));
        document.add(new SortedDocValuesField("change.issue", new BytesRef(issueKey)));
        document.add(new StringField("change.field", field.id(), Field.Store.NO));
        from.forEach(value -> document.add(new StringField("change.from", value, Field.Store.NO)));
        to.forEach(value -> document.add(new StringField("change.to", value, Field.Store.NO)));
        document.add(new StringField("change.by", Long.toString(by), Field.Store.NO));
        document.add(new LongPoint("change.at", at));
        return document;
    }

    private static Condition changed(IssueField field, List<String> to, List<String> by) {
        return new Condition.Changed(field, List.of(), to, by, null, null);
    }

    @Test
    void historyOfAnEarlierVersionStillAnswersChanged() throws IOException {
        Issue started = LuceneIssueStoreTest.issue("OLD-1", "Written before the upgrade").toBuilder()
                .set(IssueField.STATUS, "inProgress").set(IssueField.PREVIOUS_STATUS, "open").version(2).build();
        try (FSDirectory fs = FSDirectory.open(directory);
             IndexWriter writer = new IndexWriter(fs, new IndexWriterConfig())) {
            writer.addDocument(IssueDocuments.issue(started, TestUsers.DEFAULT, new FieldRegistry(List::of), io.tracksearch.store.IssueTemplates.NONE));
            writer.addDocument(earlierChange("OLD-1", IssueField.STATUS, List.of(), List.of("open"), 1001, 1_700_000_000_000L));
            writer.addDocument(earlierChange("OLD-1", IssueField.STATUS, List.of("open"), List.of("inProgress"), 1002, 1_700_000_100_000L));
            writer.commit();
        }
        try (LuceneIssueStore store = new LuceneIssueStore(directory, TestUsers.DEFAULT)) {
            assertEquals(1, store.count(changed(IssueField.STATUS, List.of("inProgress"), List.of("1002"))));
            assertEquals(0, store.count(changed(IssueField.STATUS, List.of("inProgress"), List.of("1001"))));
            assertEquals(List.of(), store.changelog(started, new ChangelogQuery(0, 50, Optional.empty(), Optional.empty())),
                    "earlier history kept no values, so it has no changelog entries");

            Issue resolved = started.toBuilder().set(IssueField.STATUS, "resolved").set(IssueField.PREVIOUS_STATUS, "inProgress")
                    .set(IssueField.UPDATED_BY, 1003L).set(IssueField.UPDATED_AT, 1_700_000_200_000L).version(3).build();
            store.update(resolved, 2);
            List<ChangeEvent> events = store.changelog(started, new ChangelogQuery(0, 50, Optional.empty(), Optional.empty()));
            assertEquals(1, events.size());
            assertEquals(ChangeType.WORKFLOW, events.getFirst().type());
            assertEquals(3, events.getFirst().version());
            assertEquals(1, store.count(changed(IssueField.STATUS, List.of("inProgress"), List.of("1002"))), "old history");
            assertEquals(1, store.count(changed(IssueField.STATUS, List.of("resolved"), List.of("1003"))), "new history");
            assertEquals(1, store.count(new Condition.Changed(IssueField.STATUS, List.of("open"), List.of("inProgress"),
                    List.of(), null, null)), "from and to of one old change");
        }
    }

    /**
     * Earlier versions wrote segments with Lucene's default codec (compressed stored fields); this one
     * writes {@link TracksearchCodec}. A directory holding both reads every issue, and a merge of both
     * into one segment keeps them.
     */
    @Test
    void segmentsOfLucenesDefaultCodecStayReadable() throws IOException {
        Issue earlier = LuceneIssueStoreTest.issue("OLD-1", "Written with the default codec");
        try (FSDirectory fs = FSDirectory.open(directory);
             IndexWriter writer = new IndexWriter(fs, new IndexWriterConfig())) {
            writer.addDocument(IssueDocuments.issue(earlier, TestUsers.DEFAULT, new FieldRegistry(List::of), io.tracksearch.store.IssueTemplates.NONE));
            writer.commit();
        }
        try (LuceneIssueStore store = new LuceneIssueStore(directory, TestUsers.DEFAULT)) {
            store.create(LuceneIssueStoreTest.issue("NEW-1", "Written with the tracksearch codec"));
            assertEquals("Written with the default codec", store.get("OLD-1").orElseThrow().summary());
            assertEquals("Written with the tracksearch codec", store.get("NEW-1").orElseThrow().summary());
        }
        try (FSDirectory fs = FSDirectory.open(directory);
             IndexWriter writer = new IndexWriter(fs, new IndexWriterConfig().setCodec(new TracksearchCodec()))) {
            writer.forceMerge(1);
            writer.commit();
        }
        try (LuceneIssueStore store = new LuceneIssueStore(directory, TestUsers.DEFAULT)) {
            assertEquals(2, store.count(new Condition.MatchAll()));
            assertEquals("Written with the default codec", store.get("OLD-1").orElseThrow().summary());
        }
    }
}
