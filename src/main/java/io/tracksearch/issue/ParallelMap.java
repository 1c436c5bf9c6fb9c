package io.tracksearch.issue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * A function applied to every item of a list on all cores, results in the items' order: the calling thread
 * takes the first slice, pooled threads the others.
 *
 * <p>Why: an import request parses its NDJSON and turns it into issues before the store indexes the batch
 * (the batch is indexed in index order, so all of it is needed first). On one thread that step left the
 * other core idle for a sixth of an import's time.
 */
final class ParallelMap {
    /** Items below which a slice is not worth a hand-over to another thread. */
    static final int MIN_SLICE = 256;
    private static final int SLICES = Math.max(1, Runtime.getRuntime().availableProcessors());
    /** Idle between imports; daemon threads, so they never keep the process alive. */
    private static final ExecutorService WORKERS = Executors.newFixedThreadPool(Math.max(1, SLICES - 1),
            Thread.ofPlatform().name("import-parse-", 1).daemon(true).factory());

    private ParallelMap() {
    }

    /**
     * {@code function} of each item, in order. A runtime exception of the function is rethrown after every
     * slice has finished (the first one thrown, by slice order).
     */
    static <T, R> List<R> map(List<T> items, Function<? super T, ? extends R> function) {
        int slices = Math.min(SLICES, Math.max(1, items.size() / MIN_SLICE));
        Object[] results = new Object[items.size()];
        int size = (items.size() + slices - 1) / Math.max(1, slices);
        List<Future<?>> others = new ArrayList<>(slices - 1);
        for (int slice = 1; slice < slices; slice++) {
            int from = slice * size;
            others.add(WORKERS.submit(() -> apply(items, function, results, from, Math.min(items.size(), from + size))));
        }
        RuntimeException failure = null;
        try {
            apply(items, function, results, 0, Math.min(items.size(), size));
        }
        catch (RuntimeException e) {
            failure = e;
        }
        for (Future<?> other : others) {
            failure = awaitSlice(other, failure);
        }
        if (failure != null) {
            throw failure;
        }
        @SuppressWarnings("unchecked")
        List<R> list = (List<R>) Arrays.asList(results);
        return list;
    }

    private static <T, R> void apply(List<T> items, Function<? super T, ? extends R> function, Object[] results, int from, int to) {
        for (int i = from; i < to; i++) {
            results[i] = function.apply(items.get(i));
        }
    }

    private static RuntimeException awaitSlice(Future<?> slice, RuntimeException failure) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    slice.get();
                    return failure;
                }
                catch (InterruptedException e) {
                    interrupted = true; // the slice writes into our array: wait for it to finish regardless
                }
                catch (ExecutionException e) {
                    if (failure != null) {
                        return failure;
                    }
                    return e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
                }
            }
        }
        finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
