package io.tracksearch.store.lucene;

import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexOutput;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fsyncs each index file once. A Lucene commit asks its directory to sync every file the commit
 * refers to, also those an earlier commit already synced, and FSDirectory fsyncs them all: at 100,000
 * issues a single-issue write fsynced about 100 files (the big segments' files each time), which on
 * this machine's disk cost 60 of the 80 ms of a create (JFR {@code jdk.FileForce}); at 1,000,000 issues
 * more. Lucene writes a file once, closes it and never changes it, so a file synced after it was
 * written stays durable: later syncs of the same name are skipped. A name written again (after a delete)
 * or renamed is synced again, and directory metadata syncs (after the rename of the commit point) are
 * never skipped. Files on disk when the store opens are synced by its first commit.
 */
final class SyncOnceDirectory extends FilterDirectory {
    private final Set<String> synced = ConcurrentHashMap.newKeySet();

    SyncOnceDirectory(Directory in) {
        super(in);
    }

    @Override
    public void sync(Collection<String> names) throws IOException {
        List<String> unsynced = names.stream().filter(name -> !synced.contains(name)).toList();
        if (!unsynced.isEmpty()) {
            in.sync(unsynced);
            synced.addAll(unsynced);
        }
    }

    @Override
    public IndexOutput createOutput(String name, IOContext context) throws IOException {
        synced.remove(name);
        return in.createOutput(name, context);
    }

    @Override
    public void deleteFile(String name) throws IOException {
        synced.remove(name);
        in.deleteFile(name);
    }

    @Override
    public void rename(String source, String dest) throws IOException {
        // the new name is made durable by the directory sync that follows a rename, not by a file sync
        synced.remove(source);
        synced.remove(dest);
        in.rename(source, dest);
    }
}
