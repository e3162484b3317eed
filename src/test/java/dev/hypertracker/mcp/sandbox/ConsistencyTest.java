package dev.hypertracker.mcp.sandbox;

import static dev.hypertracker.mcp.sandbox.SandboxClient.micros;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hypertracker.mcp.catalog.Cohort;
import dev.hypertracker.mcp.catalog.SizeBucket;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Aggregates agree with the positions and with each other, exactly (values to the micro-dollar, PnL to the cent). */
class ConsistencyTest {

    private static SandboxServer server;
    private static SandboxClient client;
    private static List<MarketData.Position> open;

    @BeforeAll
    static void start() {
        server = SandboxServer.start(SandboxClient.smallConfig());
        client = new SandboxClient(server);
        open = server.data().openPositions();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** count, countLong, value, valueLong, risk value over the open positions that pass the filter. */
    private static long[] truth(Predicate<MarketData.Position> filter) {
        long[] t = new long[5];
        for (MarketData.Position p : open) {
            if (!filter.test(p)) continue;
            long v = micros(p.positionValue());
            t[0]++;
            t[2] += v;
            if (p.isLong()) {
                t[1]++;
                t[3] += v;
            }
            if (p.atLiquidationRisk()) t[4] += v;
        }
        return t;
    }

    @Test
    void coinsAreTheOpenPositionsAggregated() {
        JsonNode coins = client.json("/positions/coins");
        long coinsWithOpen =
                open.stream().map(MarketData.Position::coin).distinct().count();
        assertThat(coins.size()).isEqualTo((int) coinsWithOpen);
        for (JsonNode c : coins) {
            long[] t = truth(p -> p.coin().equals(c.get("coin").stringValue()));
            assertThat(c.get("count").longValue()).isEqualTo(t[0]);
            assertThat(c.get("countLong").longValue()).isEqualTo(t[1]);
            assertThat(c.get("countShort").longValue()).isEqualTo(t[0] - t[1]);
            assertThat(micros(c.get("totalValue"))).isEqualTo(t[2]);
            assertThat(micros(c.get("totalValueLong"))).isEqualTo(t[3]);
            assertThat(micros(c.get("totalValueShort"))).isEqualTo(t[2] - t[3]);
        }
    }

    /** The market's invariant: every open long has a matching short, so per coin long value = short value. */
    @Test
    void everyCoinsOpenLongValueEqualsItsShortValueFromTheRows() {
        Map<String, long[]> bySide = new TreeMap<>();
        for (MarketData.Position p : open) {
            bySide.computeIfAbsent(p.coin(), k -> new long[3])[p.isLong() ? 0 : 1] += micros(p.positionValue());
            bySide.get(p.coin())[2]++;
        }
        int leaningCohorts = 0;
        for (JsonNode c : client.json("/positions/coins")) {
            long[] sides = bySide.get(c.get("coin").stringValue());
            if (sides[2] < 2) continue;
            assertThat(sides[0]).as(c.get("coin").stringValue()).isEqualTo(sides[1]);
            assertThat(micros(c.get("totalValueLong"))).isEqualTo(micros(c.get("totalValueShort")));
        }
        for (JsonNode coin : client.json("/positions/heatmap").get("heatmap")) {
            assertThat(micros(coin.get("totalLongValue"))).isEqualTo(micros(coin.get("totalShortValue")));
            for (JsonNode s : coin.get("segments"))
                if (Math.abs(s.get("bias").doubleValue() - 0.5) > 0.1) leaningCohorts++;
        }
        assertThat(leaningCohorts).as("cohorts still lean one way or the other").isGreaterThan(20);
    }

    @Test
    void coinsAgreeWithTheOpenPositionsServedByPositions() {
        Map<String, long[]> fromRows = new TreeMap<>();
        for (JsonNode page : client.allPages("/positions?" + SandboxClient.ALL_TIME + "&open=true")) {
            for (JsonNode p : page.get("positions")) {
                long[] t = fromRows.computeIfAbsent(p.get("coin").stringValue(), k -> new long[2]);
                t[0]++;
                t[1] += micros(p.get("positionValue"));
            }
        }
        JsonNode coins = client.json("/positions/coins");
        assertThat(coins.size()).isEqualTo(fromRows.size());
        for (JsonNode c : coins) {
            long[] t = fromRows.get(c.get("coin").stringValue());
            assertThat(c.get("count").longValue()).isEqualTo(t[0]);
            assertThat(micros(c.get("totalValue"))).isEqualTo(t[1]);
        }
    }

    @Test
    void heatmapSegmentsAreTheOpenPositionsPerCohort() {
        for (JsonNode coin : client.json("/positions/heatmap").get("heatmap")) {
            String symbol = coin.get("coin").stringValue();
            assertThat(micros(coin.get("totalValue")))
                    .isEqualTo(truth(p -> p.coin().equals(symbol))[2]);
            long sizeAxisValue = 0;
            for (JsonNode s : coin.get("segments")) {
                int id = s.get("segmentId").intValue();
                long[] t = truth(
                        p -> p.coin().equals(symbol) && p.wallet().segments().contains(id));
                assertThat(s.get("count").longValue()).isEqualTo(t[0]);
                assertThat(s.get("countLong").longValue()).isEqualTo(t[1]);
                assertThat(micros(s.get("totalValue"))).isEqualTo(t[2]);
                assertThat(micros(s.get("totalLongValue"))).isEqualTo(t[3]);
                assertThat(s.get("bias").doubleValue())
                        .isCloseTo((double) t[3] / t[2], org.assertj.core.data.Offset.offset(0.0001));
                if (Cohort.byId(id).orElseThrow().axis() == Cohort.Axis.SIZE) sizeAxisValue += t[2];
            }
            // each axis on its own partitions the coin's positions
            assertThat(sizeAxisValue).isEqualTo(micros(coin.get("totalValue")));
        }
    }

    @Test
    void newestSeriesPointsAreTheOpenPositions() {
        String now = "?start=2026-07-01T12:00:00.000Z";
        for (String coin : List.of("BTC", "kPEPE", "xyz:GOLD")) {
            JsonNode row = client.json("/position-metrics/coin/" + coin + now)
                    .get("metrics")
                    .get(0);
            long[] t = truth(p -> p.coin().equals(coin));
            assertThat(row.get("positionCount").longValue()).isEqualTo(t[0]);
            assertThat(row.get("positionCountLong").longValue()).isEqualTo(t[1]);
            assertThat(micros(row.get("totalPositionValue"))).isEqualTo(t[2]);
            assertThat(micros(row.get("totalPositionValueLong"))).isEqualTo(t[3]);
            assertThat(micros(row.get("totalUnrealizedPnl")))
                    .isEqualTo(open.stream()
                            .filter(p -> p.coin().equals(coin))
                            .mapToLong(p -> micros(p.unrealizedPnl()))
                            .sum());
            assertThat(micros(row.get("totalFunding")))
                    .isEqualTo(open.stream()
                            .filter(p -> p.coin().equals(coin))
                            .mapToLong(p -> micros(p.funding()))
                            .sum());
            assertThat(row.get("totalPositionSize").decimalValue())
                    .isEqualByComparingTo(open.stream()
                            .filter(p -> p.coin().equals(coin))
                            .map(MarketData.Position::size)
                            .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add));

            for (int segment : List.of(1, 4, 9, 12)) {
                JsonNode s = client.json("/position-metrics/coin/" + coin + "/segment/" + segment + now)
                        .get("metrics")
                        .get(0);
                long[] ts = truth(
                        p -> p.coin().equals(coin) && p.wallet().segments().contains(segment));
                assertThat(s.get("positionCount").longValue()).isEqualTo(ts[0]);
                assertThat(micros(s.get("totalPositionValue"))).isEqualTo(ts[2]);
            }
            for (SizeBucket bucket : SizeBucket.values()) {
                JsonNode b = client.json(
                                "/position-metrics/coin/" + coin + "/position-size-bucket/" + bucket.id() + now)
                        .get("metrics")
                        .get(0);
                long[] tb = truth(p -> p.coin().equals(coin) && p.sizeBucket() == bucket);
                assertThat(b.get("positionCount").longValue()).isEqualTo(tb[0]);
                assertThat(micros(b.get("totalPositionValueLong"))).isEqualTo(tb[3]);
            }
        }
        JsonNode general =
                client.json("/position-metrics/general" + now).get("metrics").get(0);
        long[] all = truth(p -> true);
        assertThat(general.get("count").longValue()).isEqualTo(all[0]);
        assertThat(general.get("countLong").longValue()).isEqualTo(all[1]);
        assertThat(micros(general.get("openInterest"))).isEqualTo(all[2]);
        assertThat(micros(general.get("openInterestLong"))).isEqualTo(all[3]);
        assertThat(general.get("countInProfit").longValue())
                .isEqualTo(open.stream().filter(p -> p.unrealizedPnl() > 0).count());
        long equity = server.data().wallets().stream()
                .mapToLong(w -> micros(w.perpEquity()))
                .sum();
        long pnl = open.stream().mapToLong(p -> micros(p.unrealizedPnl())).sum();
        assertThat(micros(general.get("perpEquity"))).isEqualTo(equity + pnl);
    }

