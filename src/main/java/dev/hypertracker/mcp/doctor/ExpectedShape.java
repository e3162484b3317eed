package dev.hypertracker.mcp.doctor;

import java.util.List;
import java.util.Map;

/**
 * What each endpoint's rows are expected to hold, as docs/api-fidelity.md lists them: per field its JSON type and
 * whether a digest needs it (a needed field missing makes {@code doctor --probe} fail).
 *
 * @param rowsKey  where the rows are: a field of the body, "" for a bare array, null for the body itself
 * @param fields   the expected fields of a row
 * @param bodyType for a body that is one bare JSON value (the latest order snapshot time), its type; else null
 */
record ExpectedShape(String rowsKey, List<Field> fields, Type bodyType) {

    ExpectedShape(String rowsKey, List<Field> fields) {
        this(rowsKey, fields, null);
    }

    /** A body that is one bare value, needed by the digest, with no fields around it. */
    static ExpectedShape bareValue(Type type) {
        return new ExpectedShape(null, List.of(), type);
    }

    enum Type {
        NUMBER,
        STRING,
        TIME,
        BOOLEAN,
        OBJECT,
        ARRAY
    }

    /** One expected field; nullable fields may be JSON null (closeTime of an open position). */
    record Field(String name, Type type, boolean needed, boolean nullable) {}

    static Field needed(String name, Type type) {
        return new Field(name, type, true, false);
    }

    static Field optional(String name, Type type) {
        return new Field(name, type, false, false);
    }

    /** A field the API documents as possibly null (no open position, no name set). */
    static Field nullable(String name, Type type, boolean needed) {
        return new Field(name, type, needed, true);
    }

    private static final Type N = Type.NUMBER;
    private static final Type S = Type.STRING;
    private static final Type T = Type.TIME;

    private static final Type B = Type.BOOLEAN;
    private static final Type O = Type.OBJECT;
    private static final Type A = Type.ARRAY;

    /** A table file: column names and rows of values (the chart files, builders' revenue). */
    private static final List<Field> TABLE = List.of(needed("columns", A), needed("data", A));

    /** Every cohort on one coin: the live route and its export file. */
    private static final List<Field> COIN_COHORTS = List.of(needed("segment", O), needed("metrics", A));

    /** A fill as the fills routes document it (/fills/liquidation lists the fields; /fills names none of its own). */
    private static final List<Field> FILL = List.of(
            needed("address", S),
            needed("coin", S),
            needed("px", N),
            needed("sz", N),
            needed("side", S),
            needed("dir", S),
            needed("time", T),
            needed("closedPnl", N),
            needed("fee", N),
            needed("hash", S),
            optional("fillType", S),
            optional("startPosition", N),
            nullable("builder", S, false));

    private static final List<Field> LIQUIDATION = List.of(
            nullable("liquidatedUser", S, false), optional("liquidationMarkPx", N), optional("liquidationMethod", S));

    private static List<Field> concat(List<Field> first, List<Field> rest) {
        List<Field> all = new java.util.ArrayList<>(first);
        all.addAll(rest);
        return List.copyOf(all);
    }

    /** An open order as the 5-minute snapshots document it (types unpublished; Hyperliquid writes prices as text). */
    private static final List<Field> ORDER = List.of(
            needed("coin", S),
            needed("side", S),
            needed("limitPx", N),
            needed("sz", N),
            needed("isTrigger", B),
            needed("triggerPx", N),
            needed("orderType", S),
            needed("snapshotTs", T),
            optional("height", N),
            optional("address", S),
            optional("oid", N),
            optional("timestamp", N),
            optional("triggerCondition", S),
            optional("children", A),
            optional("isPositionTpsl", B),
            optional("reduceOnly", B),
            optional("origSz", N),
            nullable("tif", S, false),
            nullable("cloid", S, false),
            optional("status", S),
            nullable("builder", S, false),
            nullable("builderFee", N, false),
            optional("untriggered", B));

    /** The PnL leaderboards' shared row: what the PnL digest reads (the perp board sends it all as strings). */
    private static final List<Field> PNL_ROW = List.of(
            needed("address", S),
            needed("rank", N),
            nullable("previousRank", N, true),
            needed("pnlDay", N),
            needed("pnlWeek", N),
            needed("pnlMonth", N),
            needed("pnlAllTime", N));

    private static final List<Field> COIN_METRICS = List.of(
            needed("createdAt", T),
            optional("coin", S),
            needed("positionCount", N),
            needed("positionCountLong", N),
            needed("totalPositionValue", N),
            needed("totalPositionValueLong", N),
            optional("totalPositionSize", N),
            optional("totalPositionSizeLong", N),
            optional("totalFunding", N),
            optional("totalUnrealizedPnl", N));

