package dev.hypertracker.mcp.wholeapi;

import static dev.hypertracker.mcp.support.SandboxHarness.num;
import static dev.hypertracker.mcp.support.SandboxHarness.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hypertracker.mcp.catalog.Cohort;
import dev.hypertracker.mcp.sandbox.MarketData;
import dev.hypertracker.mcp.sandbox.RequestLog;
import dev.hypertracker.mcp.support.SandboxHarness;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 15, the cohort and market group: every tool through the server's real tool path against the sandbox, the exact
 * upstream path and query checked, and the digest's numbers checked against ground truth computed here from the
 * sandbox's positions and wallets (not from the routes or the digest code).
 */
class CohortToolsTest {

    static SandboxHarness harness;
    static MarketData truth;

    @BeforeAll
    static void start() {
        harness = SandboxHarness.start(SandboxHarness.SMALL, s -> s);
        truth = harness.sandbox().data();
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @BeforeEach
    void clearLog() {
        harness.sandbox().requestLog().clear();
    }

    // ---- helpers ----

    /** A successful call's structuredContent (and its text under "_text"), never served from the response cache. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> call(String tool, Map<String, Object> args) {
        Map<String, Object> fresh = new LinkedHashMap<>(args);
        fresh.put("fresh", true);
        CallToolResult r = harness.call(tool, fresh);
        assertThat(r.isError()).as(text(r)).isNotEqualTo(Boolean.TRUE);
        Map<String, Object> structured = (Map<String, Object>) r.structuredContent();
        structured.put("_text", text(r));
        return structured;
    }

    /** The API requests of the last call (file downloads left out), as "path?query". */
    static List<String> apiRequests() {
        return harness.sandbox().requestLog().entries().stream()
                .filter(e -> e.path().startsWith("/api/external/"))
                .map(e -> e.path() + (e.rawQuery() == null || e.rawQuery().isEmpty() ? "" : "?" + e.rawQuery()))
                .toList();
    }

    static List<RequestLog.Entry> fileDownloads() {
        return harness.sandbox().requestLog().entries().stream()
                .filter(e -> e.path().startsWith("/files/"))
                .toList();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object o) {
        return (List<Map<String, Object>>) o;
    }

    static String iso(Instant t) {
        return t.toString().replace("Z", ".000Z").replace(".000.000Z", ".000Z");
    }

    /** Positions open at an instant: opened at or before it and not closed by then. */
    static Predicate<MarketData.Position> openAt(Instant t) {
        return p -> !p.openTime().isAfter(t)
                && (p.closeTime() == null || p.closeTime().isAfter(t));
    }

    static boolean inCohort(MarketData.Position p, int id) {
        return p.wallet().sizeCohort().id() == id || p.wallet().pnlCohort().id() == id;
    }

    /** A position's value at an hour's price (sizes and prices are exact decimals). */
    static double valueAt(MarketData.Position p, Instant t) {
        return p.size().multiply(BigDecimal.valueOf(truth.price(p.coin(), t))).doubleValue();
    }

    /** [value, long value] of a cohort's positions open at t, over all coins. */
    static double[] cohortValues(int id, Instant t) {
        double[] v = new double[2];
        for (MarketData.Position p : truth.positions()) {
            if (!inCohort(p, id) || !openAt(t).test(p)) continue;
            double value = valueAt(p, t);
            v[0] += value;
            if (p.isLong()) v[1] += value;
        }
        return v;
    }

    static double signedBias(double[] v) {
        return v[0] == 0 ? 0 : Math.round(10_000.0 * (2 * v[1] - v[0]) / v[0]) / 10_000.0;
    }

    static double cohortEquity(int id) {
        return truth.wallets().stream()
                .filter(w -> w.sizeCohort().id() == id || w.pnlCohort().id() == id)
                .mapToDouble(MarketData.Wallet::perpEquity)
                .sum();
    }

    // ---- get_cohort_bias_history ----

    @Test
    void biasHistoryWithoutParametersIsSixtyDaysAtTwoHoursNewestFirstAndItsNumbersAreTheCohorts() {
        Map<String, Object> r = call("get_cohort_bias_history", Map.of("segmentId", "Whale"));
        assertThat(apiRequests()).containsExactly("/api/external/segments/5/bias-history");

        assertThat(r).containsEntry("points", 720L).containsEntry("segmentId", 5);
        Instant anchor = truth.anchor();
        Instant oldest = anchor.minus(Duration.ofHours(2L * 719));
        assertThat(r).containsEntry("from", oldest.toString()).containsEntry("to", anchor.toString());
        Map<String, Object> latest = map(r.get("latest"));
        double[] now = cohortValues(5, anchor);
        assertThat(num(latest.get("openValue"))).isCloseTo(now[0], within(0.01));
        assertThat(num(latest.get("openLongValue"))).isCloseTo(now[1], within(0.01));
        assertThat(num(latest.get("openShortValue"))).isCloseTo(now[0] - now[1], within(0.01));
        assertThat(num(latest.get("bias"))).isEqualTo(signedBias(now));
        assertThat(num(latest.get("activePerpEquity"))).isCloseTo(cohortEquity(5), within(0.01));
        // the oldest point, from the positions open 1,438 hours before the anchor at that hour's prices
        Map<String, Object> openValue = map(map(r.get("stats")).get("openValue"));
        assertThat(num(openValue.get("first"))).isCloseTo(cohortValues(5, oldest)[0], within(0.01));
        assertThat(num(openValue.get("last"))).isCloseTo(now[0], within(0.01));
        // the API's own window and the scale warning, in its words
        assertThat(map(r.get("apiWindow"))).containsEntry("start", iso(oldest)).containsEntry("end", iso(anchor));
        assertThat((String) r.get("_text"))
                .contains("Whale (#5)")
                .contains("signed cohort bias, a different scale from the heatmap's 0..1 bias");
        assertThat(r).containsEntry("complete", true);
    }

    @Test
    void biasHistoryPagesWithStartAndLimitSendingStartOnEveryPage() {
        Instant start = truth.anchor().minus(Duration.ofDays(20));
        Map<String, Object> r = call(
                "get_cohort_bias_history",
                Map.of("segmentId", 9, "start", start.toString(), "limit", 50, "positionRecencyTimeframe", "7d"));
        List<String> requests = apiRequests();
        assertThat(requests).hasSize(3);
        assertThat(requests.get(0))
                .isEqualTo("/api/external/segments/9/bias-history?start=" + iso(start)
                        + "&limit=50&positionRecencyTimeframe=7d");
        for (String next : requests.subList(1, 3))
            assertThat(next)
                    .startsWith("/api/external/segments/9/bias-history?start=" + iso(start)
                            + "&limit=50&positionRecencyTimeframe=7d&nextCursor=");
        assertThat(r).containsEntry("points", 150L).containsEntry("complete", false);
        assertThat(r.get("nextCursor")).isNotNull();
        assertThat(r).containsEntry("positionRecencyTimeframe", "7d");
        // 150 rows two hours apart, newest first from the anchor
        assertThat(r)
                .containsEntry(
                        "from", truth.anchor().minus(Duration.ofHours(2 * 149)).toString());
        // the newest row counts only positions opened within 7 days of the anchor
        Instant anchor = truth.anchor();
        double value = 0;
        for (MarketData.Position p : truth.openPositions()) {
            if (inCohort(p, 9) && !p.openTime().isBefore(anchor.minus(Duration.ofDays(7)))) value += p.positionValue();
        }
        assertThat(num(map(r.get("latest")).get("openValue"))).isCloseTo(value, within(0.01));
    }

    @ParameterizedTest
    @CsvSource({"limit,10", "end,2026-01-01T00:00:00Z", "nextCursor,eyJjcmVhdGVkQXQiOiIyMDI2In0"})
    void biasHistoryRefusesLimitEndOrCursorWithoutStartBeforeAnyRequest(String argument, String value) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("segmentId", 5);
        args.put(argument, argument.equals("limit") ? (Object) 10 : value);
        CallToolResult r = harness.call("get_cohort_bias_history", args);
        assertThat(r.isError()).isTrue();
        assertThat(text(r))
                .contains("start: is required when " + argument + " is given")
                .contains("No request was sent");
        assertThat(harness.sandbox().requestLog().entries()).isEmpty();
    }

