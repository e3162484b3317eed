package dev.hypertracker.mcp.sandbox;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * What the sandbox was asked, for tests to check a client's behaviour: method, path, query, whether a
 * Bearer header came (never its value), the status answered. Keeps the newest {@link #CAPACITY} entries.
 */
public final class RequestLog {

    public static final int CAPACITY = 10_000;

    /**
     * @param query parsed query, keys in request order, repeated keys kept
     */
    public record Entry(
            Instant time,
            String method,
            String path,
            String rawQuery,
            Map<String, List<String>> query,
            boolean bearerSent,
            int status) {}

    private final Deque<Entry> entries = new ArrayDeque<>();

    synchronized void add(Entry entry) {
        if (entries.size() == CAPACITY) entries.removeFirst();
        entries.addLast(entry);
    }

    /** All entries, oldest first. */
    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** Entries whose path matches an exact path or a catalog template ("/api/external/position-metrics/coin/{coin}"). */
    public synchronized List<Entry> entries(String route) {
        PathPattern pattern = new PathPattern(route);
        return entries.stream().filter(e -> pattern.matches(e.path())).toList();
    }

    public int count(String route) {
        return entries(route).size();
    }

    public synchronized void clear() {
        entries.clear();
    }
}
