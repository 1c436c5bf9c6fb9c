package io.tracksearch.query;

import io.tracksearch.query.QueryNode.Argument;
import io.tracksearch.query.QueryNode.Atom;
import io.tracksearch.query.QueryNode.Call;
import io.tracksearch.query.QueryNode.Expression;
import io.tracksearch.query.QueryNode.FieldName;
import io.tracksearch.query.QueryNode.Operand;
import io.tracksearch.query.QueryNode.Quoted;
import io.tracksearch.query.QueryNode.Shift;
import io.tracksearch.query.QueryNode.SortItem;
import io.tracksearch.query.QueryNode.Value;
import io.tracksearch.query.QueryNode.Word;

import java.util.stream.Collectors;

/**
 * Prints a syntax tree back as query text that parses to the same tree (positions aside). Words are
 * printed as written, strings quoted with {@code \"} and {@code \\} escaped, AND as juxtaposition,
 * groups with their parentheses. A tree that the parser could not have produced (say, a bare word
 * containing a space) prints as text that does not parse back to it.
 */
public final class QueryPrinter {
    private QueryPrinter() {
    }

    public static String print(QueryNode.Query query) {
        StringBuilder text = new StringBuilder();
        query.expression().ifPresent(expression -> text.append(print(expression)));
        if (!query.sort().isEmpty()) {
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append("\"Sort By\": ").append(query.sort().stream().map(QueryPrinter::print)
                    .collect(Collectors.joining(", ")));
        }
        return text.toString();
    }

    public static String print(Expression expression) {
        return switch (expression) {
            case QueryNode.Or or -> or.operands().stream().map(QueryPrinter::print).collect(Collectors.joining(" OR "));
            case QueryNode.And and -> and.operands().stream().map(QueryPrinter::print).collect(Collectors.joining(" "));
            case QueryNode.Group group -> "(" + print(group.expression()) + ")";
            case QueryNode.Text text -> text.quoted() ? quote(text.text()) : text.text();
            case QueryNode.FieldCondition condition -> print(condition.field()) + ": "
                    + condition.values().stream().map(QueryPrinter::print).collect(Collectors.joining(", "));
        };
    }

    private static String print(FieldName field) {
        return field.quoted() ? quote(field.name()) : field.name();
    }

    private static String print(SortItem item) {
        return print(item.field()) + (item.descending() ? " DESC" : "");
    }

    private static String print(Value value) {
        return value.operator().symbol() + print(value.operand())
                + value.rangeEnd().map(end -> " .. " + print(end)).orElse("");
    }

    private static String print(Operand operand) {
        StringBuilder text = new StringBuilder(print(operand.atom()));
        for (Shift shift : operand.shifts()) {
            text.append(' ').append(shift.minus() ? '-' : '+').append(print(shift.duration()));
        }
        return text.toString();
    }

    private static String print(Atom atom) {
        return switch (atom) {
            case Word word -> word.text();
            case Quoted quoted -> quote(quoted.text());
            case Call call -> call.name() + "(" + call.arguments().stream().map(QueryPrinter::print)
                    .collect(Collectors.joining(", ")) + ")";
        };
    }

    private static String print(Argument argument) {
        return argument.name() + ": " + print(argument.value());
    }

    static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