    private static final List<Field> BREAKDOWN = List.of(
            needed("positionCount", N),
            optional("pastPositionCount", N),
            needed("totalPositionValue", N),
            optional("pastTotalPositionValue", N),
            needed("totalPositionValueLong", N),
            optional("valueCloseToLiquidation", N),
            optional("bias", N));

    private static List<Field> with(Field first, List<Field> rest) {
        return concat(List.of(first), rest);
    }

    /** By tool name; the same names as the catalog. */
    static final Map<String, ExpectedShape> BY_TOOL = Map.ofEntries(
            Map.entry(
                    "list_positions",
                    new ExpectedShape(
                            "positions",
                            List.of(
                                    needed("coin", S),
                                    needed("side", S),
                                    needed("positionValue", N),
                                    new Field("closeTime", T, true, true),
                                    needed("openTime", T),
                                    optional("id", S),
                                    optional("address", S),
                                    optional("dex", S),
                                    optional("size", N),
                                    optional("entryPrice", N),
                                    optional("markPrice", N),
                                    optional("midPrice", N),
                                    optional("premiumPrice", N),
                                    optional("liquidationPrice", N),
                                    optional("unrealizedPnl", N),
                                    optional("funding", N),
                                    optional("crossLeverage", N),
                                    optional("isolatedLeverage", N),
                                    optional("maxLeverage", N),
                                    optional("assetMaxLeverage", N),
                                    optional("szDecimals", N),
                                    optional("createdAt", T),
                                    optional("updatedAt", T),
                                    optional("profile", Type.OBJECT)))),
            Map.entry(
                    "get_open_exposure_by_coin",
                    new ExpectedShape(
                            "",
                            List.of(
                                    needed("coin", S),
                                    needed("totalValue", N),
                                    needed("totalValueLong", N),
                                    needed("totalValueShort", N),
                                    needed("count", N),
                                    needed("countLong", N),
                                    needed("countShort", N)))),
            Map.entry(
                    "get_positions_heatmap",
                    new ExpectedShape(
                            "heatmap",
                            List.of(
                                    needed("coin", S),
                                    needed("totalValue", N),
                                    needed("totalLongValue", N),
                                    needed("totalShortValue", N),
                                    needed("count", N),
                                    needed("countLong", N),
                                    needed("countShort", N),
                                    needed("segments", Type.ARRAY)))),
            Map.entry(
                    "get_liquidation_risk_by_asset",
                    new ExpectedShape(
                            "items",
                            List.of(
                                    needed("coin", S),
                                    needed("totalValue", N),
                                    needed("riskValue", N),
                                    needed("percentRisk", N)))),
            Map.entry(
                    "get_market_overview_metrics",
                    new ExpectedShape(
                            "metrics",
                            List.of(
                                    needed("createdAt", T),
                                    needed("count", N),
                                    needed("countLong", N),
                                    needed("countShort", N),
                                    needed("openInterest", N),
                                    needed("openInterestLong", N),
                                    needed("openInterestShort", N),
                                    optional("perpEquity", N),
                                    optional("countInProfit", N)))),
            Map.entry("get_coin_position_metrics", new ExpectedShape("metrics", COIN_METRICS)),
            Map.entry(
                    "get_coin_segment_metrics",
                    new ExpectedShape("metrics", with(optional("segmentId", N), COIN_METRICS))),
            Map.entry(
                    "get_coin_size_bucket_metrics",
                    new ExpectedShape("metrics", with(optional("sizeBucketId", N), COIN_METRICS))),
            Map.entry(
                    "get_perp_volume_metrics",
                    new ExpectedShape(
                            "metrics", List.of(optional("id", N), needed("createdAt", T), needed("volume", N)))),
            Map.entry(
                    "list_cohorts",
                    new ExpectedShape(
                            "",
                            List.of(
                                    needed("id", N),
                                    needed("name", S),
                                    needed("category", S),
                                    optional("emoji", S),
                                    optional("criteria", Type.OBJECT)))),
            Map.entry(
                    "get_data_freshness",
                    new ExpectedShape(
                            null,
                            List.of(
                                    needed("lastUpdate", T),
                                    needed("nextUpdate", T),
                                    optional("nextUpdateThreshold", T)))),
            Map.entry(
                    "export_position_breakdown_by_size",
                    new ExpectedShape("breakdownBySize", with(needed("sizeSegmentId", N), BREAKDOWN))),
            Map.entry(
                    "export_position_breakdown_by_cohort",
                    new ExpectedShape("breakdownByCohort", with(needed("segmentId", N), BREAKDOWN))),
            Map.entry(
                    "export_coin_positions",
                    new ExpectedShape(
                            "breakdownBySize",
                            with(optional("sizeBucketId", N), with(optional("sizeRange", S), BREAKDOWN)))),
            Map.entry(
                    "export_liquidation_heatmap",
                    new ExpectedShape(
                            "heatmap",
                            List.of(
                                    optional("priceBinIndex", N),
                                    needed("priceBinStart", N),
                                    needed("priceBinEnd", N),
                                    needed("liquidationValue", N),
                                    needed("positionsCount", N),
                                    optional("mostImpactedSegment", N)))),
            Map.entry(
                    "export_position_metrics",
                    new ExpectedShape("metrics", List.of(needed("columns", Type.ARRAY), needed("data", Type.ARRAY)))),
            // the whole-API routes (issue 15), as the vendor's guide documents them (docs/api-fidelity.md)
            Map.entry(
                    "get_cohort_bias_history",
                    new ExpectedShape(
                            null,
                            List.of(
                                    needed("segment", O),
                                    needed("historySnapshotStructure", A),
                                    needed("history", A),
                                    needed("pageStart", T),
                                    needed("pageEnd", T),
                                    nullable("nextCursor", S, false),
                                    optional("positionRecencyTimeframe", S),
                                    optional("start", T),
                                    optional("end", T)))),
            Map.entry(
                    "get_cohort_summary",
                    new ExpectedShape(
                            null, List.of(needed("segment", O), needed("openPerpsSummary", O), needed("summary", O)))),
            Map.entry(
                    "get_market_summary",
                    new ExpectedShape(
                            null,
                            List.of(
                                    needed("countTraders", N),
                                    needed("countTraders24HoursAgo", N),
                                    needed("segments", A),
                                    needed("perpPositionsMetrics", O),
                                    optional("countActiveTraders", N),
                                    optional("perpVolume", N)))),
            Map.entry("get_coin_cohort_snapshot", new ExpectedShape("segments", COIN_COHORTS)),
            Map.entry("export_coin_segment_metrics", new ExpectedShape("segments", COIN_COHORTS)),
            Map.entry("export_wallets_equity_chart", new ExpectedShape(null, TABLE)),
            Map.entry("export_cohort_bias_chart", new ExpectedShape(null, TABLE)),
            Map.entry(
                    "get_open_positions_history",
                    new ExpectedShape(
                            "snapshot",
                            List.of(
                                    needed("snapshotId", S),
                                    needed("coin", S),
                                    needed("stateVersion", N),
                                    needed("rowCount", N),
                                    needed("status", S),
                                    needed("format", S),
                                    needed("createdAt", T),
                                    nullable("completedAt", T, true),
                                    needed("downloadUrl", S)))),
            Map.entry(
                    "get_biggest_positions",
                    new ExpectedShape(
                            "items",
                            List.of(
                                    needed("coin", S),
                                    needed("side", S),
                                    needed("address", S),
                                    needed("value", N),
                                    needed("unrealizedPnl", N),
                                    needed("funding", N),
                                    needed("liquidationProgress", N),
                                    needed("entryPrice", N),
                                    needed("markPrice", N),
                                    needed("liquidationPrice", N),
                                    optional("id", S),
                                    optional("dex", S),
                                    optional("size", N),
                                    optional("crossLeverage", N),
                                    optional("isolatedLeverage", N),
                                    optional("openTime", T),
                                    nullable("closeTime", T, false),
                                    optional("profile", O)))),
            Map.entry(
                    "get_pnl_leaderboard",
                    new ExpectedShape(
                            "data",
                            concat(
                                    PNL_ROW,
                                    List.of(
                                            needed("perpEquity", N),
                                            needed("openValue", N),
                                            nullable("bias", N, true),
                                            optional("openValueLong", N),
                                            optional("exposureRatio", N),
                                            // the guide writes "volume…, pnlPercent…": the names seen so far
                                            optional("volumeAllTime", N),
                                            optional("pnlPercentAllTime", N))))),
            Map.entry(
                    "get_all_pnl_leaderboard",
                    new ExpectedShape(
                            "data",
                            concat(
                                    PNL_ROW,
                                    List.of(
                                            needed("totalValue", N),
                                            needed("stableValue", N),
                                            optional("age", N),
                                            nullable("topHolding", O, false),
                                            optional("profile", O))))),
            Map.entry(
                    "list_hype_holders",
                    new ExpectedShape(
                            "items",
                            List.of(
                                    needed("address", S),
                                    needed("rank", N),
                                    needed("totalBalance", N),
                                    needed("spotBalance", N),
                                    needed("stakedBalance", N),
                                    needed("value", N)))),
            Map.entry(
                    "list_wallets",
                    new ExpectedShape(
                            "items",
                            List.of(
                                    needed("address", S),
                                    needed("totalEquity", N),
                                    needed("perpEquity", N),
                                    needed("perpPnl", N),
                                    nullable("perpBias", N, true),
                                    nullable("exposureRatio", N, true),
                                    needed("openValue", N),
                                    needed("sumUpnl", N),
                                    needed("countOpenPositions", N),
                                    nullable("closestLiq", O, true),
                                    optional("segments", A),
                                    optional("earliestActivityAt", T),
                                    nullable("displayName", S, false),
                                    optional("verified", B)))),
            Map.entry("list_fills", new ExpectedShape("fills", concat(FILL, LIQUIDATION))),
            Map.entry(
                    "list_liquidation_fills",
                    new ExpectedShape(
                            "fills",
                            concat(
                                    FILL,
                                    List.of(
                                            needed("liquidatedUser", S),
                                            optional("liquidationMarkPx", N),
                                            optional("liquidationMethod", S))))),
            Map.entry(
                    "list_fundings",
                    new ExpectedShape(
                            "fundings",
                            List.of(
                                    needed("time", T),
                                    needed("coin", S),
                                    needed("fundingAmount", N),
                                    needed("szi", N),
                                    needed("fundingRate", N),
                                    optional("blockNumber", N),
                                    optional("address", S)))),
            Map.entry(
                    "list_closed_trades",
                    new ExpectedShape(
                            "trades",
                            List.of(
                                    needed("address", S),
                                    needed("hash", S),
                                    needed("id", S),
                                    needed("side", S),
                                    needed("coin", S),
                                    needed("avgEntry", N),
                                    needed("avgExit", N),
                                    needed("duration", N),
                                    needed("openTime", T),
                                    needed("closeTime", T),
                                    needed("partial", B),
                                    needed("totalSize", N),
                                    needed("totalUsd", N),
                                    needed("realizedPnlUsd", N),
                                    needed("countFills", N),
                                    needed("fee", N),
                                    needed("feeUsd", N),
                                    needed("fundingUsd", N)))),
            Map.entry(
                    "get_closed_trades_summary",
                    new ExpectedShape(
                            "summary",
                            List.of(
                                    needed("totalTrades", N),
                                    needed("wins", N),
                                    needed("losses", N),
                                    needed("winRate", N),
                                    needed("longTrades", N),
                                    needed("shortTrades", N),
                                    needed("avgDuration", N),
                                    needed("medianDuration", N),
                                    needed("totalWinningPnl", N),
                                    needed("totalLosingPnl", N),
                                    needed("netPnl", N),
                                    needed("avgGain", N),
                                    needed("avgLoss", N),
                                    needed("medianGain", N),
                                    needed("medianLoss", N),
                                    needed("profitFactor", N),
                                    needed("payoffRatio", N),
                                    needed("expectancy", N),
                                    needed("expectancyPct", N),
                                    needed("avgTradeSize", N),
                                    needed("medianSizeUsd", N),
                                    needed("totalFeesPaid", N),
                                    needed("totalVolumeUsd", N)))),
            Map.entry("get_order_snapshot_time", bareValue(T)),
            Map.entry("list_open_orders", new ExpectedShape("orders", ORDER)),
            // the downloadUrl file: a bare list of orders (kept under "orders", as the client does)
            Map.entry("export_open_orders", new ExpectedShape("orders", ORDER)),
            // the downloadUrl file: row fields unpublished; the perp PnL leaderboard's, every number a string
            Map.entry(
                    "export_pnl_leaderboard",
                    new ExpectedShape(
                            "data",
                            List.of(
                                    needed("address", S),
                                    needed("rank", N),
                                    needed("perpEquity", N),
                                    needed("pnlDay", N),
                                    needed("pnlWeek", N),
                                    needed("pnlMonth", N),
                                    needed("pnlAllTime", N),
                                    nullable("previousRank", N, false),
                                    optional("openValue", N),
                                    optional("openValueLong", N)))),
            Map.entry(
                    "list_builders",
                    new ExpectedShape(
                            "builders",
                            List.of(
                                    needed("builder", S),
                                    needed("name", S),
                                    needed("revenue", N),
                                    needed("revenuePrev", N),
                                    needed("volume", N),
                                    needed("volumePrev", N),
                                    needed("users", N),
                                    needed("usersPrev", N)))),
            Map.entry("export_builders_revenue", new ExpectedShape(null, TABLE)));
}
