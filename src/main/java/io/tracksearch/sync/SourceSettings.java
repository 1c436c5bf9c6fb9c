package io.tracksearch.sync;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * Where a mirror pulls from and what: the source's base URL, token and organization, the queues and the
 * query that bound what is copied (empty: everything the token may read), and how hard the source may be
 * asked.
 *
 * @param cloudOrganization whether {@code organization} goes in {@code X-Cloud-Org-ID} (Yandex Cloud
 *                          organizations) rather than {@code X-Org-ID} (Yandex 360)
 * @param requestsPerSecond at most this many requests a second; 0 or less means no bound
 * @param overlap how far before the last seen update an incremental pass starts again, so updates in the
 *                same second (query dates have second precision) are not missed
 */
public record SourceSettings(URI url, String token, String organization, boolean cloudOrganization, List<String> queues,
        String query, double requestsPerSecond, Duration overlap) {
    public static final Duration DEFAULT_OVERLAP = Duration.ofSeconds(5);

    public SourceSettings {
        requireNonNull(url, "url is null");
        requireNonNull(token, "token is null");
        requireNonNull(organization, "organization is null");
        queues = queues == null ? List.of() : queues.stream().map(queue -> queue.strip().toUpperCase(Locale.ROOT)).toList();
        query = query == null || query.isBlank() ? null : query.strip();
        requireNonNull(overlap, "overlap is null");
        String base = url.toString();
        url = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    }

    /**
     * What the checkpoint belongs to: a checkpoint of another source or scope is not continued (the
     * mirror would miss everything the new scope adds before the old watermark).
     */
    public String identity() {
        return url + " org " + organization + " queues " + queues + " query " + (query == null ? "" : query);
    }
}
