package dev.hypertracker.mcp.api;

import dev.hypertracker.mcp.catalog.Pagination;
import dev.hypertracker.mcp.memory.PackedJson;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Fetches up to N pages of a cursor-paginated endpoint. When a later page fails, the pages already fetched are
 * kept and the result is marked incomplete with the cursor to resume from: a partial answer beats none.
 */
public final class Pager {
    private static final Logger log = LoggerFactory.getLogger(Pager.class);

    /** Told after each page; used for MCP progress notifications. */
    @FunctionalInterface
    public interface ProgressListener {
        void pageFetched(int pagesDone, int pagesPlanned, int rowsSoFar);
    }

    /** The bodies of the pages read (parsed, and packed to keep), their total size on the wire, and how reading went. */
    public record Pages(
            List<JsonNode> bodies, List<PackedJson> packed, long bytes, Paging paging, boolean allFromCache) {}

    private final HyperTrackerClient client;

    public Pager(HyperTrackerClient client) {
        this.client = client;
    }

    public Pages fetch(ApiRequest first, int maxPages, boolean fresh, Deadline deadline, ProgressListener progress) {
        if (first.endpoint().pagination() != Pagination.CURSOR) {
            HyperTrackerClient.Response r = client.fetch(first, deadline, fresh);
            progress.pageFetched(1, 1, rowCount(first, r.body()));
            return new Pages(List.of(r.body()), List.of(r.packed()), r.bytes(), Paging.single(), r.fromCache());
        }
        List<JsonNode> bodies = new ArrayList<>();
        List<PackedJson> packed = new ArrayList<>();
        boolean allFromCache = true;
        int rows = 0;
        long bytes = 0;
        ApiRequest request = first;
        String cursor = null;
        while (bodies.size() < maxPages) {
            HyperTrackerClient.Response r;
            try {
                r = client.fetch(request, deadline, fresh);
            } catch (ApiException e) {
                if (bodies.isEmpty()) throw e;
                log.warn(
                        "page {} of {} failed, returning the {} pages read: {}",
                        bodies.size() + 1,
                        first.endpoint().tool(),
                        bodies.size(),
                        e.getMessage());
                return new Pages(
                        bodies,
                        packed,
                        bytes,
                        new Paging(
                                bodies.size(),
                                false,
                                cursor,
                                "Page " + (bodies.size() + 1) + " failed: " + e.getMessage()
                                        + " Resume with nextCursor."),
                        allFromCache);
            }
            bodies.add(r.body());
            packed.add(r.packed());
            bytes += r.bytes();
            allFromCache &= r.fromCache();
            rows += rowCount(request, r.body());
            progress.pageFetched(bodies.size(), maxPages, rows);
            String next = nextCursor(r.body());
            if (next == null)
                return new Pages(bodies, packed, bytes, new Paging(bodies.size(), true, null, null), allFromCache);
            if (next.equals(cursor)) { // a cursor that does not advance would loop forever
                return new Pages(
                        bodies,
                        packed,
                        bytes,
                        new Paging(
                                bodies.size(),
                                false,
                                next,
                                "The API returned the same cursor twice; stopped to avoid a loop."),
                        allFromCache);
            }
            cursor = next;
            request = first.withQuery("nextCursor", next);
        }
        return new Pages(bodies, packed, bytes, new Paging(bodies.size(), false, cursor, null), allFromCache);
    }

    static String nextCursor(JsonNode body) {
        JsonNode c = body.get("nextCursor");
        return c == null || c.isNull() || c.asString("").isEmpty() ? null : c.asString();
    }

    private static int rowCount(ApiRequest request, JsonNode body) {
        String key = request.endpoint().rowsKey();
        JsonNode rows = key == null ? body : body.get(key);
        return rows != null && rows.isArray() ? rows.size() : 1;
    }
}
