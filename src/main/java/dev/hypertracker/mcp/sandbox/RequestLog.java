package dev.hypertracker.mcp.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * What the sandbox was asked, for tests to check a client's behaviour: method, path, query, whether a
 * Bearer header came (never its value), the status answered. Keeps the newest {@link #CAPACITY} entries.
 *
 * <p>A read first waits until every request the sandbox has taken in is logged: a client that gave up on a slow
 * answer (a delay fault past its timeout) returns before the sandbox logs that request, and a test reading the log
 * right then would miss it, more often the busier the machine.
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

    /** How long a read waits for requests still being answered: a guard against a hung request, not a timing. */
    static final Duration ANSWERING_GUARD = Duration.ofSeconds(60);

    private final Deque<Entry> entries = new ArrayDeque<>();
    private int answering;

    /** A request came in; {@link #answered()} follows once it is logged (or failed). */
    synchronized void answering() {
        answering++;
    }

    synchronized void answered() {
        answering--;
        notifyAll();
    }

    synchronized void add(Entry entry) {
        if (entries.size() == CAPACITY) entries.removeFirst();
        entries.addLast(entry);
    }

    private void awaitAnswered() {
        long guard = System.nanoTime() + ANSWERING_GUARD.toNanos();
        try {
            while (answering > 0) {
                long left = guard - System.nanoTime();
                if (left <= 0)
                    throw new IllegalStateException(answering + " sandbox requests still unanswered after "
                            + ANSWERING_GUARD.toSeconds() + " s");
                wait(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the sandbox's answers", e);
        }
    }

    /** All entries, oldest first. */
    public synchronized List<Entry> entries() {
        awaitAnswered();
        return List.copyOf(entries);
    }

    /** Entries whose path matches an exact path or a catalog template ("/api/external/position-metrics/coin/{coin}"). */
    public synchronized List<Entry> entries(String route) {
        awaitAnswered();
        PathPattern pattern = new PathPattern(route);
        return entries.stream().filter(e -> pattern.matches(e.path())).toList();
    }

    public int count(String route) {
        return entries(route).size();
    }

    public synchronized void clear() {
        awaitAnswered();
        entries.clear();
    }
}
