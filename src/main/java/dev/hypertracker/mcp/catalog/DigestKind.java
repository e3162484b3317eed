package dev.hypertracker.mcp.catalog;

import java.util.List;

/**
 * Which summarizer turns an endpoint's rows into a digest, and everything that choice decides outside the summarizer:
 * the tool arguments that shape the result, the default window, whether a digest may be replayed, and the columns of
 * detail=rows and CSV. The summarizer itself and the output schema switch over the kinds exhaustively.
 */
public enum DigestKind {
    POSITIONS(kind().shaping()
            .top()
            .sortBy()
            .closeFilter()
            .fromDataStart()
            .windowStated()
            .rowColumns(
                    "address",
                    "coin",
                    "side",
                    "positionValue",
                    "entryPrice",
                    "markPrice",
                    "liquidationPrice",
                    "unrealizedPnl",
                    "funding",
                    "crossLeverage",
                    "isolatedLeverage",
                    "openTime",
                    "closeTime",
                    "profile.segments")),
    EXPOSURE(kind().shaping()
            .top()
            .rowColumns("coin", "totalValue", "totalValueLong", "totalValueShort", "count", "countLong", "countShort")),
    HEATMAP(kind().shaping()
            .top()
            .focus()
            .rowColumns("coin", "totalValue", "totalLongValue", "totalShortValue", "count", "countLong", "countShort")),
    SERIES(kind().shaping().windowStated().coverPages(3)),
    LIQUIDATION_RISK(kind().shaping().top().rowColumns("coin", "totalValue", "riskValue", "percentRisk")),
    BREAKDOWN(kind().shaping().top()),
    LIQUIDATION_HEATMAP(kind().shaping()
            .top()
            .rowColumns(
                    "priceBinIndex",
                    "priceBinStart",
                    "priceBinEnd",
                    "liquidationValue",
                    "positionsCount",
                    "mostImpactedSegment")),
    COHORTS(kind().rowColumns(
                    "id",
                    "name",
                    "category",
                    "emoji",
                    "criteria.minSize",
                    "criteria.maxSize",
                    "criteria.minPnl",
                    "criteria.maxPnl")),
    // it states the data's age against the clock
    FRESHNESS(kind().oneRowBody().neverReplayed()),
    BUILDER_RANKING(kind().shaping()
            .top()
            .rowColumns("builder", "name", "revenue", "revenuePrev", "volume", "volumePrev", "users", "usersPrev")),
    BUILDER_PROFILE(kind().oneRowBody()),
    BUILDER_REVENUE(kind().shaping().rowColumns("timestamp", "revenue", "countUsers")),
    BUILDER_FILLS(kind().shaping()
            .top()
            .windowStated()
            .coverPages(3)
            .rowColumns("time", "address", "coin", "fillType", "side", "px", "sz", "fee", "builderFee", "hash")),
    BUILDER_USERS(kind().shaping().top().rowColumns("address", "volume", "builderFee", "pnl", "equity"));

    private final Traits traits;

    DigestKind(Traits traits) {
        this.traits = traits;
    }

    public Traits traits() {
        return traits;
    }

    /** A kind that takes no shaping arguments, replays, and shows the first row's scalar fields. */
    private static Traits kind() {
        return new Traits(false, false, false, false, false, false, false, 1, false, true, null);
    }

