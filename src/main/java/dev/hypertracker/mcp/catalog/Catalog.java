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

    private static final String COHORT_LEGEND = "Size cohorts by perp equity: " + Cohort.compactLegend(Cohort.Axis.SIZE)
            + ". PnL cohorts by all-time perp PnL: " + Cohort.compactLegend(Cohort.Axis.PNL)
            + ". Every wallet is in one cohort of EACH axis: never add size and PnL cohorts together.";

    // ---- shared parameter declarations ----
    private static Param coinPath() {
        return Param.path("coin", COIN, "Coin symbol, case-sensitive: BTC, ETH, kPEPE; HIP-3 coins with their dex: xyz:GOLD.");
    }

    private static Param coinQuery() {
        return Param.query("coin", COIN, "Only this coin (case-sensitive: BTC, ETH, kPEPE, xyz:GOLD). Omit for all coins.");
    }

    private static Param start(String what, String defaultText) {
        return Param.query("start", DATETIME, "Start of the time window, ISO 8601 UTC (2026-02-25T00:00:00Z)"
                + (what.isEmpty() ? "" : "; " + what) + ". Default: " + defaultText + ".");
    }

    private static Param end() {
        return Param.query("end", DATETIME, "End of the time window, ISO 8601 UTC. Default: now.");
    }

    private static Param limit(long max, String rows) {
        return Param.query("limit", INTEGER, "Max " + rows + " per page (1-" + max + ").").range(1, max);
    }

    private static Param cursor() {
        return Param.query("nextCursor", CURSOR, "Cursor from a previous result's nextCursor, to continue where it stopped.");
    }

    private static Param recency() {
        return Param.query("positionRecencyTimeframe", ENUM, "Only count positions opened within this timeframe.")
                .oneOf("24h", "7d", "30d", "all");
    }

    private static Param segment(boolean path) {
        String text = "Cohort id 1-16 or its name (e.g. \"Smart Money\", \"Whale\"). " + COHORT_LEGEND;
        return path ? Param.path("segmentId", COHORT, text) : Param.query("segmentId", COHORT, text);
    }

    static final String DEFAULT_SERIES_START = "24 hours before now";

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("list_positions", "List positions (open and closed)", "/positions",
                    Toolset.POSITIONS, DigestKind.POSITIONS, Pagination.CURSOR, "positions", false, Duration.ofMinutes(10),
                    List.of(coinQuery(),
                            Param.query("address", ADDRESS_LIST, "One wallet address (0x + 40 hex) or a list of up to 50."),
                            start("filters on the position's openTime; data starts 2025-04-04", "2025-04-04 (all history)"),
                            end(),
                            Param.query("open", BOOLEAN, "true: only open positions; false: only closed. Omit for both."),
                            segment(false),
                            limit(1000, "positions").withDefault(1000),
                            cursor()),
                    "Perpetual positions on Hyperliquid since 2025-04-04, filtered by coin, wallet, cohort, open/closed "
                            + "and openTime window. Each has side, size, value, entry/mark price, leverage, liquidation price, "
                            + "unrealized PnL, funding; closeTime null means still open. Returns a digest: totals, long/short, "
                            + "top positions, per coin, per size cohort and per PnL cohort, leverage, value near liquidation."),
            new Endpoint("export_coin_positions", "Positions by size for a coin (export)", "/exports/coins/{coin}/positions",
                    Toolset.EXPORTS, DigestKind.BREAKDOWN, Pagination.NONE, null, true, Duration.ofMinutes(15),
                    List.of(coinPath()),
                    "Current open positions of one coin broken down by size cohort: position count, total and long value, "
                            + "value close to liquidation, bias, with past comparison values. Downloads the export file."),
            new Endpoint("get_open_exposure_by_coin", "Open exposure by coin", "/positions/coins",
                    Toolset.POSITIONS, DigestKind.EXPOSURE, Pagination.NONE, null, false, Duration.ofMinutes(10),
                    List.of(),
                    "Every coin with open perpetual positions, ranked by total open value: long and short value and "
                            + "position counts. Use it for 'which coins have the most open interest' and crowding by counts."),
            new Endpoint("export_position_breakdown_by_cohort", "Position breakdown by cohort (export)",
                    "/exports/coins/{coin}/position-breakdown-by-cohort",
                    Toolset.EXPORTS, DigestKind.BREAKDOWN, Pagination.NONE, null, true, Duration.ofMinutes(15),
                    List.of(coinPath()),
                    "One coin's open positions per cohort: total and long value, count, value close to liquidation, "
                            + "bias (long share), with past comparison values. Downloads the export file."),
            new Endpoint("export_position_breakdown_by_size", "Position breakdown by size (export)",
                    "/exports/coins/{coin}/position-breakdown-by-size",
                    Toolset.EXPORTS, DigestKind.BREAKDOWN, Pagination.NONE, null, true, Duration.ofMinutes(15),
                    List.of(coinPath()),
                    "One coin's open positions per size cohort: count, total and long value, value close to liquidation, "
                            + "bias. Downloads the export file."),
            new Endpoint("get_market_overview_metrics", "Market overview time series", "/position-metrics/general",
                    Toolset.METRICS, DigestKind.SERIES, Pagination.CURSOR, "metrics", false, Duration.ofMinutes(5),
                    List.of(start("", DEFAULT_SERIES_START), end(), limit(1000, "snapshots"), cursor()),
                    "Market-wide snapshots (about every 10 min): open interest with long/short split, open position "
                            + "counts, total perp equity, positions in profit. Returns stats per metric and a trend."),
            new Endpoint("export_position_metrics", "Hourly position metrics for a coin (export)",
                    "/exports/coins/{coin}/position-metrics",
                    Toolset.EXPORTS, DigestKind.SERIES, Pagination.NONE, "metrics", true, Duration.ofMinutes(15),
                    List.of(coinPath()),
                    "About 14 days of hourly metrics for one coin: position counts and total/long position value. "
                            + "Downloads the export file; returns stats per metric and a trend."),
            new Endpoint("get_perp_volume_metrics", "Perp trading volume time series", "/metrics/perp-volume",
                    Toolset.METRICS, DigestKind.SERIES, Pagination.CURSOR, "metrics", false, Duration.ofMinutes(10),
                    List.of(start("", DEFAULT_SERIES_START), end(), limit(1000, "snapshots"), cursor()),
                    "Total Hyperliquid perpetual trading volume, about hourly. Returns stats and a trend."),
            new Endpoint("get_positions_heatmap", "Cohort positioning heatmap", "/positions/heatmap",
                    Toolset.POSITIONS, DigestKind.HEATMAP, Pagination.NONE, "heatmap", false, Duration.ofMinutes(10),
                    List.of(Param.query("openedWithin", ENUM, "Only positions opened within this window. Default: all.")
                            .oneOf("24h", "7d", "30d", "all")),
                    "Open positions of every coin split by cohort, with each cohort's long/short value and bias "
                            + "(long share, 0-1). Answers 'are whales long BTC?' and 'where do smart money and rekt "
                            + "cohorts disagree?'. The raw answer is ~1 MB: the digest picks what matters."),
            new Endpoint("get_coin_position_metrics", "Coin positioning, PnL and funding over time",
                    "/position-metrics/coin/{coin}",
                    Toolset.METRICS, DigestKind.SERIES, Pagination.CURSOR, "metrics", false, Duration.ofMinutes(10),
                    List.of(coinPath(), start("", DEFAULT_SERIES_START), end(), limit(1000, "rows"), cursor(), recency()),
                    "Time series for one coin: open position count, total value and size with long split, unrealized "
                            + "PnL and funding across all positions. Returns stats per metric and a trend."),
            new Endpoint("get_coin_segment_metrics", "Coin positioning of one cohort over time",
                    "/position-metrics/coin/{coin}/segment/{segmentId}",
                    Toolset.METRICS, DigestKind.SERIES, Pagination.CURSOR, "metrics", false, Duration.ofMinutes(10),
                    List.of(coinPath(), segment(true), start("", DEFAULT_SERIES_START), end(), limit(1000, "rows"), cursor(), recency()),
                    "Time series of one cohort's positioning on one coin: counts, value and size with long split, "
                            + "unrealized PnL, funding. Returns stats per metric and a trend."),
            new Endpoint("get_coin_size_bucket_metrics", "Coin positioning of one position size bucket over time",
                    "/position-metrics/coin/{coin}/position-size-bucket/{sizeBucketId}",
                    Toolset.METRICS, DigestKind.SERIES, Pagination.CURSOR, "metrics", false, Duration.ofMinutes(10),
                    List.of(coinPath(),
                            Param.path("sizeBucketId", SIZE_BUCKET, "Position size bucket id 1-10 or its range (\"$10k-$25k\"): "
                                    + SizeBucket.compactTable() + " (by position value)."),
                            start("", DEFAULT_SERIES_START), end(), limit(1000, "rows"), cursor()),
                    "Time series for one coin restricted to positions of one size bucket (retail <$1k to whale >$2.5m): "
                            + "count and value with long split. Returns stats per metric and a trend."),
            new Endpoint("get_liquidation_risk_by_asset", "Liquidation risk by coin for a cohort",
                    "/{segmentId}/assets/liquidation-risk",
                    Toolset.RISK, DigestKind.LIQUIDATION_RISK, Pagination.OFFSET, "items", false, Duration.ofMinutes(10),
                    List.of(segment(true),
                            Param.query("offset", INTEGER, "Items to skip (0 or more).").range(0, 100_000).withDefault(0),
                            limit(500, "items").withDefault(100)),
                    "Per coin, the share of one cohort's open value that is close to liquidation (within 75% of the way "
                            + "from entry to liquidation price), sorted by percentRisk. Answers 'which coins have the most OI near liquidation?'."),
            new Endpoint("export_liquidation_heatmap", "Liquidation heatmap for a coin (export)",
                    "/exports/coins/{coin}/liquidation-heatmap",
                    Toolset.RISK, DigestKind.LIQUIDATION_HEATMAP, Pagination.NONE, "heatmap", true, Duration.ofMinutes(15),
                    List.of(coinPath()),
                    "Liquidation value of one coin by price bin, with position count and the most impacted cohort per bin. "
                            + "Downloads the export file; returns the bins holding most value."),
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
