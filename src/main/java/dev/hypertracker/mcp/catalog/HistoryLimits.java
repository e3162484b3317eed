package dev.hypertracker.mcp.catalog;

import java.time.Instant;
import java.util.Optional;

/**
 * Where the API's history begins, per route, as the vendor's guide states it: a window before that date returns an
 * empty list, not an error. The sandbox serves nothing earlier; the series digests say when a window starts before it.
 */
public final class HistoryLimits {

    /** {@code /positions}: positions are tracked from this day. */
    public static final Instant POSITIONS = Instant.parse(Catalog.DATA_START);
    /** {@code /position-metrics/general}: "about May 2025" in the guide; the first of May is our reading. */
    public static final Instant MARKET_OVERVIEW = Instant.parse("2025-05-01T00:00:00Z");
    /** Per-coin metrics (coin, coin x cohort, coin x size bucket) without a recency filter ({@code all}). */
    public static final Instant COIN_METRICS = Instant.parse("2026-02-19T00:00:00Z");
    /** The coin x cohort route with {@code positionRecencyTimeframe} 24h, 7d or 30d. */
    public static final Instant COIN_METRICS_BY_RECENCY = Instant.parse("2026-03-19T00:00:00Z");

    /** {@code /segments/{segmentId}/bias-history}: data from this day (vendor guide). */
    public static final Instant COHORT_BIAS_HISTORY = Instant.parse("2025-07-09T00:00:00Z");

    private HistoryLimits() {}

    /**
     * The first instant the route has data for, or empty when no limit is published (perp volume, snapshots).
     *
     * @param pathTemplate the catalog's path ("/position-metrics/coin/{coin}/segment/{segmentId}")
     * @param recency      positionRecencyTimeframe as sent (null or "all": no recency filter); only the coin x
     *                     cohort route honours it
     */
    public static Optional<Instant> start(String pathTemplate, String recency) {
        return switch (pathTemplate) {
            case "/positions" -> Optional.of(POSITIONS);
            case "/position-metrics/general" -> Optional.of(MARKET_OVERVIEW);
            case "/position-metrics/coin/{coin}", "/position-metrics/coin/{coin}/position-size-bucket/{sizeBucketId}" ->
                Optional.of(COIN_METRICS);
            case "/position-metrics/coin/{coin}/segment/{segmentId}" ->
                Optional.of(recency == null || recency.equals("all") ? COIN_METRICS : COIN_METRICS_BY_RECENCY);
            case "/segments/{segmentId}/bias-history" -> Optional.of(COHORT_BIAS_HISTORY);
            default -> Optional.empty();
        };
    }
}
