package io.tracksearch.query;

import io.tracksearch.model.IssueField;
import io.tracksearch.store.Condition;
import io.tracksearch.store.Condition.AnyOf;
import io.tracksearch.store.Condition.MatchAll;
import io.tracksearch.store.Condition.MatchNone;
import io.tracksearch.store.Condition.Not;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Combinators that keep resolved trees small and canonical, so that tests can compare whole trees:
 * nested And/Or are flattened, MatchAll/MatchNone absorbed, single operands unwrapped, double
 * negation removed, and AnyOf on the same field merged (OR of AnyOf = AnyOf of the union).
 * An AnyOf without values matches nothing and becomes MatchNone.
 */
final class Conditions {
    private Conditions() {
    }

    static Condition anyOf(IssueField field, List<String> values) {
        List<String> distinct = List.copyOf(new LinkedHashSet<>(values));
        return distinct.isEmpty() ? new MatchNone() : new AnyOf(field, distinct);
    }

    static Condition not(Condition condition) {
        return switch (condition) {
            case MatchAll ignored -> new MatchNone();
            case MatchNone ignored -> new MatchAll();
            case Not not -> not.condition();
            default -> new Not(condition);
        };
    }

    static Condition and(List<Condition> conditions) {
        List<Condition> operands = new ArrayList<>();
        for (Condition condition : conditions) {
            switch (condition) {
                case MatchAll ignored -> {
                }
                case MatchNone none -> {
                    return none;
                }
                case Condition.And and -> operands.addAll(and.conditions());
                default -> operands.add(condition);
            }
        }
        if (operands.isEmpty()) {
            return new MatchAll();
        }
        return operands.size() == 1 ? operands.getFirst() : new Condition.And(operands);
    }

    static Condition or(List<Condition> conditions) {
        List<Condition> operands = new ArrayList<>();
        Map<IssueField, List<String>> merged = new LinkedHashMap<>();
        for (Condition condition : conditions) {
            switch (condition) {
                case MatchNone ignored -> {
                }
                case MatchAll all -> {
                    return all;
                }
                case Condition.Or or -> operands.addAll(or.conditions());
                default -> operands.add(condition);
            }
        }
        List<Condition> result = new ArrayList<>();
        for (Condition operand : operands) {
            if (operand instanceof AnyOf anyOf) {
                List<String> values = merged.get(anyOf.field());
                if (values == null) {
                    merged.put(anyOf.field(), new ArrayList<>(anyOf.values()));
                    result.add(anyOf);   // placeholder, replaced below at its first position
                } else {
                    values.addAll(anyOf.values());
                }
            } else {
                result.add(operand);
            }
        }
        result.replaceAll(operand -> operand instanceof AnyOf anyOf ? anyOf(anyOf.field(), merged.get(anyOf.field())) : operand);
        if (result.isEmpty()) {
            return new MatchNone();
        }
        return result.size() == 1 ? result.getFirst() : new Condition.Or(result);
    }

    /** Decision 26: positive values OR-ed, negated values AND-ed, both parts must hold. */
    static Condition positivesAndNegatives(List<Condition> positives, List<Condition> negatives) {
        List<Condition> parts = new ArrayList<>();
        if (!positives.isEmpty()) {
            parts.add(or(positives));
        }
        if (!negatives.isEmpty()) {
            parts.add(not(or(negatives)));   // !a AND !b == !(a OR b): merged into one Not(AnyOf) where possible
        }
        return and(parts);
    }
}
