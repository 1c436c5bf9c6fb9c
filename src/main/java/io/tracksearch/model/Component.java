package io.tracksearch.model;

/** A queue component; issues refer to it by name, responses show its id. */
public record Component(long id, String name) {
}
