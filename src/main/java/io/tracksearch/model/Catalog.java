package io.tracksearch.model;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The four fixed catalogues of spec 3.2. Values are referenced everywhere by their key
 * ({@code "critical"}); ids and display names are accepted on input and matched case-insensitively.
 */
public enum Catalog {
    PRIORITIES("priorities", List.of(
            new CatalogEntry(1, "trivial", "Trivial", 1),
            new CatalogEntry(2, "minor", "Minor", 2),
            new CatalogEntry(3, "normal", "Normal", 3),
            new CatalogEntry(4, "critical", "Critical", 4),
            new CatalogEntry(5, "blocker", "Blocker", 5))),
    ISSUE_TYPES("issuetypes", List.of(
            new CatalogEntry(1, "bug", "Bug", 1),
            new CatalogEntry(2, "task", "Task", 2),
            new CatalogEntry(3, "newFeature", "New Feature", 3),
            new CatalogEntry(4, "improvement", "Improvement", 4),
            new CatalogEntry(5, "epic", "Epic", 5))),
    STATUSES("statuses", List.of(
            new CatalogEntry(1, "open", "Open", 1),
            new CatalogEntry(2, "resolved", "Resolved", 4),
            new CatalogEntry(3, "closed", "Closed", 5),
            new CatalogEntry(4, "inProgress", "In Progress", 2),
            new CatalogEntry(5, "needInfo", "Need Info", 3))),
    RESOLUTIONS("resolutions", List.of(
            new CatalogEntry(1, "fixed", "Fixed", 1),
            new CatalogEntry(2, "wontFix", "Won't fix", 2),
            new CatalogEntry(3, "duplicate", "Duplicate", 3),
            new CatalogEntry(4, "invalid", "Invalid", 4),
            new CatalogEntry(5, "later", "Later", 5)));

    private final String path;
    private final List<CatalogEntry> entries;

    Catalog(String path, List<CatalogEntry> entries) {
        this.path = path;
        this.entries = entries;
    }

    /** The URL path segment, e.g. {@code priorities} in {@code /v2/priorities/5}. */
    public String path() {
        return path;
    }

    public List<CatalogEntry> entries() {
        return entries;
    }

    /** Finds an entry by key, numeric id or display name, case-insensitively. */
    public Optional<CatalogEntry> find(String value) {
        String wanted = value.strip().toLowerCase(Locale.ROOT);
        for (CatalogEntry entry : entries) {
            if (entry.key().toLowerCase(Locale.ROOT).equals(wanted)
                    || Integer.toString(entry.id()).equals(wanted)
                    || entry.display().toLowerCase(Locale.ROOT).equals(wanted)) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }

    /** The entry of a stored key; stored keys always exist. */
    public CatalogEntry byKey(String key) {
        for (CatalogEntry entry : entries) {
            if (entry.key().equals(key)) {
                return entry;
            }
        }
        throw new IllegalArgumentException("not a " + name() + " key: " + key);
    }
}
