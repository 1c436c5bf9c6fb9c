package io.tracksearch.store;

import java.util.ArrayList;
import java.util.List;

/**
 * Backends answer {@link Condition.Changed} from their history before compiling a condition: this
 * rewrites the tree, replacing each Changed node by what the backend's lookup returns (typically
 * "key is one of the issues whose history matches"), and leaves every other node as it is.
 */
public final class ChangeResolution {
    /** The backend's history search for one changed() condition. */
    @FunctionalInterface
    public interface Lookup<E extends Exception> {
        Condition issuesWith(Condition.Changed changed) throws E;
    }

    private ChangeResolution() {
    }

    public static <E extends Exception> Condition resolve(Condition condition, Lookup<E> lookup) throws E {
        return switch (condition) {
            case Condition.And and -> new Condition.And(resolveAll(and.conditions(), lookup));
            case Condition.Or or -> new Condition.Or(resolveAll(or.conditions(), lookup));
            case Condition.Not not -> new Condition.Not(resolve(not.condition(), lookup));
            case Condition.Changed changed -> lookup.issuesWith(changed);
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

    private static <E extends Exception> List<Condition> resolveAll(List<Condition> conditions, Lookup<E> lookup) throws E {
        List<Condition> resolved = new ArrayList<>(conditions.size());
        for (Condition condition : conditions) {
            resolved.add(resolve(condition, lookup));
        }
        return resolved;
    }
}
