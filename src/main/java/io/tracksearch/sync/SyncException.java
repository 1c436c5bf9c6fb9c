package io.tracksearch.sync;

/** A sync pass could not finish: the source answered something it should not, or stayed unreachable. */
public class SyncException extends RuntimeException {
    public SyncException(String message, Throwable cause) {
        super(message, cause);
    }
}
