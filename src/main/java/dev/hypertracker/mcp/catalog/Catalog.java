package dev.hypertracker.mcp.catalog;

import static dev.hypertracker.mcp.catalog.ParamKind.*;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The one declaration of every HyperTracker endpoint this server exposes, in tool-list order. */
public final class Catalog {

    /** Positions are recorded from this day on; earlier start times return nothing more. */
    public static final String DATA_START = "2025-04-04T00:00:00.000Z";

    private Catalog() {}

    private static final String COHORT_LEGEND = "Size axis (perp equity): " + Cohort.compactLegend(Cohort.Axis.SIZE)
            + ". PnL axis (all-time): " + Cohort.compactLegend(Cohort.Axis.PNL) + ". Never add the two axes.";
    private static final String COHORT_NAMES = "Size axis: " + Cohort.names(Cohort.Axis.SIZE) + ". PnL axis: "
            + Cohort.names(Cohort.Axis.PNL) + ". Never add the two axes.";

    // ---- shared parameter declarations ----
    private static Param coinPath() {
        return Param.path("coin", COIN, "Case-sensitive symbol: BTC, kPEPE, xyz:GOLD (HIP-3).");
    }

    private static Param coinQuery() {
        return Param.query("coin", COIN, "Case-sensitive symbol (BTC, kPEPE, xyz:GOLD); omit for all.");
    }

    private static Param start(String what, String defaultText) {
        return Param.query("start", DATETIME, "Window start (ISO 8601 UTC)"
                + (what.isEmpty() ? "" : "; " + what) + ". Default " + defaultText + ".");
    }

    private static Param end() {
        return Param.query("end", DATETIME, "Window end (ISO 8601 UTC). Default now.");
    }

    private static Param limit(long max) {
        return Param.query("limit", INTEGER, "Page size.").range(1, max);
    }

    /** Series ask for the API's largest page by default, so that few pages cover the window (fidelity, issue 12). */
    private static Param seriesLimit() {
        return limit(1000).withDefault(1000);
    }

    private static Param cursor() {
        return Param.query("nextCursor", CURSOR, "A previous result's nextCursor.");
    }

    /** Documented on the coin x segment route only; the API silently ignores it elsewhere (so it is not offered there). */
    private static Param recency() {
        return Param.query("positionRecencyTimeframe", ENUM, "Only count positions opened within this timeframe.")
                .oneOf("24h", "7d", "30d", "all");
    }

    /** The cohort parameter; the query form (list_positions) carries the thresholds, the path forms only names. */
    private static Param segment(boolean path) {
        return path ? Param.path("segmentId", COHORT, "Cohort id or name. " + COHORT_NAMES)
                : Param.query("segmentId", COHORT, "Cohort id or name. " + COHORT_LEGEND);
    }

