package io.tracksearch.http;

import io.javalin.http.Context;
import io.tracksearch.error.TrackerException;

import java.util.ArrayList;
import java.util.List;

/**
 * perPage/page parameters and the X-Total-Count, X-Total-Pages and Link headers of spec 2.3.
 * Link URLs keep the request's query string as sent, with only {@code page} replaced, so a client
 * that follows rel="next" verbatim gets the next page with every other parameter unchanged.
 */
record Paging(int perPage, int page) {
    static final int DEFAULT_PER_PAGE = 50;
    static final int MAX_PER_PAGE = 1000;

    static Paging of(Context ctx) {
        int perPage = integer(ctx, "perPage", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE);
        int page = integer(ctx, "page", 1, 1, Integer.MAX_VALUE);
        return new Paging(perPage, page);
    }

    /** Offset of the first item; a page past the end simply yields nothing. */
    long offset() {
        return (long) (page - 1) * perPage;
    }

    void writeHeaders(Context ctx, Urls urls, long totalCount) {
        long totalPages = (totalCount + perPage - 1) / perPage;
        ctx.header("X-Total-Count", Long.toString(totalCount));
        ctx.header("X-Total-Pages", Long.toString(totalPages));
        List<String> links = new ArrayList<>();
        String path = urls.base() + ctx.path();
        links.add(link(path, ctx.queryString(), 1, "first"));
        if (page > 1 && page <= totalPages) {
            links.add(link(path, ctx.queryString(), page - 1, "prev"));
        }
        if (page < totalPages) {
            links.add(link(path, ctx.queryString(), page + 1, "next"));
        }
        if (totalPages >= 1) {
            links.add(link(path, ctx.queryString(), totalPages, "last"));
        }
        ctx.header("Link", String.join(", ", links));
    }

    private static String link(String path, String queryString, long page, String relation) {
        return "<" + path + "?" + withPage(queryString, page) + ">; rel=\"" + relation + "\"";
    }

    static String withPage(String queryString, long page) {
        return withParameter(queryString, "page", Long.toString(page));
    }

    /**
     * The query string with parameter {@code name} set to {@code value} where it first stood (else at the
     * end), or removed when {@code value} is null; every other part kept as sent.
     */
    static String withParameter(String queryString, String name, String value) {
        List<String> parts = new ArrayList<>();
        boolean replaced = false;
        if (queryString != null && !queryString.isEmpty()) {
            for (String part : queryString.split("&")) {
                if (part.equals(name) || part.startsWith(name + "=")) {
                    if (!replaced && value != null) {
                        parts.add(name + "=" + value);
                    }
                    replaced = true;
                    continue;
                }
                if (!part.isEmpty()) {
                    parts.add(part);
                }
            }
        }
        if (!replaced && value != null) {
            parts.add(name + "=" + value);
        }
        return String.join("&", parts);
    }

    static int integer(Context ctx, String name, int defaultValue, int min, int max) {
        String value = ctx.queryParam(name);
        if (value == null) {
            return defaultValue;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value.strip());
        }
        catch (NumberFormatException e) {
            throw TrackerException.invalidParameter(name, "'" + value + "' is not an integer");
        }
        if (parsed < min || parsed > max) {
            throw TrackerException.invalidParameter(name, value + " is out of range " + min + ".." + max);
        }
        return (int) parsed;
    }
}
