package io.tracksearch.store.lucene;

import io.tracksearch.error.TrackerException;
import io.tracksearch.model.ChangeEvent;
import io.tracksearch.model.Issue;
import io.tracksearch.model.IssueField;
import io.tracksearch.store.ChangelogQuery;
import io.tracksearch.store.Condition;
import io.tracksearch.store.IssuePage;
import io.tracksearch.store.IssueSort;
import io.tracksearch.store.IssueSummary;
import io.tracksearch.store.Snapshot;
import io.tracksearch.store.StoredIssues;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * The read side of the embedded store: lookups by key, id and unique value, pages, counts, snapshots and
 * history, each on a searcher of the store's current {@link SearcherManager}. Holds what reads alone
 * share: the remembered page boundaries of deep pages and the sort columns of the first-page strategies.
 * {@link LuceneIssueStore} owns the writer and everything that changes the index.
 *
 * <p>Threads: every method may be called concurrently.
 */
final class LuceneIssueReads {
    private static final Query ISSUES = new TermQuery(new Term(IssueDocuments.TYPE, IssueDocuments.TYPE_ISSUE));

    /** The store's searcher manager; replaced when the store reopens a failed writer. */
    private final Supplier<SearcherManager> searchers;
    /** How the store reports a failure of the index (disk full, closed, I/O). */
    private final Function<Exception, TrackerException> failure;
    private final PageBoundaries boundaries = new PageBoundaries();
    private final SortColumns sortColumns = new SortColumns();

    LuceneIssueReads(Supplier<SearcherManager> searchers, Function<Exception, TrackerException> failure) {
        this.searchers = requireNonNull(searchers, "searchers is null");
        this.failure = requireNonNull(failure, "failure is null");
    }

    public Optional<Issue> get(String key) {
        return findOne(IssueDocuments.keyTerm(key));
    }

    /**
     * One term lookup per key and segment, without a query, collector, sort or count: a page's parents and
     * epics cost about a tenth of what a search for them did. Only issue documents carry the key field.
     */
    public Map<String, Issue> getAll(Collection<String> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        return withSearcher(searcher -> {
            Map<String, Issue> found = new HashMap<>();
            StoredFields storedFields = searcher.storedFields();
            for (Map.Entry<String, Integer> hit : liveDocsByKey(searcher, keys).entrySet()) {
                found.put(hit.getKey(), loadIssue(storedFields, hit.getValue()));
            }
            return found;
        });
    }

    /**
     * From each issue's reference doc values (id and summary, see {@link IssueDocuments#REFERENCE}), read in
     * document order; an issue indexed before they existed is read whole.
     */
    public Map<String, IssueSummary> summaries(Collection<String> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        return withSearcher(searcher -> {
            Map<String, IssueSummary> found = new HashMap<>();
            List<Map.Entry<String, Integer>> hits = new ArrayList<>(liveDocsByKey(searcher, keys).entrySet());
            hits.sort(Map.Entry.comparingByValue());
            List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
            LeafReaderContext leaf = null;
            BinaryDocValues references = null;
            StoredFields storedFields = null;   // for issues indexed before _reference only
            for (Map.Entry<String, Integer> hit : hits) {
                int doc = hit.getValue();
                if (leaf == null || doc >= leaf.docBase + leaf.reader().maxDoc()) {
                    leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
                    references = DocValues.getBinary(leaf.reader(), IssueDocuments.REFERENCE);
                }
                IssueSummary summary = references.advanceExact(doc - leaf.docBase)
                        ? IssueDocuments.summaryFrom(references.binaryValue()) : null;
                if (summary == null) {
                    storedFields = storedFields == null ? searcher.storedFields() : storedFields;
                    Issue issue = loadIssue(storedFields, doc);
                    summary = new IssueSummary(issue.id(), issue.summary());
                }
                found.put(hit.getKey(), summary);
            }
            return found;
        });
    }

