package io.tracksearch.store.lucene;

import io.tracksearch.model.IssueField;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.BytesRefIterator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The queues a compiled query can match, read from its structure: a required term or set of terms on the queue
 * field, as queue mode and "Queue: X" compile to (alone, in a conjunction, or as a disjunction of queues).
 * Empty when the structure does not say: the query may then match any queue.
 *
 * <p>Why: in key order a page strategy's competitive scan treats every issue of a queue ranked before the
 * page's as able to make the page; where the query cannot match that queue at all, the scan need not look
 * at its issues (for "Queue: CORE", every issue of the queues before CORE was scanned at each search).
 */
final class QueueRestriction {
    private QueueRestriction() {
    }

    static Optional<Set<BytesRef>> of(Query query) {
        return switch (query) {
            case TermQuery term when isQueue(term.getTerm().field()) -> Optional.of(Set.of(term.getTerm().bytes()));
            case TermInSetQuery terms when isQueue(terms.getField()) -> Optional.of(terms(terms));
            case ConstantScoreQuery constant -> of(constant.getQuery());
            case BoostQuery boost -> of(boost.getQuery());
            case BooleanQuery bool -> ofBoolean(bool);
            default -> Optional.empty();
        };
    }

    private static Optional<Set<BytesRef>> ofBoolean(BooleanQuery query) {
        Set<BytesRef> required = null;
        boolean anyRequired = false;
        for (BooleanClause clause : query.clauses()) {
            if (clause.isRequired()) {
                anyRequired = true;
                Optional<Set<BytesRef>> queues = of(clause.query());
                if (queues.isPresent()) {
                    if (required == null) {
                        required = new HashSet<>(queues.get());
                    } else {
                        required.retainAll(queues.get());
                    }
                }
            }
        }
        if (required != null) {
            return Optional.of(required);
        }
        if (anyRequired || query.getMinimumNumberShouldMatch() > 1) {
            return Optional.empty();
        }
        // a disjunction: restricted only when each of its clauses is
        Set<BytesRef> any = new HashSet<>();
        for (BooleanClause clause : query.clauses()) {
            if (clause.occur() == BooleanClause.Occur.SHOULD) {
                Optional<Set<BytesRef>> queues = of(clause.query());
                if (queues.isEmpty()) {
                    return Optional.empty();
                }
                any.addAll(queues.get());
            }
        }
        return any.isEmpty() ? Optional.empty() : Optional.of(any);
    }

    private static boolean isQueue(String field) {
        return field.equals(IssueField.QUEUE.id());
    }

    private static Set<BytesRef> terms(TermInSetQuery query) {
        Set<BytesRef> terms = new HashSet<>();
        try {
            BytesRefIterator iterator = query.getBytesRefIterator();
            for (BytesRef term = iterator.next(); term != null; term = iterator.next()) {
                terms.add(BytesRef.deepCopyOf(term));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);   // an in-memory iterator: not thrown
        }
        return terms;
    }
}