    @Test
    void heatmapOpenedWithinKeepsRecentlyOpenedPositions() {
        java.time.Instant weekAgo = SandboxClient.ANCHOR.minus(java.time.Duration.ofDays(7));
        for (JsonNode coin : client.json("/positions/heatmap?openedWithin=7d").get("heatmap")) {
            String symbol = coin.get("coin").stringValue();
            long[] t = truth(p -> p.coin().equals(symbol) && !p.openTime().isBefore(weekAgo));
            assertThat(coin.get("count").longValue()).isEqualTo(t[0]);
            assertThat(micros(coin.get("totalValue"))).isEqualTo(t[2]);
        }
    }

    @Test
    void perpVolumeIsEntryNotionalPlusExitValue() {
        long volume = 0;
        for (JsonNode page : client.allPages("/metrics/perp-volume?" + SandboxClient.ALL_TIME)) {
            for (JsonNode row : page.get("metrics")) volume += micros(row.get("volume"));
        }
        long expected = 0;
        for (MarketData.Position p : server.data().positions()) {
            expected += p.size()
                    .multiply(java.math.BigDecimal.valueOf(p.entryPrice()))
                    .movePointRight(6)
                    .longValueExact();
            if (!p.isOpen()) expected += micros(p.positionValue());
        }
        assertThat(volume).isEqualTo(expected);
    }

