package io.tracksearch.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracksearch.error.TrackerException;
import io.tracksearch.model.IssueField;
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
import io.tracksearch.query.QueryNode.Value;
import io.tracksearch.query.QueryNode.Word;
import io.tracksearch.store.Condition;
import io.tracksearch.store.Condition.Exists;
import io.tracksearch.store.Condition.MatchAll;
import io.tracksearch.store.Condition.MatchNone;
import io.tracksearch.store.Condition.Phrase;
import io.tracksearch.store.Condition.TextEquals;
import io.tracksearch.store.Condition.TextMatch;
import io.tracksearch.store.IssueSort;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Gives a syntax tree its meaning: field names to fields, values to normalised constants (users to
 * uids, today() to an interval at {@code context.now()}), operators to conditions (spec 8.3-8.6).
 * Every problem is a positioned 400 through {@link QueryErrors}.
 */
final class QueryResolver {
    private static final List<IssueField> RELATED_FIELDS =
            List.of(IssueField.CREATED_BY, IssueField.ASSIGNEE, IssueField.FOLLOWERS);
    /** Pseudo-fields whose values are resolved through queues, boards and sprints into another field's values. */
    private static final Set<QueryField.Pseudo> RESOLVED_THROUGH_OBJECTS = EnumSet.of(QueryField.Pseudo.SPRINTS_BY_BOARD,
            QueryField.Pseudo.SPRINT_IN_PROGRESS_BY_BOARD, QueryField.Pseudo.QUEUE_OWNER, QueryField.Pseudo.COMPONENT_OWNER,
            QueryField.Pseudo.FILTER);
    /** Saved filters may name saved filters; deeper than this is refused (and so is a filter naming itself). */
    static final int MAX_FILTER_DEPTH = 5;
    private static final ThreadLocal<Integer> FILTER_DEPTH = ThreadLocal.withInitial(() -> 0);

    private final QueryContext context;
    private final FieldValueLookup lookup;

    QueryResolver(QueryContext context) {
        this.context = context;
        this.lookup = new FieldValueLookup(context);
    }

    ParsedQuery resolve(QueryNode.Query query) {
        Condition condition = query.expression().map(this::expression).orElseGet(MatchAll::new);
        Optional<IssueSort> sort = Optional.empty();
        if (!query.sort().isEmpty()) {
            List<IssueSort.Key> keys = new ArrayList<>();
            for (SortItem item : query.sort()) {
                keys.add(new IssueSort.Key(sortField(item.field()), item.descending()));
            }
            sort = Optional.of(new IssueSort(keys));
        }
        return new ParsedQuery(condition, sort);
    }

    private Condition expression(Expression expression) {
        return switch (expression) {
            case QueryNode.Or or -> Conditions.or(or.operands().stream().map(this::expression).toList());
            case QueryNode.And and -> Conditions.and(and.operands().stream().map(this::expression).toList());
            case QueryNode.Group group -> expression(group.expression());
            case QueryNode.Text text -> freeText(text);
            case FieldCondition condition -> condition(condition);
        };
    }

    /** Free text: word match over summary or description (comments are not stored). */
    private Condition freeText(QueryNode.Text text) {
        Operands.requireNoWildcard(text.text(), text.position());
        return Conditions.or(List.of(new TextMatch(IssueField.SUMMARY, text.text()),
                new TextMatch(IssueField.DESCRIPTION, text.text())));
    }

    private QueryField field(FieldName name) {
        Optional<QueryField> field = FieldNames.queryField(name.name(), context.fields());
        if (field.isPresent()) {
            return field.get();
        }
        throw QueryErrors.at(name.position(), "unknown field " + QueryErrors.quote(name.name()));
    }

    private IssueField sortField(FieldName name) {
        QueryField field = field(name);
        return field.issueField().filter(IssueSort::isSortable).orElseThrow(() ->
                QueryErrors.at(name.position(), "field " + QueryErrors.quote(name.name()) + " is not sortable"));
    }

