package dev.hypertracker.mcp.digest;

import dev.hypertracker.mcp.api.Paging;
import dev.hypertracker.mcp.catalog.DigestKind;
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

    static KindDigest forKind(DigestKind kind, DigestOptions options, Clock clock) {
        return switch (kind) {
            case POSITIONS -> new PositionsDigest(options);
            case EXPOSURE -> new ExposureDigest(options);
            case HEATMAP -> new HeatmapDigest(options);
            case SERIES -> new SeriesDigest(options);
            case LIQUIDATION_RISK -> new LiquidationRiskDigest(options);
            case BREAKDOWN -> new BreakdownDigest(options);
            case LIQUIDATION_HEATMAP -> new LiquidationHeatmapDigest(options);
            case COHORTS -> new CohortsDigest();
            case FRESHNESS -> new FreshnessDigest(clock);
        };
    }
}
