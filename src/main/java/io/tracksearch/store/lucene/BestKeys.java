package io.tracksearch.store.lucene;

import java.util.Arrays;

/**
 * The {@code capacity} smallest keys offered, each with its document: a binary max-heap of longs, the worst
 * (largest) key at its root. The page strategies pack a match's place in the order into one long
 * ({@link KeyOrderPage}, {@link RankFirstOrder}); Lucene's {@code LongHeap} cannot carry the documents.
 */
final class BestKeys {
    private final int capacity;
    private final long[] keys;
    private final int[] docs;
    private int size;

    BestKeys(int capacity) {
        this.capacity = capacity;
        this.keys = new long[capacity];
        this.docs = new int[capacity];
    }

    /** The worst key kept, once {@code capacity} are kept; until then every key is taken. */
    long worst() {
        return size < capacity ? Long.MAX_VALUE : keys[0];
    }

    void offer(long key, int doc) {
        if (size < capacity) {
            keys[size] = key;
            docs[size] = doc;
            up(size++);
        } else if (key < keys[0]) {
            keys[0] = key;
            docs[0] = doc;
            down(0);
        }
    }

    /** Offers every key of {@code other}. */
    void offerAll(BestKeys other) {
        for (int i = 0; i < other.size; i++) {
            offer(other.keys[i], other.docs[i]);
        }
    }

    /** The documents kept, ascending. */
    int[] docsInOrder() {
        int[] sorted = Arrays.copyOf(docs, size);
        Arrays.sort(sorted);
        return sorted;
    }

    private void up(int at) {
        long key = keys[at];
        int doc = docs[at];
        while (at > 0) {
            int parent = (at - 1) >>> 1;
            if (keys[parent] >= key) {
                break;
            }
            keys[at] = keys[parent];
            docs[at] = docs[parent];
            at = parent;
        }
        keys[at] = key;
        docs[at] = doc;
    }

    private void down(int at) {
        long key = keys[at];
        int doc = docs[at];
        while (true) {
            int child = 2 * at + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && keys[child + 1] > keys[child]) {
                child++;
            }
            if (keys[child] <= key) {
                break;
            }
            keys[at] = keys[child];
            docs[at] = docs[child];
            at = child;
        }
        keys[at] = key;
        docs[at] = doc;
    }
}