    /** One condition: positives OR-ed, negatives ('!' and '~') AND-ed (decision 26). */
    private Condition condition(FieldCondition condition) {
        QueryField field = field(condition.field());
        String name = condition.field().name();
        List<Condition> positives = new ArrayList<>();
        List<Condition> negatives = new ArrayList<>();
        for (Value value : condition.values()) {
            switch (value.operator()) {
                case NOT -> negatives.add(value(field, name, value, Operator.NONE));
                case NOT_EXACTLY -> negatives.add(notExactly(field, name, value));
                default -> positives.add(value(field, name, value, value.operator()));
            }
        }
        return Conditions.positivesAndNegatives(positives, negatives);
    }

    /** The positive meaning of one value under the given operator (NOT already stripped by the caller). */
    private Condition value(QueryField field, String name, Value value, Operator operator) {
        boolean ordered = field.kind().isOrdered();
        if (operator.isComparison() && !ordered) {
            throw QueryErrors.at(value.position(), "operator '" + operator.symbol() + "' is not applicable to field "
                    + QueryErrors.quote(name));
        }
        if (value.rangeEnd().isPresent() && !ordered) {
            throw QueryErrors.at(value.position(), "range is not applicable to field " + QueryErrors.quote(name));
        }
        if (operator == Operator.PHRASE && field.kind() != IssueField.Kind.TEXT) {
            throw QueryErrors.at(value.position(), "operator '#' is not applicable to field " + QueryErrors.quote(name));
        }
        Operand operand = value.operand();
        if (operand.atom() instanceof Call call) {
            Optional<Condition> special = specialFunction(field, name, call, value);
            if (special.isPresent()) {
                return special.get();
            }
        }
        return switch (field.kind()) {
            case INSTANT, DATE -> Operands.dateCondition(field.issueField().orElseThrow(), operator, interval(operand, name),
                    value.rangeEnd().map(end -> interval(end, name)));
            case NUMBER -> Operands.numberCondition(field.issueField().orElseThrow(), operator, Operands.number(operand, name),
                    value.rangeEnd().map(end -> Operands.number(end, name)));
            case DURATION -> Operands.numberCondition(field.issueField().orElseThrow(), operator, Operands.duration(operand, name),
                    value.rangeEnd().map(end -> Operands.duration(end, name)));
            case TEXT -> textCondition(field, operator, Operands.text(operand, name));
            case CATALOG, USER, QUEUE, KEY, STRING, COMPONENT, ISSUE, EXACT, REFERENCE -> keywordCondition(field, name, operand);
        };
    }

    /**
     * Functions that are whole conditions rather than values: empty(), notEmpty(), unresolved(),
     * changed(). Empty when the call is something else (me(), today() ...), handled as a value.
     */
    private Optional<Condition> specialFunction(QueryField field, String name, Call call, Value value) {
        String function = call.name().toLowerCase(Locale.ROOT);
        if (!function.equals("empty") && !function.equals("notempty") && !function.equals("unresolved")
                && !function.equals("changed")) {
            return Optional.empty();
        }
        if (value.operator() != Operator.NONE && value.operator() != Operator.NOT || value.rangeEnd().isPresent()
                || !value.operand().shifts().isEmpty()) {
            throw QueryErrors.at(value.position(), "function " + Operands.functionName(call) + " cannot be compared or shifted");
        }
        if (function.equals("changed")) {
            return Optional.of(changed(field, name, call));
        }
        Operands.requireNoArguments(call);
        if (function.equals("unresolved") && !field.is(IssueField.RESOLUTION)) {
            throw Operands.notApplicable(call, name);
        }
        if (field.pseudo() != null && RESOLVED_THROUGH_OBJECTS.contains(field.pseudo())) {
            throw Operands.notApplicable(call, name);   // they name owners and boards, not values an issue has or lacks
        }
        boolean empty = !function.equals("notempty");
        return Optional.of(empty ? Conditions.not(exists(field)) : exists(field));
    }

