package dev.hypertracker.mcp.briefs;

import static dev.hypertracker.mcp.support.SandboxHarness.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hypertracker.mcp.catalog.Cohort;
import dev.hypertracker.mcp.digest.TokenCounter;
import dev.hypertracker.mcp.sandbox.MarketData;
import dev.hypertracker.mcp.sandbox.RequestLog;
import dev.hypertracker.mcp.support.SandboxHarness;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 14 item 3: the brief tools against the sandbox's ground truth (computed here from its positions), their
 * upstream request counts from the sandbox's request log, and their budget.
 */
class BriefToolsTest {

    static SandboxHarness harness;
    static MarketData truth;

    /** A fresh sandbox and server per test: request counts must not depend on what another test cached. */
    @BeforeEach
    void start() {
        harness = SandboxHarness.start();
        truth = harness.sandbox().data();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    /** API requests (quota) the sandbox received while running the call; export files are not API requests. */
    static List<RequestLog.Entry> apiRequestsDuring(Runnable call) {
        int before = harness.sandbox().requestLog().entries().size();
        call.run();
        List<RequestLog.Entry> all = harness.sandbox().requestLog().entries();
        return all.subList(before, all.size()).stream()
                .filter(e -> e.path().startsWith("/api/external/"))
                .toList();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> section(CallToolResult r, String key) {
        assertThat(r.isError()).as(text(r)).isNotEqualTo(Boolean.TRUE);
        Map<String, Object> sections =
                (Map<String, Object>) ((Map<String, Object>) r.structuredContent()).get("sections");
        return (Map<String, Object>) sections.get(key);
    }

    static double num(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }

    @Test
    void coinBriefMatchesTheOpenPositionsInAtMostFourRequestsThenFromCache() {
        CallToolResult[] result = new CallToolResult[1];
        List<RequestLog.Entry> requests = apiRequestsDuring(
                () -> result[0] = harness.call("get_coin_brief", Map.of("coin", "BTC", "maxTokens", 20_000)));
        assertThat(requests).hasSizeLessThanOrEqualTo(4);
        assertThat(requests)
                .extracting(RequestLog.Entry::path)
                .containsExactlyInAnyOrder(
                        "/api/external/positions/coins",
                        "/api/external/positions/heatmap",
                        "/api/external/exports/coins/BTC/liquidation-heatmap",
                        "/api/external/position-metrics/coin/BTC");
        CallToolResult r = result[0];

        // open value by coin, both sides, from the positions themselves
        Map<String, Double> valueByCoin = new HashMap<>();
        long longs = 0, shorts = 0;
        double btcValue = 0, btcLong = 0;
        for (MarketData.Position p : truth.openPositions()) {
            valueByCoin.merge(p.coin(), p.positionValue(), Double::sum);
            if (!p.coin().equals("BTC")) continue;
            btcValue += p.positionValue();
            if (p.isLong()) {
                longs++;
                btcLong += p.positionValue();
            } else shorts++;
        }
        List<String> ranking = valueByCoin.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .map(Map.Entry::getKey)
                .toList();
        Map<String, Object> market = section(r, "market");
        assertThat(market.get("rank")).isEqualTo(ranking.indexOf("BTC") + 1);
        assertThat(market.get("coinCount")).isEqualTo(valueByCoin.size());
        assertThat(num(market, "totalValue")).isCloseTo(btcValue, within(0.05));
        assertThat(num(market, "totalValueLong")).isCloseTo(btcLong, within(0.05));
        assertThat(market).containsEntry("countLong", longs).containsEntry("countShort", shorts);
        assertThat(num(market, "longPctByCount")).isCloseTo(100.0 * longs / (longs + shorts), within(0.005));
        assertThat(text(r))
                .contains("BTC ranks #" + (ranking.indexOf("BTC") + 1) + " of " + valueByCoin.size() + " coins")
                .contains("counting both sides");

        // every cohort on BTC with its true lean, size axis before PnL axis
        Map<Integer, double[]> byCohort = new HashMap<>();
        for (MarketData.Position p : truth.openPositions()) {
            if (!p.coin().equals("BTC")) continue;
            for (int id : p.wallet().segments()) {
                double[] t = byCohort.computeIfAbsent(id, k -> new double[3]);
                t[0] += p.positionValue();
                if (p.isLong()) t[1] += p.positionValue();
                t[2]++;
            }
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> cohorts =
                (List<Map<String, Object>>) section(r, "cohorts").get("cohorts");
        assertThat(cohorts).extracting(c -> c.get("segmentId")).containsExactlyInAnyOrderElementsOf(byCohort.keySet());
        for (Map<String, Object> c : cohorts) {
            double[] t = byCohort.get((Integer) c.get("segmentId"));
            assertThat(num(c, "bias")).isCloseTo(t[1] / t[0], within(1e-6));
            assertThat(c).containsEntry("count", (long) t[2]);
            assertThat(text(r)).contains(Cohort.labelOf((Integer) c.get("segmentId")) + " [");
        }
        List<Object> axes = cohorts.stream().map(c -> c.get("axis")).toList();
        assertThat(axes.lastIndexOf("size")).isLessThan(axes.indexOf("pnl"));

        // the trend's newest point is the open value now; its 24 h reference is the upstream's own point
        Map<String, Object> trend = section(r, "openValueTrend");
        assertThat(num(trend, "now")).isCloseTo(btcValue, within(0.05));
        @SuppressWarnings("unchecked")
        Map<String, Object> day = (Map<String, Object>) trend.get("change24h");
        assertThat(day).containsEntry("covered", true);
        JsonNode point = rawSeriesPoint("BTC", (String) day.get("fromAt"));
        assertThat(num(day, "from")).isEqualTo(point.get("totalPositionValue").doubleValue());
        assertThat(num(day, "change")).isCloseTo(btcValue - num(day, "from"), within(0.05));

        // the liquidation bins agree with the single tool's own digest of the same file
        Map<String, Object> liquidations = section(r, "liquidations");
        @SuppressWarnings("unchecked")
        Map<String, Object> single = (Map<String, Object>)
                ((Map<String, Object>) harness.call("export_liquidation_heatmap", Map.of("coin", "BTC"))
                                .structuredContent())
                        .get("totals");
        assertThat(num(liquidations, "liquidationValue")).isEqualTo(num(single, "liquidationValue"));
        assertThat(liquidations.get("positionsCount")).isEqualTo(((Number) single.get("positionsCount")).longValue());
        assertThat(text(r))
                .contains(
                        "[get_open_exposure_by_coin;",
                        "[get_positions_heatmap;",
                        "[export_liquidation_heatmap;",
                        "[get_coin_position_metrics;");

        // asked again: every read is the cache's, no API request
        assertThat(apiRequestsDuring(() -> harness.call("get_coin_brief", Map.of("coin", "BTC"))))
                .isEmpty();
    }

    /** One point of the upstream's per-coin series, read straight from the sandbox. */
    static JsonNode rawSeriesPoint(String coin, String at) {
        try {
            String time = at.replace("Z", "").length() == 16 ? at.replace("Z", ":00.000Z") : at;
            URI uri = URI.create(harness.sandbox().baseUrl() + "/api/external/position-metrics/coin/" + coin + "?start="
                    + time + "&end=" + time);
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(uri)
                                    .header(
                                            "Authorization",
                                            "Bearer " + harness.sandbox().token())
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            JsonNode rows =
                    JsonMapper.builder().build().readTree(response.body()).get("metrics");
            assertThat(rows.size()).as(response.body()).isEqualTo(1);
            return rows.get(0);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void cohortBriefShowsTheCohortsTrueLeanAndWhereItIsNetLongAndShort() {
        Cohort whale = Cohort.parse("Smart Money").orElseThrow();
        CallToolResult[] result = new CallToolResult[1];
        List<RequestLog.Entry> requests = apiRequestsDuring(() ->
                result[0] = harness.call("get_cohort_brief", Map.of("segmentId", "Smart Money", "maxTokens", 20_000)));
        assertThat(requests).hasSizeLessThanOrEqualTo(4);
        assertThat(requests)
                .extracting(RequestLog.Entry::path)
                .contains("/api/external/9/assets/liquidation-risk", "/api/external/segments/9/bias-history");
        CallToolResult r = result[0];

        Map<String, double[]> byCoin = new HashMap<>();
        double value = 0, longValue = 0;
        for (MarketData.Position p : truth.openPositions()) {
            if (p.wallet().pnlCohort() != whale) continue;
            double[] t = byCoin.computeIfAbsent(p.coin(), k -> new double[2]);
            t[0] += p.positionValue();
            value += p.positionValue();
            if (p.isLong()) {
                t[1] += p.positionValue();
                longValue += p.positionValue();
            }
        }
        Map<String, Object> longs = section(r, "netLong");
        assertThat(num(longs, "bias")).isCloseTo(longValue / value, within(1e-9));
        assertThat(longs.get("coinCount")).isEqualTo(byCoin.size());
        String largestNetLong = byCoin.entrySet().stream()
                .max(Comparator.comparingDouble(e -> 2 * e.getValue()[1] - e.getValue()[0]))
                .orElseThrow()
                .getKey();
        String largestNetShort = byCoin.entrySet().stream()
                .min(Comparator.comparingDouble(e -> 2 * e.getValue()[1] - e.getValue()[0]))
                .orElseThrow()
                .getKey();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> longCoins = (List<Map<String, Object>>) longs.get("coins");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> shortCoins =
                (List<Map<String, Object>>) section(r, "netShort").get("coins");
        assertThat(longCoins.get(0)).containsEntry("coin", largestNetLong);
        assertThat(shortCoins.get(0)).containsEntry("coin", largestNetShort);
        assertThat(longs.get("netLongCoins")).isEqualTo((int)
                byCoin.values().stream().filter(t -> 2 * t[1] > t[0]).count());
        assertThat(text(r))
                .contains(String.format(java.util.Locale.ROOT, "%.1f%% long overall", longValue / value * 100))
                .contains("- " + largestNetLong + ": net +");
        assertThat(section(r, "liquidationRisk")).containsEntry("source", "get_liquidation_risk_by_asset");
        // the trend comes from the cohort's signed bias history (issue 15's get_cohort_bias_history)
        assertThat(text(r)).contains("[get_cohort_bias_history;");
        // the section carries the bias column's change over the week, not only its newest row
        assertThat(text(r)).contains("- bias: first ").contains("bias trend: ");
    }

    @Test
    void walletBriefListsEveryOpenPositionWithFullAddressAndTrueTotals() {
        Map<String, List<MarketData.Position>> byWallet = truth.openPositions().stream()
                .collect(Collectors.groupingBy(p -> p.wallet().address()));
        Map.Entry<String, List<MarketData.Position>> busiest = byWallet.entrySet().stream()
                .max(Comparator.comparingInt(e -> e.getValue().size()))
                .orElseThrow();
        String address = busiest.getKey();
        List<MarketData.Position> open = busiest.getValue();
        CallToolResult[] result = new CallToolResult[1];
        List<RequestLog.Entry> requests = apiRequestsDuring(() -> result[0] = harness.call(
                "get_wallet_brief", Map.of("address", address.toUpperCase().replace("0X", "0x"))));
        // its open positions, then its closed-trades summary (issue 15's get_closed_trades_summary)
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).query())
                .containsEntry("address", List.of(address))
                .containsEntry("open", List.of("true"));
        assertThat(requests.get(1).path()).isEqualTo("/api/external/closed-trades/summary");
        assertThat(requests.get(1).query()).containsEntry("address", List.of(address));
        CallToolResult r = result[0];
        assertThat(text(r)).contains("Wallet " + address);
        Map<String, Object> positions = section(r, "positions");
        assertThat(positions).containsEntry("openCount", open.size());
        assertThat(positions.get("segments")).isEqualTo(open.get(0).wallet().segments());
        for (MarketData.Position p : open) assertThat(text(r)).contains("id " + p.id());

        Map<String, Object> totals = section(r, "totals");
        double longValue = open.stream()
                .filter(MarketData.Position::isLong)
                .mapToDouble(MarketData.Position::positionValue)
                .sum();
        double shortValue = open.stream()
                .filter(p -> !p.isLong())
                .mapToDouble(MarketData.Position::positionValue)
                .sum();
        assertThat(num(totals, "longValue")).isCloseTo(longValue, within(0.01));
        assertThat(num(totals, "shortValue")).isCloseTo(shortValue, within(0.01));

        MarketData.Position nearest = open.stream()
                .filter(p -> p.liquidationPrice() > 0)
                .min(Comparator.comparingDouble(p -> Math.abs(p.markPrice() - p.liquidationPrice()) / p.markPrice()))
                .orElseThrow();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> near =
                (List<Map<String, Object>>) section(r, "nearestLiquidations").get("positions");
        assertThat(near.get(0)).containsEntry("id", nearest.id());
        assertThat(section(r, "closedTrades").get("source")).isEqualTo("get_closed_trades_summary");
        assertThat(section(r, "closedTrades")).containsKey("digest");
        assertThat(text(r)).contains("[get_closed_trades_summary;");
    }

    @Test
    void aSmallBudgetShortensTheListsAndSaysSo() {
        CallToolResult r = harness.call("get_coin_brief", Map.of("coin", "BTC", "maxTokens", 2_000));
        String json = JsonMapper.builder().build().writeValueAsString(r.structuredContent());
        assertThat(TokenCounter.charged(text(r), json)).isLessThanOrEqualTo(2_000);
        assertThat(text(r)).contains("not shown");
        @SuppressWarnings("unchecked")
        List<String> omitted = (List<String>) ((Map<String, Object>) r.structuredContent()).get("omitted");
        assertThat(omitted).isNotEmpty();
    }

    @Test
    void badArgumentsAreRejectedBeforeAnyRequest() {
        List<RequestLog.Entry> requests = apiRequestsDuring(() -> {
            assertError(harness.call("get_coin_brief", Map.of("coin", "not a coin")), "coin");
            assertError(harness.call("get_coin_brief", Map.of()), "coin: is required");
            assertError(harness.call("get_coin_brief", Map.of("coin", "BTC", "top", 3)), "top");
            assertError(harness.call("get_coin_brief", Map.of("coin", "BTC", "maxTokens", 10)), "maxTokens");
            assertError(harness.call("get_cohort_brief", Map.of("segmentId", "Dolphins of doom")), "matches no cohort");
            assertError(harness.call("get_cohort_brief", Map.of("segmentId", 17)), "matches no cohort");
            assertError(harness.call("get_wallet_brief", Map.of("address", "0x123")), "not a wallet address");
        });
        assertThat(requests).isEmpty();
    }

    @Test
    void aCoinWithoutPositionsIsNamedAndCostsOneRequest() {
        CallToolResult[] result = new CallToolResult[1];
        List<RequestLog.Entry> requests = apiRequestsDuring(
                () -> result[0] = harness.call("get_coin_brief", Map.of("coin", "btc", "maxTokens", 20_000)));
        assertThat(requests.size()).isLessThanOrEqualTo(1);
        assertThat(text(result[0])).contains("Not found: btc has no open positions");
    }

    static void assertError(CallToolResult r, String message) {
        assertThat(r.isError()).as(text(r)).isTrue();
        assertThat(text(r)).contains(message).contains("No request was sent");
    }
}
