package dev.hypertracker.mcp.resources;

import dev.hypertracker.mcp.catalog.Catalog;
import dev.hypertracker.mcp.catalog.Endpoint;
import dev.hypertracker.mcp.digest.Digest;
import dev.hypertracker.mcp.memory.HeapBudget;
import dev.hypertracker.mcp.memory.PackedJson;
import dev.hypertracker.mcp.shared.SharedResults;
import io.modelcontextprotocol.common.McpTransportContext;
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
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The full data behind recent digests, kept for a while so a client can read every row as an MCP resource
 * ({@code hypertracker://results/{id}} as JSON, {@code …/csv} as CSV) without a second API call.
 *
 * <p>Bounded by age and by what the pages cost in the heap ({@link HeapBudget#RESULT_STORE_SHARE} of the JVM's
 * maximum heap by default), kept packed ({@link PackedJson}) and unpacked on each read; the oldest results go
 * first. A result belongs to the MCP session that made it: another session reading its id gets the same answer as
 * for an id that never existed. Ids are 128 random bits, so they cannot be guessed.
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
     * @param pages     the upstream page bodies, unchanged, packed
     * @param bytes     their size on the wire
     * @param heapBytes what the packed pages cost in the heap (the eviction weight)
     * @param createdAt when stored
     */
    public record StoredResult(
            String id,
            String owner,
            Endpoint endpoint,
            String request,
            List<PackedJson> pages,
            long bytes,
            long heapBytes,
            Instant createdAt,
            Map<Object, Digest> digests) {
        /** Different option sets asked of one result; beyond this the memo starts over. */
        static final int MAX_DIGESTS = 16;

        /** The page bodies, unpacked: new trees on each call. */
        public List<JsonNode> bodies() {
            return pages.stream().map(PackedJson::unpack).toList();
        }

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

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Duration ttl;
    private final long maxBytes;
    private final Clock clock;
    /** Where other instances find this one's results (and this one theirs); does nothing without Redis. */
    private final SharedResults shared;

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
        this(ttl, maxBytes, clock, null);
    }

    /** A store that also keeps its results in {@code shared}, for the other instances (null: this one only). */
    public ResultStore(Duration ttl, long maxBytes, Clock clock, SharedResults shared) {
        this.ttl = ttl;
        this.maxBytes = maxBytes;
        this.clock = clock;
        this.shared = shared;
    }

    /** The key of the principal (who asks) in a stateless request's transport context. */
    public static final String PRINCIPAL_KEY = "hypertracker.principal";

    /**
     * The owner of what a stateless call or read stores or reads: its principal (the client token's hash, or
     * "anonymous"), since there is no session; any instance serving that principal may read it.
     */
    public static String ownerOf(McpTransportContext context) {
        Object principal = context == null ? null : context.get(PRINCIPAL_KEY);
        return principal == null ? NO_SESSION : "principal:" + principal;
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
    public Optional<StoredResult> put(
            String owner, Endpoint endpoint, String request, List<PackedJson> pages, long wireBytes) {
        Optional<StoredResult> stored = putLocally(owner, endpoint, request, pages, wireBytes);
        // a new result (no digest memo yet) of a size the other instances may take
        if (shared != null
                && stored.isPresent()
                && stored.get().digests().isEmpty()
                && wireBytes <= SharedResults.MAX_RESULT_CHARS) {
            StoredResult r = stored.get();
            shared.put(r.id(), owner, document(r), ttl.minus(Duration.between(r.createdAt(), clock.instant())));
        }
        return stored;
    }

    private synchronized Optional<StoredResult> putLocally(
            String owner, Endpoint endpoint, String request, List<PackedJson> pages, long wireBytes) {
        expire();
        for (StoredResult r : results.values()) {
            if (r.owner().equals(owner)
                    && r.endpoint().equals(endpoint)
                    && r.request().equals(request)
                    && samePages(r.pages(), pages)) {
                return Optional.of(r);
            }
        }
        long heapBytes = pages.stream().mapToLong(PackedJson::heapBytes).sum();
        if (heapBytes > maxBytes) return Optional.empty();
        StoredResult stored = new StoredResult(
                newId(),
                owner,
                endpoint,
                request,
                List.copyOf(pages),
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

    /** The very same packed pages: the same upstream answers (a fetch packs anew, a cache hit gives them back). */
    private static boolean samePages(List<PackedJson> a, List<PackedJson> b) {
        if (a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) if (a.get(i) != b.get(i)) return false;
        return true;
    }

    /** The result with this id if {@code owner} made it and it is still kept (here, or by another instance). */
    public Optional<StoredResult> get(String owner, String id) {
        Optional<StoredResult> local = getLocally(owner, id);
        if (local.isPresent() || shared == null) return local;
        return shared.get(id, owner).flatMap(document -> fromDocument(id, owner, document));
    }

    private synchronized Optional<StoredResult> getLocally(String owner, String id) {
        expire();
        StoredResult r = results.get(id);
        return r != null && r.owner().equals(owner) ? Optional.of(r) : Optional.empty();
    }

    /** A result as the other instances read it: its tool, request, pages, size and time. */
    private static String document(StoredResult r) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("tool", r.endpoint().tool());
        doc.put("request", r.request());
        doc.put("bytes", r.bytes());
        doc.put("createdAt", r.createdAt().toEpochMilli());
        r.bodies().forEach(doc.putArray("bodies")::add);
        return JSON.writeValueAsString(doc);
    }

    /** A result another instance made, or empty if the document is not one (or names a tool this one lacks). */
    private Optional<StoredResult> fromDocument(String id, String owner, String document) {
        try {
            JsonNode doc = JSON.readTree(document);
            Optional<Endpoint> endpoint = Catalog.byTool(doc.path("tool").asString());
            if (endpoint.isEmpty() || !doc.path("bodies").isArray()) return Optional.empty();
            List<PackedJson> pages = new java.util.ArrayList<>();
            doc.path("bodies").forEach(body -> pages.add(PackedJson.pack(body)));
            return Optional.of(new StoredResult(
                    id,
                    owner,
                    endpoint.get(),
                    doc.path("request").asString(),
                    List.copyOf(pages),
                    doc.path("bytes").asLong(),
                    pages.stream().mapToLong(PackedJson::heapBytes).sum(),
                    Instant.ofEpochMilli(doc.path("createdAt").asLong()),
                    new ConcurrentHashMap<>()));
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code owner}'s result {@code id} is kept, was dropped (age or memory), or is not theirs / never was. */
    public Lookup lookup(String owner, String id) {
        if (get(owner, id).isPresent()) return Lookup.FOUND;
        synchronized (this) {
            return owner.equals(expiredIds.get(id)) ? Lookup.EXPIRED : Lookup.UNKNOWN;
        }
    }

    public Duration ttl() {
        return ttl;
    }

    /** Heap bytes of the stored pages, packed. */
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
