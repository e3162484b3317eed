package dev.hypertracker.mcp.catalog;

import static dev.hypertracker.mcp.catalog.CommonParams.*;
import static dev.hypertracker.mcp.catalog.ParamKind.*;

import java.time.Duration;
import java.util.List;

/**
 * Cohort intelligence and market-wide files (issue 15): a cohort's bias over time and its summary, the market
 * summary, every cohort on one coin, the per-coin cohort file and the chart files.
 */
public final class CohortEndpoints {

    private CohortEndpoints() {}

    public static final Endpoint GET_COHORT_BIAS_HISTORY = Endpoint.tool("get_cohort_bias_history")
            .title("Cohort bias history")
            .path("/segments/{segmentId}/bias-history")
            .toolset(Toolset.COHORTS)
            .digest(DigestKind.BIAS_HISTORY)
            .pagination(Pagination.CURSOR)
            .rowsKey("history")
            .cacheTtl(Duration.ofMinutes(10))
            .params(
                    segment(true),
                    Param.query(
                                    "start",
                                    DATETIME,
                                    "Window start (ISO 8601 UTC); data from 2025-07-09. Required once limit, end or "
                                            + "nextCursor is given. Omit all four for ~60 days at 2-hour spacing.")
                            .requiredWith("limit", "end", "nextCursor"),
                    end(),
                    limit(1000),
                    cursor(),
                    recency())
            .description("One cohort's signed bias (its own scale, not the heatmap's 0-1 long share), exposure ratio, "
                    + "open long/short value and active perp equity over time, newest first. Stats and a trend.")
            .build();

    public static final Endpoint GET_COHORT_SUMMARY = Endpoint.tool("get_cohort_summary")
            .title("Cohort summary")
            .path("/segments/{segmentId}/summary")
            .toolset(Toolset.COHORTS)
            .digest(DigestKind.COHORT_SUMMARY)
            .rowsKey("openPerpsSummary")
            .export()
            .cacheTtl(Duration.ofMinutes(10))
            .params(
                    segment(true),
                    Param.query("positionAge", ENUM, "Only positions opened within this age. Default: all.")
                            .oneOf("all", "24h", "7d", "30d"))
            .description("One cohort now: traders, traders in position and in profit, perp bias, exposure ratio, "
                    + "open value by side, perp equity, assets held.")
            .build();

    public static final Endpoint GET_MARKET_SUMMARY = Endpoint.tool("get_market_summary")
            .title("Market summary")
            .path("/state/summary")
            .toolset(Toolset.METRICS)
            .digest(DigestKind.MARKET_SUMMARY)
            .rowsKey("perpPositionsMetrics")
            .export()
            .cacheTtl(Duration.ofMinutes(10))
            .description("Market-wide now: traders and active traders (vs 24h ago), traders per cohort vs 24h/7d/30d "
                    + "ago, open positions and open interest, perp volume.")
            .build();

    public static final Endpoint GET_COIN_COHORT_SNAPSHOT = Endpoint.tool("get_coin_cohort_snapshot")
            .title("Every cohort on one coin")
            .path("/perps/coin/{coin}/segment-metrics")
            .toolset(Toolset.COHORTS)
            .digest(DigestKind.COIN_COHORTS)
            .rowsKey("segments")
            .cacheTtl(Duration.ofMinutes(10))
            .params(mainCoinPath())
            .description("Every cohort on one main-exchange coin: positions, value, long share and bias now, and the "
                    + "change over ~7 days (points every 12 h). Size and PnL axes apart.")
            .build();

    public static final Endpoint EXPORT_COIN_SEGMENT_METRICS = Endpoint.tool("export_coin_segment_metrics")
            .title("Every cohort on one coin (export)")
            .path("/exports/coins/{coin}/segment-metrics{window}")
            .toolset(Toolset.EXPORTS)
            .digest(DigestKind.COIN_COHORTS)
            .rowsKey("segments")
            .export()
            .cacheTtl(Duration.ofMinutes(15))
            .params(coinPath(), window())
            .description("One coin's segment-metrics file: every cohort's positions, value and bias, now and over "
                    + "~7 days. Size and PnL axes apart.")
            .build();

    public static final Endpoint EXPORT_WALLETS_EQUITY_CHART = Endpoint.tool("export_wallets_equity_chart")
            .title("Total wallets equity chart (export)")
            .path("/exports/total-wallets-equity-chart-data")
            .toolset(Toolset.METRICS)
            .digest(DigestKind.SERIES)
            .export()
            .cacheTtl(Duration.ofMinutes(15))
            .description("The chart data of all tracked wallets' total equity over time. Stats per column and a trend.")
            .build();

    public static final Endpoint EXPORT_COHORT_BIAS_CHART = Endpoint.tool("export_cohort_bias_chart")
            .title("Cohort bias chart, 24 h (export)")
            .path("/exports/segments-bias-charts-data-24h")
            .toolset(Toolset.COHORTS)
            .digest(DigestKind.SERIES)
            .export()
            .cacheTtl(Duration.ofMinutes(15))
            .description(
                    "The last 24 h of every cohort's bias, one column per cohort id. Stats per cohort and a trend.")
            .build();

    static final List<Endpoint> ALL = List.of(
            GET_COHORT_BIAS_HISTORY,
            GET_COHORT_SUMMARY,
            GET_MARKET_SUMMARY,
            GET_COIN_COHORT_SNAPSHOT,
            EXPORT_COIN_SEGMENT_METRICS,
            EXPORT_WALLETS_EQUITY_CHART,
            EXPORT_COHORT_BIAS_CHART);
}
