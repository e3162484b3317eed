package dev.hypertracker.mcp.digest;

import dev.hypertracker.mcp.catalog.LeaderboardEndpoints;
import dev.hypertracker.mcp.catalog.OpenPositionFileEndpoints;
import dev.hypertracker.mcp.files.OpenPositionsCsv;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The largest inputs of issue 15's rankings and open-position files, with every field their digests read. */
final class LeaderboardSamples {

    private LeaderboardSamples() {}

    static List<Fixtures.Case> cases() {
        Random r = new Random(15);
        return parsed(List.of(
                new Fixtures.Case(LeaderboardEndpoints.GET_BIGGEST_POSITIONS, List.of(biggest(r, 100))),
                new Fixtures.Case(LeaderboardEndpoints.GET_PNL_LEADERBOARD, List.of(perpPnl(r, 100))),
                new Fixtures.Case(LeaderboardEndpoints.GET_ALL_PNL_LEADERBOARD, List.of(allPnl(r, 100))),
                new Fixtures.Case(LeaderboardEndpoints.LIST_HYPE_HOLDERS, List.of(holders(r, 500))),
                new Fixtures.Case(LeaderboardEndpoints.LIST_WALLETS, List.of(wallets(r, 500))),
                new Fixtures.Case(
                        OpenPositionFileEndpoints.EXPORT_OPEN_POSITIONS, List.of(openPositionsFile(r, 20_000))),
                new Fixtures.Case(OpenPositionFileEndpoints.GET_OPEN_POSITIONS_HISTORY, snapshots(20))));
    }

    /** The bodies as a JSON parser gives them (doubles, not the decimals they were built with). */
    private static List<Fixtures.Case> parsed(List<Fixtures.Case> cases) {
        List<Fixtures.Case> out = new ArrayList<>();
        for (Fixtures.Case c : cases) {
            List<JsonNode> pages = new ArrayList<>();
            for (JsonNode page : c.pages()) pages.add(SampleData.MAPPER.readTree(page.toString()));
            out.add(new Fixtures.Case(c.endpoint(), pages));
        }
        return out;
    }

    static String address(Random r) {
        StringBuilder a = new StringBuilder("0x");
        for (int i = 0; i < 40; i++) a.append(Character.forDigit(r.nextInt(16), 16));
        return a.toString();
    }

    static BigDecimal money(Random r, double scale) {
        return BigDecimal.valueOf(Math.round(r.nextDouble() * scale * 100), 2);
    }

    static ArrayNode segments(Random r) {
        return SampleData.MAPPER.createArrayNode().add(1 + r.nextInt(7)).add(8 + r.nextInt(8));
    }

    static ObjectNode biggest(Random r, int n) {
        ObjectNode body = SampleData.MAPPER.createObjectNode();
        body.put("totalCount", 40_000);
        ArrayNode items = body.putArray("items");
        String[] coins = {"BTC", "ETH", "SOL", "HYPE", "xyz:GOLD"};
        for (int i = 0; i < n; i++) {
            boolean isLong = r.nextBoolean();
            BigDecimal value = money(r, 5e7);
            ObjectNode p = items.addObject();
            p.put("id", Long.toHexString(r.nextLong()));
            p.put("side", isLong ? "long" : "short");
            p.put("address", address(r));
            p.put("dex", "main");
            p.put("coin", coins[i % coins.length]);
            p.put("value", isLong ? value : value.negate());
            p.put("size", money(r, 500));
            p.put("entryPrice", money(r, 1e5));
            p.put("markPrice", money(r, 1e5));
            p.put("unrealizedPnl", money(r, 1e6).subtract(BigDecimal.valueOf(500_000)));
            p.put("funding", money(r, 1e4));
            p.put("liquidationPrice", money(r, 1e5));
            p.put("liquidationProgress", BigDecimal.valueOf(r.nextInt(10_000), 4));
            p.put("crossLeverage", 1 + r.nextInt(20));
            p.put("isolatedLeverage", 0);
            p.put("openTime", "2026-11-20T10:00:00.000Z");
            p.putNull("closeTime");
            ObjectNode profile = p.putObject("profile");
            profile.put("totalEquity", money(r, 1e8));
            profile.put("perpEquity", money(r, 1e8));
            profile.put("pnl", money(r, 1e7));
            profile.set("segments", segments(r));
            profile.put("walletLeverage", money(r, 10));
            profile.putNull("displayName");
            profile.put("verified", false);
        }
        return body;
    }

    /** The perp PnL leaderboard sends every number as a string. */
    static ObjectNode perpPnl(Random r, int n) {
        ObjectNode body = SampleData.MAPPER.createObjectNode();
        body.put("totalCount", "24000");
        ArrayNode data = body.putArray("data");
        for (int i = 0; i < n; i++) {
            ObjectNode w = data.addObject();
            w.put("address", address(r));
            w.put("rank", Integer.toString(i + 1));
            w.put("previousRank", Integer.toString(i + 1 + r.nextInt(5)));
            for (String f : List.of(
                    "perpEquity",
                    "openValue",
                    "openValueLong",
                    "pnlDay",
                    "pnlWeek",
                    "pnlMonth",
                    "pnlAllTime",
                    "volumeAllTime")) w.put(f, money(r, 1e7).toPlainString());
            w.put("exposureRatio", "1.2345");
            w.put("bias", "-0.25");
            w.put("pnlPercentAllTime", "12.5");
        }
        return body;
    }

