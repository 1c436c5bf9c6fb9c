package io.tracksearch.query;

import io.tracksearch.query.QueryNode.Argument;
import io.tracksearch.query.QueryNode.Atom;
import io.tracksearch.query.QueryNode.Call;
import io.tracksearch.query.QueryNode.Expression;
import io.tracksearch.query.QueryNode.FieldCondition;
import io.tracksearch.query.QueryNode.FieldName;
import io.tracksearch.query.QueryNode.Group;
import io.tracksearch.query.QueryNode.Operand;
import io.tracksearch.query.QueryNode.Operator;
import io.tracksearch.query.QueryNode.Quoted;
import io.tracksearch.query.QueryNode.Shift;
import io.tracksearch.query.QueryNode.SortItem;
import io.tracksearch.query.QueryNode.Text;
import io.tracksearch.query.QueryNode.Value;
import io.tracksearch.query.QueryNode.Word;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Builds the immutable {@link QueryNode} tree from ANTLR's parse tree: one method per labelled
 * alternative. A parse-tree shape it does not know is a bug and fails loudly (IllegalStateException),
 * never a silent null.
 */
final class QueryTreeBuilder extends TrackerQueryBaseVisitor<QueryNode> {

    QueryNode.Query build(TrackerQueryParser.QueryContext context) {
        Optional<Expression> expression = context.expression() == null
                ? Optional.empty() : Optional.of(expression(context.expression()));
        List<SortItem> sort = new ArrayList<>();
        if (context.sortClause() != null) {
            for (TrackerQueryParser.SortItemContext item : context.sortClause().sortItem()) {
                sort.add(sortItem(item));
            }
        }
        return new QueryNode.Query(expression, sort);
    }

    private Expression expression(TrackerQueryParser.ExpressionContext context) {
        List<Expression> operands = new ArrayList<>();
        for (TrackerQueryParser.ConjunctionContext conjunction : context.conjunction()) {
            operands.add(conjunction(conjunction));
        }
        return operands.size() == 1 ? operands.getFirst() : new QueryNode.Or(operands);
    }

    private Expression conjunction(TrackerQueryParser.ConjunctionContext context) {
        List<Expression> operands = new ArrayList<>();
        for (TrackerQueryParser.UnitContext unit : context.unit()) {
            Expression operand = (Expression) visit(unit);
            Optional<FieldCondition> local = quotedLocalField(operands.isEmpty() ? null : operands.getLast(), operand);
            if (local.isPresent()) {
                operands.removeLast();
                operand = local.get();
            }
            operands.add(operand);
        }
        return operands.size() == 1 ? operands.getFirst() : new QueryNode.And(operands);
    }

    /**
     * {@code DEVS."Lead test engineer": x} lexes as the word {@code DEVS.} directly followed by a condition
     * on a quoted field: it is one condition on the local field {@code DEVS.Lead test engineer} (spec 8.2).
     */
    private static Optional<FieldCondition> quotedLocalField(Expression previous, Expression current) {
        if (previous instanceof Text text && !text.quoted() && text.text().endsWith(".")
                && current instanceof FieldCondition condition && condition.field().quoted()
                && text.position() + text.text().length() == condition.field().position()) {
            return Optional.of(new FieldCondition(new FieldName(text.text() + condition.field().name(), true, text.position()),
                    condition.values()));
        }
        return Optional.empty();
    }

    @Override
    public QueryNode visitGrouped(TrackerQueryParser.GroupedContext context) {
        return new Group(expression(context.expression()), position(context));
    }

    @Override
    public QueryNode visitCondition(TrackerQueryParser.ConditionContext context) {
        List<Value> values = new ArrayList<>();
        for (TrackerQueryParser.ValueContext value : context.value()) {
            values.add(value(value));
        }
        return new FieldCondition(field(context.field()), values);
    }

    @Override
    public QueryNode visitText(TrackerQueryParser.TextContext context) {
        Token token = context.getStart();
        boolean quoted = token.getType() == TrackerQueryLexer.STRING;
        return new Text(quoted ? unquote(token.getText()) : token.getText(), quoted, QuerySyntax.position(token));
    }

