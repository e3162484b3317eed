package dev.hypertracker.mcp.validation;

import dev.hypertracker.mcp.catalog.DigestKind;
import dev.hypertracker.mcp.catalog.Endpoint;
import dev.hypertracker.mcp.catalog.Pagination;
import dev.hypertracker.mcp.catalog.Param;
import dev.hypertracker.mcp.catalog.ParamKind;
import dev.hypertracker.mcp.digest.DigestOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
    /** Heatmap focus (issue 14): filters applied to the one cached upstream response, never sent upstream. */
    public static final String FOCUS_COIN = "coin";

    public static final String FOCUS_SEGMENT = "segmentId";
    /** list_positions close-time filters (issue 14): applied to the rows scanned, never sent upstream. */
    public static final String CLOSED_SINCE = "closedSince";

    public static final String CLOSED_BEFORE = "closedBefore";

    /** The server-side filters: validated like API arguments, then passed to the digest in its echo. */
    public static boolean isFilter(Param p) {
        return switch (p.name()) {
            case FOCUS_COIN, FOCUS_SEGMENT, CLOSED_SINCE, CLOSED_BEFORE -> true;
            default -> false;
        };
    }

    /** Pages a single call may fetch: each page is one upstream request charged to the user's quota. */
    public static final int MAX_PAGES_LIMIT = 20;

    public static final int MAX_FIELDS = 30;

    private ToolArguments() {}

    public static int defaultMaxPages(Endpoint endpoint) {
        return endpoint.pagination() == Pagination.CURSOR
                ? endpoint.digest().traits().coverPages()
                : 1;
    }

    /** Declared once per tool: the validator asks for them several times on every call. */
    private static final Map<String, List<Param>> BY_TOOL = new ConcurrentHashMap<>();

    /** The server-side arguments a tool for this endpoint accepts, in schema order. */
    public static List<Param> forEndpoint(Endpoint endpoint) {
        return BY_TOOL.computeIfAbsent(endpoint.tool(), tool -> declare(endpoint));
    }

    private static List<Param> declare(Endpoint endpoint) {
        List<Param> params = new ArrayList<>();
        DigestKind.Traits kind = endpoint.digest().traits();
        if (kind.takesShaping()) {
            params.add(Param.query(DETAIL, ParamKind.ENUM, null).oneOf("summary", "rows", "raw"));
            params.add(Param.query(FIELDS, ParamKind.FIELD_LIST, null));
            params.add(Param.query(MAX_ROWS, ParamKind.INTEGER, null).range(1, 1000));
        }
        params.add(Param.query(MAX_TOKENS, ParamKind.INTEGER, null).range(500, DigestOptions.MAX_MAX_TOKENS));
        if (kind.takesTop()) {
            params.add(Param.query(TOP, ParamKind.INTEGER, null).range(1, 50));
        }
        if (kind.takesSortBy()) {
            params.add(Param.query(SORT_BY, ParamKind.ENUM, null).oneOf("value", "pnl"));
        }
        if (kind.takesFocus()) {
            params.add(Param.query(FOCUS_COIN, ParamKind.COIN_LIST, "Focus: coin(s), all cohorts."));
            params.add(Param.query(FOCUS_SEGMENT, ParamKind.COHORT_LIST, "Focus: cohort(s), all coins."));
        }
        if (kind.takesCloseFilter()) {
            params.add(Param.query(CLOSED_SINCE, ParamKind.DATETIME, "Closed at/after; filters scanned rows."));
            params.add(Param.query(CLOSED_BEFORE, ParamKind.DATETIME, "Closed before."));
        }
        if (endpoint.pagination() == Pagination.CURSOR) {
            params.add(Param.query(MAX_PAGES, ParamKind.INTEGER, "Pages to fetch, 1 API request each.")
                    .range(1, MAX_PAGES_LIMIT)
                    .withDefault(defaultMaxPages(endpoint)));
        }
        params.add(Param.query(FRESH, ParamKind.BOOLEAN, null));
        return List.copyOf(params);
    }
}
