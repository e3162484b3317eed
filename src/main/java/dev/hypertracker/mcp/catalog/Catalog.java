package dev.hypertracker.mcp.catalog;

import static dev.hypertracker.mcp.catalog.CommonParams.*;
import static dev.hypertracker.mcp.catalog.ParamKind.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The one declaration of every HyperTracker endpoint this server exposes, in tool-list order. */
public final class Catalog {

    /** Positions are recorded from this day on; earlier start times return nothing more. */
    public static final String DATA_START = "2025-04-04T00:00:00.000Z";

    private Catalog() {}

    // ---- the endpoints: one named declaration each, in tool-list order ----

    private static final List<Endpoint> DECLARED = new ArrayList<>();

    /** Adds a declaration to the catalog: static initializers run in text order, so the tool list follows the file. */
    private static Endpoint declare(Endpoint.Builder builder) {
        Endpoint endpoint = builder.build();
        DECLARED.add(endpoint);
        return endpoint;
    }

    public static final Endpoint LIST_POSITIONS = declare(Endpoint.tool("list_positions")
            .title("List positions (open and closed)")
            .path("/positions")
            .toolset(Toolset.POSITIONS)
            .digest(DigestKind.POSITIONS)
            .pagination(Pagination.CURSOR)
            .rowsKey("positions")
            .cacheTtl(Duration.ofMinutes(10))
            .params(
                    coinQuery(),
                    Param.query("address", ADDRESS_LIST, "Wallet address or list of up to 50."),
                    start("on openTime", "2025-04-04 (all history)"),
                    end(),
                    Param.query("open", BOOLEAN, "true: open only; false: closed only. Omit for both."),
                    segment(false),
                    limit(1000).withDefault(1000),
                    cursor())
            .description(
                    "Hyperliquid perp positions since 2025-04-04 by coin, wallet, cohort, open/closed, openTime window "
                            + "(closeTime null = open), oldest-opened first. Digest: totals, long/short, top positions, per "
                            + "coin and cohort, leverage, this server's near-liquidation figure."));

    public static final Endpoint EXPORT_COIN_POSITIONS = declare(Endpoint.tool("export_coin_positions")
            .title("Positions by size for a coin (export)")
            .path("/exports/coins/{coin}/positions")
            .toolset(Toolset.EXPORTS)
            .digest(DigestKind.BREAKDOWN)
            .export()
            .cacheTtl(Duration.ofMinutes(15))
            .params(coinPath())
            .description(
                    "One coin's open positions by size bucket, vs past values. No longer in the vendor's export list: "
                            + "prefer export_position_breakdown_by_size."));

    public static final Endpoint GET_OPEN_EXPOSURE_BY_COIN = declare(
            Endpoint.tool("get_open_exposure_by_coin")
                    .title("Open exposure by coin")
                    .path("/positions/coins")
                    .toolset(Toolset.POSITIONS)
                    .digest(DigestKind.EXPOSURE)
                    .cacheTtl(Duration.ofMinutes(10))
                    .description(
                            "Every coin with open positions by open value (counts both sides, ~2x one-sided OI), positions per side."));

    public static final Endpoint EXPORT_POSITION_BREAKDOWN_BY_COHORT = declare(
            Endpoint.tool("export_position_breakdown_by_cohort")
                    .title("Position breakdown by cohort (export)")
                    .path("/exports/coins/{coin}/position-breakdown-by-cohort")
                    .toolset(Toolset.EXPORTS)
                    .digest(DigestKind.BREAKDOWN)
                    .export()
                    .cacheTtl(Duration.ofMinutes(15))
                    .params(coinPath())
                    .description(
                            "One coin's open positions per cohort: total/long value, count, bias, value close to liquidation, vs past."));

    public static final Endpoint EXPORT_POSITION_BREAKDOWN_BY_SIZE = declare(
            Endpoint.tool("export_position_breakdown_by_size")
                    .title("Position breakdown by size (export)")
                    .path("/exports/coins/{coin}/position-breakdown-by-size")
                    .toolset(Toolset.EXPORTS)
                    .digest(DigestKind.BREAKDOWN)
                    .export()
                    .cacheTtl(Duration.ofMinutes(15))
                    .params(coinPath())
                    .description(
                            "One coin's open positions per position size bucket 1-10: count, total/long value, bias, value close to liquidation."));

