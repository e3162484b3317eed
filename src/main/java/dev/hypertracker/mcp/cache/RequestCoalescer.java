package dev.hypertracker.mcp.cache;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Identical requests in flight share one upstream call: the first caller leads (runs it), later ones join its
 * future and wait for it with their own deadline.
 */
public final class RequestCoalescer<V> {
    private final Map<String, CompletableFuture<V>> inFlight = new ConcurrentHashMap<>();

    /**
     * The future of the request already running for {@code key}, or null when {@code mine} was registered and the
     * caller leads: it must then call {@link #finish} with its outcome.
     */
    public CompletableFuture<V> joinOrLead(String key, CompletableFuture<V> mine) {
        return inFlight.putIfAbsent(key, mine);
    }

    /** Unregisters the leader's future, then completes it (so no one joins a finished request). */
    public void finish(String key, CompletableFuture<V> mine, V value, Throwable failure) {
        inFlight.remove(key, mine);
        if (failure == null) mine.complete(value);
        else mine.completeExceptionally(failure);
    }

    public int size() {
        return inFlight.size();
    }
}
