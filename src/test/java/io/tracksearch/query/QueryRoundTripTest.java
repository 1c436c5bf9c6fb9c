package io.tracksearch.query;

import io.tracksearch.query.QueryNode.Argument;
import io.tracksearch.query.QueryNode.Atom;
import io.tracksearch.query.QueryNode.Call;
import io.tracksearch.query.QueryNode.Expression;
import io.tracksearch.query.QueryNode.FieldCondition;
import io.tracksearch.query.QueryNode.FieldName;
import io.tracksearch.query.QueryNode.Operand;
import io.tracksearch.query.QueryNode.Operator;
import io.tracksearch.query.QueryNode.Quoted;
import io.tracksearch.query.QueryNode.Shift;
import io.tracksearch.query.QueryNode.SortItem;
import io.tracksearch.query.QueryNode.Text;
import io.tracksearch.query.QueryNode.Value;
import io.tracksearch.query.QueryNode.Word;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Random syntax trees printed with QueryPrinter parse back to the same tree (positions aside). */
class QueryRoundTripTest {
    private static final int TREES = 2_000;
    private static final String WORD_START = "abcxyzABCXYZ0123456789_@йцукФЫВ$%&*?/";
    private static final String WORD_PART = WORD_START + "-+.!#~<>=";
    private static final String QUOTED_CHARS = "ab Z9 \"\\:(),.!#~<>=-+|@ёЖ\t";
    private static final Pattern SORT_BY = Pattern.compile("(?i)\\s*sort\\s+by\\s*");

