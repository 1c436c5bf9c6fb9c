package io.tracksearch.model;

/** One value of a fixed catalogue (priority, issue type, status, resolution), spec 3.2. */
public record CatalogEntry(int id, String key, String display, int order) {
}
