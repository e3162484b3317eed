package dev.hypertracker.mcp.memory;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Admits upstream bodies into the heap by what their parsed trees will cost, not by wire bytes: a body being parsed
 * reserves {@link #TREE_BYTES_PER_WIRE_BYTE} heap bytes per wire byte before it is read (as it arrives when its
 * length is unknown), and releases them once its tree is built. Bodies in flight together never hold more than the
 * budget, so concurrent large answers cannot exhaust the heap; one that would not fit is refused at once (nothing
 * waits, so nothing deadlocks), and one that could never fit is over {@link #maxBodyBytes()}.
 */
public final class ParseBudget {
    /**
     * Heap bytes of a parsed tree per wire byte, with margin: the test-side estimate JsonHeapSize measures about 4.3 for a positions
     * page, and the parser's buffers come on top.
     */
    public static final long TREE_BYTES_PER_WIRE_BYTE = 5;

    private final long budget;
    private final AtomicLong reserved = new AtomicLong();

    /** A budget of {@code heapBytes} for the trees of bodies being parsed together. */
    public ParseBudget(long heapBytes) {
        if (heapBytes < TREE_BYTES_PER_WIRE_BYTE) throw new IllegalArgumentException("budget too small: " + heapBytes);
        this.budget = heapBytes;
    }

    /** The budget for this JVM: {@link HeapBudget#PARSE_SHARE} of the heap it really has. */
    public static ParseBudget forThisJvm() {
        return new ParseBudget(HeapBudget.share(HeapBudget.PARSE_SHARE));
    }

    /** The largest body that can ever be admitted: its tree alone fills the budget. */
    public long maxBodyBytes() {
        return budget / TREE_BYTES_PER_WIRE_BYTE;
    }

    /** Heap bytes reserved by the bodies being parsed now. */
    public long reservedBytes() {
        return reserved.get();
    }

    /** A reservation of nothing yet, to grow as a body arrives; close it when the tree is built (or given up). */
    public Reservation open() {
        return new Reservation();
    }

    /** The heap one body's parse holds. Not thread-safe: one thread at a time grows it (opened on the HTTP thread, grown by the parser). */
    public final class Reservation implements AutoCloseable {
        private long wireBytes;
        private boolean closed;

        /**
         * Covers {@code wireBytes} of body in all (more than before), if the budget has room for their tree.
         *
         * @return false (nothing reserved) when the bodies in flight leave no room for it now
         */
        public boolean cover(long wireBytes) {
            if (closed) throw new IllegalStateException("closed");
            if (wireBytes <= this.wireBytes) return true;
            long more = (wireBytes - this.wireBytes) * TREE_BYTES_PER_WIRE_BYTE;
            while (true) {
                long now = reserved.get();
                if (now + more > budget) return false;
                if (reserved.compareAndSet(now, now + more)) break;
            }
            this.wireBytes = wireBytes;
            return true;
        }

        /** Covers a fixed amount of heap (a streamed file's reader), if the budget has room for it now. */
        public boolean coverHeap(long heapBytes) {
            return cover((heapBytes + TREE_BYTES_PER_WIRE_BYTE - 1) / TREE_BYTES_PER_WIRE_BYTE);
        }

        /** Wire bytes covered so far. */
        public long wireBytes() {
            return wireBytes;
        }

        @Override
        public void close() {
            if (closed) return;
            closed = true;
            reserved.addAndGet(-wireBytes * TREE_BYTES_PER_WIRE_BYTE);
        }
    }
}
