package dev.hypertracker.mcp.shared;

import io.lettuce.core.SetArgs;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The second-level response cache that instances share, and the short leases that let one instance fetch a
 * request while the others wait for its answer in this cache (coalescing across instances). Keys are the hash of
 * the exact upstream path and query; each entry lives for its endpoint's TTL (Redis expires it).
 */
public final class SharedCache {
    /** Bodies larger than this (serialized) stay in the instance's own cache only. */
    public static final int MAX_BODY_CHARS = 8 * 1024 * 1024;

    /** A body another instance (or this one) fetched. */
    public record Hit(String body, long wireBytes, Instant fetchedAt, Instant expiresAt) {}

    /** The answer to a lease request. */
    public enum Lease {
        /** This instance fetches; it releases the lease when done. */
        HELD,
        /** Another instance is fetching the same request: wait for its answer in the cache. */
        BUSY,
        /** No Redis now: fetch alone. */
        UNAVAILABLE
    }

    private final SharedStore store;
    /** Marks this instance's leases, so that releasing one never removes another's. */
    private final String owner = UUID.randomUUID().toString();

    public SharedCache(SharedStore store) {
        this.store = store;
    }

    public boolean enabled() {
        return store.enabled();
    }

    public Optional<Hit> get(String request) {
        return store.call(redis -> redis.get(store.key("cache", hash(request)))).flatMap(SharedCache::parse);
    }

    /** Stores a body until {@code expiresAt}; too large or already expired bodies are not stored. */
    public void put(String request, String body, long wireBytes, Instant fetchedAt, Instant expiresAt) {
        long ttlMillis = Duration.between(fetchedAt, expiresAt).toMillis();
        if (body.length() > MAX_BODY_CHARS || ttlMillis <= 0) return;
        String value = fetchedAt.toEpochMilli() + " " + expiresAt.toEpochMilli() + " " + wireBytes + "\n" + body;
        store.call(redis -> redis.set(store.key("cache", hash(request)), value, SetArgs.Builder.px(ttlMillis)));
    }

    /** Asks to be the one instance fetching {@code request} for at most {@code length}. */
    public Lease lease(String request, Duration length) {
        long millis = Math.max(1, length.toMillis());
        // SET NX answers nil (null) when another instance holds the lease
        return store.call(redis -> "OK"
                                .equals(redis.set(
                                        store.key("lease", hash(request)),
                                        owner,
                                        SetArgs.Builder.nx().px(millis)))
                        ? Lease.HELD
                        : Lease.BUSY)
                .orElse(Lease.UNAVAILABLE);
    }

    /** Whether some instance still holds the lease of {@code request} (false when Redis is unavailable). */
    public boolean leased(String request) {
        return store.call(redis -> redis.exists(store.key("lease", hash(request))))
                .map(n -> n > 0)
                .orElse(false);
    }

    /**
     * Gives up this instance's lease. A lease that outlived its length may already be another instance's: it is
     * left alone then (checked, then deleted: a lease that changes hands in between costs one duplicate request).
     */
    public void release(String request) {
        String key = store.key("lease", hash(request));
        store.call(redis -> owner.equals(redis.get(key)) ? redis.del(key) : 0L);
    }

    private static Optional<Hit> parse(String value) {
        int newline = value.indexOf('\n');
        if (newline < 0) return Optional.empty();
        String[] head = value.substring(0, newline).split(" ");
        if (head.length != 3) return Optional.empty();
        try {
            return Optional.of(new Hit(
                    value.substring(newline + 1),
                    Long.parseLong(head[2]),
                    Instant.ofEpochMilli(Long.parseLong(head[0])),
                    Instant.ofEpochMilli(Long.parseLong(head[1]))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String hash(String text) {
        return SharedStore.sha256Hex(text);
    }
}