    public static final Endpoint GET_MARKET_OVERVIEW_METRICS = declare(Endpoint.tool("get_market_overview_metrics")
            .title("Market overview time series")
            .path("/position-metrics/general")
            .toolset(Toolset.METRICS)
            .digest(DigestKind.SERIES)
            .pagination(Pagination.CURSOR)
            .rowsKey("metrics")
            .cacheTtl(Duration.ofMinutes(5))
            .params(start("", DEFAULT_SERIES_START), end(), seriesLimit(), cursor())
            .description(
                    "Market-wide snapshots (~10 min): open interest long/short, position counts, perp equity, positions "
                            + "in profit. Stats per metric and a trend."));

    public static final Endpoint EXPORT_POSITION_METRICS = declare(
            Endpoint.tool("export_position_metrics")
                    .title("Hourly position metrics for a coin (export)")
                    .path("/exports/coins/{coin}/position-metrics")
                    .toolset(Toolset.EXPORTS)
                    .digest(DigestKind.SERIES)
                    .rowsKey("metrics")
                    .export()
                    .cacheTtl(Duration.ofMinutes(15))
                    .params(coinPath())
                    .description(
                            "~14 days of hourly metrics for one coin: position counts, total/long value. Stats per metric and a trend."));

    public static final Endpoint GET_PERP_VOLUME_METRICS = declare(Endpoint.tool("get_perp_volume_metrics")
            .title("Perp trading volume time series")
            .path("/metrics/perp-volume")
            .toolset(Toolset.METRICS)
            .digest(DigestKind.SERIES)
            .pagination(Pagination.CURSOR)
            .rowsKey("metrics")
            .cacheTtl(Duration.ofMinutes(10))
            .params(start("", DEFAULT_SERIES_START), end(), seriesLimit(), cursor())
            .description("Hyperliquid perp trading volume, about hourly. Stats and a trend."));

    public static final Endpoint GET_POSITIONS_HEATMAP = declare(Endpoint.tool("get_positions_heatmap")
            .title("Cohort positioning heatmap")
            .path("/positions/heatmap")
            .toolset(Toolset.POSITIONS)
            .digest(DigestKind.HEATMAP)
            .rowsKey("heatmap")
            .cacheTtl(Duration.ofMinutes(10))
            .params(Param.query("openedWithin", ENUM, "Only positions opened within this window. Default: all.")
                    .oneOf("24h", "7d", "30d", "all"))
            .description(
                    "Every coin's open positions by cohort: bias (a cohort's long share 0-1), positions per side. Answers "
                            + "'are whales long BTC?' and where smart money and rekt cohorts disagree. Raw is ~1 MB."));

    public static final Endpoint GET_COIN_POSITION_METRICS = declare(Endpoint.tool("get_coin_position_metrics")
            .title("Coin positioning, PnL and funding over time")
            .path("/position-metrics/coin/{coin}")
            .toolset(Toolset.METRICS)
            .digest(DigestKind.SERIES)
            .pagination(Pagination.CURSOR)
            .rowsKey("metrics")
            .cacheTtl(Duration.ofMinutes(10))
            .params(coinPath(), start("", DEFAULT_SERIES_START), end(), seriesLimit(), cursor())
            .description(
                    "One coin over time (~15 min points): position count, value and size with long split, unrealized "
                            + "PnL, funding. Stats and a trend."));

    public static final Endpoint GET_COIN_SEGMENT_METRICS = declare(
            Endpoint.tool("get_coin_segment_metrics")
                    .title("Coin positioning of a cohort over time")
                    .path("/position-metrics/coin/{coin}/segment/{segmentId}")
                    .toolset(Toolset.METRICS)
                    .digest(DigestKind.SERIES)
                    .pagination(Pagination.CURSOR)
                    .rowsKey("metrics")
                    .cacheTtl(Duration.ofMinutes(10))
                    .params(
                            coinPath(),
                            segment(true),
                            start("", DEFAULT_SERIES_START),
                            end(),
                            seriesLimit(),
                            cursor(),
                            recency())
                    .description(
                            "One cohort on one coin over time: counts, value and size with long split, uPnL, funding. Stats and a trend."));

