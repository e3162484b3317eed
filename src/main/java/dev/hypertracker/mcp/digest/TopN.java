package dev.hypertracker.mcp.digest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The n entries with the highest score, in bounded memory. Equal scores rank by arrival order (earlier first), so a
 * ranking is the same as a stable descending sort of all rows: exact and independent of how rows were paged.
 */
final class TopN<T> {

    private record Entry<T>(double score, long seq, T value) {}

    /** The worst entry sits at the head: lowest score, and among equal scores the latest arrival. */
    private static final Comparator<Entry<?>> WORST_FIRST =
            Comparator.<Entry<?>>comparingDouble(Entry::score).thenComparing(Entry::seq, Comparator.reverseOrder());

    private final int capacity;
    private final PriorityQueue<Entry<T>> heap;
    private long seq;

    TopN(int capacity) {
        this.capacity = Math.max(0, capacity);
        this.heap = new PriorityQueue<>(Math.max(1, this.capacity), WORST_FIRST);
    }

    /** True when an entry with this score would be kept: lets callers skip building the value for most rows. */
    boolean admits(double score) {
        if (Double.isNaN(score) || capacity == 0) return false;
        return heap.size() < capacity || score > heap.peek().score();
    }

    /** Offers an entry; NaN scores never rank. Arrival numbers only need to grow, not to be contiguous. */
    void add(double score, T value) {
        long arrival = seq++;
        if (!admits(score)) return;
        heap.add(new Entry<>(score, arrival, value));
        if (heap.size() > capacity) heap.poll();
    }

    /** Best first. */
    List<T> ranked() {
        List<Entry<T>> entries = new ArrayList<>(heap);
        entries.sort(WORST_FIRST.reversed());
        List<T> out = new ArrayList<>(entries.size());
        for (Entry<T> e : entries) out.add(e.value());
        return out;
    }
}