    @Test
    void biasHistoryCapsAndEnumsAreCheckedBeforeAnyRequest() {
        String start = truth.anchor().minus(Duration.ofDays(1)).toString();
        assertThat(harness.call("get_cohort_bias_history", Map.of("segmentId", 5, "start", start, "limit", 1001))
                        .isError())
                .isTrue();
        assertThat(harness.call("get_cohort_bias_history", Map.of("segmentId", 5, "positionRecencyTimeframe", "1h"))
                        .isError())
                .isTrue();
        assertThat(harness.call("get_cohort_bias_history", Map.of("segmentId", 17))
                        .isError())
                .isTrue();
        assertThat(harness.sandbox().requestLog().entries()).isEmpty();
    }

    // ---- get_cohort_summary ----

    @Test
    void cohortSummaryFollowsTheRedirectWithoutTheTokenAndMatchesTheOpenPositions() {
        Map<String, Object> r = call("get_cohort_summary", Map.of("segmentId", "Smart Money", "positionAge", "7d"));
        assertThat(apiRequests()).containsExactly("/api/external/segments/9/summary?positionAge=7d");
        assertThat(fileDownloads()).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo("/files/generated/segments/9/summary-7d.json");
            assertThat(e.bearerSent()).isFalse();
        });
        Instant cutoff = truth.anchor().minus(Duration.ofDays(7));
        long count = 0, countLong = 0;
        double value = 0, longValue = 0;
        Set<String> traders = new HashSet<>();
        Set<String> coins = new HashSet<>();
        for (MarketData.Position p : truth.openPositions()) {
            if (!inCohort(p, 9) || p.openTime().isBefore(cutoff)) continue;
            count++;
            value += p.positionValue();
            traders.add(p.wallet().address());
            coins.add(p.coin());
            if (p.isLong()) {
                countLong++;
                longValue += p.positionValue();
            }
        }
        Map<String, Object> open = map(r.get("openPerpsSummary"));
        assertThat(num(open.get("countOpenPositions"))).isEqualTo(count);
        assertThat(num(open.get("countTradersInPosition"))).isEqualTo(traders.size());
        assertThat(num(open.get("countAssets"))).isEqualTo(coins.size());
        assertThat(num(open.get("totalValue"))).isCloseTo(value, within(0.01));
        assertThat(num(open.get("totalLongValue"))).isCloseTo(longValue, within(0.01));
        assertThat(num(map(map(open.get("bySide")).get("long")).get("count"))).isEqualTo(countLong);
        assertThat(num(open.get("totalPerpEquity"))).isCloseTo(cohortEquity(9), within(0.01));
        long cohortWallets =
                truth.wallets().stream().filter(w -> w.pnlCohort().id() == 9).count();
        assertThat(num(map(r.get("summary")).get("countTraders"))).isEqualTo(cohortWallets);
        assertThat(r).containsEntry("positionAge", "7d").containsEntry("segmentId", 9);
    }

    // ---- get_market_summary ----

    @Test
    void marketSummaryCountsAreThePositionsAndWallets() {
        Map<String, Object> r = call("get_market_summary", Map.of());
        assertThat(apiRequests()).containsExactly("/api/external/state/summary");
        assertThat(fileDownloads())
                .singleElement()
                .satisfies(e -> assertThat(e.bearerSent()).isFalse());
        List<MarketData.Position> open = truth.openPositions();
        Map<String, Object> market = map(r.get("market"));
        Map<String, Object> metrics = map(market.get("perpPositionsMetrics"));
        assertThat(num(metrics.get("count"))).isEqualTo(open.size());
        assertThat(num(metrics.get("openInterest")))
                .isCloseTo(
                        open.stream()
                                .mapToDouble(MarketData.Position::positionValue)
                                .sum(),
                        within(0.05));
        long active = open.stream().map(p -> p.wallet().address()).distinct().count();
        assertThat(num(market.get("countActiveTraders"))).isEqualTo(active);
        // traders = wallets with a position opened by then
        Instant dayAgo = truth.anchor().minus(Duration.ofDays(1));
        long traders = truth.positions().stream()
                .map(p -> p.wallet().address())
                .distinct()
                .count();
        long tradersDayAgo = truth.positions().stream()
                .filter(p -> !p.openTime().isAfter(dayAgo))
                .map(p -> p.wallet().address())
                .distinct()
                .count();
        assertThat(num(market.get("countTraders"))).isEqualTo(traders);
        assertThat(num(market.get("countTraders24HoursAgo"))).isEqualTo(tradersDayAgo);
        assertThat(num(r.get("tradersChange24h"))).isEqualTo(traders - tradersDayAgo);
        assertThat(map(r.get("sizeCohorts"))).hasSize(8);
        assertThat(map(r.get("pnlCohorts"))).hasSize(8);
        @SuppressWarnings("unchecked")
        List<Object> whales = (List<Object>) map(r.get("sizeCohorts")).get("Whale (#5)");
        long whaleTraders = truth.positions().stream()
                .filter(p -> p.wallet().sizeCohort().id() == 5)
                .map(p -> p.wallet().address())
                .distinct()
                .count();
        assertThat(r.get("cohortColumns"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .first()
                .isEqualTo("countTraders");
        assertThat(num(whales.get(0))).isEqualTo(whaleTraders);
        assertThat((String) r.get("_text")).contains("countTraders - countTraders24HoursAgo");
    }

    // ---- get_coin_cohort_snapshot and export_coin_segment_metrics ----

    /** count, long count, value, long value per cohort id of a coin's positions open now (opened within, if > 0). */
    static Map<Integer, double[]> coinCohorts(String coin, Duration openedWithin) {
        Map<Integer, double[]> out = new LinkedHashMap<>();
        Instant cutoff = openedWithin == null ? Instant.MIN : truth.anchor().minus(openedWithin);
        for (MarketData.Position p : truth.openPositions()) {
            if (!p.coin().equals(coin) || p.openTime().isBefore(cutoff)) continue;
            for (int id : p.wallet().segments()) {
                double[] t = out.computeIfAbsent(id, k -> new double[4]);
                t[0]++;
                t[2] += p.positionValue();
                if (p.isLong()) {
                    t[1]++;
                    t[3] += p.positionValue();
                }
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static List<List<Object>> rows(Object o) {
        return (List<List<Object>>) o;
    }

    static void assertCohortsMatch(Map<String, Object> r, Map<Integer, double[]> expected) {
        @SuppressWarnings("unchecked")
        List<String> columns = (List<String>) r.get("columns");
        List<List<Object>> size = rows(r.get("sizeAxis"));
        List<List<Object>> pnl = rows(r.get("pnlAxis"));
        assertThat(size).hasSize(8);
        assertThat(pnl).hasSize(8);
        List<List<Object>> all = new java.util.ArrayList<>(size);
        all.addAll(pnl);
        for (List<Object> row : all) {
            String label = (String) row.get(0);
            int id = Integer.parseInt(label.substring(label.indexOf("(#") + 2, label.length() - 1));
            assertThat(Cohort.byId(id).orElseThrow().axis())
                    .isEqualTo(size.contains(row) ? Cohort.Axis.SIZE : Cohort.Axis.PNL);
            double[] t = expected.getOrDefault(id, new double[4]);
            assertThat(num(row.get(columns.indexOf("positionCount")))).as(label).isEqualTo(t[0]);
            assertThat(num(row.get(columns.indexOf("positionCountLong")))).isEqualTo(t[1]);
            assertThat(num(row.get(columns.indexOf("totalPositionValue")))).isCloseTo(t[2], within(0.01));
            assertThat(num(row.get(columns.indexOf("totalPositionValueLong")))).isCloseTo(t[3], within(0.01));
            if (t[2] > 0)
                assertThat(num(row.get(columns.indexOf("longPctByValue"))))
                        .isCloseTo(Math.round(t[3] / t[2] * 10_000) / 100.0, within(0.011));
        }
        // largest open value first on each axis
        for (List<List<Object>> axis : List.of(size, pnl))
            assertThat(axis.stream()
                            .map(row -> num(row.get(columns.indexOf("totalPositionValue"))))
                            .toList())
                    .isSortedAccordingTo(java.util.Comparator.reverseOrder());
        // each axis covers every position once: the two totals agree, and neither is their sum
        double positions = expected.values().stream().mapToDouble(t -> t[0]).sum() / 2;
        Map<String, Object> totals = map(r.get("axisTotals"));
        assertThat(num(map(totals.get("size")).get("positionCount"))).isEqualTo(positions);
        assertThat(num(map(totals.get("pnl")).get("positionCount"))).isEqualTo(positions);
    }

    @Test
    void coinCohortSnapshotShowsEveryCohortOfTheCoinWithTheAxesApart() {
        Map<String, Object> r = call("get_coin_cohort_snapshot", Map.of("coin", "BTC", "maxTokens", 20_000));
        assertThat(apiRequests()).containsExactly("/api/external/perps/coin/BTC/segment-metrics");
        assertThat(r).containsEntry("coin", "BTC").containsEntry("pointsPerCohort", 15);
        assertCohortsMatch(r, coinCohorts("BTC", null));
        // the change is against the oldest point: 168 hours before the anchor
        Instant weekAgo = truth.anchor().minus(Duration.ofHours(168));
        double whalesThen = truth.positions().stream()
                .filter(openAt(weekAgo))
                .filter(p -> p.coin().equals("BTC") && p.wallet().sizeCohort().id() == 5)
                .mapToDouble(p -> valueAt(p, weekAgo))
                .sum();
        @SuppressWarnings("unchecked")
        List<String> columns = (List<String>) r.get("columns");
        List<Object> whales = rows(r.get("sizeAxis")).stream()
                .filter(row -> row.get(0).equals("Whale (#5)"))
                .findFirst()
                .orElseThrow();
        assertThat(num(whales.get(columns.indexOf("totalPositionValueChange"))))
                .isCloseTo(num(whales.get(columns.indexOf("totalPositionValue"))) - whalesThen, within(0.02));
        assertThat((String) r.get("_text")).contains("Never add the two axes");
    }

    @Test
    void aHip3CoinIsRefusedBeforeTheRequestAndTheSandboxAnswers404LikeTheApi() throws Exception {
        CallToolResult r = harness.call("get_coin_cohort_snapshot", Map.of("coin", "xyz:GOLD"));
        assertThat(r.isError()).isTrue();
        assertThat(text(r))
                .contains("HIP-3")
                .contains("main-exchange coins only")
                .contains("No request was sent");
        assertThat(harness.sandbox().requestLog().entries()).isEmpty();

        HttpResponse<String> direct = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(harness.sandbox().baseUrl()
                                        + "/api/external/perps/coin/xyz:GOLD/segment-metrics"))
                                .header(
                                        "Authorization",
                                        "Bearer " + harness.sandbox().token())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(direct.statusCode()).isEqualTo(404);
        assertThat(direct.body()).contains("XYZ:GOLD not found");
    }

    @Test
    void segmentMetricsExportFilesSelectTheirWindowAndMatchThePositions() {
        Map<String, Object> plain = call("export_coin_segment_metrics", Map.of("coin", "ETH", "maxTokens", 20_000));
        assertThat(apiRequests()).containsExactly("/api/external/exports/coins/ETH/segment-metrics");
        assertCohortsMatch(plain, coinCohorts("ETH", null));

        clearLog();
        Map<String, Object> week =
                call("export_coin_segment_metrics", Map.of("coin", "ETH", "window", "7d", "maxTokens", 20_000));
        assertThat(apiRequests()).containsExactly("/api/external/exports/coins/ETH/segment-metrics-7d");
        assertCohortsMatch(week, coinCohorts("ETH", Duration.ofDays(7)));
    }

    // ---- chart files ----

    @Test
    void equityChartIsTheWalletsEquityPlusTheirUnrealizedPnl() {
        Map<String, Object> r = call("export_wallets_equity_chart", Map.of());
        assertThat(apiRequests()).containsExactly("/api/external/exports/total-wallets-equity-chart-data");
        assertThat(r)
                .containsEntry("points", 14L * 24 + 1)
                .containsEntry("to", truth.anchor().toString());
        double equity = truth.wallets().stream()
                .mapToDouble(MarketData.Wallet::perpEquity)
                .sum();
        double upnl = truth.openPositions().stream()
                .mapToDouble(MarketData.Position::unrealizedPnl)
                .sum();
        assertThat(num(map(map(r.get("stats")).get("totalEquity")).get("last"))).isCloseTo(equity + upnl, within(0.05));
    }

    @Test
    void cohortBiasChartHasEveryCohortsSignedBiasOverTheLastDay() {
        Map<String, Object> r = call("export_cohort_bias_chart", Map.of("maxTokens", 20_000));
        assertThat(apiRequests()).containsExactly("/api/external/exports/segments-bias-charts-data-24h");
        assertThat(r).containsEntry("points", 25L);
        Map<String, Object> stats = map(r.get("stats"));
        assertThat(stats).hasSize(16);
        for (int id : List.of(1, 5, 9, 12)) {
            assertThat(num(map(stats.get(Integer.toString(id))).get("last")))
                    .as("cohort %d", id)
                    .isEqualTo(signedBias(cohortValues(id, truth.anchor())));
        }
    }

    // ---- the window argument on the existing breakdown exports ----

    @Test
    void breakdownWindowsSelectTheirFilesAndOmittedKeepsTodaysFile() {
        Map<String, Object> today = call("export_position_breakdown_by_size", Map.of("coin", "BTC"));
        assertThat(apiRequests()).containsExactly("/api/external/exports/coins/BTC/position-breakdown-by-size");
        long all = truth.openPositions().stream()
                .filter(p -> p.coin().equals("BTC"))
                .count();
        assertThat(num(map(today.get("totals")).get("positionCount"))).isEqualTo(all);

        clearLog();
        Map<String, Object> day = call("export_position_breakdown_by_size", Map.of("coin", "BTC", "window", "24h"));
        assertThat(apiRequests()).containsExactly("/api/external/exports/coins/BTC/position-breakdown-by-size-24h");
        Instant cutoff = truth.anchor().minus(Duration.ofDays(1));
        long recent = truth.openPositions().stream()
                .filter(p -> p.coin().equals("BTC") && !p.openTime().isBefore(cutoff))
                .count();
        assertThat(num(map(day.get("totals")).get("positionCount"))).isEqualTo(recent);
        assertThat(recent).isLessThan(all);

        clearLog();
        Map<String, Object> cohorts =
                call("export_position_breakdown_by_cohort", Map.of("coin", "BTC", "window", "30d"));
        assertThat(apiRequests()).containsExactly("/api/external/exports/coins/BTC/position-breakdown-by-cohort-30d");
        assertThat(cohorts).containsKey("totals");
    }

    @Test
    void anUnknownWindowIsRefusedBeforeAnyRequest() {
        CallToolResult r = harness.call("export_position_breakdown_by_cohort", Map.of("coin", "BTC", "window", "1h"));
        assertThat(r.isError()).isTrue();
        assertThat(text(r)).contains("window").contains("24h, 7d, 30d");
        assertThat(harness.sandbox().requestLog().entries()).isEmpty();
    }
}