    @Test
    void liquidationRiskIsTheAtRiskShareOfEachCoin() {
        boolean someRisk = false;
        for (int segment : List.of(1, 2, 4, 6, 11, 12)) {
            JsonNode body = client.json("/" + segment + "/assets/liquidation-risk?limit=500");
            long coins = open.stream()
                    .filter(p -> p.wallet().segments().contains(segment))
                    .map(MarketData.Position::coin)
                    .distinct()
                    .count();
            assertThat(body.get("totalCount").longValue()).isEqualTo(coins);
            for (JsonNode item : body.get("items")) {
                long[] t = truth(p -> p.coin().equals(item.get("coin").stringValue())
                        && p.wallet().segments().contains(segment));
                assertThat(micros(item.get("totalValue"))).isEqualTo(t[2]);
                assertThat(micros(item.get("riskValue"))).isEqualTo(t[4]);
                assertThat(item.get("percentRisk").doubleValue())
                        .isCloseTo(100.0 * t[4] / t[2], org.assertj.core.data.Offset.offset(0.005));
                someRisk |= t[4] > 0;
            }
        }
        assertThat(someRisk).as("the data set has positions near liquidation").isTrue();
    }

    @Test
    void atRiskMeansThreeQuartersOfTheWayToLiquidation() {
        for (MarketData.Position p : open) {
            double way = Math.abs(p.entryPrice() - p.liquidationPrice());
            double adverse = p.isLong() ? p.entryPrice() - p.markPrice() : p.markPrice() - p.entryPrice();
            assertThat(p.atLiquidationRisk()).isEqualTo(adverse >= 0.75 * way);
            // an open position has not reached its liquidation price
            assertThat(p.isLong() ? p.markPrice() > p.liquidationPrice() : p.markPrice() < p.liquidationPrice())
                    .isTrue();
        }
    }

