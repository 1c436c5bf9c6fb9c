package io.tracksearch.query;

import io.tracksearch.error.TrackerException;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Text to syntax tree: the single entry point that owns lexing, parsing and syntax errors. ANTLR's
 * console listeners are replaced by one that throws a positioned 400; fast SLL prediction is tried
 * before full LL; input length and nesting depth are bounded so absurd input fails cleanly.
 */
public final class QuerySyntax {
    /** Spec 8.10: longer queries are rejected. */
    public static final int MAX_LENGTH = 65_536;
    /** Parentheses and calls nested deeper than this are rejected before parsing (the parser recurses). */
    public static final int MAX_DEPTH = 100;

    private static final Pattern SINGLE_UNIT_DURATION = Pattern.compile("\\d{1,18}[wdhms]");

    private QuerySyntax() {
    }

    /** Parses query text into its syntax tree; blank text is the empty query. */
    public static QueryNode.Query parse(String text) {
        if (text.length() > MAX_LENGTH) {
            throw QueryErrors.at(MAX_LENGTH + 1, "query is longer than " + MAX_LENGTH + " characters");
        }
        List<Token> tokens = tokens(text);
        checkNesting(tokens);
        try {
            TrackerQueryParser.QueryContext tree = parseTree(tokens, text);
            return new QueryTreeBuilder().build(tree);
        } catch (StackOverflowError e) {
            throw QueryErrors.at(1, "query is nested too deeply");
        }
    }

    /** Lexes all tokens (hidden whitespace included), then applies decision 54 to leading signs. */
    private static List<Token> tokens(String text) {
        TrackerQueryLexer lexer = new TrackerQueryLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();   // every character is matched by some rule (UNRECOGNIZED last)
        List<Token> raw = new ArrayList<>();
        for (Token token = lexer.nextToken(); token.getType() != Token.EOF; token = lexer.nextToken()) {
            raw.add(token);
        }
        List<Token> result = new ArrayList<>(raw.size() + 1);
        for (int i = 0; i < raw.size(); i++) {
            Token token = raw.get(i);
            switch (token.getType()) {
                case TrackerQueryLexer.UNTERMINATED_STRING ->
                        throw QueryErrors.at(position(token), "unterminated string");
                case TrackerQueryLexer.UNRECOGNIZED ->
                        throw QueryErrors.at(position(token), "unexpected " + QueryErrors.quote(token.getText()));
                case TrackerQueryLexer.WORD -> splitSign(token, next(raw, i), result);
                default -> result.add(token);
            }
        }
        CommonToken eof = new CommonToken(Token.EOF, "<EOF>");
        eof.setStartIndex(text.length());
        eof.setStopIndex(text.length() - 1);
        eof.setTokenIndex(result.size());
        result.add(eof);
        for (int i = 0; i < result.size(); i++) {
            ((CommonToken) result.get(i)).setTokenIndex(i);
        }
        return result;
    }

    /**
     * Decision 54: a word starting with '+' or '-' is an arithmetic sign when a valid duration follows:
     * "-1w" becomes SIGN "1w"; a lone "-" becomes SIGN when the next token is a duration word or a
     * quoted duration. Anything else stays a word ("-foo", "TREK-12").
     */
    private static void splitSign(Token token, Token next, List<Token> out) {
        String text = token.getText();
        char first = text.charAt(0);
        if (first != '+' && first != '-') {
            out.add(token);
            return;
        }
        if (text.length() == 1) {
            boolean duration = next != null && (next.getType() == TrackerQueryLexer.WORD
                    && SINGLE_UNIT_DURATION.matcher(next.getText()).matches()
                    || next.getType() == TrackerQueryLexer.STRING
                    && Durations.isDuration(QueryTreeBuilder.unquote(next.getText())));
            if (duration) {
                ((CommonToken) token).setType(TrackerQueryParser.SIGN);
            }
            out.add(token);
            return;
        }
        if (!SINGLE_UNIT_DURATION.matcher(text.substring(1)).matches()) {
            out.add(token);
            return;
        }
        CommonToken sign = new CommonToken(token);
        sign.setType(TrackerQueryParser.SIGN);
        sign.setText(text.substring(0, 1));
        sign.setStopIndex(token.getStartIndex());
        CommonToken word = new CommonToken(token);
        word.setText(text.substring(1));
        word.setStartIndex(token.getStartIndex() + 1);
        word.setCharPositionInLine(token.getCharPositionInLine() + 1);
        out.add(sign);
        out.add(word);
    }

