package dev.hypertracker.mcp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypertracker.mcp.catalog.Catalog;
import dev.hypertracker.mcp.catalog.Cohort;
import dev.hypertracker.mcp.catalog.Endpoint;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Every route answers with the shape the API notes describe. */
class RouteShapeTest {

    private static SandboxServer server;
    private static SandboxClient client;

    @BeforeAll
    static void start() {
        server = SandboxServer.start(SandboxClient.smallConfig());
        client = new SandboxClient(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static List<String> names(JsonNode object) {
        return new ArrayList<>(object.propertyNames());
    }

    @Test
    void servesEveryCatalogEndpoint() {
        String builder =
                new BuilderEndpoints.Truth(server.data()).builders().get(0).address();
        for (Endpoint e : Catalog.endpoints()) {
            String path = e.pathTemplate()
                            .replace("{coin}", "BTC")
                            .replace("{segmentId}", "9")
                            .replace("{sizeBucketId}", "3")
                            .replace("{timeframe}", "7d")
                            .replace("{builder}", builder)
                    + "?start=2026-06-30T00:00:00.000Z";
            HttpResponse<String> r = client.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(e.export() ? 302 : 200);
        }
    }

    @Test
    void bindsLoopbackOnly() {
        assertThat(server.baseUrl().getHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void positionRowsHaveTheApiFields() {
        JsonNode body = client.json("/positions?start=2026-06-22T00:00:00.000Z&limit=50");
        assertThat(names(body)).containsExactly("positions", "nextCursor");
        assertThat(body.get("positions").size()).isEqualTo(50);
        for (JsonNode p : body.get("positions")) {
            assertThat(names(p))
                    .containsExactly(
                            "id",
                            "address",
                            "coin",
                            "dex",
                            "side",
                            "size",
                            "entryPrice",
                            "markPrice",
                            "midPrice",
                            "premiumPrice",
                            "positionValue",
                            "liquidationPrice",
                            "unrealizedPnl",
                            "funding",
                            "crossLeverage",
                            "isolatedLeverage",
                            "maxLeverage",
                            "assetMaxLeverage",
                            "szDecimals",
                            "openTime",
                            "closeTime",
                            "createdAt",
                            "updatedAt",
                            "profile");
            assertThat(p.get("id").stringValue()).matches("[0-9a-f]{64}");
            assertThat(p.get("address").stringValue()).matches("0x[0-9a-f]{40}");
            assertThat(p.get("side").stringValue()).isIn("long", "short");
            String coin = p.get("coin").stringValue();
            assertThat(p.get("dex").stringValue())
                    .isEqualTo(coin.contains(":") ? coin.substring(0, coin.indexOf(':')) : "main");
            assertThat(p.get("openTime").stringValue()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            assertThat(p.get("closeTime").isNull() || p.get("closeTime").isString())
                    .isTrue();
            JsonNode profile = p.get("profile");
            assertThat(profile.get("address").stringValue())
                    .isEqualTo(p.get("address").stringValue());
            assertThat(profile.get("segments").size()).isEqualTo(2);
            assertThat(Cohort.byId(profile.get("segments").get(0).intValue())
                            .orElseThrow()
                            .axis())
                    .isEqualTo(Cohort.Axis.SIZE);
            assertThat(Cohort.byId(profile.get("segments").get(1).intValue())
                            .orElseThrow()
                            .axis())
                    .isEqualTo(Cohort.Axis.PNL);
            assertThat(p.get("crossLeverage").intValue() == 0
                            ^ p.get("isolatedLeverage").intValue() == 0)
                    .isTrue();
        }
    }

    @Test
    void positionFiltersWork() {
        JsonNode open = client.json("/positions?" + SandboxClient.ALL_TIME + "&open=true&coin=ETH&limit=1000");
        assertThat(open.get("positions").size()).isPositive();
        for (JsonNode p : open.get("positions")) {
            assertThat(p.get("closeTime").isNull()).isTrue();
            assertThat(p.get("coin").stringValue()).isEqualTo("ETH");
        }
        JsonNode closed = client.json("/positions?" + SandboxClient.ALL_TIME + "&open=false&segmentId=9&limit=200");
        for (JsonNode p : closed.get("positions")) {
            assertThat(p.get("closeTime").isString()).isTrue();
            assertThat(p.get("profile").get("segments").toString()).containsPattern("\\b9\\b");
        }
        JsonNode window = client.json("/positions?start=2026-06-01T00:00:00.000Z&end=2026-06-02T00:00:00.000Z");
        assertThat(window.get("positions").size()).isPositive();
        for (JsonNode p : window.get("positions")) {
            assertThat(p.get("openTime").stringValue())
                    .isBetween("2026-06-01T00:00:00.000Z", "2026-06-02T00:00:00.000Z");
        }
    }

    @Test
    void addressFilterTakesTheRepeatedKey() {
        List<MarketData.Wallet> wallets = server.data().wallets();
        String a = wallets.get(1).address();
        String b = wallets.get(2).address();
        JsonNode body = client.json("/positions?" + SandboxClient.ALL_TIME + "&address=" + a + "&address="
                + b.toUpperCase().replace("0X", "0x"));
        long expected = server.data().positions().stream()
                .filter(p ->
                        p.wallet().address().equals(a) || p.wallet().address().equals(b))
                .count();
        assertThat(body.get("positions").size()).isEqualTo((int) expected).isPositive();
    }

    @Test
    void coinFilterIsCaseSensitiveAndUnknownCoinsGiveAnEmptyList() {
        assertThat(client.json("/positions?" + SandboxClient.ALL_TIME + "&coin=btc")
                        .get("positions")
                        .size())
                .isZero();
        assertThat(client.json("/positions?" + SandboxClient.ALL_TIME + "&coin=KPEPE")
                        .get("positions")
                        .size())
                .isZero();
        assertThat(client.json("/positions?" + SandboxClient.ALL_TIME + "&coin=kPEPE&limit=5")
                        .get("positions")
                        .size())
                .isEqualTo(5);
        assertThat(client.json("/positions?" + SandboxClient.ALL_TIME + "&coin=xyz:GOLD&limit=5")
                        .get("positions")
                        .get(0)
                        .get("dex")
                        .stringValue())
                .isEqualTo("xyz");
    }

    @Test
    void aParamNamedCursorIsIgnored() {
        JsonNode first = client.json("/positions?" + SandboxClient.ALL_TIME + "&limit=3");
        JsonNode again = client.json("/positions?" + SandboxClient.ALL_TIME + "&limit=3&cursor="
                + first.get("nextCursor").stringValue() + "&orderBy=pnl&order=desc");
        assertThat(again).isEqualTo(first);
    }

    @Test
    void coinsAreABareArraySortedByValue() {
        JsonNode coins = client.json("/positions/coins");
        assertThat(coins.isArray()).isTrue();
        long previous = Long.MAX_VALUE;
        for (JsonNode c : coins) {
            assertThat(names(c))
                    .containsExactly(
                            "coin",
                            "totalValue",
                            "totalValueLong",
                            "totalValueShort",
                            "count",
                            "countLong",
                            "countShort");
            assertThat(SandboxClient.micros(c.get("totalValue"))).isLessThanOrEqualTo(previous);
            previous = SandboxClient.micros(c.get("totalValue"));
        }
    }

    @Test
    void heatmapListsBothCohortAxesPerCoin() {
        JsonNode heatmap = client.json("/positions/heatmap").get("heatmap");
        JsonNode btc = heatmap.get(0);
        assertThat(names(btc))
                .containsExactly(
                        "coin",
                        "totalValue",
                        "totalLongValue",
                        "totalShortValue",
                        "count",
                        "countLong",
                        "countShort",
                        "segments");
        List<Integer> ids = new ArrayList<>();
        for (JsonNode s : btc.get("segments")) {
            assertThat(names(s))
                    .containsExactly(
                            "segmentId",
                            "totalValue",
                            "totalLongValue",
                            "totalShortValue",
                            "count",
                            "countLong",
                            "countShort",
                            "bias");
            assertThat(s.get("bias").doubleValue()).isBetween(0.0, 1.0);
            ids.add(s.get("segmentId").intValue());
        }
        assertThat(ids)
                .anyMatch(id -> Cohort.byId(id).orElseThrow().axis() == Cohort.Axis.SIZE)
                .anyMatch(id -> Cohort.byId(id).orElseThrow().axis() == Cohort.Axis.PNL);
        int recent = client.json("/positions/heatmap?openedWithin=24h")
                .get("heatmap")
                .get(0)
                .get("count")
                .intValue();
        assertThat(recent).isLessThan(btc.get("count").intValue());
    }

    @Test
    void metricRowsHaveTheApiFields() {
        JsonNode coin = client.json("/position-metrics/coin/BTC?start=2026-06-30T00:00:00.000Z")
                .get("metrics")
                .get(0);
        assertThat(names(coin))
                .containsExactly(
                        "createdAt",
                        "coin",
                        "positionCount",
                        "positionCountLong",
                        "totalPositionValue",
                        "totalPositionValueLong",
                        "totalPositionSize",
                        "totalPositionSizeLong",
                        "totalFunding",
                        "totalUnrealizedPnl");
        JsonNode segment = client.json("/position-metrics/coin/BTC/segment/4?start=2026-06-30T00:00:00.000Z")
                .get("metrics")
                .get(0);
        assertThat(names(segment)).contains("segmentId").hasSize(11);
        JsonNode bucket = client.json(
                        "/position-metrics/coin/BTC/position-size-bucket/2?start=2026-06-30T00:00:00.000Z")
                .get("metrics")
                .get(0);
        assertThat(names(bucket)).contains("sizeBucketId").hasSize(11);
        JsonNode general = client.json("/position-metrics/general?start=2026-06-30T12:00:00.000Z")
                .get("metrics");
        assertThat(general.size()).as("24 hours every 10 minutes, both ends").isEqualTo(145);
        assertThat(names(general.get(0)))
                .containsExactly(
                        "createdAt",
                        "count",
                        "countLong",
                        "countShort",
                        "openInterest",
                        "openInterestLong",
                        "openInterestShort",
                        "perpEquity",
                        "countInProfit");
        JsonNode volume = client.json("/metrics/perp-volume?start=2026-06-30T00:00:00.000Z")
                .get("metrics")
                .get(0);
        assertThat(names(volume)).containsExactly("id", "createdAt", "volume");
    }

    @Test
    void coinSeriesAreNewestFirstAndGeneralSeriesOldestFirst() {
        JsonNode coin = client.json("/position-metrics/coin/ETH?start=2026-06-30T00:00:00.000Z")
                .get("metrics");
        assertThat(coin.get(0).get("createdAt").stringValue()).isEqualTo("2026-07-01T12:00:00.000Z");
        assertThat(coin.get(1).get("createdAt").stringValue())
                .as("a point per update, every 15 minutes")
                .isEqualTo("2026-07-01T11:45:00.000Z");
        assertThat(coin.get(coin.size() - 1).get("createdAt").stringValue()).isEqualTo("2026-06-30T00:00:00.000Z");
        JsonNode general = client.json("/position-metrics/general?start=2026-06-30T00:00:00.000Z")
                .get("metrics");
        assertThat(general.get(0).get("createdAt").stringValue()).isEqualTo("2026-06-30T00:00:00.000Z");
        assertThat(general.get(1).get("createdAt").stringValue()).isEqualTo("2026-06-30T00:10:00.000Z");
    }

    @Test
    void recencyTimeframeNarrowsOnlyTheCoinSegmentSeries() {
        String start = "?start=2026-07-01T12:00:00.000Z";
        for (String route :
                new String[] {"/position-metrics/coin/BTC/segment/1", "/position-metrics/coin/BTC/segment/11"}) {
            int all = client.json(route + start)
                    .get("metrics")
                    .get(0)
                    .get("positionCount")
                    .intValue();
            int recent = client.json(route + start + "&positionRecencyTimeframe=24h")
                    .get("metrics")
                    .get(0)
                    .get("positionCount")
                    .intValue();
            assertThat(recent).as(route).isPositive().isLessThan(all);
        }
        // ignored elsewhere: the same, unfiltered numbers
        for (String route :
                new String[] {"/position-metrics/coin/BTC", "/position-metrics/coin/BTC/position-size-bucket/3"}) {
            assertThat(client.json(route + start + "&positionRecencyTimeframe=24h"))
                    .as(route)
                    .isEqualTo(client.json(route + start));
        }
    }

    @Test
    void liquidationRiskItemsAreSortedByPercentRisk() {
        JsonNode body = client.json("/6/assets/liquidation-risk?limit=500");
        assertThat(names(body)).containsExactly("totalCount", "items");
        assertThat(body.get("items").size()).isEqualTo(body.get("totalCount").intValue());
        double previous = 100;
        for (JsonNode item : body.get("items")) {
            assertThat(names(item)).containsExactly("coin", "totalValue", "riskValue", "percentRisk");
            assertThat(item.get("percentRisk").doubleValue()).isLessThanOrEqualTo(previous);
            previous = item.get("percentRisk").doubleValue();
        }
        JsonNode page = client.json("/6/assets/liquidation-risk?offset=2&limit=3");
        assertThat(page.get("items").size()).isEqualTo(3);
        assertThat(page.get("items").get(0)).isEqualTo(body.get("items").get(2));
    }

    @Test
    void segmentsAreTheCohortLegend() {
        JsonNode segments = client.json("/segments");
        assertThat(segments.size()).isEqualTo(16);
        for (JsonNode s : segments) {
            Cohort c = Cohort.byId(s.get("id").intValue()).orElseThrow();
            assertThat(names(s)).containsExactly("id", "name", "category", "emoji", "criteria");
            // the live /segments words id 10 "Consistent Grinder" where the docs legend says "Grinder"
            assertThat(s.get("name").stringValue())
                    .isEqualTo(c == Cohort.GRINDER ? "Consistent Grinder" : c.displayName());
            assertThat(s.get("category").stringValue()).isEqualTo(c.axis() == Cohort.Axis.SIZE ? "size" : "pnl");
            assertThat(names(s.get("criteria"))).containsExactly("minSize", "maxSize", "minPnl", "maxPnl");
        }
        JsonNode leviathan = segments.get(6);
        assertThat(leviathan.get("criteria").get("minSize").longValue()).isEqualTo(5_000_000);
        assertThat(leviathan.get("criteria").get("maxSize").isNull()).isTrue();
    }

    @Test
    void statusTellsTheAnchorAsLastUpdate() {
        JsonNode status = client.json("/hypertracker/state/status");
        assertThat(names(status)).containsExactly("lastUpdate", "nextUpdate", "nextUpdateThreshold");
        assertThat(status.get("lastUpdate").stringValue()).isEqualTo("2026-07-01T12:00:00.000Z");
    }
}