    static ObjectNode allPnl(Random r, int n) {
        ObjectNode body = SampleData.MAPPER.createObjectNode();
        body.put("totalCount", 24_000);
        body.put("sumPnl", money(r, 1e9));
        ArrayNode assets = body.putArray("assetsDistribution");
        assets.addObject().put("asset", "perps").put("value", money(r, 1e9));
        ArrayNode data = body.putArray("data");
        for (int i = 0; i < n; i++) {
            ObjectNode w = data.addObject();
            w.put("address", address(r));
            w.put("age", r.nextInt(900));
            w.put("totalValue", money(r, 1e8));
            w.put("stableValue", money(r, 1e7));
            w.putObject("topHolding").put("coin", "HYPE").put("value", money(r, 1e7));
            for (String f : List.of("pnlDay", "pnlWeek", "pnlMonth", "pnlAllTime")) w.put(f, money(r, 1e7));
            w.put("rank", i + 1);
            w.put("previousRank", i + 2);
            ObjectNode profile = w.putObject("profile");
            profile.set("segments", segments(r));
            profile.putNull("displayName");
            profile.put("verified", false);
        }
        return body;
    }

    static ObjectNode holders(Random r, int n) {
        ObjectNode body = SampleData.MAPPER.createObjectNode();
        ArrayNode items = body.putArray("items");
        for (int i = 0; i < n; i++) {
            ObjectNode h = items.addObject();
            h.put("address", address(r));
            h.put("rank", i + 1);
            h.put("totalBalance", money(r, 5e5));
            h.put("spotBalance", money(r, 1e5));
            h.put("stakedBalance", money(r, 4e5));
            h.put("value", money(r, 1e7));
        }
        body.put("totalCount", 4_812);
        return body;
    }

    static ObjectNode wallets(Random r, int n) {
        ObjectNode body = SampleData.MAPPER.createObjectNode();
        body.put("totalCount", 24_000);
        ArrayNode items = body.putArray("items");
        for (int i = 0; i < n; i++) {
            ObjectNode w = items.addObject();
            w.put("address", address(r));
            w.set("segments", segments(r));
            w.put("totalEquity", money(r, 1e8));
            w.put("perpEquity", money(r, 1e8));
            w.put("perpPnl", money(r, 1e7));
            w.put("perpBias", BigDecimal.valueOf(r.nextInt(20_001) - 10_000, 4));
            w.put("exposureRatio", BigDecimal.valueOf(r.nextInt(50_000), 4));
            w.put("openValue", money(r, 1e8));
            w.put("sumUpnl", money(r, 1e6));
            w.put("countOpenPositions", r.nextInt(30));
            w.putObject("closestLiq").put("coin", "ETH").put("progress", BigDecimal.valueOf(r.nextInt(10_000), 4));
            w.put("earliestActivityAt", "2025-05-01T00:00:00.000Z");
            w.putNull("displayName");
            w.put("verified", false);
        }
        return body;
    }

    /** A coin's open-positions CSV as the client's streaming reader summarizes it. */
    static JsonNode openPositionsFile(Random r, int rows) {
        StringBuilder csv = new StringBuilder("id,address,coin,side,dex,size,value,entryPrice,unrealizedPnl,funding,"
                + "liquidationPrice,liquidationProgress,crossLeverage,isolatedLeverage,openTime,profile_totalEquity,"
                + "profile_perpEquity,profile_countOpenPositions,profile_pnl,profile_balance,profile_perpPnlSegmentId,"
                + "profile_sizeSegmentId\n");
        for (int i = 0; i < rows; i++) {
            csv.append(Long.toHexString(r.nextLong()))
                    .append(',')
                    .append(address(r))
                    .append(",BTC,")
                    .append(r.nextBoolean() ? "long" : "short")
                    .append(",main,0.5,")
                    .append(money(r, 1e6))
                    .append(",60000,")
                    .append(money(r, 1e4).subtract(BigDecimal.valueOf(5_000)))
                    .append(",-1.25,52000,")
                    .append(BigDecimal.valueOf(r.nextInt(10_000), 4))
                    .append(",5,0,2026-11-01T00:00:00.000Z,1000.00,1000.00,3,250.00,1000.00,")
                    .append(8 + r.nextInt(8))
                    .append(',')
                    .append(r.nextInt(8) == 0 ? 16 : 1 + r.nextInt(7))
                    .append('\n');
        }
        try {
            return new OpenPositionsCsv()
                    .read(new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One snapshot per page, newest first. */
    static List<JsonNode> snapshots(int pages) {
        List<JsonNode> out = new ArrayList<>();
        for (int i = 0; i < pages; i++) {
            ObjectNode body = SampleData.MAPPER.createObjectNode();
            body.put("coin", "BTC");
            ObjectNode s = body.putObject("snapshot");
            String at = java.time.Instant.parse("2026-11-30T12:00:00Z")
                    .minusSeconds(3600L * i)
                    .toString();
            s.put("snapshotId", "98fcbfc8-c474-31ac-9075-fcdfb1afb3b" + Integer.toHexString(i));
            s.put("coin", "BTC");
            s.put("stateVersion", 2160 - i);
            s.put("rowCount", 31_000 + i);
            s.put("status", "completed");
            s.put("format", "csv");
            s.put("createdAt", at);
            s.put("completedAt", at);
            s.put(
                    "downloadUrl",
                    "https://files.example.com/snapshots/BTC/" + i + ".csv?X-Amz-Signature=abc123&X-Amz-Expires=120");
            body.put("nextCursor", "eyJjcmVhdGVkQXQiOiIi" + i);
            out.add(body);
        }
        return out;
    }
}
