package io.tracksearch.store.lucene;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexOutput;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyncOnceDirectoryTest {
    /** Records what reaches the real directory's sync. */
    private static final class Recording extends FilterDirectory {
        final List<String> synced = new ArrayList<>();

        Recording(Directory in) {
            super(in);
        }

        @Override
        public void sync(Collection<String> names) throws IOException {
            synced.addAll(names);
            in.sync(names);
        }
    }

    private static void write(Directory directory, String name) throws IOException {
        try (IndexOutput output = directory.createOutput(name, IOContext.DEFAULT)) {
            output.writeInt(42);
        }
    }

    @Test
    void aFileIsSyncedOnceUntilWrittenAgain() throws IOException {
        Recording disk = new Recording(new ByteBuffersDirectory());
        try (SyncOnceDirectory directory = new SyncOnceDirectory(disk)) {
            write(directory, "a");
            write(directory, "b");
            directory.sync(List.of("a", "b"));
            directory.sync(List.of("a", "b"));
            write(directory, "c");
            directory.sync(List.of("a", "b", "c"));
            assertEquals(List.of("a", "b", "c"), disk.synced);

            directory.deleteFile("a");
            write(directory, "a");
            directory.sync(List.of("a", "b"));
            assertEquals(List.of("a", "b", "c", "a"), disk.synced, "a name written again is synced again");

            directory.rename("c", "d");
            directory.sync(List.of("d"));
            assertEquals(List.of("a", "b", "c", "a", "d"), disk.synced, "a renamed file is synced under its new name");
        }
    }

    /** An index committed many times: each file reaches the disk's sync once, and the index reads back whole. */
    @Test
    void commitsSyncOnlyNewFiles() throws IOException {
        Recording disk = new Recording(new ByteBuffersDirectory());
        try (SyncOnceDirectory directory = new SyncOnceDirectory(disk);
                IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig())) {
            for (int i = 0; i < 20; i++) {
                Document document = new Document();
                document.add(new StringField("id", "doc" + i, Field.Store.YES));
                writer.addDocument(document);
                writer.commit();
            }
            Set<String> distinct = new HashSet<>(disk.synced);
            assertEquals(distinct.size(), disk.synced.size(), "no file synced twice: " + disk.synced);
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                assertEquals(20, reader.numDocs());
            }
            assertTrue(disk.synced.size() > 20, "every commit synced its new files: " + disk.synced.size());
        }
    }
}
