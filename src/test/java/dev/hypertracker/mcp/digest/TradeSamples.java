package dev.hypertracker.mcp.digest;

import dev.hypertracker.mcp.catalog.TradeEndpoints;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Largest realistic inputs of the trade-flow routes (issue 15), shaped as the vendor's guide names the fields. */
final class TradeSamples {

    private final SplittableRandom random;

    TradeSamples(long seed) {
        this.random = new SplittableRandom(seed);
    }

    static List<Fixtures.Case> cases() {
        TradeSamples s = new TradeSamples(42);
        return List.of(
                new Fixtures.Case(
                        TradeEndpoints.LIST_FILLS,
                        List.of(SampleData.page("fills", s.fills(1_000, false), "eyJ0IjoxfQ"))),
                new Fixtures.Case(
                        TradeEndpoints.LIST_FUNDINGS,
                        List.of(SampleData.page("fundings", s.fundings(500), "eyJ0IjoxfQ"))),
                new Fixtures.Case(
                        TradeEndpoints.LIST_CLOSED_TRADES,
                        List.of(SampleData.page("trades", s.trades(500), "eyJ0IjoxfQ"))),
                new Fixtures.Case(TradeEndpoints.GET_CLOSED_TRADES_SUMMARY, List.of(s.summary(150))),
                new Fixtures.Case(
                        TradeEndpoints.GET_CLOSED_TRADE, List.of(s.trades(1).get(0))),
                new Fixtures.Case(
                        TradeEndpoints.LIST_CLOSED_TRADE_FILLS,
                        List.of(SampleData.page("fills", s.fills(2, false), null))),
                new Fixtures.Case(
                        TradeEndpoints.LIST_LIQUIDATION_FILLS,
                        List.of(SampleData.page("fills", s.fills(1_000, true), "eyJ0IjoxfQ"))));
    }

    private String address(int n) {
        return String.format("0x%040x", 0xabc000L + n);
    }

    private String hash() {
        return String.format(
                "0x%016x%016x%016x%016x", random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
    }

    private String coin() {
        return SampleData.COINS[random.nextInt(SampleData.COINS.length)];
    }

    private static double cents(double v) {
        return Math.round(v * 100) / 100.0;
    }

    List<JsonNode> fills(int n, boolean liquidations) {
        List<JsonNode> rows = new ArrayList<>();
        Instant t = SampleData.NOW.minusSeconds(86_000);
        for (int k = 0; k < n; k++) {
            ObjectNode f = SampleData.MAPPER.createObjectNode();
            String coin = coin();
            boolean buy = random.nextBoolean();
            String who = address(random.nextInt(liquidations ? 400 : 10));
            f.put("address", who);
            f.put("coin", coin);
            f.put("fillType", "perp");
            f.put("px", cents(10 + random.nextDouble() * 1000));
            f.put("sz", Math.round(random.nextDouble() * 1e4) / 1e3);
            f.put("side", buy ? "B" : "A");
            f.put("dir", (random.nextBoolean() ? "Open " : "Close ") + (buy ? "Long" : "Short"));
            f.put("time", t.plusSeconds(k * 80L).toString());
            f.put("startPosition", 0);
            f.put("closedPnl", cents((random.nextDouble() - 0.5) * 2000));
            f.put("fee", cents(random.nextDouble() * 5));
            f.put("hash", hash());
            if (liquidations) {
                f.put("liquidatedUser", who);
                f.put("liquidationMarkPx", f.get("px").doubleValue());
                f.put("liquidationMethod", "market");
            }
            rows.add(f);
        }
        return rows;
    }

    List<JsonNode> fundings(int n) {
        List<JsonNode> rows = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            ObjectNode f = SampleData.MAPPER.createObjectNode();
            f.put("time", SampleData.NOW.minusSeconds(3600L * (n - k)).toString());
            f.put("blockNumber", 500_000_000L + k * 36_000L);
            f.put("address", address(1));
            f.put("coin", SampleData.COINS[k % 12]);
            f.put("fundingAmount", Math.round((random.nextDouble() - 0.6) * 1e8) / 1e6);
            f.put("szi", Math.round((random.nextDouble() - 0.5) * 1e5) / 1e3);
            f.put("fundingRate", 0.0000125);
            rows.add(f);
        }
        return rows;
    }

    List<JsonNode> trades(int n) {
        List<JsonNode> rows = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            ObjectNode t = SampleData.MAPPER.createObjectNode();
            Instant open = SampleData.NOW.minusSeconds(86_400L * 30 - k * 3000L);
            long duration = 600 + random.nextInt(100_000);
            t.put("address", address(1));
            t.put("hash", hash());
            t.put("id", k);
            t.put("side", random.nextBoolean() ? "long" : "short");
            t.put("coin", coin());
            t.put("avgEntry", cents(10 + random.nextDouble() * 1000));
            t.put("avgExit", cents(10 + random.nextDouble() * 1000));
            t.put("duration", duration);
            t.put("openTime", open.toString());
            t.put("closeTime", open.plusSeconds(duration).toString());
            t.put("partial", random.nextInt(10) == 0);
            t.put("totalSize", Math.round(random.nextDouble() * 1e4) / 1e3);
            t.put("totalUsd", cents(random.nextDouble() * 50_000));
            t.put("realizedPnlUsd", cents((random.nextDouble() - 0.45) * 4000));
            t.put("countFills", 2 + random.nextInt(5));
            t.put("fee", cents(random.nextDouble() * 20));
            t.put("feeUsd", cents(random.nextDouble() * 20));
            t.put("fundingUsd", cents((random.nextDouble() - 0.5) * 30));
            rows.add(t);
        }
        return rows;
    }

    ObjectNode summary(int coins) {
        ObjectNode body = SampleData.MAPPER.createObjectNode();
        body.put("address", address(1));
        body.put("range", "all");
        body.put("updatedAt", SampleData.NOW.toString());
        ObjectNode s = body.putObject("summary");
        for (String name : TradeStatsDigest.SUMMARY_FIELDS) s.put(name, cents(random.nextDouble() * 1000));
        var list = body.putArray("coins");
        for (int k = 0; k < coins; k++) {
            ObjectNode c = list.addObject();
            c.put("coin", "C" + k);
            for (String name : TradeStatsDigest.COIN_FIELDS) c.put(name, cents(random.nextDouble() * 100));
        }
        return body;
    }
}