    @Test
    void exportFilesAgreeWithTheJsonEndpoints() {
        server.inlineExport(ExportEndpoints.BREAKDOWN_BY_COHORT, true);
        server.inlineExport(ExportEndpoints.BREAKDOWN_BY_SIZE, true);
        server.inlineExport(ExportEndpoints.POSITIONS, true);
        server.inlineExport(ExportEndpoints.POSITION_METRICS, true);
        server.inlineExport(ExportEndpoints.LIQUIDATION_HEATMAP, true);
        JsonNode heatmapEth = null;
        for (JsonNode c : client.json("/positions/heatmap").get("heatmap"))
            if (c.get("coin").stringValue().equals("ETH")) heatmapEth = c;
        Map<Integer, JsonNode> segments = new TreeMap<>();
        for (JsonNode s : heatmapEth.get("segments"))
            segments.put(s.get("segmentId").intValue(), s);

        JsonNode byCohort = client.json("/exports/coins/eth/position-breakdown-by-cohort");
        assertThat(byCohort.get("breakdownByCohort").size()).isEqualTo(16);
        assertThat(byCohort.get("createdAt").stringValue()).isEqualTo("2026-07-01T12:00:00.000Z");
        for (JsonNode row : byCohort.get("breakdownByCohort")) {
            JsonNode s = segments.get(row.get("segmentId").intValue());
            assertThat(row.get("positionCount").intValue())
                    .isEqualTo(s == null ? 0 : s.get("count").intValue());
            if (s != null) {
                assertThat(micros(row.get("totalPositionValue"))).isEqualTo(micros(s.get("totalValue")));
                assertThat(micros(row.get("totalPositionValueLong"))).isEqualTo(micros(s.get("totalLongValue")));
                assertThat(row.get("bias").doubleValue())
                        .isEqualTo(s.get("bias").doubleValue());
            }
            int id = row.get("segmentId").intValue();
            assertThat(micros(row.get("valueCloseToLiquidation")))
                    .isEqualTo(truth(
                            p -> p.coin().equals("ETH") && p.wallet().segments().contains(id))[4]);
        }
        JsonNode bySize =
                client.json("/exports/coins/ETH/position-breakdown-by-size").get("breakdownBySize");
        assertThat(bySize.size()).isEqualTo(10);
        long bucketsValue = 0;
        for (JsonNode row : bySize) {
            // sizeSegmentId is the position SIZE BUCKET 1-10, not a cohort
            SizeBucket bucket =
                    SizeBucket.byId(row.get("sizeSegmentId").intValue()).orElseThrow();
            long[] tb = truth(p -> p.coin().equals("ETH") && p.sizeBucket() == bucket);
            assertThat(row.get("positionCount").longValue()).isEqualTo(tb[0]);
            assertThat(micros(row.get("totalPositionValue"))).isEqualTo(tb[2]);
            bucketsValue += micros(row.get("totalPositionValue"));
        }
        assertThat(bucketsValue).isEqualTo(micros(heatmapEth.get("totalValue")));

        JsonNode positions = client.json("/exports/coins/ETH/positions");
        assertThat(positions.get("breakdownBySize").size()).isEqualTo(10);
        for (JsonNode row : positions.get("breakdownBySize")) {
            int bucket = row.get("sizeBucketId").intValue();
            JsonNode series = client.json("/position-metrics/coin/ETH/position-size-bucket/" + bucket
                            + "?start=2026-06-30T12:00:00.000Z")
                    .get("metrics");
            assertThat(row.get("positionCount").intValue())
                    .isEqualTo(series.get(0).get("positionCount").intValue());
            assertThat(micros(row.get("totalPositionValue")))
                    .isEqualTo(micros(series.get(0).get("totalPositionValue")));
            JsonNode dayAgo = series.get(24 * 4);
            assertThat(dayAgo.get("createdAt").stringValue()).isEqualTo("2026-06-30T12:00:00.000Z");
            assertThat(row.get("pastPositionCount").intValue())
                    .isEqualTo(dayAgo.get("positionCount").intValue());
            assertThat(micros(row.get("pastTotalPositionValue"))).isEqualTo(micros(dayAgo.get("totalPositionValue")));
        }

        JsonNode metricsFile = client.json("/exports/coins/ETH/position-metrics");
        JsonNode columns = metricsFile.get("metrics").get("columns");
        assertThat(columns.get(0).stringValue()).isEqualTo("coin");
        JsonNode data = metricsFile.get("metrics").get("data");
        assertThat(data.size()).isEqualTo(14 * 24);
        assertThat(data.get(0).size()).isEqualTo(columns.size() - 1);
        List<JsonNode> series = new java.util.ArrayList<>();
        for (JsonNode page : client.allPages("/position-metrics/coin/ETH?start=2026-06-01T00:00:00.000Z")) {
            page.get("metrics").forEach(series::add);
        }
        // the file is hourly; the JSON series has a point per update (every 15 minutes)
        for (int i = 0; i < data.size(); i++) {
            JsonNode point = series.get(4 * i);
            assertThat(data.get(i).get(0).stringValue())
                    .isEqualTo(point.get("createdAt").stringValue());
            assertThat(data.get(i).get(1).intValue())
                    .isEqualTo(point.get("positionCount").intValue());
            assertThat(micros(data.get(i).get(3))).isEqualTo(micros(point.get("totalPositionValue")));
        }

        JsonNode liquidation = client.json("/exports/coins/ETH/liquidation-heatmap");
        double mark = server.data().coin("ETH").orElseThrow().markPrice();
        long[] inRange = truth(
                p -> p.coin().equals("ETH") && p.liquidationPrice() >= mark * 0.5 && p.liquidationPrice() < mark * 1.5);
        long value = 0, count = 0;
        for (JsonNode bin : liquidation.get("heatmap")) {
            value += micros(bin.get("liquidationValue"));
            count += bin.get("positionsCount").longValue();
            assertThat(bin.get("priceBinIndex").intValue()).isBetween(1, 100);
        }
        assertThat(count).isEqualTo(inRange[0]);
        assertThat(value).isEqualTo(inRange[2]);
    }
}
