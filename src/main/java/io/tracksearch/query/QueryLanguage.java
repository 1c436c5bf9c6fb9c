package io.tracksearch.query;

/**
 * Entry point of the query language (spec 8): text to syntax tree ({@link QuerySyntax}) to condition
 * and sort ({@link QueryResolver}). Every problem is a 400 {@code Invalid query: <what> at position <n>}.
 */
public final class QueryLanguage {
    private QueryLanguage() {
    }

    /** Parses and resolves a query; empty or blank text matches every issue and has no sort. */
    public static ParsedQuery parse(String text, QueryContext context) {
        QueryNode.Query syntax = QuerySyntax.parse(text);
        try {
            return new QueryResolver(context).resolve(syntax);
        } catch (StackOverflowError e) {
            throw QueryErrors.at(1, "query is nested too deeply");
        }
    }
}
