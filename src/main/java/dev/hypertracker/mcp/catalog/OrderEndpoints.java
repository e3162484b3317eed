package dev.hypertracker.mcp.catalog;

import static dev.hypertracker.mcp.catalog.CommonParams.*;
import static dev.hypertracker.mcp.catalog.ParamKind.*;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Order flow (open-order snapshots every 5 minutes, and a whole coin's book as a gzip file) and the PnL leaderboard
 * file: the API's {@code {"downloadUrl"}} downloads. Issue 15.
 */
public final class OrderEndpoints {

    /** The oldest order snapshot the API keeps (the vendor's guide). */
    public static final Instant SNAPSHOT_FLOOR = Instant.parse("2026-01-19T11:05:00Z");
    /** Snapshots are kept this long. */
    public static final Duration SNAPSHOT_RETENTION = Duration.ofDays(30);
    /** One snapshot every 5 minutes, on the grid (…:00, …:05, …). */
    public static final Duration SNAPSHOT_INTERVAL = Duration.ofMinutes(5);

    /** The order types the API filters by, in its spelling. */
    public static final List<String> ORDER_TYPES =
            List.of("Limit", "Stop Limit", "Stop Market", "Take Profit Limit", "Take Profit Market");

    private OrderEndpoints() {}

    public static final Endpoint GET_ORDER_SNAPSHOT_TIME = Endpoint.tool("get_order_snapshot_time")
            .title("Latest open-order snapshot time")
            .path("/orders/5m-snapshots/latest-snapshot-timestamp")
            .toolset(Toolset.ORDERS)
            .digest(DigestKind.SNAPSHOT_TIME)
            .cacheTtl(Duration.ofMinutes(1))
            .description("When the newest 5-minute open-order snapshot was taken, and its age.")
            .build();

    public static final Endpoint LIST_OPEN_ORDERS = Endpoint.tool("list_open_orders")
            .title("Open orders (5-minute snapshot)")
            .path("/orders/5m-snapshots/{snapshotTime}")
            .toolset(Toolset.ORDERS)
            .digest(DigestKind.ORDER_BOOK)
            .pagination(Pagination.CURSOR)
            .rowsKey("orders")
            .cacheTtl(Duration.ofMinutes(5))
            .params(
                    Param.optionalPath(
                            "snapshotTime",
                            SNAPSHOT_TIME,
                            "\"latest\" or a snapshot time (ISO 8601 UTC) on the 5-minute grid, last 30 days, "
                                    + "from 2026-01-19T11:05:00Z.",
                            "latest"),
                    coinQuery(),
                    Param.query("address", ADDRESS, "One wallet address."),
                    Param.query("oid", INTEGER, "Order id.").range(0, 999_999_999_999_999L),
                    Param.query("orderType", ENUM, null).oneOf(ORDER_TYPES.toArray(String[]::new)),
                    Param.query("start", DATETIME, "Orders placed at/after (ISO 8601 UTC)."),
                    Param.query("end", DATETIME, "Orders placed before."),
                    limit(1000).withDefault(100),
                    cursor())
            .description("Resting orders in one 5-minute snapshot by coin, wallet, order type. Digest: the book by "
                    + "price band around the mid (bids/asks, size, notional), trigger orders apart.")
            .build();

    public static final Endpoint EXPORT_OPEN_ORDERS = Endpoint.tool("export_open_orders")
            .title("Every open order of a coin (export)")
            .path("/orders/5m-snapshots/coins/{coin}/download")
            .toolset(Toolset.ORDERS)
            .digest(DigestKind.ORDER_BOOK)
            .rowsKey("orders")
            .downloadUrl()
            .cacheTtl(Duration.ofMinutes(5))
            .params(coinPath())
            .description("One coin's whole latest open-order book (a gzip file, read in one call). Same digest "
                    + "as list_open_orders, over every order.")
            .build();

    public static final Endpoint EXPORT_PNL_LEADERBOARD = Endpoint.tool("export_pnl_leaderboard")
            .title("Perp PnL leaderboard file (export)")
            .path("/leaderboards/perp-pnl/{period}/download")
            .toolset(Toolset.LEADERBOARDS)
            .digest(DigestKind.PNL_LEADERBOARD_FILE)
            .rowsKey("data")
            .downloadUrl()
            .cacheTtl(Duration.ofMinutes(15))
            .params(Param.path("period", ENUM, "Ranking period.").oneOf("all", "30d", "7d", "24h"))
            .description("The perp PnL leaderboard for a period, up to 25,000 wallets in one file: PnL sums, "
                    + "winners/losers, the top ranks.")
            .build();

    /**
     * In tool-list order. The snapshot-time route comes before {snapshotTime}, whose one path segment would also match
     * "latest-snapshot-timestamp".
     */
    static final List<Endpoint> ALL =
            List.of(GET_ORDER_SNAPSHOT_TIME, LIST_OPEN_ORDERS, EXPORT_OPEN_ORDERS, EXPORT_PNL_LEADERBOARD);
}
