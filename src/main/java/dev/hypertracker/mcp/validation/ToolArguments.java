package dev.hypertracker.mcp.validation;

import dev.hypertracker.mcp.catalog.DigestKind;
import dev.hypertracker.mcp.catalog.Endpoint;
import dev.hypertracker.mcp.catalog.Pagination;
import dev.hypertracker.mcp.catalog.Param;
import dev.hypertracker.mcp.catalog.ParamKind;
import dev.hypertracker.mcp.digest.DigestOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * Arguments every tool takes on top of the API's own: how much to show, the token budget, how many pages to
 * fetch, whether to bypass the cache. They are handled by this server and never sent upstream.
 */
public final class ToolArguments {
    public static final String DETAIL = "detail";
    public static final String FIELDS = "fields";
    public static final String MAX_ROWS = "maxRows";
    public static final String MAX_TOKENS = "maxTokens";
    public static final String TOP = "top";
    public static final String SORT_BY = "sortBy";
    public static final String MAX_PAGES = "maxPages";
    public static final String FRESH = "fresh";

    /** Pages a single call may fetch: each page is one upstream request charged to the user's quota. */
    public static final int MAX_PAGES_LIMIT = 20;
    public static final int MAX_FIELDS = 30;

    private ToolArguments() {}

    /** The server-side arguments a tool for this endpoint accepts, in schema order. */
    public static List<Param> forEndpoint(Endpoint endpoint) {
        List<Param> params = new ArrayList<>();
        params.add(Param.query(DETAIL, ParamKind.ENUM, "summary (default): digest; rows: table of rows; raw: upstream JSON.")
                .oneOf("summary", "rows", "raw").withDefault("summary"));
        params.add(Param.query(FIELDS, ParamKind.FIELD_LIST, "Columns for detail=rows (row field names)."));
        params.add(Param.query(MAX_ROWS, ParamKind.INTEGER, "Rows shown for detail=rows.")
                .range(1, 1000).withDefault(DigestOptions.DEFAULT_MAX_ROWS));
        params.add(Param.query(MAX_TOKENS, ParamKind.INTEGER, "Token budget of the result.")
                .range(500, DigestOptions.MAX_MAX_TOKENS).withDefault(DigestOptions.DEFAULT_MAX_TOKENS));
        if (endpoint.digest() != DigestKind.COHORTS && endpoint.digest() != DigestKind.FRESHNESS) {
            params.add(Param.query(TOP, ParamKind.INTEGER, "Entries in top-N lists.").range(1, 50).withDefault(DigestOptions.DEFAULT_TOP));
        }
        if (endpoint.digest() == DigestKind.POSITIONS) {
            params.add(Param.query(SORT_BY, ParamKind.ENUM, "Rank top positions by value or unrealized PnL.")
                    .oneOf("value", "pnl").withDefault("value"));
        }
        if (endpoint.pagination() == Pagination.CURSOR) {
            params.add(Param.query(MAX_PAGES, ParamKind.INTEGER, "Pages to fetch and digest together; each costs 1 API request of quota.")
                    .range(1, MAX_PAGES_LIMIT).withDefault(1));
        }
        params.add(Param.query(FRESH, ParamKind.BOOLEAN, "true: bypass the cache (costs quota).").withDefault(false));
        return params;
    }

    public static boolean isToolArgument(Endpoint endpoint, String name) {
        return forEndpoint(endpoint).stream().anyMatch(p -> p.name().equals(name));
    }
}
