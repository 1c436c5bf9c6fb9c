package io.tracksearch.store.lucene;

import io.tracksearch.model.IssueField;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The last issue number handed out or stored, per queue: recovered when the store opens from the largest
 * stored number of each queue (and every alias), raised by creates, moves and imports. Within a process a
 * number is never handed out twice; a number handed out but never used may be handed out again after a
 * restart.
 *
 * <p>Threads: every method may be called concurrently.
 */
final class IssueNumbers {
    private final ConcurrentHashMap<String, AtomicLong> lastByQueue = new ConcurrentHashMap<>();

    /** The next number of the queue. */
    long allocate(String queueKey) {
        return counter(queueKey).incrementAndGet();
    }

    /** Records that the queue holds this number, so it is never handed out. */
    void raise(String queueKey, long number) {
        counter(queueKey).accumulateAndGet(number, Math::max);
    }

    private AtomicLong counter(String queueKey) {
        return lastByQueue.computeIfAbsent(queueKey, ignored -> new AtomicLong());
    }

    /** Raises every queue's counter to the largest number the index holds for it, live key or alias. */
    void recover(IndexSearcher searcher) throws IOException {
        raiseFromAliases(searcher);
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            SortedDocValues queueKeys = leaf.reader().getSortedDocValues(IssueDocuments.SORT_QUEUE);
            NumericDocValues numbers = leaf.reader().getNumericDocValues(IssueDocuments.SORT_NUMBER);
            if (queueKeys == null || numbers == null) {
                continue;
            }
            Bits live = leaf.reader().getLiveDocs();
            for (int doc = queueKeys.nextDoc(); doc != SortedDocValues.NO_MORE_DOCS; doc = queueKeys.nextDoc()) {
                if ((live != null && !live.get(doc)) || !numbers.advanceExact(doc)) {
                    continue;
                }
                raise(queueKeys.lookupOrd(queueKeys.ordValue()).utf8ToString(), numbers.longValue());
            }
        }
    }

    /**
     * A moved issue's old key stays its alias and keeps answering for it, so its number is never handed out
     * again: counters also cover every alias (indexed lower-case). Terms of deleted documents may raise a
     * counter a little further than needed, which only skips numbers.
     */
    private void raiseFromAliases(IndexSearcher searcher) throws IOException {
        Terms aliases = MultiTerms.getTerms(searcher.getIndexReader(), IssueField.ALIASES.id());
        if (aliases == null) {
            return;
        }
        TermsEnum terms = aliases.iterator();
        for (BytesRef term = terms.next(); term != null; term = terms.next()) {
            String alias = term.utf8ToString().toUpperCase(Locale.ROOT);
            int dash = alias.lastIndexOf('-');
            if (dash > 0 && alias.substring(dash + 1).matches("[0-9]{1,18}")) {
                raise(alias.substring(0, dash), Long.parseLong(alias.substring(dash + 1)));
            }
        }
    }
}
