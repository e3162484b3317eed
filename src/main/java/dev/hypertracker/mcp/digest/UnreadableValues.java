package dev.hypertracker.mcp.digest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The values a digest met but could not read (text where a number belongs, a number where a list belongs …), counted
 * per field with one example, so that a result names what it left out instead of skipping it silently.
 *
 * <p>One digest runs on one thread from its first row to its report, and the number readers are static helpers used
 * by every kind, so the run's tally is reached through the thread: {@link #open} at the start of a run,
 * {@link #close} at its end.
 */
final class UnreadableValues {

    private static final ThreadLocal<UnreadableValues> CURRENT = new ThreadLocal<>();
    private static final int EXAMPLE_CHARS = 40;

    private final Map<String, Long> counts = new TreeMap<>();
    private final Map<String, String> examples = new TreeMap<>();

    private UnreadableValues() {}

    static UnreadableValues open() {
        UnreadableValues tally = new UnreadableValues();
        CURRENT.set(tally);
        return tally;
    }

    void close() {
        if (CURRENT.get() == this) CURRENT.remove();
    }

    /** Counts one value of {@code field} the digest could not read; a no-op outside a digest run. */
    static void count(String field, String example) {
        UnreadableValues tally = CURRENT.get();
        if (tally == null) return;
        tally.counts.merge(field, 1L, Long::sum);
        String clipped = example.length() > EXAMPLE_CHARS ? example.substring(0, EXAMPLE_CHARS) + "…" : example;
        tally.examples.putIfAbsent(field, clipped.replaceAll("\\p{Cntrl}", " "));
    }

    boolean isEmpty() {
        return counts.isEmpty();
    }

    long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The section a result carries when anything was unreadable: counts per field, and the words to read. */
    Section section() {
        Map<String, Object> byField = new LinkedHashMap<>();
        StringBuilder text = new StringBuilder("Unreadable values, left out of every figure above: ");
        boolean first = true;
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            byField.put(e.getKey(), Json.obj("count", e.getValue(), "example", examples.get(e.getKey())));
            if (!first) text.append(", ");
            first = false;
            text.append(e.getKey())
                    .append(" x")
                    .append(Format.count(e.getValue()))
                    .append(" (e.g. ")
                    .append(examples.get(e.getKey()))
                    .append(')');
        }
        return new Section.Fields(
                Map.of("unreadableValues", byField), text.append('.').toString());
    }
}
