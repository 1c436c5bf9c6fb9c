package io.tracksearch.http;

import io.tracksearch.search.ResolvedSearch;
import io.tracksearch.search.SearchMode;
import io.tracksearch.store.Condition;
import io.tracksearch.store.IssueSort;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What {@link SearchCache} holds: at most its size, least recently used out first, nothing of older versions. */
class SearchCacheBoundsTest {
    private static final ResolvedSearch EVERY_ISSUE = new ResolvedSearch(SearchMode.NONE, new Condition.MatchAll(), IssueSort.BY_KEY);

    private static SearchCache.Key key(Object content, long users, long offset) {
        return new SearchCache.Key(content, users, EVERY_ISSUE, offset, 10, Set.of(), new Urls("http://localhost", "v2"));
    }

    private static SearchCache.Page page(int bytes) {
        return new SearchCache.Page(new byte[bytes], 1);
    }

    @Test
    void keepsAtMostItsSizeDroppingTheLeastRecentlyUsed() {
        SearchCache cache = new SearchCache(null, null, 8_000);   // pages of up to 1,000 bytes are kept
        for (int i = 0; i < 8; i++) {
            cache.put(key("v", 1, i), page(1_000));
        }
        assertEquals(8_000, cache.bytes());
        assertTrue(cache.get(key("v", 1, 0)).isPresent());   // now the most recently used
        cache.put(key("v", 1, 8), page(1_000));
        assertEquals(8_000, cache.bytes());
        assertTrue(cache.get(key("v", 1, 0)).isPresent());
        assertFalse(cache.get(key("v", 1, 1)).isPresent(), "the least recently used left");
        cache.put(key("v", 1, 9), page(1_001));
        assertFalse(cache.get(key("v", 1, 9)).isPresent(), "a page over an eighth of the cache is not kept");
    }

    @Test
    void keepsAtMostMaxPagesHoweverSmall() {
        SearchCache cache = new SearchCache(null, null, 1L << 30);
        for (int i = 0; i <= SearchCache.MAX_PAGES; i++) {
            cache.put(key("v", 1, i), page(2));
        }
        assertEquals(2L * SearchCache.MAX_PAGES, cache.bytes());
        assertFalse(cache.get(key("v", 1, 0)).isPresent());
        assertTrue(cache.get(key("v", 1, SearchCache.MAX_PAGES)).isPresent());
    }

    @Test
    void aPageOfNewVersionsDropsTheOlderOnes() {
        SearchCache cache = new SearchCache(null, null, 8_000);
        cache.put(key("v1", 1, 0), page(100));
        cache.put(key("v1", 1, 1), page(100));
        cache.put(key("v2", 1, 0), page(100));
        assertFalse(cache.get(key("v1", 1, 1)).isPresent());
        assertEquals(100, cache.bytes());
        cache.put(key("v2", 2, 0), page(100));   // users changed
        assertEquals(100, cache.bytes());
        assertTrue(cache.get(key("v2", 2, 0)).isPresent());
        assertFalse(cache.get(key("v2", 1, 0)).isPresent());
    }

    @Test
    void cacheControlThatRefusesACachedAnswer() {
        for (String refusing : new String[] {"no-cache", "No-Store", "max-age=0", "private, no-cache", " no-cache ,max-stale"}) {
            assertTrue(SearchCache.refusesCache(refusing), refusing);
        }
        for (String allowing : new String[] {null, "", "max-age=60", "max-age=05", "no-transform", "public"}) {
            assertFalse(SearchCache.refusesCache(allowing), String.valueOf(allowing));
        }
    }
}
