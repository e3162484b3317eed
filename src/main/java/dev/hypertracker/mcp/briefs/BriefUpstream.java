package dev.hypertracker.mcp.briefs;

import dev.hypertracker.mcp.api.Deadline;
import dev.hypertracker.mcp.api.Pager;
import dev.hypertracker.mcp.api.Paging;
import dev.hypertracker.mcp.catalog.Endpoint;
import dev.hypertracker.mcp.digest.Digest;
import dev.hypertracker.mcp.digest.Summarizer;
import dev.hypertracker.mcp.validation.ValidatedCall;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A brief's reads: each goes through the very path of the single tool it stands for (its endpoint's validation, the
 * shared pager, response cache, coalescing and rate limit), so a brief and that tool share one cached response.
 * Counts the reads and reports progress after each.
 */
final class BriefUpstream {

    /** The rows of one read (export tables already turned into row objects) and how they were read. */
    record Read(Endpoint endpoint, List<JsonNode> bodies, List<JsonNode> rows, Paging paging, boolean fromCache) {}

    /** Told after each read: reads done, reads planned. */
    @FunctionalInterface
    interface Progress {
        void read(int done, int planned, String tool);
    }

    private final Briefs.Context context;
    private final Deadline deadline;
    private final Progress progress;
    private final int planned;
    private final List<String> tools = new ArrayList<>();
    private int fromCache;

    BriefUpstream(Briefs.Context context, Deadline deadline, int planned, Progress progress) {
        this.context = context;
        this.deadline = deadline;
        this.planned = planned;
        this.progress = progress;
    }

    Instant now() {
        return context.clock().instant();
    }

    /**
     * The start of a window reaching {@code lookback} back, on the whole hour: a repeated brief asks the same URL and
     * is served from the cache (a start to the millisecond would never repeat); the window is at most an hour longer.
     */
    String windowStart(java.time.Duration lookback) {
        return Sections.apiTime(
                now().truncatedTo(java.time.temporal.ChronoUnit.HOURS).minus(lookback));
    }

    /** One read with the arguments the single tool would take (validated by the same rules, before any request). */
    Read read(Endpoint endpoint, Map<String, Object> arguments) {
        return read(endpoint, context.validator().validate(endpoint, arguments));
    }

    /** One read summarized by its endpoint's own digest, as the single tool would answer (a pluggable section). */
    Digest digest(Endpoint endpoint, Map<String, Object> arguments) {
        ValidatedCall call = context.validator().validate(endpoint, arguments);
        Read read = read(endpoint, call);
        return context.summarizer().summarize(endpoint, read.bodies(), call.options(), read.paging());
    }

    private Read read(Endpoint endpoint, ValidatedCall call) {
        Pager.Pages pages =
                context.pager().fetch(call.request(), call.maxPages(), false, deadline, (done, max, rows) -> {});
        tools.add(endpoint.tool());
        if (pages.allFromCache()) fromCache++;
        progress.read(tools.size(), planned, endpoint.tool());
        return new Read(
                endpoint,
                pages.bodies(),
                Summarizer.rows(endpoint, pages.bodies()),
                pages.paging(),
                pages.allFromCache());
    }

    /** The tools read, in order. */
    List<String> tools() {
        return List.copyOf(tools);
    }

    /** Reads answered from the response cache (no API request). */
    int fromCache() {
        return fromCache;
    }
}
