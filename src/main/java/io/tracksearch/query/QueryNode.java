package io.tracksearch.query;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The syntax tree of a query-language text, before any meaning is given to it: field names are still
 * the text the user wrote, values are still words, strings and calls. {@link QueryPrinter} prints it
 * back as query text; {@link QueryResolver} turns it into the neutral {@code Condition}.
 *
 * <p>Positions are 1-based character offsets into the original text, kept only for error messages;
 * they are part of record equality, so round-trip tests compare trees with positions reset.
 */
public sealed interface QueryNode {

    /** A whole query: an optional expression and the items of an optional "Sort By" clause (empty = no clause). */
    record Query(Optional<Expression> expression, List<SortItem> sort) implements QueryNode {
        public Query {
            requireNonNull(expression, "expression is null");
            sort = List.copyOf(sort);
        }
    }

    /** A boolean expression. */
    sealed interface Expression extends QueryNode permits Or, And, Group, FieldCondition, Text {
    }

    /** Two or more operands joined by OR; operands are never Or themselves (the grammar is flat). */
    record Or(List<Expression> operands) implements Expression {
        public Or {
            operands = List.copyOf(operands);
            if (operands.size() < 2) {
                throw new IllegalArgumentException("Or needs two or more operands");
            }
        }
    }

    /** Two or more units joined by AND or by juxtaposition. */
    record And(List<Expression> operands) implements Expression {
        public And {
            operands = List.copyOf(operands);
            if (operands.size() < 2) {
                throw new IllegalArgumentException("And needs two or more operands");
            }
        }
    }

    /** A parenthesised expression, kept so that the tree prints back as written. */
    record Group(Expression expression, int position) implements Expression {
        public Group {
            requireNonNull(expression, "expression is null");
        }
    }

    /** {@code field: value, value, ...}; the values are OR-ed (negated ones AND-ed, decision 26). */
    record FieldCondition(FieldName field, List<Value> values) implements Expression {
        public FieldCondition {
            requireNonNull(field, "field is null");
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("a condition needs a value");
            }
        }
    }

    /** Free text: a word or a quoted string not followed by ':'. */
    record Text(String text, boolean quoted, int position) implements Expression {
        public Text {
            requireNonNull(text, "text is null");
        }
    }

    /** A field name as written: a word or a quoted string. */
    record FieldName(String name, boolean quoted, int position) implements QueryNode {
        public FieldName {
            requireNonNull(name, "name is null");
        }
    }

    /** One value of a condition: {@code [op] operand [.. operand]}. */
    record Value(Operator operator, Operand operand, Optional<Operand> rangeEnd, int position) implements QueryNode {
        public Value {
            requireNonNull(operator, "operator is null");
            requireNonNull(operand, "operand is null");
            requireNonNull(rangeEnd, "rangeEnd is null");
        }
    }

    /** The prefix operator of a value; {@link #NONE} when there is none. */
    enum Operator {
        NONE(""), NOT("!"), PHRASE("#"), NOT_EXACTLY("~"),
        GREATER(">"), GREATER_OR_EQUAL(">="), LESS("<"), LESS_OR_EQUAL("<=");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        public boolean isComparison() {
            return this == GREATER || this == GREATER_OR_EQUAL || this == LESS || this == LESS_OR_EQUAL;
        }
    }

    /** An atom shifted by zero or more durations: {@code today() - "1w 1d"}. */
    record Operand(Atom atom, List<Shift> shifts) implements QueryNode {
        public Operand {
            requireNonNull(atom, "atom is null");
            shifts = List.copyOf(shifts);
        }
    }

    /** {@code + duration} or {@code - duration}; the duration is a word ({@code 3d}) or a string ({@code "1w 1d"}). */
    record Shift(boolean minus, Atom duration, int position) implements QueryNode {
        public Shift {
            if (!(duration instanceof Word) && !(duration instanceof Quoted)) {
                throw new IllegalArgumentException("a duration is a word or a string");
            }
        }
    }

    /** The smallest value: a word, a quoted string or a function call. */
    sealed interface Atom extends QueryNode permits Word, Quoted, Call {
        int position();
    }

    record Word(String text, int position) implements Atom {
        public Word {
            requireNonNull(text, "text is null");
        }
    }

    /** A double-quoted string, unescaped. */
    record Quoted(String text, int position) implements Atom {
        public Quoted {
            requireNonNull(text, "text is null");
        }
    }

    /** {@code name(arg: value, ...)}; the name is as written (function names are case-insensitive). */
    record Call(String name, List<Argument> arguments, int position) implements Atom {
        public Call {
            requireNonNull(name, "name is null");
            arguments = List.copyOf(arguments);
        }
    }

    /** A named argument of a call: {@code to: "In Progress"}. */
    record Argument(String name, Value value, int position) implements QueryNode {
        public Argument {
            requireNonNull(name, "name is null");
            requireNonNull(value, "value is null");
        }
    }

    /** One item of the sort clause. */
    record SortItem(FieldName field, boolean descending) implements QueryNode {
        public SortItem {
            requireNonNull(field, "field is null");
        }
    }
}
