package io.tracksearch.sync;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The checkpoint of a mirror in its data directory ({@code sync-checkpoint.json}). Written whole to a
 * temporary file, forced to disk, renamed over the old one and the directory forced: after a SIGKILL or a
 * power cut the file is the old checkpoint or the new one, never a torn mix. The checkpoint is written
 * only after the issues it covers are durable in the store, so it never claims more than the mirror has.
 */
public final class CheckpointFile {
    public static final String NAME = "sync-checkpoint.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    public CheckpointFile(Path dataDirectory) {
        this.file = dataDirectory.resolve(NAME);
    }

    /** The stored checkpoint when it belongs to this source and scope. */
    public Optional<Checkpoint> read(String source) {
        try {
            Checkpoint checkpoint = JSON.readValue(Files.readAllBytes(file), Checkpoint.class);
            return checkpoint.source().equals(source) ? Optional.of(checkpoint) : Optional.empty();
        }
        catch (NoSuchFileException e) {
            return Optional.empty();
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read the sync checkpoint " + file, e);
        }
    }

    public void write(Checkpoint checkpoint) {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(NAME + ".tmp");
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(ByteBuffer.wrap(JSON.writeValueAsBytes(checkpoint)));
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel directory = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
                directory.force(true);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write the sync checkpoint " + file, e);
        }
    }
}