    static final String DEFAULT_SERIES_START = "24h ago";

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("list_positions", "List positions (open and closed)", "/positions",
                    Toolset.POSITIONS, DigestKind.POSITIONS, Pagination.CURSOR, "positions", false, Duration.ofMinutes(10),
                    List.of(coinQuery(),
                            Param.query("address", ADDRESS_LIST, "Wallet address or list of up to 50."),
                            start("filters on the position's openTime; data starts 2025-04-04", "2025-04-04 (all history)"),
                            end(),
                            Param.query("open", BOOLEAN, "true: only open positions; false: only closed. Omit for both."),
                            segment(false),
                            limit(1000).withDefault(1000),
                            cursor()),
                    "Hyperliquid perp positions since 2025-04-04 by coin, wallet, cohort, open/closed, openTime window "
                            + "(closeTime null = open), oldest-opened first. Digest: totals, long/short, top positions, per "
                            + "coin and cohort, leverage, this server's near-liquidation figure."),
            new Endpoint("export_coin_positions", "Positions by size for a coin (export)", "/exports/coins/{coin}/positions",
                    Toolset.EXPORTS, DigestKind.BREAKDOWN, Pagination.NONE, null, true, Duration.ofMinutes(15),
                    List.of(coinPath()),
                    "One coin's open positions by size bucket, vs past values. No longer in the vendor's export list: "
                            + "prefer export_position_breakdown_by_size."),
            new Endpoint("get_open_exposure_by_coin", "Open exposure by coin", "/positions/coins",
                    Toolset.POSITIONS, DigestKind.EXPOSURE, Pagination.NONE, null, false, Duration.ofMinutes(10),
                    List.of(),
                    "Every coin with open positions by open value (counts both sides, ~2x one-sided OI), positions per side."),
            new Endpoint("export_position_breakdown_by_cohort", "Position breakdown by cohort (export)",
                    "/exports/coins/{coin}/position-breakdown-by-cohort",
                    Toolset.EXPORTS, DigestKind.BREAKDOWN, Pagination.NONE, null, true, Duration.ofMinutes(15),
                    List.of(coinPath()),
                    "One coin's open positions per cohort: total/long value, count, bias, value close to liquidation, vs past."),
            new Endpoint("export_position_breakdown_by_size", "Position breakdown by size (export)",
                    "/exports/coins/{coin}/position-breakdown-by-size",
                    Toolset.EXPORTS, DigestKind.BREAKDOWN, Pagination.NONE, null, true, Duration.ofMinutes(15),
                    List.of(coinPath()),
                    "One coin's open positions per position size bucket 1-10: count, total/long value, bias, value close to liquidation."),
            new Endpoint("get_market_overview_metrics", "Market overview time series", "/position-metrics/general",
                    Toolset.METRICS, DigestKind.SERIES, Pagination.CURSOR, "metrics", false, Duration.ofMinutes(5),
                    List.of(start("", DEFAULT_SERIES_START), end(), seriesLimit(), cursor()),
                    "Market-wide snapshots (~10 min): open interest long/short, position counts, perp equity, positions "
                            + "in profit. Stats per metric and a trend."),
            new Endpoint("export_position_metrics", "Hourly position metrics for a coin (export)",
                    "/exports/coins/{coin}/position-metrics",
                    Toolset.EXPORTS, DigestKind.SERIES, Pagination.NONE, "metrics", true, Duration.ofMinutes(15),
                    List.of(coinPath()),
                    "~14 days of hourly metrics for one coin: position counts, total/long value. Stats per metric and a trend."),
            new Endpoint("get_perp_volume_metrics", "Perp trading volume time series", "/metrics/perp-volume",
                    Toolset.METRICS, DigestKind.SERIES, Pagination.CURSOR, "metrics", false, Duration.ofMinutes(10),
                    List.of(start("", DEFAULT_SERIES_START), end(), seriesLimit(), cursor()),
                    "Hyperliquid perp trading volume, about hourly. Stats and a trend."),
            new Endpoint("get_positions_heatmap", "Cohort positioning heatmap", "/positions/heatmap",
                    Toolset.POSITIONS, DigestKind.HEATMAP, Pagination.NONE, "heatmap", false, Duration.ofMinutes(10),
                    List.of(Param.query("openedWithin", ENUM, "Only positions opened within this window. Default: all.")
                            .oneOf("24h", "7d", "30d", "all")),
                    "Every coin's open positions by cohort: bias (a cohort's long share 0-1), positions per side. Answers "
                            + "'are whales long BTC?' and where smart money and rekt cohorts disagree. Raw is ~1 MB."),
            new Endpoint("get_coin_position_metrics", "Coin positioning, PnL and funding over time",
                    "/position-metrics/coin/{coin}",
                    Toolset.METRICS, DigestKind.SERIES, Pagination.CURSOR, "metrics", false, Duration.ofMinutes(10),
                    List.of(coinPath(), start("", DEFAULT_SERIES_START), end(), seriesLimit(), cursor()),
                    "One coin over time (~15 min points): position count, value and size with long split, unrealized "
                            + "PnL, funding. Stats and a trend."),
            new Endpoint("get_coin_segment_metrics", "Coin positioning of a cohort over time",
                    "/position-metrics/coin/{coin}/segment/{segmentId}",
                    Toolset.METRICS, DigestKind.SERIES, Pagination.CURSOR, "metrics", false, Duration.ofMinutes(10),
                    List.of(coinPath(), segment(true), start("", DEFAULT_SERIES_START), end(), seriesLimit(), cursor(), recency()),
                    "One cohort on one coin over time: counts, value and size with long split, uPnL, funding. Stats and a trend."),
            new Endpoint("get_coin_size_bucket_metrics", "Coin positioning by size bucket over time",
                    "/position-metrics/coin/{coin}/position-size-bucket/{sizeBucketId}",
                    Toolset.METRICS, DigestKind.SERIES, Pagination.CURSOR, "metrics", false, Duration.ofMinutes(10),
                    List.of(coinPath(),
                            Param.path("sizeBucketId", SIZE_BUCKET, "Position size bucket id 1-10 or its range (\"$10k-$25k\"): "
                                    + SizeBucket.compactTable() + " (by position value)."),
                            start("", DEFAULT_SERIES_START), end(), seriesLimit(), cursor()),
                    "One coin over time, positions of one size bucket only: count and value with long split. Stats and a trend."),
            new Endpoint("get_liquidation_risk_by_asset", "Liquidation risk by coin for a cohort",
                    "/{segmentId}/assets/liquidation-risk",
                    Toolset.RISK, DigestKind.LIQUIDATION_RISK, Pagination.OFFSET, "items", false, Duration.ofMinutes(10),
                    List.of(segment(true),
                            Param.query("offset", INTEGER, "Items to skip (0 or more).").range(0, 100_000).withDefault(0),
                            limit(500).withDefault(100)),
                    "Per coin, a cohort's open value \"within 75% of the liquidation threshold\" (the API's words; "
                            + "formula unpublished) and its share."),
            new Endpoint("export_liquidation_heatmap", "Liquidation heatmap for a coin (export)",
                    "/exports/coins/{coin}/liquidation-heatmap",
                    Toolset.RISK, DigestKind.LIQUIDATION_HEATMAP, Pagination.NONE, "heatmap", true, Duration.ofMinutes(15),
                    List.of(coinPath()),
                    "One coin's liquidation value by price bin, with positions and most impacted cohort per bin."),
            new Endpoint("list_cohorts", "Cohort legend", "/segments",
                    Toolset.META, DigestKind.COHORTS, Pagination.NONE, null, false, Duration.ofHours(24),
                    List.of(),
                    "The 16 cohorts (segments) with id, name, axis (size or PnL) and thresholds."),
            new Endpoint("get_data_freshness", "Data freshness", "/hypertracker/state/status",
                    Toolset.META, DigestKind.FRESHNESS, Pagination.NONE, null, false, Duration.ofMinutes(1),
                    List.of(),
                    "When HyperTracker data was last updated and when the next update is due."));

    public static List<Endpoint> endpoints() {
        return ENDPOINTS;
    }

    public static Optional<Endpoint> byTool(String tool) {
        return ENDPOINTS.stream().filter(e -> e.tool().equals(tool)).findFirst();
    }

    public static Endpoint require(String tool) {
        return byTool(tool).orElseThrow(() -> new IllegalArgumentException("no endpoint for tool " + tool));
    }
}
