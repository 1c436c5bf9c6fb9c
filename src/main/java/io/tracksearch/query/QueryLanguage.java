package io.tracksearch.query;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Entry point of the query language (spec 8): text to syntax tree ({@link QuerySyntax}) to condition
 * and sort ({@link QueryResolver}). Every problem is a 400 {@code Invalid query: <what> at position <n>}.
 */
public final class QueryLanguage {
    /** Longer texts are parsed every time, so that the cache holds at most ~4 MB of text. */
    static final int CACHED_TEXT_LENGTH = 4_096;
    static final int CACHED_QUERIES = 1_024;
    /**
     * Syntax trees of recent query texts. Clients repeat their queries (saved filters, dashboards, scripts
     * that poll), and lexing and parsing were about a tenth of such a search's CPU. A tree is immutable
     * and depends on the text alone; resolving it (field names, users, dates relative to now) is done on
     * every search. When full, the cache is emptied rather than ordered by use: cheap, and a working set
     * larger than it only loses the shortcut.
     */
    private static final Map<String, QueryNode.Query> RECENT = new ConcurrentHashMap<>();

    private QueryLanguage() {
    }

    /** The syntax tree of a text, from the cache when the text was parsed lately. */
    static QueryNode.Query syntax(String text) {
        QueryNode.Query cached = RECENT.get(text);
        if (cached != null) {
            return cached;
        }
        QueryNode.Query parsed = QuerySyntax.parse(text);   // a syntax error throws: nothing cached
        if (text.length() <= CACHED_TEXT_LENGTH) {
            if (RECENT.size() >= CACHED_QUERIES) {
                RECENT.clear();
            }
            RECENT.put(text, parsed);
        }
        return parsed;
    }

    /** Parses and resolves a query; empty or blank text matches every issue and has no sort. */
    public static ParsedQuery parse(String text, QueryContext context) {
        QueryNode.Query syntax = syntax(text);
        try {
            return new QueryResolver(context).resolve(syntax);
        } catch (StackOverflowError e) {
            throw QueryErrors.at(1, "query is nested too deeply");
        }
    }
}
