package io.tracksearch.http;

import io.javalin.http.Context;
import io.tracksearch.model.Users;
import io.tracksearch.search.ResolvedSearch;
import io.tracksearch.store.IssueStore;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Rendered search pages, reused while nothing they show has changed: a result cache that is exact. An
 * entry's key holds the store's content version ({@link IssueStore#contentVersion}) and the users'
 * version ({@link Users#version}), both read before the page is searched, with the resolved search (so
 * {@code me()} and times such as {@code today()} are part of it as the values they resolved to), the page,
 * the expansions and the URL base. Any write changes a version, so the entries made before it are never
 * found again; the first page kept after it empties the cache. Within a version, the least recently used
 * pages leave first.
 *
 * <p>Who reuses nothing: a store without a content version (OpenSearch, which other nodes write too), a
 * cache of size 0, a request that says {@code Cache-Control: no-cache} or {@code no-store} (the
 * benchmark's headline figures are measured so), and a request with a body over
 * {@link #LARGEST_REQUEST_BYTES}.
 *
 * <p>Threads: safe for concurrent use; one lock around the map (a lookup is a hash and a few compares).
 */
final class SearchCache {
    /** A page larger than this share of the cache is not kept: one such page would push out many. */
    private static final int LARGEST_SHARE = 8;
    /**
     * Requests whose body is larger are not kept: the key holds the resolved search, whose size follows the
     * body's (10,000 keys, say) and is not in the byte count. With {@link #MAX_PAGES}, keys stay a few MB.
     */
    static final int LARGEST_REQUEST_BYTES = 4 * 1024;
    /** At most this many pages, however small. */
    static final int MAX_PAGES = 4_096;

    /** What makes two searches answer alike. */
    record Key(Object content, long users, ResolvedSearch search, long offset, int perPage, Set<IssueRenderer.Expand> expand,
            Urls urls) {
    }

    /** A page as sent: its body and the total its paging headers are made from. */
    record Page(byte[] body, long totalCount) {
    }

    /** How a request went, for the metrics. */
    enum Outcome { HIT, MISS, BYPASS }

    private final IssueStore store;
    private final Users users;
    private final long maxBytes;
    private final LinkedHashMap<Key, Page> pages = new LinkedHashMap<>(64, 0.75f, true);   // access order: LRU
    private long bytes;
    /** The versions of the last page kept: a page of other versions empties the cache first. Guarded by this. */
    private Object contentOfLast;
    private long usersOfLast;

    SearchCache(IssueStore store, Users users, long maxBytes) {
        this.store = store;
        this.users = users;
        this.maxBytes = maxBytes;
    }

    /**
     * The key of this request's page, or empty when it may not be reused. Reads the versions, so call it
     * before searching.
     */
    Optional<Key> key(Context ctx, ResolvedSearch search, Paging paging, Set<IssueRenderer.Expand> expand, Urls urls) {
        if (maxBytes <= 0 || refusesCache(ctx.header("Cache-Control")) || ctx.bodyAsBytes().length > LARGEST_REQUEST_BYTES) {
            return Optional.empty();
        }
        long usersVersion = users.version();
        if (usersVersion == Users.UNVERSIONED) {
            return Optional.empty();
        }
        return store.contentVersion().map(content -> new Key(content, usersVersion, search, paging.offset(), paging.perPage(), expand, urls));
    }

    synchronized Optional<Page> get(Key key) {
        return Optional.ofNullable(pages.get(key));
    }

    synchronized void put(Key key, Page page) {
        if (page.body().length > maxBytes / LARGEST_SHARE) {
            return;
        }
        if (!key.content().equals(contentOfLast) || key.users() != usersOfLast) {
            // after a write no page kept can be found again (only a search that overlapped the write may put
            // one of the old versions, which empties the cache once more): drop them now, not as they age
            pages.clear();
            bytes = 0;
            contentOfLast = key.content();
            usersOfLast = key.users();
        }
        Page replaced = pages.put(key, page);
        bytes += page.body().length - (replaced == null ? 0 : replaced.body().length);
        var eldest = pages.entrySet().iterator();
        while ((bytes > maxBytes || pages.size() > MAX_PAGES) && eldest.hasNext()) {
            Map.Entry<Key, Page> entry = eldest.next();
            bytes -= entry.getValue().body().length;
            eldest.remove();
        }
    }

    /** Bytes of the pages held, for the metrics. */
    synchronized long bytes() {
        return bytes;
    }

    /** Whether a request's Cache-Control asks for an answer not taken from a cache (RFC 9111, 5.2.1). */
    static boolean refusesCache(String cacheControl) {
        if (cacheControl == null) {
            return false;
        }
        for (String directive : cacheControl.split(",")) {
            String name = directive.strip().toLowerCase(Locale.ROOT);
            if (name.equals("no-cache") || name.equals("no-store") || name.equals("max-age=0")) {
                return true;
            }
        }
        return false;
    }
}
