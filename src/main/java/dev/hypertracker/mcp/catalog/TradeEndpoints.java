package dev.hypertracker.mcp.catalog;

import static dev.hypertracker.mcp.catalog.CommonParams.*;
import static dev.hypertracker.mcp.catalog.ParamKind.*;

import java.time.Duration;
import java.util.List;

/** Trade flow (issue 15): a wallet's fills, fundings and closed trades, and the market's liquidation fills. */
public final class TradeEndpoints {

    private TradeEndpoints() {}

    /** One wallet, required: the routes of a single wallet's history. */
    private static Param wallet() {
        return Param.query("address", ADDRESS_LIST, "Wallet address (0x + 40 hex).")
                .range(1, 1)
                .mandatory();
    }

    private static Param startTime() {
        return Param.query("startTime", DATETIME, "Window start (ISO 8601 UTC).");
    }

    private static Param endTime() {
        return Param.query("endTime", DATETIME, "Window end, at most 1 month after startTime. Default now.");
    }

    private static Param fillSide() {
        return Param.query("side", ENUM, "B (buy) or A (sell).").oneOf("A", "B");
    }

    private static Param tradeHash() {
        return Param.path("hash", TX_HASH, "The closed trade's hash (0x + 64 hex), from list_closed_trades.");
    }

    public static final Endpoint LIST_FILLS = Endpoint.tool("list_fills")
            .title("Fills of wallets on one UTC day")
            .path("/fills")
            .toolset(Toolset.WALLETS)
            .digest(DigestKind.FILLS)
            .pagination(Pagination.CURSOR)
            .rowsKey("fills")
            .cacheTtl(Duration.ofMinutes(5))
            .window(TimeWindow.sameUtcDay("start", "end"))
            .params(
                    Param.query("address", ADDRESS_LIST, "1-10 wallet addresses.")
                            .range(1, 10)
                            .mandatory(),
                    Param.query("start", DATETIME, "Window start (ISO 8601 UTC); data from 2025-07.")
                            .mandatory(),
                    Param.query("end", DATETIME, "Window end, on start's UTC day. Default: that day's end."),
                    Param.query("coin", COIN_LIST, "Coin(s), case-sensitive; omit for all."),
                    Param.query("builder", ADDRESS_LIST, "Only fills routed by this builder address.")
                            .range(1, 1),
                    fillSide(),
                    limit(1000).withDefault(500),
                    cursor())
            .description("Trade fills of 1-10 wallets within one UTC day, oldest first. Digest: buy/sell flow, "
                    + "closed PnL and fees per coin and wallet, largest fills with hashes.")
            .build();

    public static final Endpoint LIST_FUNDINGS = Endpoint.tool("list_fundings")
            .title("Funding payments of a wallet")
            .path("/fundings")
            .toolset(Toolset.WALLETS)
            .digest(DigestKind.FUNDINGS)
            .pagination(Pagination.CURSOR)
            .rowsKey("fundings")
            .cacheTtl(Duration.ofMinutes(10))
            .window(TimeWindow.atMostMonths("startTime", "endTime", 1))
            .params(
                    wallet(),
                    coinQuery(),
                    Param.query("startTime", DATETIME, "Window start (ISO 8601 UTC). Default: 7 days ago."),
                    endTime(),
                    limit(500).withDefault(100),
                    cursor())
            .description("A wallet's hourly funding payments since 2025-09-27 (window <= 1 month, default the "
                    + "last 7 days). Digest: fundingAmount sums per coin, paid vs received.")
            .build();

    public static final Endpoint LIST_CLOSED_TRADES = Endpoint.tool("list_closed_trades")
            .title("Closed trades of a wallet")
            .path("/closed-trades")
            .toolset(Toolset.WALLETS)
            .digest(DigestKind.CLOSED_TRADES)
            .pagination(Pagination.CURSOR)
            .rowsKey("trades")
            .cacheTtl(Duration.ofMinutes(10))
            .window(TimeWindow.atMostMonths("startTime", "endTime", 1))
            .params(wallet(), startTime(), endTime(), limit(500).withDefault(100), cursor())
            .description("A wallet's closed trades (window <= 1 month). Digest: realized PnL, wins/losses, "
                    + "fees, funding, per coin, best and worst trades with hashes.")
            .build();

    public static final Endpoint GET_CLOSED_TRADES_SUMMARY = Endpoint.tool("get_closed_trades_summary")
            .title("Closed-trade statistics of a wallet")
            .path("/closed-trades/summary")
            .toolset(Toolset.WALLETS)
            .digest(DigestKind.TRADE_STATS)
            .rowsKey("coins")
            .cacheTtl(Duration.ofMinutes(15))
            .params(
                    wallet(),
                    Param.query("interval", ENUM, "Trades covered. Default: the API's.")
                            .oneOf("all", "365d", "180d", "90d", "30d", "last50"))
            .description("A wallet's trading record: trades, win rate, net/avg PnL, profit factor, expectancy, "
                    + "durations, fees, volume, per coin with volume share.")
            .build();

    public static final Endpoint GET_CLOSED_TRADE = Endpoint.tool("get_closed_trade")
            .title("One closed trade")
            .path("/closed-trades/{hash}")
            .toolset(Toolset.WALLETS)
            .digest(DigestKind.CLOSED_TRADE)
            .cacheTtl(Duration.ofMinutes(30))
            .params(tradeHash())
            .description("One closed trade by hash: side, coin, entry/exit, size, PnL, fees, funding, times.")
            .build();

    public static final Endpoint LIST_CLOSED_TRADE_FILLS = Endpoint.tool("list_closed_trade_fills")
            .title("Fills of one closed trade")
            .path("/closed-trades/{hash}/fills")
            .toolset(Toolset.WALLETS)
            .digest(DigestKind.FILLS)
            .pagination(Pagination.CURSOR)
            .rowsKey("fills")
            .cacheTtl(Duration.ofMinutes(30))
            .params(
                    tradeHash(),
                    startTime(),
                    Param.query("endTime", DATETIME, "Window end (ISO 8601 UTC)."),
                    limit(1000).withDefault(100),
                    cursor())
            .description("The fills that opened and closed one trade, oldest first, with the fill flow digest.")
            .build();

    public static final Endpoint LIST_LIQUIDATION_FILLS = Endpoint.tool("list_liquidation_fills")
            .title("Liquidation fills")
            .path("/fills/liquidation")
            .toolset(Toolset.RISK)
            .digest(DigestKind.FILLS)
            .pagination(Pagination.CURSOR)
            .rowsKey("fills")
            .cacheTtl(Duration.ofMinutes(5))
            .window(TimeWindow.atMostMonths("start", "end", 3))
            .params(
                    Param.query("coin", COIN, "One coin, case-sensitive; omit for all."),
                    Param.query("address", ADDRESS_LIST, "One wallet address.").range(1, 1),
                    fillSide(),
                    Param.query("start", DATETIME, "Window start; given: oldest first, else newest first."),
                    Param.query("end", DATETIME, "Window end, at most 3 months after start."),
                    limit(1000).withDefault(500),
                    cursor())
            .description("Liquidation fills since 2025-07-27: newest first without start, oldest first with it. "
                    + "Digest: liquidated value per coin and side, largest liquidations with wallets and hashes.")
            .build();

    static final List<Endpoint> ALL = List.of(
            LIST_FILLS,
            LIST_FUNDINGS,
            LIST_CLOSED_TRADES,
            GET_CLOSED_TRADES_SUMMARY,
            GET_CLOSED_TRADE,
            LIST_CLOSED_TRADE_FILLS,
            LIST_LIQUIDATION_FILLS);
}