    /** The next token on the default channel after index i, or null. */
    private static Token next(List<Token> tokens, int i) {
        for (int j = i + 1; j < tokens.size(); j++) {
            if (tokens.get(j).getChannel() == Token.DEFAULT_CHANNEL) {
                return tokens.get(j);
            }
        }
        return null;
    }

    /** Balanced parentheses and bounded depth, checked on tokens so the messages are precise. */
    private static void checkNesting(List<Token> tokens) {
        List<Token> open = new ArrayList<>();
        for (Token token : tokens) {
            switch (token.getType()) {
                case TrackerQueryLexer.LPAREN, TrackerQueryLexer.FUNC -> {
                    open.add(token);
                    if (open.size() > MAX_DEPTH) {
                        throw QueryErrors.at(position(token), "parentheses nested deeper than " + MAX_DEPTH);
                    }
                }
                case TrackerQueryLexer.RPAREN -> {
                    if (open.isEmpty()) {
                        throw QueryErrors.at(position(token), "unbalanced parenthesis");
                    }
                    open.removeLast();
                }
                default -> {
                }
            }
        }
        if (!open.isEmpty()) {
            Token unclosed = open.getLast();
            int at = unclosed.getType() == TrackerQueryLexer.FUNC ? unclosed.getStopIndex() + 1 : position(unclosed);
            throw QueryErrors.at(at, "unbalanced parenthesis");
        }
    }

    private static TrackerQueryParser.QueryContext parseTree(List<Token> tokens, String text) {
        TrackerQueryParser parser = new TrackerQueryParser(new CommonTokenStream(new ListTokenSource(tokens)));
        parser.removeErrorListeners();
        parser.setErrorHandler(new BailErrorStrategy());
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        try {
            return parser.query();
        } catch (ParseCancellationException e) {
            // SLL failed: either a real error or a decision SLL cannot make; full LL decides which.
        }
        parser = new TrackerQueryParser(new CommonTokenStream(new ListTokenSource(tokens)));
        parser.removeErrorListeners();
        parser.addErrorListener(new ThrowingListener(tokens, text));
        parser.setErrorHandler(new DefaultErrorStrategy());
        parser.getInterpreter().setPredictionMode(PredictionMode.LL);
        return parser.query();
    }

    static int position(Token token) {
        return token.getStartIndex() + 1;
    }

    /** Turns the first syntax error into a positioned 400 with a short, human description. */
    private static final class ThrowingListener extends BaseErrorListener {
        private final List<Token> tokens;
        private final String text;

        ThrowingListener(List<Token> tokens, String text) {
            this.tokens = tokens;
            this.text = text;
        }

        @Override
        public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int charPositionInLine,
                String message, RecognitionException e) {
            throw describe((Token) offendingSymbol);
        }

        private TrackerException describe(Token offending) {
            Token previous = previous(offending.getTokenIndex());
            if (sortClauseBefore(offending.getTokenIndex()) && (previous == null
                    || previous.getType() != TrackerQueryLexer.COLON && previous.getType() != TrackerQueryLexer.COMMA)) {
                return QueryErrors.at(position(offending), "text after the sort clause");
            }
            if (previous != null && previous.getType() == TrackerQueryLexer.COLON) {
                return QueryErrors.at(position(previous), "missing value after ':'");
            }
            if (previous != null && previous.getType() == TrackerQueryLexer.COMMA) {
                return QueryErrors.at(position(previous), "missing value after ','");
            }
            if (offending.getType() == Token.EOF) {
                return QueryErrors.at(text.length() + 1, "unexpected end of query");
            }
            return QueryErrors.at(position(offending), "unexpected " + QueryErrors.quote(offending.getText()));
        }

        private Token previous(int index) {
            for (int i = index - 1; i >= 0; i--) {
                if (tokens.get(i).getChannel() == Token.DEFAULT_CHANNEL) {
                    return tokens.get(i);
                }
            }
            return null;
        }

        private boolean sortClauseBefore(int index) {
            for (int i = 0; i < index && i < tokens.size(); i++) {
                if (tokens.get(i).getType() == TrackerQueryLexer.SORT_BY) {
                    return true;
                }
            }
            return false;
        }
    }
}
