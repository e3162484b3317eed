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