    /** "The field has a value": pseudo-fields without stored values never have one. */
    private static Condition exists(QueryField field) {
        if (field.is(QueryField.Pseudo.RELATED)) {
            return Conditions.or(RELATED_FIELDS.stream().<Condition>map(Exists::new).toList());
        }
        return field.issueField().<Condition>map(Exists::new).orElseGet(MatchNone::new);
    }

    private Condition notExactly(QueryField field, String name, Value value) {
        if (!field.is(IssueField.SUMMARY)) {
            throw QueryErrors.at(value.position(), "operator '~' is only applicable to field Summary");
        }
        if (value.rangeEnd().isPresent()) {
            throw QueryErrors.at(value.position(), "range is not applicable to field " + QueryErrors.quote(name));
        }
        Operands.PositionedText text = Operands.text(value.operand(), name);
        Operands.requireNoWildcard(text.text(), text.position());
        return new TextEquals(IssueField.SUMMARY, TextEquals.normalize(text.text()));
    }

    // ---- text ----

    private Condition textCondition(QueryField field, Operator operator, Operands.PositionedText text) {
        if (operator == Operator.PHRASE) {
            Operands.requireFewGaps(text.text(), text.position());
        }
        else {
            Operands.requireNoWildcard(text.text(), text.position());
        }
        if (field.is(QueryField.Pseudo.HISTORY)) {
            return new Condition.HistoryText(text.text(), operator == Operator.PHRASE);
        }
        Optional<IssueField> stored = field.issueField();
        if (stored.isEmpty()) {
            throw new IllegalStateException("a text pseudo-field without a condition: " + field);
        }
        return operator == Operator.PHRASE ? new Phrase(stored.get(), text.text()) : new TextMatch(stored.get(), text.text());
    }

    // ---- keywords: catalogues, users, queues, keys, tags, components ----

    private Condition keywordCondition(QueryField field, String name, Operand operand) {
        Operands.requireNoShift(operand, name);
        if (field.kind() == IssueField.Kind.USER) {
            return userCondition(field, name, operand.atom());
        }
        if (operand.atom() instanceof Call call) {
            throw Operands.notApplicable(call, name);
        }
        if (field.issueField().isEmpty()) {
            Atom atom = operand.atom();
            String text = atom instanceof Word word ? word.text() : ((Quoted) atom).text();
            if (field.is(QueryField.Pseudo.FILTER)) {
                return savedFilter(text, atom.position());
            }
            if (field.is(QueryField.Pseudo.SPRINTS_BY_BOARD) || field.is(QueryField.Pseudo.SPRINT_IN_PROGRESS_BY_BOARD)) {
                // the board's sprints, by id: what issues store in "sprint"
                return Conditions.anyOf(IssueField.SPRINT,
                        context.sprints().sprintIds(text, field.is(QueryField.Pseudo.SPRINT_IN_PROGRESS_BY_BOARD)));
            }
            // Is Parent Task For / Is Epic Of / Parent Tasks For Queue / Epics For Queue: looked up in the store
            return Conditions.anyOf(IssueField.KEY, lookup.relatedKeys(field, text));
        }
        IssueField stored = field.issueField().get();
        List<String> values = keywordValues(stored, name, operand.atom());
        return lookup.withHierarchy(stored, values, Conditions.anyOf(stored, values));
    }

    /**
     * {@code Filter: <id>}: what the saved filter finds, its query (sort clause ignored) or its filter
     * object resolved in this same context, so me() and today() mean the caller's and now.
     */
    private Condition savedFilter(String id, int position) {
        JsonNode definition = context.savedFilters().definition(id.strip())
                .orElseThrow(() -> QueryErrors.at(position, "filter " + QueryErrors.quote(id) + " does not exist"));
        int depth = FILTER_DEPTH.get();
        if (depth >= MAX_FILTER_DEPTH) {
            throw QueryErrors.at(position, "filter " + QueryErrors.quote(id) + " names filters more than "
                    + MAX_FILTER_DEPTH + " deep (or itself)");
        }
        FILTER_DEPTH.set(depth + 1);
        try {
            if (definition.path("query").isTextual()) {
                return QueryLanguage.parse(definition.get("query").asText(), context).condition();
            }
            return FilterParser.parse(definition.path("filter"), context);
        }
        catch (TrackerException e) {
            if (depth > 0) {
                throw e;
            }
            throw QueryErrors.at(position, "filter " + QueryErrors.quote(id) + " cannot be used: "
                    + e.message("en").replaceFirst("^Invalid query: ", ""));
        }
        finally {
            FILTER_DEPTH.set(depth);
        }
    }

