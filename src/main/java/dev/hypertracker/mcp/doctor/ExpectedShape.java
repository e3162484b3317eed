package dev.hypertracker.mcp.doctor;

import java.util.List;
import java.util.Map;

/**
 * What each endpoint's rows are expected to hold, as docs/api-fidelity.md lists them: per field its JSON type and
 * whether a digest needs it (a needed field missing makes {@code doctor --probe} fail).
 *
 * @param rowsKey where the rows are: a field of the body, "" for a bare array, null for the body itself
 * @param fields  the expected fields of a row
 */
record ExpectedShape(String rowsKey, List<Field> fields) {

    enum Type {
        NUMBER,
        STRING,
        TIME,
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

    private static final Type N = Type.NUMBER;
    private static final Type S = Type.STRING;
    private static final Type T = Type.TIME;

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
        List<Field> all = new java.util.ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return List.copyOf(all);
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
                    new ExpectedShape("metrics", List.of(needed("columns", Type.ARRAY), needed("data", Type.ARRAY)))));
}
