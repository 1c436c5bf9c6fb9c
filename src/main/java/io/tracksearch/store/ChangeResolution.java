package io.tracksearch.store;

import io.tracksearch.model.IssueField;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Backends answer {@link Condition.History} nodes (changed(), History: text) from their history before
 * compiling a condition: this rewrites the tree, replacing each such node by what the backend's lookup
 * returns (typically "key is one of the issues whose history matches"), and leaves every other node as it is.
 */
public final class ChangeResolution {
    /** The backend's history search for one changed() or History: condition. */
    @FunctionalInterface
    public interface Lookup<E extends Exception> {
        Condition issuesWith(Condition.History history) throws E;
    }

    private ChangeResolution() {
    }

    public static <E extends Exception> Condition resolve(Condition condition, Lookup<E> lookup) throws E {
        return switch (condition) {
            case Condition.And and -> new Condition.And(resolveAll(and.conditions(), lookup));
            case Condition.Or or -> new Condition.Or(resolveAll(or.conditions(), lookup));
            case Condition.Not not -> new Condition.Not(resolve(not.condition(), lookup));
            case Condition.History history -> lookup.issuesWith(history);
            case Condition.MatchAll ignored -> condition;
            case Condition.MatchNone ignored -> condition;
            case Condition.AnyOf ignored -> condition;
            case Condition.DateRange ignored -> condition;
            case Condition.NumberRange ignored -> condition;
            case Condition.Exists ignored -> condition;
            case Condition.TextMatch ignored -> condition;
            case Condition.Phrase ignored -> condition;
            case Condition.TextEquals ignored -> condition;
        };
    }

    /**
     * The issues whose history was recorded under these keys: an event keeps the key of its day, so an
     * issue moved since is found by its old key among its aliases (stored lower-case, as every string field).
     */
    public static Condition issuesRecordedAs(Collection<String> keys) {
        if (keys.isEmpty()) {
            return new Condition.MatchNone();
        }
        List<String> aliases = keys.stream().map(key -> key.toLowerCase(Locale.ROOT)).toList();
        return Condition.or(new Condition.AnyOf(IssueField.KEY, List.copyOf(keys)), new Condition.AnyOf(IssueField.ALIASES, aliases));
    }

    private static <E extends Exception> List<Condition> resolveAll(List<Condition> conditions, Lookup<E> lookup) throws E {
        List<Condition> resolved = new ArrayList<>(conditions.size());
        for (Condition condition : conditions) {
            resolved.add(resolve(condition, lookup));
        }
        return resolved;
    }
}
