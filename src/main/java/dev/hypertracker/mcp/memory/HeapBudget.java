package dev.hypertracker.mcp.memory;

/**
 * Memory bounds derived from the heap this JVM really has ({@link Runtime#maxMemory()}), not from fixed byte
 * counts: at the launcher's -Xmx256m the response cache and the result store together keep at most about a third
 * of the heap and bodies being parsed a quarter, so a burst of large calls leaves room for the calls in flight and the JVM's own needs.
 */
public final class HeapBudget {
    /** Share of the heap the response cache may hold. */
    public static final double RESPONSE_CACHE_SHARE = 0.05;
    /** Share of the heap the stored results (hypertracker://results/{id}) may hold. */
    public static final double RESULT_STORE_SHARE = 0.10;

    /** Share of the heap the trees of upstream bodies being parsed together may take (see ParseBudget). */
    public static final double PARSE_SHARE = 0.25;

    private HeapBudget() {}

    /** {@code fraction} of the maximum heap, in bytes. */
    public static long share(double fraction) {
        return share(Runtime.getRuntime().maxMemory(), fraction);
    }

    static long share(long maxHeap, double fraction) {
        if (fraction <= 0 || fraction >= 1) throw new IllegalArgumentException("share must be in (0, 1): " + fraction);
        // maxMemory() is Long.MAX_VALUE when the JVM has no limit; cap the basis at 64 GiB
        return (long) (Math.min(maxHeap, 64L << 30) * fraction);
    }
}
