package dev.hypertracker.mcp.resources;

import dev.hypertracker.mcp.catalog.Endpoint;
import dev.hypertracker.mcp.digest.Digest;
import dev.hypertracker.mcp.memory.HeapBudget;
import dev.hypertracker.mcp.memory.JsonHeapSize;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * The full data behind recent digests, kept for a while so a client can read every row as an MCP resource
 * ({@code hypertracker://results/{id}} as JSON, {@code …/csv} as CSV) without a second API call.
 *
 * <p>Bounded by age and by what the parsed pages cost in the heap ({@link HeapBudget#RESULT_STORE_SHARE} of the
 * JVM's maximum heap by default); the oldest results go first. A result belongs to the MCP session that made it:
 * another session reading its id gets the same answer as for an id that never existed. Ids are 128 random bits,
 * so they cannot be guessed.
 */
public final class ResultStore {
    public static final String URI_PREFIX = "hypertracker://results/";
    /** The owner of results made without a session (in-process callers, tests). */
    public static final String NO_SESSION = "local";
    /** How many evicted or expired ids are remembered, so a late read says "expired" rather than "unknown". */
    static final int REMEMBERED_EXPIRED_IDS = 4096;

    /**
     * One stored result.
     *
     * @param id        random id used in the resource URI
     * @param owner     the MCP session that made it
     * @param endpoint  the endpoint (tool) that produced it
     * @param request   the first upstream path and query (what was asked)
     * @param bodies    the upstream page bodies, unchanged
     * @param bytes     their size on the wire
     * @param heapBytes what the parsed bodies cost in the heap (the eviction weight)
     * @param createdAt when stored
     */
    public record StoredResult(
            String id,
            String owner,
            Endpoint endpoint,
            String request,
            List<JsonNode> bodies,
            long bytes,
            long heapBytes,
            Instant createdAt,
            Map<Object, Digest> digests) {
        /** Different option sets asked of one result; beyond this the memo starts over. */
        static final int MAX_DIGESTS = 16;

        public String jsonUri() {
            return URI_PREFIX + id;
        }

        public String csvUri() {
            return URI_PREFIX + id + "/csv";
        }

        /**
         * The digest of these bodies for a key (the options and paging asked), made once: a repeated question
         * served from the response cache costs no second summarization and token count.
         */
        public Digest digest(Object key, Supplier<Digest> summarize) {
            if (digests.size() >= MAX_DIGESTS) digests.clear();
            return digests.computeIfAbsent(key, k -> summarize.get());
        }
    }

    /** What a read of an id finds. */
    public enum Lookup {
        FOUND,
        EXPIRED,
        UNKNOWN
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Duration ttl;
    private final long maxBytes;
    private final Clock clock;
    private final LinkedHashMap<String, StoredResult> results = new LinkedHashMap<>();
    /** Recently evicted or expired ids with their owners, oldest first. */
    private final LinkedHashMap<String, String> expiredIds = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > REMEMBERED_EXPIRED_IDS;
        }
    };

    private long bytes;

    /** A store bounded by {@link HeapBudget#RESULT_STORE_SHARE} of this JVM's maximum heap. */
    public ResultStore(Duration ttl, Clock clock) {
        this(ttl, HeapBudget.share(HeapBudget.RESULT_STORE_SHARE), clock);
    }

    /** @param maxBytes bound on the estimated heap bytes of the stored bodies */
    public ResultStore(Duration ttl, long maxBytes, Clock clock) {
        this.ttl = ttl;
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    /** The owner of what a call or read on this exchange stores or reads: its MCP session. */
    public static String ownerOf(McpSyncServerExchange exchange) {
        String session = exchange == null ? null : exchange.sessionId();
        return session == null ? NO_SESSION : session;
    }

    /**
     * Stores the pages of a result for {@code owner}, or returns that owner's stored one when these very bodies
     * (e.g. served again from the response cache) are already there. Empty when the pages alone exceed the bound.
     */
    public synchronized Optional<StoredResult> put(
            String owner, Endpoint endpoint, String request, List<JsonNode> bodies, long wireBytes) {
        expire();
        for (StoredResult r : results.values()) {
            if (r.owner().equals(owner)
                    && r.endpoint().equals(endpoint)
                    && r.request().equals(request)
                    && sameBodies(r.bodies(), bodies)) {
                return Optional.of(r);
            }
        }
        long heapBytes = bodies.stream().mapToLong(JsonHeapSize::of).sum();
        if (heapBytes > maxBytes) return Optional.empty();
        StoredResult stored = new StoredResult(
                newId(),
                owner,
                endpoint,
                request,
                List.copyOf(bodies),
                wireBytes,
                heapBytes,
                clock.instant(),
                new ConcurrentHashMap<>());
        results.put(stored.id(), stored);
        bytes += heapBytes;
        Iterator<StoredResult> oldest = results.values().iterator();
        while (bytes > maxBytes && oldest.hasNext()) {
            forget(oldest.next());
            oldest.remove();
        }
        return Optional.of(stored);
    }

    private static String newId() {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static boolean sameBodies(List<JsonNode> a, List<JsonNode> b) {
        if (a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) if (a.get(i) != b.get(i)) return false;
        return true;
    }

    /** The result with this id if {@code owner} made it and it is still kept. */
    public synchronized Optional<StoredResult> get(String owner, String id) {
        expire();
        StoredResult r = results.get(id);
        return r != null && r.owner().equals(owner) ? Optional.of(r) : Optional.empty();
    }

    /** Whether {@code owner}'s result {@code id} is kept, was dropped (age or memory), or is not theirs / never was. */
    public synchronized Lookup lookup(String owner, String id) {
        if (get(owner, id).isPresent()) return Lookup.FOUND;
        return owner.equals(expiredIds.get(id)) ? Lookup.EXPIRED : Lookup.UNKNOWN;
    }

    public Duration ttl() {
        return ttl;
    }

    /** Estimated heap bytes of the stored bodies. */
    public synchronized long sizeBytes() {
        return bytes;
    }

    public synchronized int size() {
        return results.size();
    }

    private void expire() {
        Instant cutoff = clock.instant().minus(ttl);
        Iterator<StoredResult> it = results.values().iterator();
        while (it.hasNext()) {
            StoredResult r = it.next();
            if (r.createdAt().isAfter(cutoff)) break; // insertion order is age order
            forget(r);
            it.remove();
        }
    }

    private void forget(StoredResult r) {
        bytes -= r.heapBytes();
        expiredIds.put(r.id(), r.owner());
    }
}
