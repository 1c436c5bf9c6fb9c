package io.tracksearch.sync;

import static java.util.Objects.requireNonNull;

/**
 * How far the mirror of one source and scope has got.
 *
 * @param source {@link SourceSettings#identity()} of the source and scope this belongs to
 * @param firstPassDone whether a whole pass over the scope has finished; until then every start walks the
 *                      whole scope again (skipping issues the mirror already has unchanged, so a restart
 *                      costs one listing, not a second copy)
 * @param watermark the source's {@code updatedAt} (epoch millis) up to which every issue is in the mirror;
 *                  an incremental pass asks for updates from here minus the overlap
 */
public record Checkpoint(String source, boolean firstPassDone, long watermark) {
    public Checkpoint {
        requireNonNull(source, "source is null");
    }
}
