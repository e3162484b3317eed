package dev.hypertracker.mcp.cache;

import java.time.Clock;
import tools.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Upstream response bodies by exact request (path and query), each fresh for its endpoint's TTL, evicted least
 * recently used first once the total size passes a byte bound. Thread-safe.
 */
public final class ResponseCache {

    /** A cached, parsed body, its size on the wire (the eviction weight) and when it was fetched. */
    public record Entry(JsonNode body, long bytes, Instant fetchedAt, Instant expiresAt) {}

    private final long maxBytes;
    private final Clock clock;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;

    public ResponseCache(long maxBytes, Clock clock) {
        this.maxBytes = maxBytes;
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

    /**
     * Stores a body. {@code wireBytes} approximates its memory; a parsed tree takes a few times more, which the
     * configured bound accounts for.
     */
    public synchronized void put(String key, JsonNode body, long wireBytes, Duration ttl) {
        if (wireBytes > maxBytes / 4) return; // one huge body must not flush everything else
        remove(key);
        Instant now = clock.instant();
        entries.put(key, new Entry(body, wireBytes, now, now.plus(ttl)));
        bytes += wireBytes;
        Iterator<Map.Entry<String, Entry>> eldest = entries.entrySet().iterator();
        while (bytes > maxBytes && eldest.hasNext()) {
            bytes -= eldest.next().getValue().bytes();
            eldest.remove();
        }
    }

    private void remove(String key) {
        Entry old = entries.remove(key);
        if (old != null) bytes -= old.bytes();
    }

    public synchronized long sizeBytes() {
        return bytes;
    }

    public synchronized int size() {
        return entries.size();
    }
}