    /** Normalised values of a word or string for a keyword field; calls are the caller's business. */
    private List<String> keywordValues(IssueField field, String name, Atom atom) {
        String text = switch (atom) {
            case Word word -> word.text();
            case Quoted quoted -> quoted.text();
            case Call call -> throw Operands.notApplicable(call, name);
        };
        return switch (field.kind()) {
            case CATALOG -> List.of(field.catalog().find(text).orElseThrow(() -> QueryErrors.at(atom.position(),
                    "unknown value " + QueryErrors.quote(text) + " for field " + QueryErrors.quote(name))).key());
            case USER -> users(atom, name);
            default -> lookup.plainKeywords(field, text);
        };
    }

    private Condition userCondition(QueryField field, String name, Atom atom) {
        if (field.is(IssueField.FAVORITED_BY) && !(atom instanceof Call call && call.name().equalsIgnoreCase("me"))) {
            // Tracker keeps favourites private: only the caller's own can be asked for
            throw QueryErrors.at(atom.position(), "only me() is allowed for field " + QueryErrors.quote(name));
        }
        List<String> uids = users(atom, name);
        if (field.is(QueryField.Pseudo.RELATED)) {
            return Conditions.or(RELATED_FIELDS.stream().map(related -> Conditions.anyOf(related, uids)).toList());
        }
        if (field.is(QueryField.Pseudo.QUEUE_OWNER)) {
            return Conditions.anyOf(IssueField.QUEUE, lookup.queuesLedBy(uids));
        }
        if (field.is(QueryField.Pseudo.COMPONENT_OWNER)) {
            return lookup.componentsLedBy(uids);
        }
        return Conditions.anyOf(field.issueField().orElseThrow(), uids);
    }

    /** Spec 8.3 user forms: login@, "quoted", bare word, uid, me(), group(value: ...). */
    private List<String> users(Atom atom, String name) {
        return switch (atom) {
            case Word word when word.text().endsWith("@") && word.text().length() > 1 ->
                    lookup.usersByLogin(word.text().substring(0, word.text().length() - 1));
            case Word word -> lookup.usersByWord(word.text());
            case Quoted quoted -> lookup.usersByLoginUidOrDisplayName(quoted.text());
            case Call call -> switch (call.name().toLowerCase(Locale.ROOT)) {
                case "me" -> {
                    Operands.requireNoArguments(call);
                    yield List.of(lookup.me());
                }
                case "group" -> lookup.groupMembers(groupName(call));
                default -> throw Operands.notApplicable(call, name);
            };
        };
    }

    private static String groupName(Call call) {
        if (call.arguments().size() != 1 || !call.arguments().getFirst().name().equalsIgnoreCase("value")) {
            throw QueryErrors.at(call.position(), "function group() takes one argument 'value'");
        }
        Value value = call.arguments().getFirst().value();
        if (value.operator() != Operator.NONE || value.rangeEnd().isPresent() || !value.operand().shifts().isEmpty()) {
            throw QueryErrors.at(value.position(), "group name must be a word or a string");
        }
        return switch (value.operand().atom()) {
            case Word word -> word.text();
            case Quoted quoted -> quoted.text();
            case Call inner -> throw QueryErrors.at(inner.position(), "group name must be a word or a string");
        };
    }

    // ---- dates ----

