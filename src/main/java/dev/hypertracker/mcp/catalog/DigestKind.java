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
    BUILDER_USERS(kind().shaping().top().rowColumns("address", "volume", "builderFee", "pnl", "equity")),
    /** Trade/fill flow: fills of wallets, of one closed trade, and liquidation fills. */
    FILLS(kind().shaping()
            .top()
            .rowColumns(
                    "time",
                    "address",
                    "coin",
                    "side",
                    "dir",
                    "px",
                    "sz",
                    "closedPnl",
                    "fee",
                    "hash",
                    "liquidatedUser")),
    /** Funding sums: a wallet's funding payments. */
    FUNDINGS(kind().shaping()
            .top()
            .coverPages(3)
            .rowColumns("time", "coin", "fundingAmount", "szi", "fundingRate", "address", "blockNumber")),
    /** A wallet's closed trades. */
    CLOSED_TRADES(kind().shaping()
            .top()
            .rowColumns(
                    "hash",
                    "coin",
                    "side",
                    "openTime",
                    "closeTime",
                    "totalSize",
                    "totalUsd",
                    "avgEntry",
                    "avgExit",
                    "realizedPnlUsd",
                    "feeUsd",
                    "fundingUsd",
                    "partial")),
    /** One closed trade: the body is the trade. */
    CLOSED_TRADE(kind().oneRowBody()),
    /** Trade statistics: a wallet's closed-trade summary and its per-coin rows. */
    TRADE_STATS(kind().shaping()
            .top()
            .rowColumns(
                    "coin", "totalTrades", "wins", "losses", "winRate", "netPnl", "totalVolumeUsd", "volumeSharePct")),
    /** Open orders (a snapshot page or a coin's whole file): the book by price band, trigger orders apart. */
    ORDER_BOOK(kind().shaping()
            .top()
            .rowColumns(
                    "coin",
                    "side",
                    "limitPx",
                    "sz",
                    "orderType",
                    "isTrigger",
                    "triggerPx",
                    "reduceOnly",
                    "address",
                    "oid",
                    "timestamp",
                    "snapshotTs")),
    // a bare ISO string; its age is stated against the clock
    SNAPSHOT_TIME(kind().oneRowBody().neverReplayed()),
    /** The perp PnL leaderboard file of one period (numbers as strings). */
    PNL_LEADERBOARD_FILE(kind().shaping()
            .top()
            .rowColumns(
                    "rank",
                    "address",
                    "pnlDay",
                    "pnlWeek",
                    "pnlMonth",
                    "pnlAllTime",
                    "perpEquity",
                    "openValue",
                    "openValueLong")),
    // issue 15, cohorts: a cohort's signed bias over time (rows named by the body's historySnapshotStructure)
    BIAS_HISTORY(kind().shaping()
            .coverPages(3)
            .rowColumns(
                    "timestamp",
                    "bias",
                    "exposureRatio",
                    "openValue",
                    "openLongValue",
                    "openShortValue",
                    "activePerpEquity")),
    COHORT_SUMMARY(kind().oneRowBody()),
    MARKET_SUMMARY(kind().oneRowBody()),
    // every cohort on one coin: rows are cohorts, each with its metrics[0] = now, then every 12 h back
    COIN_COHORTS(kind()),
    // ---- issue 15: rankings, wallets, open-position files ----
    BIGGEST_POSITIONS(kind().shaping()
            .top()
            .rowColumns(
                    "coin",
                    "side",
                    "value",
                    "size",
                    "entryPrice",
                    "markPrice",
                    "unrealizedPnl",
                    "liquidationPrice",
                    "liquidationProgress",
                    "openTime",
                    "address",
                    "profile.segments")),
    PNL_LEADERBOARD(kind().shaping().top()),
    HYPE_HOLDERS(kind().shaping().top()),
    WALLETS(kind().shaping()
            .top()
            .rowColumns(
                    "address",
                    "segments",
                    "totalEquity",
                    "perpEquity",
                    "perpPnl",
                    "perpBias",
                    "exposureRatio",
                    "openValue",
                    "sumUpnl",
                    "countOpenPositions",
                    "closestLiq.coin",
                    "closestLiq.progress")),
    // the rows are the largest positions this server kept from the streamed CSV; the totals are in the envelope
    OPEN_POSITIONS_FILE(kind().shaping().top()),
    // no detail=raw or rows: each snapshot carries a signed download URL, shown redacted
    POSITION_SNAPSHOTS(kind().oneRowBody());

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
