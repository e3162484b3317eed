package dev.hypertracker.mcp.digest;

import dev.hypertracker.mcp.api.Paging;
import dev.hypertracker.mcp.catalog.Endpoint;
import dev.hypertracker.mcp.catalog.HistoryLimits;
import java.time.Clock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The summary of one data kind, built as an accumulator: rows arrive one at a time (across pages, or streamed), state
 * stays bounded (top-N heaps, per-coin and per-cohort tallies), and {@link #finish} turns it into a report.
 */
interface KindDigest {

    void accept(JsonNode row);

    /** A page's body without its rows (totalCount, coin, createdAt …); called once per page, after its rows. */
    default void acceptEnvelope(ObjectNode envelope) {}

    Report finish();

    /**
     * When the rows read do not cover what was asked (pages left unread, or no data for part of the window): what
     * they do cover, in words for the first line of the result; null when they cover it.
     */
    default String coverageGap(Paging paging) {
        return null;
    }

    static KindDigest forKind(Endpoint endpoint, DigestOptions options, Clock clock) {
        return switch (endpoint.digest()) {
            case POSITIONS -> new PositionsDigest(options);
            case EXPOSURE -> new ExposureDigest(options);
            case HEATMAP -> new HeatmapDigest(options);
            case SERIES -> new SeriesDigest(options, historyStart(endpoint, options));
            case LIQUIDATION_RISK -> new LiquidationRiskDigest(options);
            case BREAKDOWN -> new BreakdownDigest(options);
            case LIQUIDATION_HEATMAP -> new LiquidationHeatmapDigest(options);
            case COHORTS -> new CohortsDigest();
            case FRESHNESS -> new FreshnessDigest(clock);
            case BUILDER_RANKING -> new BuilderRankingDigest(options);
            case BUILDER_PROFILE -> new BuilderProfileDigest();
            case BUILDER_REVENUE -> new BuilderRevenueDigest();
            case BUILDER_FILLS -> new BuilderFillsDigest(options);
            case BUILDER_USERS -> new BuilderUsersDigest(options);
            case FILLS -> new FillsDigest(options, endpoint.pathTemplate().equals("/fills/liquidation"));
            case FUNDINGS -> new FundingsDigest(options);
            case CLOSED_TRADES -> new ClosedTradesDigest(options, false);
            case CLOSED_TRADE -> new ClosedTradesDigest(options, true);
            case TRADE_STATS -> new TradeStatsDigest(options);
            case ORDER_BOOK -> new OrderBookDigest(options);
            case SNAPSHOT_TIME -> new SnapshotTimeDigest(clock);
            case PNL_LEADERBOARD_FILE -> new PnlLeaderboardFileDigest(options);
            case BIAS_HISTORY -> new BiasHistoryDigest(options, historyStart(endpoint, options));
            case COHORT_SUMMARY -> new CohortSummaryDigest(options);
            case MARKET_SUMMARY -> new MarketSummaryDigest();
            case COIN_COHORTS -> new CoinCohortsDigest();
            case BIGGEST_POSITIONS, PNL_LEADERBOARD, HYPE_HOLDERS, WALLETS ->
                new RankedListDigest(endpoint.digest(), options);
            case OPEN_POSITIONS_FILE -> new OpenPositionsFileDigest(options);
            case POSITION_SNAPSHOTS -> new PositionSnapshotsDigest();
        };
    }

    /** Where the route's history begins (epoch millis), for the query as sent; Long.MIN_VALUE when unpublished. */
    private static long historyStart(Endpoint endpoint, DigestOptions options) {
        Object recency = options.echo().get("positionRecencyTimeframe");
        return HistoryLimits.start(endpoint.pathTemplate(), recency instanceof String r ? r : null)
                .map(java.time.Instant::toEpochMilli)
                .orElse(Long.MIN_VALUE);
    }
}
