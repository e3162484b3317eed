package dev.hypertracker.mcp.cache;

import dev.hypertracker.mcp.memory.HeapBudget;
import dev.hypertracker.mcp.memory.PackedJson;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Upstream response bodies by exact request (path and query), each fresh for its endpoint's TTL, evicted least
 * recently used first once what they cost in the heap passes the bound: the configured size or
 * {@link HeapBudget#RESPONSE_CACHE_SHARE} of the JVM's maximum heap, whichever is smaller. Bodies are kept packed
 * ({@link PackedJson}), so what is weighed is what is held, and a full collection has one array per body to mark.
 * Thread-safe.
 */
public final class ResponseCache {

    /** A cached body, packed; its size on the wire and when it was fetched. */
    public record Entry(PackedJson body, long bytes, Instant fetchedAt, Instant expiresAt) {}

    private final long maxBytes;
    private final Clock clock;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;

    /** @param maxBytes the configured bound on heap bytes; the heap share caps it */
    public ResponseCache(long maxBytes, Clock clock) {
        this(maxBytes, HeapBudget.share(HeapBudget.RESPONSE_CACHE_SHARE), clock);
    }

    ResponseCache(long maxBytes, long heapShare, Clock clock) {
        this.maxBytes = Math.min(maxBytes, heapShare);
        this.clock = clock;
    }

    public synchronized Optional<Entry> get(String key) {
        Entry e = entries.get(key);
        if (e == null) return Optional.empty();
        if (!clock.instant().isBefore(e.expiresAt())) {
            remove(key);
            return Optional.empty();
        }
        return Optional.of(e);
    }

    /** Stores a body, weighed by what it costs in the heap packed ({@code wireBytes} is kept for reporting). */
    public void put(String key, PackedJson body, long wireBytes, Duration ttl) {
        Instant now = clock.instant();
        put(key, body, wireBytes, now, now.plus(ttl));
    }

    /** Stores a body fetched earlier (e.g. by another instance), fresh until {@code expiresAt}. */
    public synchronized void put(String key, PackedJson body, long wireBytes, Instant fetchedAt, Instant expiresAt) {
        long heapBytes = body.heapBytes();
        if (heapBytes > maxBytes / 4) return; // one huge body must not flush everything else
        remove(key);
        entries.put(key, new Entry(body, wireBytes, fetchedAt, expiresAt));
        bytes += heapBytes;
        Iterator<Map.Entry<String, Entry>> eldest = entries.entrySet().iterator();
        while (bytes > maxBytes && eldest.hasNext()) {
            bytes -= eldest.next().getValue().body().heapBytes();
            eldest.remove();
        }
    }

    private void remove(String key) {
        Entry old = entries.remove(key);
        if (old != null) bytes -= old.body().heapBytes();
    }

    /** Heap bytes of the cached bodies, packed. */
    public synchronized long sizeBytes() {
        return bytes;
    }

    /** The bound in effect: the configured size capped by the heap share. */
    public long maxBytes() {
        return maxBytes;
    }

    public synchronized int size() {
        return entries.size();
    }
}