    public static final Endpoint GET_COIN_SIZE_BUCKET_METRICS = declare(
            Endpoint.tool("get_coin_size_bucket_metrics")
                    .title("Coin positioning by size bucket over time")
                    .path("/position-metrics/coin/{coin}/position-size-bucket/{sizeBucketId}")
                    .toolset(Toolset.METRICS)
                    .digest(DigestKind.SERIES)
                    .pagination(Pagination.CURSOR)
                    .rowsKey("metrics")
                    .cacheTtl(Duration.ofMinutes(10))
                    .params(
                            coinPath(),
                            Param.path(
                                    "sizeBucketId",
                                    SIZE_BUCKET,
                                    "Position size bucket id 1-10 or its range (\"$10k-$25k\"): "
                                            + SizeBucket.compactTable() + " (by position value)."),
                            start("", DEFAULT_SERIES_START),
                            end(),
                            seriesLimit(),
                            cursor())
                    .description(
                            "One coin over time, positions of one size bucket only: count and value with long split. Stats and a trend."));

    public static final Endpoint GET_LIQUIDATION_RISK_BY_ASSET = declare(Endpoint.tool("get_liquidation_risk_by_asset")
            .title("Liquidation risk by coin for a cohort")
            .path("/{segmentId}/assets/liquidation-risk")
            .toolset(Toolset.RISK)
            .digest(DigestKind.LIQUIDATION_RISK)
            .pagination(Pagination.OFFSET)
            .rowsKey("items")
            .cacheTtl(Duration.ofMinutes(10))
            .params(
                    segment(true),
                    Param.query("offset", INTEGER, "Items to skip (0 or more).")
                            .range(0, 100_000)
                            .withDefault(0),
                    limit(500).withDefault(100))
            .description(
                    "Per coin, a cohort's open value \"within 75% of the liquidation threshold\" (the API's words; "
                            + "formula unpublished) and its share."));

    public static final Endpoint EXPORT_LIQUIDATION_HEATMAP = declare(Endpoint.tool("export_liquidation_heatmap")
            .title("Liquidation heatmap for a coin (export)")
            .path("/exports/coins/{coin}/liquidation-heatmap")
            .toolset(Toolset.RISK)
            .digest(DigestKind.LIQUIDATION_HEATMAP)
            .rowsKey("heatmap")
            .export()
            .cacheTtl(Duration.ofMinutes(15))
            .params(coinPath())
            .description(
                    "One coin's liquidation value by price bin, with positions and most impacted cohort per bin."));

    public static final Endpoint LIST_COHORTS = declare(Endpoint.tool("list_cohorts")
            .title("Cohort legend")
            .path("/segments")
            .toolset(Toolset.META)
            .digest(DigestKind.COHORTS)
            .cacheTtl(Duration.ofHours(24))
            .description("The 16 cohorts (segments) with id, name, axis (size or PnL) and thresholds."));

    public static final Endpoint GET_DATA_FRESHNESS = declare(Endpoint.tool("get_data_freshness")
            .title("Data freshness")
            .path("/hypertracker/state/status")
            .toolset(Toolset.META)
            .digest(DigestKind.FRESHNESS)
            .cacheTtl(Duration.ofMinutes(1))
            .description("When HyperTracker data was last updated and when the next update is due."));

    /**
     * Every endpoint, in tool-list order: the seed's declarations above, then each group's own declaration class
     * (one file per group of the API, so that a reader finds an endpoint by its group's name).
     */
    private static final List<Endpoint> ENDPOINTS = concat(DECLARED, BuilderEndpoints.ALL);

    @SafeVarargs
    private static List<Endpoint> concat(List<Endpoint>... groups) {
        List<Endpoint> all = new ArrayList<>();
        for (List<Endpoint> group : groups) all.addAll(group);
        return List.copyOf(all);
    }

    public static List<Endpoint> endpoints() {
        return ENDPOINTS;
    }

    public static Optional<Endpoint> byTool(String tool) {
        return ENDPOINTS.stream().filter(e -> e.tool().equals(tool)).findFirst();
    }
}