    private FieldName field(TrackerQueryParser.FieldContext context) {
        Token token = context.getStart();
        boolean quoted = token.getType() == TrackerQueryLexer.STRING;
        return new FieldName(quoted ? unquote(token.getText()) : token.getText(), quoted, QuerySyntax.position(token));
    }

    private Value value(TrackerQueryParser.ValueContext context) {
        Operator operator = context.operator() == null ? Operator.NONE : operator(context.operator().getStart());
        List<TrackerQueryParser.OperandContext> operands = context.operand();
        Optional<Operand> rangeEnd = operands.size() > 1 ? Optional.of(operand(operands.get(1))) : Optional.empty();
        return new Value(operator, operand(operands.getFirst()), rangeEnd, position(context));
    }

    private static Operator operator(Token token) {
        return switch (token.getType()) {
            case TrackerQueryLexer.BANG -> Operator.NOT;
            case TrackerQueryLexer.HASH -> Operator.PHRASE;
            case TrackerQueryLexer.TILDE -> Operator.NOT_EXACTLY;
            case TrackerQueryLexer.GT -> Operator.GREATER;
            case TrackerQueryLexer.GE -> Operator.GREATER_OR_EQUAL;
            case TrackerQueryLexer.LT -> Operator.LESS;
            case TrackerQueryLexer.LE -> Operator.LESS_OR_EQUAL;
            default -> throw new IllegalStateException("not an operator: " + token.getText());
        };
    }

    private Operand operand(TrackerQueryParser.OperandContext context) {
        List<Shift> shifts = new ArrayList<>();
        for (TrackerQueryParser.ShiftContext shift : context.shift()) {
            Token sign = shift.SIGN().getSymbol();
            Token duration = shift.getStop();
            Atom atom = duration.getType() == TrackerQueryLexer.STRING
                    ? new Quoted(unquote(duration.getText()), QuerySyntax.position(duration))
                    : new Word(duration.getText(), QuerySyntax.position(duration));
            shifts.add(new Shift(sign.getText().equals("-"), atom, QuerySyntax.position(sign)));
        }
        return new Operand((Atom) visit(context.atom()), shifts);
    }

    @Override
    public QueryNode visitQuotedAtom(TrackerQueryParser.QuotedAtomContext context) {
        return new Quoted(unquote(context.getText()), position(context));
    }

    @Override
    public QueryNode visitWordAtom(TrackerQueryParser.WordAtomContext context) {
        return new Word(context.getText(), position(context));
    }

    @Override
    public QueryNode visitCall(TrackerQueryParser.CallContext context) {
        String head = context.FUNC().getText();
        List<Argument> arguments = new ArrayList<>();
        for (TrackerQueryParser.ArgumentContext argument : context.argument()) {
            arguments.add(new Argument(argument.WORD().getText(), value(argument.value()), position(argument)));
        }
        return new Call(head.substring(0, head.length() - 1), arguments, position(context));
    }

    private SortItem sortItem(TrackerQueryParser.SortItemContext context) {
        boolean descending = false;
        if (context.direction != null) {
            String direction = context.direction.getText().toLowerCase(Locale.ROOT);
            if (!direction.equals("asc") && !direction.equals("desc")) {
                throw QueryErrors.at(QuerySyntax.position(context.direction), "text after the sort clause");
            }
            descending = direction.equals("desc");
        }
        return new SortItem(field(context.field()), descending);
    }

    @Override
    protected QueryNode aggregateResult(QueryNode aggregate, QueryNode nextResult) {
        throw new IllegalStateException("parse tree node without a builder method");
    }

    @Override
    protected QueryNode defaultResult() {
        return null;
    }

    private static int position(ParserRuleContext context) {
        return QuerySyntax.position(context.getStart());
    }

    /** Strips the quotes of a string token and resolves the {@code \"} and {@code \\} escapes; other backslashes stay. */
    static String unquote(String token) {
        String body = token.substring(1, token.length() - 1);
        if (body.indexOf('\\') < 0) {
            return body;
        }
        StringBuilder result = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length() && (body.charAt(i + 1) == '"' || body.charAt(i + 1) == '\\')) {
                result.append(body.charAt(++i));
            } else {
                result.append(c);
            }
        }
        return result.toString();
    }
}
