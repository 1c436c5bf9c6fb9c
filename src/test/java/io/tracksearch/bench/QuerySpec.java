package io.tracksearch.bench;

/**
 * One benchmark search written in each target's own language, meaning the same thing: the body of a
 * Tracker {@code POST /v2/issues/_search} (filter or query mode) and the OpenSearch query and sort that
 * the equivalent mapping answers identically (same matches, same order, key as the final tie-breaker).
 *
 * @param name short label for the report
 * @param description what it asks, in words
 * @param trackerBody JSON body for /v2/issues/_search and /v2/issues/_count
 * @param openSearchQuery JSON of the OpenSearch {@code query} clause
 * @param openSearchSort JSON array of the OpenSearch {@code sort} clause
 */
public record QuerySpec(String name, String description, String trackerBody, String openSearchQuery, String openSearchSort) {
}
