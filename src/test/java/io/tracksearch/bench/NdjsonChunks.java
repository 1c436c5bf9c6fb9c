package io.tracksearch.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a generated file forward in chunks of whole issues (an issue is {@code linesPerIssue} lines). */
final class NdjsonChunks implements AutoCloseable {
    private final InputStream in;
    private final int linesPerIssue;
    private final byte[] buffer = new byte[1 << 20];
    private int position;
    private int limit;

    NdjsonChunks(Path file, int linesPerIssue) throws IOException {
        this.in = Files.newInputStream(file);
        this.linesPerIssue = linesPerIssue;
    }

    /** The next {@code issues} issues as bytes; fewer at the end of the file. */
    Chunk next(int issues) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(issues, 50_000) * 1700 * linesPerIssue / 2 + 1024);
        long lines = 0;
        long wanted = (long) issues * linesPerIssue;
        while (lines < wanted) {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    break;
                }
            }
            int start = position;
            while (position < limit && lines < wanted) {
                if (buffer[position++] == '\n') {
                    lines++;
                }
            }
            out.write(buffer, start, position - start);
        }
        return new Chunk(out.toByteArray(), (int) (lines / linesPerIssue));
    }

    record Chunk(byte[] bytes, int issues) {
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
