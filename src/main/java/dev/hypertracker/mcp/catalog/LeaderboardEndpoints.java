package dev.hypertracker.mcp.catalog;

import static dev.hypertracker.mcp.catalog.CommonParams.*;
import static dev.hypertracker.mcp.catalog.ParamKind.*;

import java.time.Duration;
import java.util.List;

/** Rankings: the biggest open positions, the PnL leaderboards, HYPE holders, and the wallet screener. */
public final class LeaderboardEndpoints {

    private LeaderboardEndpoints() {}

    /** The HYPE holders' sort and rank fields: unpublished by the vendor, this server's reading. */
    static final String[] HOLDER_FIELDS = {"totalBalance", "stakedBalance", "spotBalance", "value"};

    /** The wallet screener's sort fields, as the vendor's guide lists them. */
    public static final List<String> WALLET_ORDER_BY = List.of(
            "address",
            "totalEquity",
            "earliestActivityAt",
            "perpPnl",
            "perpEquity",
            "perpBias",
            "openValue",
            "sumUpnl",
            "closestLiqProgress",
            "countOpenPositions",
            "exposureRatio");

    /** The PnL periods the perp-pnl leaderboard ranks and orders by. */
    static final String[] PNL_PERIODS = {"pnlAllTime", "pnlMonth", "pnlWeek", "pnlDay"};

    private static Param offset() {
        return Param.query("offset", INTEGER, "Items to skip (0 or more).")
                .range(0, 100_000)
                .withDefault(0);
    }

    private static Param rankBy() {
        return Param.query("rankBy", ENUM, "The PnL period that sets rank.").oneOf(PNL_PERIODS);
    }

    private static Param periodOrderBy() {
        return Param.query("orderBy", ENUM, "The PnL period the list is sorted by.")
                .oneOf(PNL_PERIODS);
    }

    private static Param order(String what) {
        return Param.query("order", ENUM, what).oneOf("asc", "desc");
    }

    public static final Endpoint GET_BIGGEST_POSITIONS = Endpoint.tool("get_biggest_positions")
            .title("Biggest open positions")
            .path("/leaderboards/biggest-positions")
            .toolset(Toolset.LEADERBOARDS)
            .digest(DigestKind.BIGGEST_POSITIONS)
            .pagination(Pagination.OFFSET)
            .rowsKey("items")
            .cacheTtl(Duration.ofMinutes(10))
            .params(
                    offset(),
                    limit(100).withDefault(25),
                    Param.query("openedWithin", ENUM, "Only positions opened within this window. Default: all.")
                            .oneOf("24h", "7d", "30d", "all"))
            .description("The largest open positions on Hyperliquid by value (signed: negative = short), with the "
                    + "wallet's equity, PnL and cohorts. Digest: long/short split, per coin, the ranked positions.")
            .build();

    public static final Endpoint GET_PNL_LEADERBOARD = Endpoint.tool("get_pnl_leaderboard")
            .title("Perp PnL leaderboard")
            .path("/leaderboards/perp-pnl")
            .toolset(Toolset.LEADERBOARDS)
            .digest(DigestKind.PNL_LEADERBOARD)
            .pagination(Pagination.OFFSET)
            .rowsKey("data")
            .cacheTtl(Duration.ofMinutes(10))
            .params(
                    rankBy(),
                    periodOrderBy(),
                    order("Sort direction."),
                    Param.query("limit", INTEGER, "25, 50 or 100 only.")
                            .range(25, 100)
                            .oneOf("25", "50", "100")
                            .withDefault(25),
                    offset())
            .description("Wallets ranked by perp PnL (all time, month, week or day), with rank change, equity, open "
                    + "value, bias. The API sends numbers as strings; they are read exactly.")
            .build();

    public static final Endpoint GET_ALL_PNL_LEADERBOARD = Endpoint.tool("get_all_pnl_leaderboard")
            .title("All-asset PnL leaderboard")
            .path("/leaderboards/all-pnl")
            .toolset(Toolset.LEADERBOARDS)
            .digest(DigestKind.PNL_LEADERBOARD)
            .pagination(Pagination.OFFSET)
            .rowsKey("data")
            .cacheTtl(Duration.ofMinutes(10))
            .params(
                    rankBy().mandatory(),
                    periodOrderBy().mandatory(),
                    order("Sort direction.").mandatory(),
                    limit(100).withDefault(100),
                    offset())
            .description("Wallets ranked by PnL over all assets (perps and spot): total and stable value, top "
                    + "holding, age, rank change; the API's sumPnl and asset distribution.")
            .build();

    public static final Endpoint LIST_HYPE_HOLDERS = Endpoint.tool("list_hype_holders")
            .title("HYPE holders")
            .path("/hype/holders")
            .toolset(Toolset.LEADERBOARDS)
            .digest(DigestKind.HYPE_HOLDERS)
            .pagination(Pagination.OFFSET)
            .rowsKey("items")
            .cacheTtl(Duration.ofMinutes(30))
            .params(
                    offset(),
                    limit(500).withDefault(100),
                    order("Sort direction."),
                    Param.query("orderBy", ENUM, "Sort field (values unpublished; these are this server's reading).")
                            .oneOf(HOLDER_FIELDS),
                    Param.query("rankBy", ENUM, "Field that sets rank.").oneOf(HOLDER_FIELDS),
                    Param.query("rankOrder", ENUM, "Rank direction.").oneOf("asc", "desc"))
            .description("Wallets holding HYPE, ranked by balance: spot, staked and total, USD value, share of the "
                    + "listed holders' balance.")
            .build();

    public static final Endpoint LIST_WALLETS = Endpoint.tool("list_wallets")
            .title("Wallets (screener)")
            .path("/wallets")
            .toolset(Toolset.WALLETS)
            .digest(DigestKind.WALLETS)
            .pagination(Pagination.OFFSET)
            .rowsKey("items")
            .cacheTtl(Duration.ofMinutes(10))
            .params(
                    offset(),
                    limit(500).withDefault(100),
                    order("Sort direction."),
                    Param.query("orderBy", ENUM, "Sort field.").oneOf(WALLET_ORDER_BY.toArray(String[]::new)),
                    Param.query("segmentIds", COHORT_LIST, "Only wallets in any of these cohorts (ids or names).")
                            .sentAs("segmentIds[]"),
                    Param.query("hasOpenPositions", BOOLEAN, "true: only wallets with open positions."),
                    Param.query("address", ADDRESS, "One wallet."))
            .description("Active wallets with equity, perp PnL, bias, exposure, open value, unrealized PnL and the "
                    + "position closest to liquidation; filter by cohort or open positions, sort by any of them.")
            .build();

    static final List<Endpoint> ALL = List.of(
            GET_BIGGEST_POSITIONS, GET_PNL_LEADERBOARD, GET_ALL_PNL_LEADERBOARD, LIST_HYPE_HOLDERS, LIST_WALLETS);
}
