package dev.hypertracker.mcp.shared;

import io.lettuce.core.SetArgs;
import java.time.Duration;
import java.util.Optional;

/**
 * Tool results (the full data behind a digest) that every instance can serve: a result made on one instance is
 * readable on another, by the same principal only. The owner is kept as a hash; an id asked by someone else reads
 * as absent. Entries expire with the result store's TTL.
 */
public final class SharedResults {
    /** Results larger than this (serialized) stay on the instance that made them. */
    public static final int MAX_RESULT_CHARS = 16 * 1024 * 1024;

    private final SharedStore store;

    public SharedResults(SharedStore store) {
        this.store = store;
    }

    public void put(String id, String owner, String document, Duration ttl) {
        if (document.length() > MAX_RESULT_CHARS) return;
        String value = SharedStore.sha256Hex(owner) + "\n" + document;
        store.call(redis -> redis.set(store.key("result", id), value, SetArgs.Builder.px(ttl.toMillis())));
    }

    /** The document of result {@code id} if {@code owner} made it and it is still kept. */
    public Optional<String> get(String id, String owner) {
        String expected = SharedStore.sha256Hex(owner) + "\n";
        return store.call(redis -> redis.get(store.key("result", id)))
                .filter(value -> value.startsWith(expected))
                .map(value -> value.substring(expected.length()));
    }
}