    @Test
    void printedTreesParseBack() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int i = 0; i < TREES; i++) {
            QueryNode.Query tree = new Generator(random).query();
            String text = QueryPrinter.print(tree);
            QueryNode.Query parsed;
            try {
                parsed = QuerySyntax.parse(text);
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + ", tree " + i + ": could not parse " + text, e);
            }
            assertEquals(tree, Positions.reset(parsed), () -> "seed " + seed + ", text: " + text);
            assertEquals(text, QueryPrinter.print(parsed), () -> "seed " + seed);
        }
    }

    @Test
    void printsReadably() {
        String text = "(Followers: me() OR Assignee: me()) Priority: !Blocker, \"In Progress\" "
                + "Created: >today() -1w .. \"2017-01-01\" crash \"Sort By\": Created, Updated DESC";
        assertEquals(text, QueryPrinter.print(QuerySyntax.parse(text)));
    }

    /** Builds trees the parser can produce, with every position 0. */
    private static final class Generator {
        private final Random random;

        Generator(Random random) {
            this.random = random;
        }

        QueryNode.Query query() {
            Optional<Expression> expression = random.nextInt(10) < 9 ? Optional.of(expression(0)) : Optional.empty();
            List<SortItem> sort = new ArrayList<>();
            if (random.nextInt(4) == 0) {
                for (int i = 1 + random.nextInt(3); i > 0; i--) {
                    sort.add(new SortItem(fieldName(), random.nextBoolean()));
                }
            }
            return new QueryNode.Query(expression, sort);
        }

        private Expression expression(int depth) {
            int operands = random.nextInt(4) == 0 ? 2 + random.nextInt(2) : 1;
            List<Expression> conjunctions = new ArrayList<>();
            for (int i = 0; i < operands; i++) {
                conjunctions.add(conjunction(depth));
            }
            return conjunctions.size() == 1 ? conjunctions.getFirst() : new QueryNode.Or(conjunctions);
        }

        private Expression conjunction(int depth) {
            int units = random.nextInt(3) == 0 ? 2 + random.nextInt(3) : 1;
            List<Expression> operands = new ArrayList<>();
            for (int i = 0; i < units; i++) {
                operands.add(unit(depth));
            }
            return operands.size() == 1 ? operands.getFirst() : new QueryNode.And(operands);
        }

        private Expression unit(int depth) {
            int choice = random.nextInt(10);
            if (choice == 0 && depth < 4) {
                return new QueryNode.Group(expression(depth + 1), 0);
            }
            if (choice < 3) {
                return random.nextBoolean() ? new Text(word(false), false, 0) : new Text(quoted(), true, 0);
            }
            List<Value> values = new ArrayList<>();
            for (int i = random.nextInt(4) == 0 ? 1 + random.nextInt(3) : 1; i > 0; i--) {
                values.add(value(depth));
            }
            return new FieldCondition(fieldName(), values);
        }

        private FieldName fieldName() {
            return random.nextBoolean() ? new FieldName(word(false), false, 0) : new FieldName(quoted(), true, 0);
        }

        private Value value(int depth) {
            Operator operator = Operator.values()[random.nextInt(Operator.values().length)];
            Optional<Operand> rangeEnd = random.nextInt(5) == 0 ? Optional.of(operand(depth)) : Optional.empty();
            return new Value(operator, operand(depth), rangeEnd, 0);
        }

        private Operand operand(int depth) {
            List<Shift> shifts = new ArrayList<>();
            for (int i = random.nextInt(4) == 0 ? 1 + random.nextInt(2) : 0; i > 0; i--) {
                Atom duration = random.nextBoolean()
                        ? new Word(random.nextInt(100) + "wdhms".substring(random.nextInt(5)).substring(0, 1), 0)
                        : new Quoted(random.nextInt(9) + "w " + random.nextInt(9) + "d " + random.nextInt(24) + "h", 0);
                shifts.add(new Shift(random.nextBoolean(), duration, 0));
            }
            return new Operand(atom(depth), shifts);
        }

        private Atom atom(int depth) {
            int choice = random.nextInt(5);
            if (choice == 0 && depth < 3) {
                List<Argument> arguments = new ArrayList<>();
                for (int i = random.nextInt(3); i > 0; i--) {
                    arguments.add(new Argument(word(false), value(depth + 1), 0));
                }
                String[] names = {"me", "today", "empty", "notEmpty", "group", "changed", "now", "x_1"};
                return new Call(names[random.nextInt(names.length)], arguments, 0);
            }
            return choice < 3 ? new Word(word(true), 0) : new Quoted(quoted(), 0);
        }

        /** A bare word that lexes as one WORD token; keywords only where the grammar takes them as words. */
        private String word(boolean keywordsAllowed) {
            while (true) {
                StringBuilder word = new StringBuilder();
                word.append(WORD_START.charAt(random.nextInt(WORD_START.length())));
                for (int i = random.nextInt(8); i > 0; i--) {
                    char next = WORD_PART.charAt(random.nextInt(WORD_PART.length()));
                    if (next == '.' && word.charAt(word.length() - 1) == '.') {
                        continue;
                    }
                    word.append(next);
                }
                String text = word.toString();
                String lower = text.toLowerCase(Locale.ROOT);
                if (!keywordsAllowed && (lower.equals("and") || lower.equals("or"))) {
                    continue;
                }
                return text;
            }
        }

        private String quoted() {
            while (true) {
                StringBuilder text = new StringBuilder();
                for (int i = random.nextInt(10); i > 0; i--) {
                    text.append(QUOTED_CHARS.charAt(random.nextInt(QUOTED_CHARS.length())));
                }
                if (!SORT_BY.matcher(text).matches()) {
                    return text.toString();
                }
            }
        }
    }

    /** Resets every position to 0, so that trees compare by structure only. */
    static final class Positions {
        private Positions() {
        }

        static QueryNode.Query reset(QueryNode.Query query) {
            return new QueryNode.Query(query.expression().map(Positions::reset),
                    query.sort().stream().map(item -> new SortItem(reset(item.field()), item.descending())).toList());
        }

        private static Expression reset(Expression expression) {
            return switch (expression) {
                case QueryNode.Or or -> new QueryNode.Or(or.operands().stream().map(Positions::reset).toList());
                case QueryNode.And and -> new QueryNode.And(and.operands().stream().map(Positions::reset).toList());
                case QueryNode.Group group -> new QueryNode.Group(reset(group.expression()), 0);
                case Text text -> new Text(text.text(), text.quoted(), 0);
                case FieldCondition condition -> new FieldCondition(reset(condition.field()),
                        condition.values().stream().map(Positions::reset).toList());
            };
        }

        private static FieldName reset(FieldName field) {
            return new FieldName(field.name(), field.quoted(), 0);
        }

        private static Value reset(Value value) {
            return new Value(value.operator(), reset(value.operand()), value.rangeEnd().map(Positions::reset), 0);
        }

        private static Operand reset(Operand operand) {
            return new Operand(reset(operand.atom()), operand.shifts().stream()
                    .map(shift -> new Shift(shift.minus(), reset(shift.duration()), 0)).toList());
        }

        private static Atom reset(Atom atom) {
            return switch (atom) {
                case Word word -> new Word(word.text(), 0);
                case Quoted quoted -> new Quoted(quoted.text(), 0);
                case Call call -> new Call(call.name(), call.arguments().stream()
                        .map(argument -> new Argument(argument.name(), reset(argument.value()), 0)).toList(), 0);
            };
        }
    }
}