    /** The interval a date operand denotes: a literal or a date function, shifted by its durations. */
    private Interval interval(Operand operand, String name) {
        Interval interval = switch (operand.atom()) {
            case Word word -> TimeValues.literal(word.text()).orElseThrow(() ->
                    QueryErrors.at(word.position(), "invalid date " + QueryErrors.quote(word.text())));
            case Quoted quoted -> TimeValues.literal(quoted.text()).orElseThrow(() ->
                    QueryErrors.at(quoted.position(), "invalid date " + QueryErrors.quote(quoted.text())));
            case Call call -> {
                String function = call.name().toLowerCase(Locale.ROOT);
                if (!TimeValues.isDateFunction(function)) {
                    throw Operands.notApplicable(call, name);
                }
                Operands.requireNoArguments(call);
                yield TimeValues.function(function, context.now()).orElseThrow();
            }
        };
        for (Shift shift : operand.shifts()) {
            String text = switch (shift.duration()) {
                case Word word -> word.text();
                case Quoted quoted -> quoted.text();
                case Call call -> throw new IllegalStateException("a duration is never a call");
            };
            OptionalLong millis = Durations.millis(text);
            if (millis.isEmpty()) {
                throw QueryErrors.at(shift.duration().position(), "invalid duration " + QueryErrors.quote(text));
            }
            try {
                interval = interval.shift(shift.minus() ? -millis.getAsLong() : millis.getAsLong());
            } catch (ArithmeticException e) {
                throw QueryErrors.at(shift.position(), "date out of range");
            }
        }
        return interval;
    }

    // ---- changed() ----

    /** changed(from:, to:, by:, date:) on a stored keyword field (spec 8.6). */
    private Condition changed(QueryField field, String name, Call call) {
        Optional<IssueField> stored = field.issueField();
        if (stored.isEmpty() || !stored.get().kind().isKeyword()) {
            throw Operands.notApplicable(call, name);
        }
        IssueField issueField = stored.get();
        List<String> from = List.of();
        List<String> to = List.of();
        List<String> by = List.of();
        Long dateFrom = null;
        Long dateTo = null;
        Set<String> seen = new HashSet<>();
        for (Argument argument : call.arguments()) {
            String argumentName = argument.name().toLowerCase(Locale.ROOT);
            if (!seen.add(argumentName)) {
                throw QueryErrors.at(argument.position(), "duplicate argument " + QueryErrors.quote(argument.name())
                        + " of changed()");
            }
            Value value = argument.value();
            if (!argumentName.equals("date") && (value.operator() != Operator.NONE || value.rangeEnd().isPresent())) {
                throw QueryErrors.at(value.position(), "argument " + QueryErrors.quote(argument.name())
                        + " of changed() takes a single value");
            }
            switch (argumentName) {
                case "from" -> from = changedValues(issueField, name, value.operand());
                case "to" -> to = changedValues(issueField, name, value.operand());
                case "by" -> {
                    Operands.requireNoShift(value.operand(), argument.name());
                    by = users(value.operand().atom(), argument.name());
                }
                case "date" -> {
                    if (value.operator() != Operator.NONE && !value.operator().isComparison()) {
                        throw QueryErrors.at(value.position(), "operator '" + value.operator().symbol()
                                + "' is not applicable to argument 'date'");
                    }
                    long[] bounds = Operands.dateBounds(value.operator(), interval(value.operand(), argument.name()),
                            value.rangeEnd().map(end -> interval(end, argument.name())));
                    dateFrom = bounds[0] == Long.MIN_VALUE ? null : bounds[0];
                    dateTo = bounds[1] == Long.MAX_VALUE ? null : bounds[1];
                }
                default -> throw QueryErrors.at(argument.position(), "unknown argument "
                        + QueryErrors.quote(argument.name()) + " of changed()");
            }
            if (seen.contains("from") && from.isEmpty() || seen.contains("to") && to.isEmpty()
                    || seen.contains("by") && by.isEmpty()) {
                return new MatchNone();   // an unknown user or queue was named: no change can match
            }
        }
        return new Condition.Changed(issueField, from, to, by, dateFrom, dateTo);
    }

    private List<String> changedValues(IssueField field, String name, Operand operand) {
        Operands.requireNoShift(operand, name);
        if (field.kind() == IssueField.Kind.USER) {
            return users(operand.atom(), name);
        }
        return keywordValues(field, name, operand.atom());
    }

}
