package io.tracksearch.store.lucene;

import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.FilterIndexOutput;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexOutput;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A directory whose filesystem can be made full: while full, creating a file and writing to any open file
 * throw the IOException the JDK throws on ENOSPC. Works wherever tests run (no mount needed).
 */
final class DiskFullDirectory extends FilterDirectory {
    private final AtomicBoolean full = new AtomicBoolean();

    DiskFullDirectory(Directory delegate) {
        super(delegate);
    }

    void fill() {
        full.set(true);
    }

    void free() {
        full.set(false);
    }

    private void check() throws IOException {
        if (full.get()) {
            throw new IOException(DiskFull.OS_MESSAGE);
        }
    }

    @Override
    public IndexOutput createOutput(String name, IOContext context) throws IOException {
        check();
        return new FullableOutput(super.createOutput(name, context));
    }

    @Override
    public IndexOutput createTempOutput(String prefix, String suffix, IOContext context) throws IOException {
        check();
        return new FullableOutput(super.createTempOutput(prefix, suffix, context));
    }

    /** Fails writes while the directory is full, as a file being written when the disk fills up. */
    private final class FullableOutput extends FilterIndexOutput {
        FullableOutput(IndexOutput out) {
            super("fullable(" + out + ")", out.getName(), out);
        }

        @Override
        public void writeByte(byte b) throws IOException {
            check();
            super.writeByte(b);
        }

        @Override
        public void writeBytes(byte[] b, int offset, int length) throws IOException {
            check();
            super.writeBytes(b, offset, length);
        }
    }
}