    /**
     * What a digest kind decides besides its summary.
     *
     * @param takesShaping        takes detail, fields and maxRows (a few lines, such as the cohort legend, need none)
     * @param takesTop            takes top: the summary ranks items
     * @param takesSortBy         takes sortBy value|pnl
     * @param takesFocus          takes the focus filters coin and segmentId, applied to the one cached response
     * @param takesCloseFilter    takes closedSince and closedBefore, applied to the rows scanned
     * @param allHistoryByDefault an omitted start means all history (from {@link Catalog#DATA_START}), not the last 24 h
     * @param statesWindow        the digest states the window it covers against the one asked (start and end, defaults
     *                            included, are echoed to it)
     * @param coverPages          cursor pages read by default to cover the window (each one API request)
     * @param bodyIsOneRow        the route answers one object that is itself the row
     * @param replayable          a stored result's digest may be served again for the same options
     * @param columns             the columns of detail=rows and CSV when the caller names none; null: the first row's
     *                            scalar fields
     */
    public record Traits(
            boolean takesShaping,
            boolean takesTop,
            boolean takesSortBy,
            boolean takesFocus,
            boolean takesCloseFilter,
            boolean allHistoryByDefault,
            boolean statesWindow,
            int coverPages,
            boolean bodyIsOneRow,
            boolean replayable,
            List<String> columns) {

        Traits shaping() {
            return new Traits(
                    true,
                    takesTop,
                    takesSortBy,
                    takesFocus,
                    takesCloseFilter,
                    allHistoryByDefault,
                    statesWindow,
                    coverPages,
                    bodyIsOneRow,
                    replayable,
                    columns);
        }

        Traits top() {
            return new Traits(
                    takesShaping,
                    true,
                    takesSortBy,
                    takesFocus,
                    takesCloseFilter,
                    allHistoryByDefault,
                    statesWindow,
                    coverPages,
                    bodyIsOneRow,
                    replayable,
                    columns);
        }

        Traits sortBy() {
            return new Traits(
                    takesShaping,
                    takesTop,
                    true,
                    takesFocus,
                    takesCloseFilter,
                    allHistoryByDefault,
                    statesWindow,
                    coverPages,
                    bodyIsOneRow,
                    replayable,
                    columns);
        }

        Traits focus() {
            return new Traits(
                    takesShaping,
                    takesTop,
                    takesSortBy,
                    true,
                    takesCloseFilter,
                    allHistoryByDefault,
                    statesWindow,
                    coverPages,
                    bodyIsOneRow,
                    replayable,
                    columns);
        }

        Traits closeFilter() {
            return new Traits(
                    takesShaping,
                    takesTop,
                    takesSortBy,
                    takesFocus,
                    true,
                    allHistoryByDefault,
                    statesWindow,
                    coverPages,
                    bodyIsOneRow,
                    replayable,
                    columns);
        }

        Traits fromDataStart() {
            return new Traits(
                    takesShaping,
                    takesTop,
                    takesSortBy,
                    takesFocus,
                    takesCloseFilter,
                    true,
                    statesWindow,
                    coverPages,
                    bodyIsOneRow,
                    replayable,
                    columns);
        }

        Traits windowStated() {
            return new Traits(
                    takesShaping,
                    takesTop,
                    takesSortBy,
                    takesFocus,
                    takesCloseFilter,
                    allHistoryByDefault,
                    true,
                    coverPages,
                    bodyIsOneRow,
                    replayable,
                    columns);
        }

        Traits oneRowBody() {
            return new Traits(
                    takesShaping,
                    takesTop,
                    takesSortBy,
                    takesFocus,
                    takesCloseFilter,
                    allHistoryByDefault,
                    statesWindow,
                    coverPages,
                    true,
                    replayable,
                    columns);
        }

        Traits neverReplayed() {
            return new Traits(
                    takesShaping,
                    takesTop,
                    takesSortBy,
                    takesFocus,
                    takesCloseFilter,
                    allHistoryByDefault,
                    statesWindow,
                    coverPages,
                    bodyIsOneRow,
                    false,
                    columns);
        }

        Traits coverPages(int pages) {
            return new Traits(
                    takesShaping,
                    takesTop,
                    takesSortBy,
                    takesFocus,
                    takesCloseFilter,
                    allHistoryByDefault,
                    statesWindow,
                    pages,
                    bodyIsOneRow,
                    replayable,
                    columns);
        }

        Traits rowColumns(String... names) {
            return new Traits(
                    takesShaping,
                    takesTop,
                    takesSortBy,
                    takesFocus,
                    takesCloseFilter,
                    allHistoryByDefault,
                    statesWindow,
                    coverPages,
                    bodyIsOneRow,
                    replayable,
                    List.of(names));
        }
    }
}
