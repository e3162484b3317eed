package dev.hypertracker.mcp.wholeapi;

import static dev.hypertracker.mcp.support.SandboxHarness.list;
import static dev.hypertracker.mcp.support.SandboxHarness.map;
import static dev.hypertracker.mcp.support.SandboxHarness.structured;
import static dev.hypertracker.mcp.support.SandboxHarness.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hypertracker.mcp.sandbox.MarketData;
import dev.hypertracker.mcp.sandbox.RequestLog;
import dev.hypertracker.mcp.support.SandboxHarness;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, trade flow: every tool of the group called through the server's tool path against the sandbox; the exact
 * upstream path and query checked, and the digest's numbers checked against figures computed here from the sandbox's
 * positions (not from the digest code): a fill per open and per close, a trade per closed position, an hourly funding
 * payment per open hour, a liquidation per position closed at liquidation risk.
 */
class TradeToolsTest {

    static SandboxHarness harness;
    static MarketData truth;
    /** The wallet with the most positions, and its positions. */
    static String wallet;

    static List<MarketData.Position> walletPositions;

    @BeforeAll
    static void start() {
        harness = SandboxHarness.start(SandboxHarness.SMALL, s -> s);
        truth = harness.sandbox().data();
        Map<String, List<MarketData.Position>> byWallet = new HashMap<>();
        for (MarketData.Position p : truth.positions())
            byWallet.computeIfAbsent(p.wallet().address(), a -> new ArrayList<>())
                    .add(p);
        // the busiest wallet with both open and closed positions
        Map.Entry<String, List<MarketData.Position>> busiest = byWallet.entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(MarketData.Position::isOpen)
                        && e.getValue().stream().anyMatch(p -> !p.isOpen()))
                .max(Comparator.comparingInt((Map.Entry<String, List<MarketData.Position>> e) ->
                                e.getValue().size())
                        .thenComparing(Map.Entry::getKey))
                .orElseThrow();
        wallet = busiest.getKey();
        walletPositions = busiest.getValue();
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @BeforeEach
    void clearLog() {
        harness.sandbox().requestLog().clear();
    }

    static double num(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }

    static List<RequestLog.Entry> requests() {
        return harness.sandbox().requestLog().entries();
    }

