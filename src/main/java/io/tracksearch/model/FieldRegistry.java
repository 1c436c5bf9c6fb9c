package io.tracksearch.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Every field an issue can have: the standard fields of {@link IssueField} and the custom fields the
 * store keeps. The store owns the definitions (so that every node of a cluster sees the same ones);
 * this view caches them and reloads when asked for an id it does not know, at most once a second, so a
 * field created on another node is found without a restart.
 *
 * <p>Threads: safe for concurrent use; the custom part is replaced as a whole.
 */
public final class FieldRegistry {
    private static final long RELOAD_NANOS = 1_000_000_000L;

    private final Supplier<List<CustomField>> source;
    private volatile Map<String, IssueField> custom = Map.of();
    private volatile long loadedAt = System.nanoTime() - RELOAD_NANOS;

    /** @param source the custom fields as the store has them now */
    public FieldRegistry(Supplier<List<CustomField>> source) {
        this.source = source;
    }

    /** A registry of the standard fields alone (tools and tests without a store). */
    public static FieldRegistry standardOnly() {
        return new FieldRegistry(List::of);
    }

    /** A field by id: standard, or custom (reloading the custom ones once if it is not known yet). */
    public Optional<IssueField> byId(String id) {
        Optional<IssueField> standard = IssueField.byId(id);
        if (standard.isPresent()) {
            return standard;
        }
        IssueField found = custom.get(id);
        if (found == null && System.nanoTime() - loadedAt >= RELOAD_NANOS) {
            reload();
            found = custom.get(id);
        }
        return Optional.ofNullable(found);
    }

    /** Standard fields in rendering order, then custom fields in creation order. */
    public List<IssueField> all() {
        List<IssueField> all = new ArrayList<>(IssueField.standardFields());
        all.addAll(custom.values());
        return Collections.unmodifiableList(all);
    }

    /** The fields a backend indexes for an issue: every standard field, and the custom fields it has values of. */
    public List<IssueField> indexedFieldsOf(Issue issue) {
        List<IssueField> indexed = new ArrayList<>(IssueField.standardFields());
        for (String id : issue.values().keySet()) {
            if (IssueField.byId(id).isEmpty()) {
                byId(id).ifPresent(indexed::add);
            }
        }
        return indexed;
    }

    /** The custom fields, global and local. */
    public List<IssueField> custom() {
        return List.copyOf(custom.values());
    }

    /** Reads the definitions from the store again. */
    public synchronized void reload() {
        Map<String, IssueField> loaded = new LinkedHashMap<>();
        for (CustomField definition : source.get()) {
            loaded.put(definition.id(), definition.issueField());
        }
        custom = Collections.unmodifiableMap(loaded);
        loadedAt = System.nanoTime();
    }
}
