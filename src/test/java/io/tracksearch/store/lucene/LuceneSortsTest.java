package io.tracksearch.store.lucene;

import io.tracksearch.model.FieldRegistry;
import io.tracksearch.model.FieldValues;
import io.tracksearch.model.Issue;
import io.tracksearch.model.IssueField;
import io.tracksearch.store.IssueSort;
import io.tracksearch.store.IssueTemplates;
import io.tracksearch.store.RandomIssues;
import io.tracksearch.store.TestUsers;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.search.Sort;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class LuceneSortsTest {
    /**
     * The store counts a page's total while collecting it unless the order can skip documents
     * (skipsNonCompetitive); that claim holds only while the first sort field is indexed as points under
     * the name the sort reads. A field whose indexing changes without the claim would be counted in a
     * second pass (slow) or, the other way round, searched without skipping (slower).
     */
    @Test
    void anOrderSkipsExactlyWhenItsFirstFieldHasPoints() throws IOException {
        FieldRegistry fields = new FieldRegistry(List::of);
        RandomIssues generator = new RandomIssues(new Random(7), TestUsers.DEFAULT.uids());
        List<Issue> issues = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            issues.add(generator.issue());
        }
        try (ByteBuffersDirectory directory = new ByteBuffersDirectory()) {
            try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(LuceneIssueStore.analyzer()))) {
                for (Issue issue : issues) {
                    writer.addDocument(IssueDocuments.issue(issue, TestUsers.DEFAULT, fields, IssueTemplates.NONE));
                }
                writer.forceMerge(1);
            }
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                LeafReader leaf = reader.leaves().getFirst().reader();
                int checked = 0;
                for (IssueField field : fields.all()) {
                    if (!field.can(IssueField.Capability.SORT) || issues.stream().noneMatch(issue -> FieldValues.hasValue(field, issue))) {
                        continue;
                    }
                    for (boolean descending : new boolean[] {false, true}) {
                        Sort sort = LuceneSorts.toSort(new IssueSort(List.of(new IssueSort.Key(field, descending))));
                        String first = sort.getSort()[0].getField();
                        assertEquals(leaf.getPointValues(first) != null, LuceneSorts.skipsNonCompetitive(sort),
                                field.id() + (descending ? " descending" : " ascending") + ", first sort field " + first);
                    }
                    checked++;
                }
                assertFalse(checked < 10, "only " + checked + " sortable fields had values");
            }
        }
    }
}