    static RequestLog.Entry onlyRequest() {
        List<RequestLog.Entry> all = requests();
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    static String iso(Instant t) {
        return t.toString().replace("Z", "").length() == 19 ? t.toString().replace("Z", ".000Z") : t.toString();
    }

    // ---- ground truth, from the positions ----

    /** One fill as the positions imply it: the open at entry, the close at the close hour's price. */
    record Fill(MarketData.Position p, boolean close) {
        Instant time() {
            return close ? p.closeTime() : p.openTime();
        }

        double px() {
            return close ? p.markPrice() : p.entryPrice();
        }

        BigDecimal notional() {
            return p.size().multiply(BigDecimal.valueOf(px()));
        }

        boolean buy() {
            return p.isLong() != close;
        }

        /** The sandbox's taker fee, 0.045% of notional, in cents. */
        BigDecimal fee() {
            long micros = notional().movePointRight(6).longValueExact();
            return BigDecimal.valueOf(Math.round(micros * 0.00045 / 1e4), 2);
        }

        BigDecimal closedPnl() {
            return close ? BigDecimal.valueOf(p.unrealizedPnl()) : BigDecimal.ZERO;
        }
    }

    static List<Fill> fillsOf(List<MarketData.Position> positions, Predicate<Fill> keep) {
        List<Fill> out = new ArrayList<>();
        for (MarketData.Position p : positions) {
            if (keep.test(new Fill(p, false))) out.add(new Fill(p, false));
            if (!p.isOpen() && keep.test(new Fill(p, true))) out.add(new Fill(p, true));
        }
        return out;
    }

    static void assertFlow(Map<String, Object> s, List<Fill> expected) {
        Map<String, Object> totals = map(s, "totals");
        BigDecimal buy = BigDecimal.ZERO, sell = BigDecimal.ZERO, pnl = BigDecimal.ZERO, fees = BigDecimal.ZERO;
        for (Fill f : expected) {
            if (f.buy()) buy = buy.add(f.notional());
            else sell = sell.add(f.notional());
            pnl = pnl.add(f.closedPnl());
            fees = fees.add(f.fee());
        }
        assertThat(((Number) totals.get("fills")).longValue()).isEqualTo(expected.size());
        assertThat(num(totals, "buyNotional")).isCloseTo(buy.doubleValue(), within(1e-6));
        assertThat(num(totals, "sellNotional")).isCloseTo(sell.doubleValue(), within(1e-6));
        assertThat(num(totals, "closedPnl")).isCloseTo(pnl.doubleValue(), within(1e-6));
        assertThat(num(totals, "fees")).isCloseTo(fees.doubleValue(), within(1e-6));
    }

    // ---- the tools ----

    @Test
    void listFillsSendsTheDayAndMatchesTheWalletsOpensAndCloses() {
        // the UTC day on which the wallet has the most fills
        Map<LocalDate, Integer> perDay = new HashMap<>();
        for (Fill f : fillsOf(walletPositions, f -> true))
            perDay.merge(f.time().atOffset(ZoneOffset.UTC).toLocalDate(), 1, Integer::sum);
        LocalDate day = perDay.entrySet().stream()
                .max(Map.Entry.<LocalDate, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .orElseThrow()
                .getKey();
        Instant from = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        CallToolResult r = harness.call(
                "list_fills",
                Map.of("address", wallet.toUpperCase().replace("0X", "0x"), "start", day.toString(), "top", 20));
        Map<String, Object> s = structured(r);

        RequestLog.Entry request = onlyRequest();
        assertThat(request.path()).isEqualTo("/api/external/fills");
        assertThat(request.query())
                .isEqualTo(Map.of(
                        "address",
                        List.of(wallet),
                        "start",
                        List.of("%s".formatted(iso(from))),
                        "limit",
                        List.of("500")));

        List<Fill> expected = fillsOf(
                walletPositions,
                f -> f.time().atOffset(ZoneOffset.UTC).toLocalDate().equals(day));
        assertThat(expected).isNotEmpty();
        assertFlow(s, expected);
        assertThat(s).containsEntry("order", "oldest first");
        assertThat(text(r)).contains(wallet).contains("oldest first");
    }

    @Test
    void listFillsSendsEveryFilterAndTheSideInTheApisSpelling() {
        Fill any = fillsOf(walletPositions, f -> true).get(0);
        LocalDate day = any.time().atOffset(ZoneOffset.UTC).toLocalDate();
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("address", List.of(wallet, "0x" + "2".repeat(40)));
        args.put("start", day + "T00:00:00Z");
        args.put("end", day + "T23:59:59Z");
        args.put("coin", List.of(any.p().coin()));
        args.put("side", any.buy() ? "b" : "a");
        args.put("limit", 1000);
        Map<String, Object> s = structured(harness.call("list_fills", args));
        RequestLog.Entry request = onlyRequest();
        assertThat(request.rawQuery())
                .isEqualTo("address=" + wallet + "&address=0x" + "2".repeat(40) + "&start=" + day
                        + "T00:00:00.000Z&end=" + day + "T23:59:59.000Z&coin="
                        + any.p().coin().replace("%3A", ":") + "&side=" + (any.buy() ? "B" : "A")
                        + "&limit=1000");
        assertFlow(
                s,
                fillsOf(
                        walletPositions,
                        f -> f.time().atOffset(ZoneOffset.UTC).toLocalDate().equals(day)
                                && f.p().coin().equals(any.p().coin())
                                && f.buy() == any.buy()));
    }

    @Test
    void listFundingsSumsEveryHourlyPaymentOfTheWalletsPositions() {
        Instant end = truth.anchor();
        Instant start = end.minusSeconds(7 * 86_400L);
        CallToolResult r = harness.call(
                "list_fundings",
                Map.of(
                        "address",
                        wallet,
                        "startTime",
                        start.toString(),
                        "endTime",
                        end.toString(),
                        "limit",
                        100,
                        "maxPages",
                        20,
                        "top",
                        50));
        Map<String, Object> s = structured(r);

        List<RequestLog.Entry> all = requests();
        assertThat(all).isNotEmpty();
        assertThat(all.get(0).path()).isEqualTo("/api/external/fundings");
        assertThat(all.get(0).rawQuery())
                .isEqualTo("address=" + wallet + "&startTime=" + iso(start) + "&endTime=" + iso(end) + "&limit=100");
        for (int k = 1; k < all.size(); k++) assertThat(all.get(k).query()).containsKey("nextCursor");

        // each open hour of each position: minus szi x entry price x the coin's hourly rate
        Map<String, BigDecimal> netByCoin = new HashMap<>();
        long payments = 0;
        BigDecimal paid = BigDecimal.ZERO;
        long anchorSecond = truth.anchor().getEpochSecond();
        for (MarketData.Position p : walletPositions) {
            long open = p.openTime().getEpochSecond();
            long last = p.isOpen() ? anchorSecond : p.closeTime().getEpochSecond();
            long dataStart = truth.dataStart().getEpochSecond();
            double rate = truth.coin(p.coin()).orElseThrow().hourlyFunding();
            double perHour = p.size().doubleValue() * p.entryPrice() * rate * (p.isLong() ? -1 : 1);
            BigDecimal amount = BigDecimal.valueOf(Math.round(perHour * 1e6), 6);
            for (long h = (open - dataStart) / 3600 + 1; dataStart + h * 3600 <= last; h++) {
                long at = dataStart + h * 3600;
                if (at < start.getEpochSecond() || at > end.getEpochSecond()) continue;
                payments++;
                netByCoin.merge(p.coin(), amount, BigDecimal::add);
                if (amount.signum() < 0) paid = paid.add(amount);
            }
        }
        assertThat(payments).isGreaterThan(200); // several pages
        Map<String, Object> totals = map(s, "totals");
        assertThat(((Number) totals.get("payments")).longValue()).isEqualTo(payments);
        BigDecimal net = netByCoin.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(num(totals, "netFunding")).isCloseTo(net.doubleValue(), within(1e-6));
        assertThat(num(totals, "paid")).isCloseTo(paid.doubleValue(), within(1e-6));
        for (Map<String, Object> coin : list(s, "byCoin"))
            assertThat(num(coin, "netFunding"))
                    .as("net funding on %s", coin.get("coin"))
                    .isCloseTo(netByCoin.get((String) coin.get("coin")).doubleValue(), within(1e-6));
        assertThat(list(s, "byCoin")).hasSize(netByCoin.size());
        assertThat(text(r)).contains("negative amount is funding the wallet paid");
        assertThat(s).containsEntry("complete", true);
    }

    @Test
    void listClosedTradesIsTheWalletsClosedPositions() {
        CallToolResult r = harness.call("list_closed_trades", Map.of("address", wallet, "top", 50));
        Map<String, Object> s = structured(r);
        RequestLog.Entry request = onlyRequest();
        assertThat(request.path()).isEqualTo("/api/external/closed-trades");
        assertThat(request.query()).isEqualTo(Map.of("address", List.of(wallet), "limit", List.of("100")));

        List<MarketData.Position> closed =
                walletPositions.stream().filter(p -> !p.isOpen()).toList();
        BigDecimal pnl = BigDecimal.ZERO, funding = BigDecimal.ZERO, volume = BigDecimal.ZERO;
        long wins = 0;
        for (MarketData.Position p : closed) {
            pnl = pnl.add(BigDecimal.valueOf(p.unrealizedPnl()));
            funding = funding.add(BigDecimal.valueOf(p.funding()));
            volume = volume.add(p.size().multiply(BigDecimal.valueOf(p.entryPrice())));
            if (p.unrealizedPnl() > 0) wins++;
        }
        Map<String, Object> totals = map(s, "totals");
        assertThat(((Number) totals.get("trades")).longValue()).isEqualTo(closed.size());
        assertThat(((Number) totals.get("wins")).longValue()).isEqualTo(wins);
        assertThat(num(totals, "realizedPnl")).isCloseTo(pnl.doubleValue(), within(1e-6));
        assertThat(num(totals, "funding")).isCloseTo(funding.doubleValue(), within(1e-6));
        assertThat(num(totals, "volume")).isCloseTo(volume.doubleValue(), within(1e-6));
        // the best trade's full hash, ready for get_closed_trade
        MarketData.Position best = closed.stream()
                .max(Comparator.comparingDouble(MarketData.Position::unrealizedPnl))
                .orElseThrow();
        if (best.unrealizedPnl() > 0) assertThat(text(r)).contains("0x" + best.id());
    }

    @Test
    void theClosedTradesSummaryAgreesWithTheClosedPositions() {
        CallToolResult r = harness.call(
                "get_closed_trades_summary",
                Map.of("address", wallet, "interval", "all", "top", 50, "maxTokens", 20_000));
        Map<String, Object> s = structured(r);
        RequestLog.Entry request = onlyRequest();
        assertThat(request.path()).isEqualTo("/api/external/closed-trades/summary");
        assertThat(request.query()).isEqualTo(Map.of("address", List.of(wallet), "interval", List.of("all")));

        List<MarketData.Position> closed =
                walletPositions.stream().filter(p -> !p.isOpen()).toList();
        double net =
                closed.stream().mapToDouble(MarketData.Position::unrealizedPnl).sum();
        long wins = closed.stream().filter(p -> p.unrealizedPnl() > 0).count();
        Map<String, Object> summary = map(s, "summary");
        assertThat(num(summary, "totalTrades")).isEqualTo(closed.size());
        assertThat(num(summary, "wins")).isEqualTo(wins);
        assertThat(num(summary, "netPnl")).isCloseTo(net, within(0.005));
        assertThat(s).containsEntry("address", wallet).containsEntry("range", "all");
        long coins = closed.stream().map(MarketData.Position::coin).distinct().count();
        assertThat(((Number) s.get("coinCount")).longValue()).isEqualTo(coins);
        assertThat(list(s, "coins")).hasSize((int) coins);
        double shares = list(s, "coins").stream()
                .mapToDouble(c -> num(c, "volumeSharePct"))
                .sum();
        assertThat(shares).isCloseTo(100, within(0.01 * coins));
        assertThat(text(r)).contains(wallet).contains("the API's figures");
    }

    @Test
    void oneClosedTradeAndItsFillsByHash() {
        MarketData.Position p =
                walletPositions.stream().filter(x -> !x.isOpen()).findFirst().orElseThrow();
        String hash = "0x" + p.id();
        Map<String, Object> s = structured(harness.call(
                "get_closed_trade", Map.of("hash", hash.toUpperCase().replace("0X", "0x"))));
        assertThat(onlyRequest().path()).isEqualTo("/api/external/closed-trades/" + hash);
        Map<String, Object> trade = map(s, "trade");
        assertThat(trade)
                .containsEntry("hash", hash)
                .containsEntry("coin", p.coin())
                .containsEntry("side", p.side());
        assertThat(num(trade, "realizedPnlUsd")).isCloseTo(p.unrealizedPnl(), within(1e-9));
        assertThat(num(trade, "avgExit")).isCloseTo(p.markPrice(), within(1e-12));

        harness.sandbox().requestLog().clear();
        Map<String, Object> fills = structured(harness.call("list_closed_trade_fills", Map.of("hash", hash)));
        RequestLog.Entry request = onlyRequest();
        assertThat(request.path()).isEqualTo("/api/external/closed-trades/" + hash + "/fills");
        assertThat(request.query()).isEqualTo(Map.of("limit", List.of("100")));
        assertFlow(fills, List.of(new Fill(p, false), new Fill(p, true)));
    }

    @Test
    void anUnknownTradeHashIsTheApisNotFound() {
        CallToolResult r = harness.call("get_closed_trade", Map.of("hash", "0x" + "0".repeat(64)));
        assertThat(r.isError()).isTrue();
        assertThat(text(r)).containsIgnoringCase("not found");
    }

    @Test
    void liquidationFillsAreNewestFirstWithoutStartAndOldestFirstWithIt() {
        List<MarketData.Position> liquidated = truth.positions().stream()
                .filter(p -> !p.isOpen() && p.atLiquidationRisk() && p.coin().equals("BTC"))
                .toList();
        assertThat(liquidated).isNotEmpty();
        CallToolResult r =
                harness.call("list_liquidation_fills", Map.of("coin", "BTC", "limit", 1000, "maxPages", 20, "top", 5));
        Map<String, Object> s = structured(r);
        RequestLog.Entry first = requests().get(0);
        assertThat(first.path()).isEqualTo("/api/external/fills/liquidation");
        assertThat(first.query()).isEqualTo(Map.of("coin", List.of("BTC"), "limit", List.of("1000")));
        assertThat(s).containsEntry("order", "newest first");
        assertThat(text(r)).contains("newest first without start");
        List<Fill> expected = liquidated.stream().map(p -> new Fill(p, true)).toList();
        assertFlow(s, expected);
        Map<String, Object> liq = map(s, "liquidations");
        assertThat(((Number) liq.get("fills")).longValue()).isEqualTo(liquidated.size());
        assertThat(((Number) liq.get("liquidatedUsers")).longValue())
                .isEqualTo(liquidated.stream()
                        .map(p -> p.wallet().address())
                        .distinct()
                        .count());
        // the largest liquidation with its wallet, in full
        MarketData.Position largest = liquidated.stream()
                .max(Comparator.comparing(p -> new Fill(p, true).notional()))
                .orElseThrow();
        assertThat(text(r)).contains("by " + largest.wallet().address() + " (liquidated)");

        harness.sandbox().requestLog().clear();
        Instant start = truth.anchor().minusSeconds(30 * 86_400L);
        Map<String, Object> oldestFirst = structured(harness.call(
                "list_liquidation_fills",
                Map.of("coin", "BTC", "start", start.toString(), "limit", 1000, "maxPages", 20)));
        assertThat(requests().get(0).query())
                .isEqualTo(Map.of("coin", List.of("BTC"), "start", List.of(iso(start)), "limit", List.of("1000")));
        assertThat(oldestFirst).containsEntry("order", "oldest first");
        assertFlow(
                oldestFirst,
                expected.stream().filter(f -> !f.time().isBefore(start)).toList());
    }

    // ---- rules checked before any request ----

    static void rejectedBeforeAnyRequest(String tool, Map<String, Object> args, String... words) {
        CallToolResult r = harness.call(tool, args);
        assertThat(r.isError()).as(text(r)).isTrue();
        assertThat(text(r)).contains(words);
        assertThat(requests()).isEmpty();
    }

    @Test
    void theApisRulesAreCheckedBeforeAnyRequest() {
        String day = truth.anchor().minusSeconds(86_400).toString().substring(0, 10);
        rejectedBeforeAnyRequest("list_fills", Map.of("start", day), "address", "is required");
        rejectedBeforeAnyRequest("list_fills", Map.of("address", wallet), "start", "is required");
        List<String> eleven = new ArrayList<>();
        for (int k = 0; k < 11; k++)
            eleven.add("0x" + Integer.toString(k, 16).repeat(40).substring(0, 40));
        rejectedBeforeAnyRequest("list_fills", Map.of("address", eleven, "start", day), "at most 10");
        rejectedBeforeAnyRequest(
                "list_fills",
                Map.of(
                        "address",
                        wallet,
                        "start",
                        day + "T12:00:00Z",
                        "end",
                        LocalDate.parse(day).plusDays(1) + "T01:00:00Z"),
                "same UTC day",
                "T23:59:59.999Z");
        rejectedBeforeAnyRequest("list_fills", Map.of("address", wallet, "start", day, "limit", 1001), "limit");
        rejectedBeforeAnyRequest("list_fills", Map.of("address", wallet, "start", day, "side", "buy"), "side", "A, B");
        rejectedBeforeAnyRequest("list_fundings", Map.of(), "address", "is required");
        rejectedBeforeAnyRequest(
                "list_fundings", Map.of("address", List.of(wallet, "0x" + "2".repeat(40))), "at most 1 per call");
        rejectedBeforeAnyRequest(
                "list_fundings",
                Map.of("address", wallet, "startTime", "2026-01-01", "endTime", "2026-02-01T00:00:01Z"),
                "at most 1 month after startTime");
        rejectedBeforeAnyRequest(
                "list_closed_trades",
                Map.of(
                        "address",
                        wallet,
                        "startTime",
                        truth.anchor().minusSeconds(40 * 86_400L).toString()),
                "left out means now");
        rejectedBeforeAnyRequest("list_closed_trades", Map.of("address", wallet, "limit", 501), "limit");
        rejectedBeforeAnyRequest(
                "get_closed_trades_summary", Map.of("address", wallet, "interval", "7d"), "interval", "last50");
        rejectedBeforeAnyRequest("get_closed_trade", Map.of("hash", "0x" + "a".repeat(63)), "not a trade hash");
        rejectedBeforeAnyRequest(
                "list_closed_trade_fills", Map.of("hash", "0x" + "a".repeat(64) + "/../x"), "not a trade hash");
        rejectedBeforeAnyRequest(
                "list_liquidation_fills",
                Map.of("start", "2026-01-01", "end", "2026-04-01T00:00:01Z"),
                "at most 3 months after start");
        rejectedBeforeAnyRequest("list_liquidation_fills", Map.of("coin", List.of("BTC", "ETH")), "coin");
    }
}
