package dev.hypertracker.mcp.resources;

import dev.hypertracker.mcp.catalog.Endpoint;
import dev.hypertracker.mcp.digest.Digest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * The full data behind recent digests, kept for a while so a client can read every row as an MCP resource
 * ({@code hypertracker://results/{id}} as JSON, {@code …/csv} as CSV) without a second API call. Bounded by
 * age and by total size; the oldest results go first.
 */
public final class ResultStore {
    public static final String URI_PREFIX = "hypertracker://results/";

    /**
     * One stored result.
     *
     * @param id        short id used in the resource URI
     * @param endpoint  the endpoint (tool) that produced it
     * @param request   the first upstream path and query (what was asked)
     * @param bodies    the upstream page bodies, unchanged
     * @param bytes     their size on the wire
     * @param createdAt when stored
     */
    public record StoredResult(String id, Endpoint endpoint, String request, List<JsonNode> bodies, long bytes, Instant createdAt,
                               Map<Object, Digest> digests) {
        /** Different option sets asked of one result; beyond this the memo starts over. */
        static final int MAX_DIGESTS = 16;

        public String jsonUri() { return URI_PREFIX + id; }
        public String csvUri() { return URI_PREFIX + id + "/csv"; }

        /**
         * The digest of these bodies for a key (the options and paging asked), made once: a repeated question
         * served from the response cache costs no second summarization and token count.
         */
        public Digest digest(Object key, Supplier<Digest> summarize) {
            if (digests.size() >= MAX_DIGESTS) digests.clear();
            return digests.computeIfAbsent(key, k -> summarize.get());
        }
    }

    private final Duration ttl;
    private final long maxBytes;
    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();
    private final LinkedHashMap<String, StoredResult> results = new LinkedHashMap<>();
    private long bytes;

    public ResultStore(Duration ttl, long maxBytes, Clock clock) {
        this.ttl = ttl;
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    /**
     * Stores the pages of a result, or returns the stored one when these very bodies (e.g. served again from the
     * response cache) are already there.
     */
    public synchronized Optional<StoredResult> put(Endpoint endpoint, String request, List<JsonNode> bodies, long wireBytes) {
        expire();
        if (wireBytes > maxBytes) return Optional.empty();
        for (StoredResult r : results.values()) {
            if (r.endpoint().equals(endpoint) && r.request().equals(request) && sameBodies(r.bodies(), bodies)) return Optional.of(r);
        }
        String id = Long.toString(sequence.incrementAndGet(), 36) + Long.toString(clock.millis() % 46656, 36);
        StoredResult stored = new StoredResult(id, endpoint, request, List.copyOf(bodies), wireBytes, clock.instant(),
                new ConcurrentHashMap<>());
        results.put(id, stored);
        bytes += wireBytes;
        Iterator<StoredResult> oldest = results.values().iterator();
        while (bytes > maxBytes && oldest.hasNext()) {
            bytes -= oldest.next().bytes();
            oldest.remove();
        }
        return Optional.of(stored);
    }

    private static boolean sameBodies(List<JsonNode> a, List<JsonNode> b) {
        if (a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) if (a.get(i) != b.get(i)) return false;
        return true;
    }

    public synchronized Optional<StoredResult> get(String id) {
        expire();
        return Optional.ofNullable(results.get(id));
    }

    public synchronized List<StoredResult> list() {
        expire();
        return List.copyOf(results.values());
    }

    public Duration ttl() {
        return ttl;
    }

    private void expire() {
        Instant cutoff = clock.instant().minus(ttl);
        Iterator<Map.Entry<String, StoredResult>> it = results.entrySet().iterator();
        while (it.hasNext()) {
            StoredResult r = it.next().getValue();
            if (!r.createdAt().isAfter(cutoff)) {
                bytes -= r.bytes();
                it.remove();
            }
        }
    }
}