    /** The live issue document of each of these keys that exists, by key: term lookups, no search. */
    private static Map<String, Integer> liveDocsByKey(IndexSearcher searcher, Collection<String> keys) throws IOException {
        Map<String, Integer> found = new HashMap<>();
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            Terms terms = leaf.reader().terms(IssueField.KEY.id());
            if (terms == null) {
                continue;
            }
            TermsEnum termsEnum = terms.iterator();
            Bits live = leaf.reader().getLiveDocs();
            PostingsEnum postings = null;
            for (String key : keys) {
                if (found.containsKey(key) || !termsEnum.seekExact(new BytesRef(key))) {
                    continue;
                }
                postings = termsEnum.postings(postings, PostingsEnum.NONE);
                for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                    if (live == null || live.get(doc)) {
                        found.put(key, leaf.docBase + doc);
                        break;
                    }
                }
            }
        }
        return found;
    }

    public Optional<Issue> getById(String id) {
        return findOne(new Term(IssueDocuments.ID, id));
    }

    public Optional<Issue> findByUnique(String unique) {
        return findOne(new Term(IssueField.UNIQUE.id(), unique));
    }

    private Optional<Issue> findOne(Term term) {
        Query query = issuesOnly(new TermQuery(term));
        return withSearcher(searcher -> {
            TopDocs top = searcher.search(query, 1);
            if (top.scoreDocs.length == 0) {
                return Optional.empty();
            }
            return Optional.of(loadIssue(searcher.storedFields(), top.scoreDocs[0].doc));
        });
    }


    public IssuePage search(Condition condition, IssueSort sort, int offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative");
        }
        var luceneSort = LuceneSorts.toSort(sort);
        return withSearcher(searcher -> {
            Query query = compile(condition, searcher);
            int maxDoc = searcher.getIndexReader().maxDoc();
            if (limit == 0 || offset >= maxDoc) {
                return new IssuePage(List.of(), searcher.count(query)); // X-Total-Count must be exact
            }
            int hits = (int) Math.min((long) offset + limit, maxDoc);
            // A deep page continues from the nearest remembered position of the same result before it
            // (see PageBoundaries) and collects only from there.
            IndexReader.CacheHelper reader = searcher.getIndexReader().getReaderCacheHelper();
            PageBoundaries.Start start = reader == null || offset < PageBoundaries.STEP ? PageBoundaries.Start.FIRST
                    : boundaries.start(reader.getKey(), query, luceneSort, offset);
            // Lucene's collector of a query with many matches counts only up to a threshold, which lets it skip
            // documents that cannot make the page (through points and doc values); the exact total
            // (X-Total-Count) then comes from count(), which many queries answer from index statistics without
            // visiting a document, and others by a pass over postings alone. A query with few matches is
            // counted on the way (SortedPageCollectors).
            Query collected = skipUpdatedBefore(query, luceneSort, start);
            Optional<TopFieldDocs> strategy = firstPageStrategy(searcher, query, luceneSort, start, hits);
            TopFieldDocs top = strategy.isPresent() ? strategy.get() : searcher.search(collected,
                    SortedPageCollectors.of(searcher, luceneSort, hits - start.position(), start.after()));
            if (reader != null) {
                boundaries.remember(reader.getKey(), query, luceneSort, start, top.scoreDocs);
            }
            boolean counted = collected == query && top.totalHits.relation() == TotalHits.Relation.EQUAL_TO;
            long total = counted ? top.totalHits.value() : searcher.count(query);
            int first = Math.min(offset - start.position(), top.scoreDocs.length);
            int[] docs = new int[top.scoreDocs.length - first];
            for (int i = 0; i < docs.length; i++) {
                docs[i] = top.scoreDocs[first + i].doc;
            }
            return new IssuePage(loadIssues(searcher.storedFields(), docs), total);
        });
    }

    /**
     * The first page of a catalog order (priority, status, ...) is its values' pages in turn
     * (CatalogFirstOrder), of key order compares queue ranks and numbers held in memory (KeyOrderPage), of a
     * string order or of a number many issues share keeps each segment's best ranks (RankFirstOrder), of
     * update order ascending each segment's last matches (ReverseIndexOrderPage); each counts the matches
     * exactly on the way, except a number's, which skips like Lucene's own comparator (the total is then
     * counted apart). Empty: Lucene's collector does it.
     */
    private Optional<TopFieldDocs> firstPageStrategy(IndexSearcher searcher, Query query, Sort sort, PageBoundaries.Start start, int hits)
            throws IOException {
        if (start.position() != 0) {
            return Optional.empty();
        }
        if (CatalogFirstOrder.serves(sort)) {
            return Optional.of(CatalogFirstOrder.search(searcher, query, sort, hits, this::bestHits));
        }
        if (KeyOrderBuckets.serves(sort)) {
            return KeyOrderPage.search(searcher, query, sort, hits, sortColumns);
        }
        if (ReverseIndexOrderPage.serves(sort)) {   // before RankFirstOrder, which would leave update times to Lucene
            return ReverseIndexOrderPage.search(searcher, query, sort, hits);
        }
        if (RankFirstOrder.serves(sort)) {
            return RankFirstOrder.search(searcher, query, sort, hits, sortColumns);
        }
        return Optional.empty();
    }

    /**
     * The best hits of a query with their sort values, no exact total needed: one catalog value's share of a
     * page (see CatalogFirstOrder), through the same strategies, else Lucene's collector, which may then
     * skip what cannot make the page (early termination in the index order, points for a time).
     */
    private ScoreDoc[] bestHits(IndexSearcher searcher, Query query, Sort sort, int hits) throws IOException {
        if (CatalogFirstOrder.serves(sort)) {
            return CatalogFirstOrder.best(searcher, query, sort, hits, this::bestHits);
        }
        Optional<TopFieldDocs> strategy = firstPageStrategy(searcher, query, sort, PageBoundaries.Start.FIRST, hits);
        return strategy.isPresent() ? strategy.get().scoreDocs
                : searcher.search(query, new TopFieldCollectorManager(sort, hits, null, hits)).scoreDocs;
    }

    /**
     * A page in update order continued from a remembered position need not read the documents updated
     * later than it, which sorted segments keep in front ({@link UpdatedNotAfter}); the collector then
     * counts only what it reads, so the total comes from count().
     */
    private static Query skipUpdatedBefore(Query query, Sort sort, PageBoundaries.Start start) {
        if (start.after() == null || !sort.getSort()[0].equals(LuceneSorts.INDEX_SORT.getSort()[0])
                || !(start.after().fields[0] instanceof Long updated)) {
            return query;
        }
        return new BooleanQuery.Builder()
                .add(query, BooleanClause.Occur.MUST)
                .add(new UpdatedNotAfter(updated), BooleanClause.Occur.FILTER)
                .build();
    }

    public List<ChangeEvent> changelog(Issue issue, ChangelogQuery query) {
        return withSearcher(searcher -> ChangeDocuments.changelog(searcher, issue.keys(), query));
    }

    public long count(Condition condition) {
        return withSearcher(searcher -> (long) searcher.count(compile(condition, searcher)));
    }

    public Snapshot openSnapshot(Condition condition, IssueSort sort) {
        var luceneSort = sort == null ? null : LuceneSorts.toSort(sort);
        SearcherManager manager = searchers.get();
        IndexSearcher searcher = acquire(manager);
        boolean handedOver = false;
        try {
            Query query = compile(condition, searcher);
            LuceneSnapshot snapshot = LuceneSnapshot.collect(manager, searcher, query, luceneSort, sortColumns);
            handedOver = true;
            return snapshot;
        } catch (IOException e) {
            throw failure.apply(e);
        } finally {
            if (!handedOver) {
                release(manager, searcher);
            }
        }
    }

    /** The Lucene query of a condition, with changed() and History: answered from the history this searcher sees. */
    static Query compile(Condition condition, IndexSearcher searcher) throws IOException {
        return issuesOnly(LuceneCompiler.compile(ChangeDocuments.resolve(condition, searcher)));
    }

    static Issue loadIssue(StoredFields storedFields, int doc) throws IOException {
        StoredIssueVisitor visitor = new StoredIssueVisitor(false);
        storedFields.document(doc, visitor);
        return IssueDocuments.issueFrom(new BytesRef(visitor.source()));
    }

    /** The stored JSON and templates of these documents, in this order; each issue parsed only when read. */
    static StoredIssues loadIssues(StoredFields storedFields, int[] docs) throws IOException {
        List<byte[]> sources = new ArrayList<>(docs.length);
        List<byte[]> templates = new ArrayList<>(docs.length);
        StoredIssueVisitor visitor = new StoredIssueVisitor(true);
        for (int doc : docs) {
            storedFields.document(doc, visitor.reset());
            sources.add(visitor.source());
            templates.add(visitor.template());
        }
        return new StoredIssues(sources, templates);
    }

    static Query issuesOnly(Query query) {
        return new BooleanQuery.Builder().add(ISSUES, Occur.FILTER).add(query, Occur.MUST).build();
    }

    public Optional<String> explain(Condition condition) {
        return Optional.of(withSearcher(searcher -> LuceneCompiler.compile(ChangeDocuments.resolve(condition, searcher)).toString()));
    }

    /** Issues naming any of these keys as parent, epic or link, as the current searcher has them. */
    List<Issue> referencing(List<String> keys) {
        return withSearcher(searcher -> {
            Query query = issuesOnly(LuceneCompiler.compile(new Condition.AnyOf(IssueField.LINKED_TO, keys)));
            // sized by the count: a top-docs queue of maxDoc would allocate for every issue of the index
            TopDocs top = searcher.search(query, Math.max(1, searcher.count(query)));
            List<Issue> found = new ArrayList<>();
            for (var hit : top.scoreDocs) {
                found.add(loadIssue(searcher.storedFields(), hit.doc));
            }
            return found;
        });
    }

    interface SearcherFunction<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    /** Runs the function on a searcher of the current manager, released afterwards; failures as the store reports them. */
    <T> T withSearcher(SearcherFunction<T> function) {
        SearcherManager manager = searchers.get();
        IndexSearcher searcher = acquire(manager);
        try {
            return function.apply(searcher);
        } catch (IOException e) {
            throw failure.apply(e);
        } finally {
            release(manager, searcher);
        }
    }

    private IndexSearcher acquire(SearcherManager manager) {
        try {
            return manager.acquire();
        } catch (IOException | AlreadyClosedException e) {
            throw failure.apply(e);
        }
    }

    private void release(SearcherManager manager, IndexSearcher searcher) {
        try {
            manager.release(searcher);
        } catch (IOException e) {
            throw failure.apply(e);
        }
    }
}
