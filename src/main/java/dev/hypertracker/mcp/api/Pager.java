package dev.hypertracker.mcp.api;

import dev.hypertracker.mcp.api.HyperTrackerClient.Response;
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

    /**
     * The pages read: packed (what is kept), their total size on the wire, and how reading went. Their trees are
     * unpacked on first use, so a repeated question answered from the result store's digest builds none.
     */
    public static final class Pages {
        private final List<Response> responses;
        private final long bytes;
        private final Paging paging;
        private final boolean allFromCache;
        private List<JsonNode> bodies;

        Pages(List<Response> responses, long bytes, Paging paging, boolean allFromCache) {
            this.responses = List.copyOf(responses);
            this.bytes = bytes;
            this.paging = paging;
            this.allFromCache = allFromCache;
        }

        /** The page bodies as trees (a cache hit's unpacked here, once). */
        public synchronized List<JsonNode> bodies() {
            if (bodies == null) bodies = responses.stream().map(Response::body).toList();
            return bodies;
        }

        /** The page bodies packed: what the result store keeps. */
        public List<PackedJson> packed() {
            return responses.stream().map(Response::packed).toList();
        }

        /** Their total size on the wire. */
        public long bytes() {
            return bytes;
        }

        public Paging paging() {
            return paging;
        }

        public boolean allFromCache() {
            return allFromCache;
        }
    }

    private final HyperTrackerClient client;

    public Pager(HyperTrackerClient client) {
        this.client = client;
    }

    public Pages fetch(ApiRequest first, int maxPages, boolean fresh, Deadline deadline, ProgressListener progress) {
        if (first.endpoint().pagination() != Pagination.CURSOR) {
            Response r = client.fetch(first, deadline, fresh);
            progress.pageFetched(1, 1, rowCount(first, r));
            return new Pages(List.of(r), r.bytes(), Paging.single(), r.fromCache());
        }
        List<Response> pages = new ArrayList<>();
        boolean allFromCache = true;
        int rows = 0;
        long bytes = 0;
        ApiRequest request = first;
        String cursor = null;
        while (pages.size() < maxPages) {
            Response r;
            try {
                r = client.fetch(request, deadline, fresh);
            } catch (ApiException e) {
                if (pages.isEmpty()) throw e;
                log.warn(
                        "page {} of {} failed, returning the {} pages read: {}",
                        pages.size() + 1,
                        first.endpoint().tool(),
                        pages.size(),
                        e.getMessage());
                return new Pages(
                        pages,
                        bytes,
                        new Paging(
                                pages.size(),
                                false,
                                cursor,
                                "Page " + (pages.size() + 1) + " failed: " + e.getMessage()
                                        + " Resume with nextCursor."),
                        allFromCache);
            }
            pages.add(r);
            bytes += r.bytes();
            allFromCache &= r.fromCache();
            rows += rowCount(request, r);
            progress.pageFetched(pages.size(), maxPages, rows);
            String next = nextCursor(r);
            if (next == null) return new Pages(pages, bytes, new Paging(pages.size(), true, null, null), allFromCache);
            if (next.equals(cursor)) { // a cursor that does not advance would loop forever
                return new Pages(
                        pages,
                        bytes,
                        new Paging(
                                pages.size(),
                                false,
                                next,
                                "The API returned the same cursor twice; stopped to avoid a loop."),
                        allFromCache);
            }
            cursor = next;
            request = first.withQuery("nextCursor", next);
        }
        return new Pages(pages, bytes, new Paging(pages.size(), false, cursor, null), allFromCache);
    }

    /** The cursor of the next page: from the tree, or from a cache hit's packed body without unpacking it. */
    private static String nextCursor(Response r) {
        JsonNode c =
                r.parsed() != null ? r.parsed().get("nextCursor") : r.packed().field("nextCursor");
        return c == null || c.isNull() || c.asString("").isEmpty() ? null : c.asString();
    }

    /** Rows of a page, for progress: from the tree, or counted in a cache hit's packed body. */
    private static int rowCount(ApiRequest request, Response r) {
        String key = request.endpoint().rowsKey();
        if (r.parsed() == null) {
            int counted = r.packed().arraySize(key);
            return counted >= 0 ? counted : 1;
        }
        JsonNode rows = key == null ? r.parsed() : r.parsed().get(key);
        return rows != null && rows.isArray() ? rows.size() : 1;
    }
}
