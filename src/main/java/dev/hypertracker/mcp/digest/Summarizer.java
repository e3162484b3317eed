package dev.hypertracker.mcp.digest;

import dev.hypertracker.mcp.api.Paging;
import dev.hypertracker.mcp.catalog.Catalog;
import dev.hypertracker.mcp.catalog.DigestKind;
import dev.hypertracker.mcp.catalog.Endpoint;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns upstream bodies into a compact, exact digest within the caller's token budget. Pure: no I/O beyond reading
 * the stream it is given; the clock only dates freshness.
 */
public final class Summarizer {

    /** Top-N lists are capped here whatever the caller asks: a longer list belongs in detail=rows. */
    static final int MAX_TOP = 100;

    static final int MAX_ROWS = 1_000;

    private final Clock clock;

    public Summarizer() {
        this(Clock.systemUTC());
    }

    public Summarizer(Clock clock) {
        this.clock = clock;
    }

    /**
     * The digest of an endpoint's pages.
     *
     * @param pageBodies the raw body of each fetched page (for exports: the downloaded file)
     * @param paging     how the pages were fetched; null for a single complete page
     */
    public Digest summarize(Endpoint endpoint, List<JsonNode> pageBodies, DigestOptions options, Paging paging) {
        UnreadableValues unreadable = UnreadableValues.open();
        try {
            DigestRun run = new DigestRun(endpoint, normalized(options), clock);
            for (JsonNode body : pageBodies) RowSource.read(endpoint, body, run);
            return run.finish(paging == null ? Paging.single() : paging, unreadable);
        } catch (UpstreamBodyException e) {
            throw named(endpoint, e);
        } finally {
            unreadable.close();
        }
    }

    /**
     * The digest of one body read as a stream: rows are parsed one at a time, so memory stays flat however many
     * rows the body holds.
     */
    public Digest summarize(Endpoint endpoint, InputStream body, DigestOptions options, Paging paging) {
        UnreadableValues unreadable = UnreadableValues.open();
        try {
            DigestRun run = new DigestRun(endpoint, normalized(options), clock);
            RowSource.stream(endpoint, body, run);
            return run.finish(paging == null ? Paging.single() : paging, unreadable);
        } catch (UpstreamBodyException e) {
            throw named(endpoint, e);
        } finally {
            unreadable.close();
        }
    }

    /** A problem found deep in a row (an out-of-range number) names the route; shape errors already do. */
    private static UpstreamBodyException named(Endpoint endpoint, UpstreamBodyException e) {
        return e.getMessage().startsWith("HyperTracker's answer")
                ? e
                : UpstreamBodyException.onRoute(endpoint, e.getMessage());
    }

    /** A large list_positions body, streamed: the benchmark's path for a million positions. */
    public Digest summarizePositions(InputStream body, DigestOptions options) {
        return summarize(Catalog.LIST_POSITIONS, body, options, Paging.single());
    }

    /** JSON Schema (2020-12) text of the structuredContent of this kind, valid for every detail level. */
    public static String outputSchema(DigestKind kind) {
        return OutputSchemas.of(kind);
    }

    /** The rows across pages (for resources and CSV), export tables turned into row objects. */
    public static List<JsonNode> rows(Endpoint endpoint, List<JsonNode> pageBodies) {
        List<JsonNode> rows = new ArrayList<>();
        RowSource.Sink collect = new RowSource.Sink() {
            @Override
            public void row(JsonNode row) {
                rows.add(row);
            }

            @Override
            public void envelope(ObjectNode envelope) {}
        };
        for (JsonNode body : pageBodies) RowSource.read(endpoint, body, collect);
        return rows;
    }

    /** RFC 4180 CSV: a header, CRLF line ends, fields with commas, quotes or line breaks quoted. "a.b" reaches nested fields. */
    public static String toCsv(List<JsonNode> rows, List<String> fields) {
        return RowTable.csv(rows, fields);
    }

    /**
     * The rows of an endpoint as CSV with the columns detail=rows shows by default (the kind's columns, else the
     * first row's scalar fields).
     */
    public static String toCsv(Endpoint endpoint, List<JsonNode> rows) {
        return RowTable.csv(rows, RowTable.fields(endpoint.digest(), List.of(), rows.isEmpty() ? null : rows.get(0)));
    }

    private static DigestOptions normalized(DigestOptions o) {
        Detail detail = o.detail() == null ? Detail.SUMMARY : o.detail();
        int maxRows = clamp(o.maxRows() <= 0 ? DigestOptions.DEFAULT_MAX_ROWS : o.maxRows(), 1, MAX_ROWS);
        int maxTokens = clamp(
                o.maxTokens() <= 0 ? DigestOptions.DEFAULT_MAX_TOKENS : o.maxTokens(),
                DigestOptions.MIN_MAX_TOKENS,
                DigestOptions.MAX_MAX_TOKENS);
        int top = clamp(o.top() <= 0 ? DigestOptions.DEFAULT_TOP : o.top(), 1, MAX_TOP);
        return new DigestOptions(detail, o.fields(), maxRows, maxTokens, top, o.sortBy(), o.echo());
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
