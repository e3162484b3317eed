package dev.hypertracker.mcp.wholeapi;

import static dev.hypertracker.mcp.support.SandboxHarness.list;
import static dev.hypertracker.mcp.support.SandboxHarness.map;
import static dev.hypertracker.mcp.support.SandboxHarness.structured;
import static dev.hypertracker.mcp.support.SandboxHarness.text;
import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 15, the rankings: every tool of the group called through the server's tool path against the sandbox, the
 * exact upstream path and query checked, and the digest's numbers checked against the sandbox's positions and wallets
 * (or, for figures the sandbox draws from its seed, against its raw answer fetched separately).
 */
class LeaderboardToolsTest {

    static SandboxHarness harness;
    static MarketData truth;
    static RequestLog log;

    @BeforeAll
    static void start() {
        harness = SandboxHarness.start();
        truth = harness.sandbox().data();
        log = harness.sandbox().requestLog();
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @BeforeEach
    void clearLog() {
        log.clear();
    }

    static long count(Object o) {
        return ((Number) o).longValue();
    }

    static BigDecimal dec(Object o) {
        return new BigDecimal(o.toString());
    }

    /** The one request the tool sent to the route: its path and raw query, exactly. */
    static RequestLog.Entry onlyRequest(String route) {
        List<RequestLog.Entry> entries = log.entries(route);
        assertThat(entries).hasSize(1);
        return entries.get(0);
    }

    /** The sandbox's raw answer to a path and query, fetched apart from the server under test. */
    static JsonNode raw(String pathAndQuery) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(harness.sandbox().baseUrl() + pathAndQuery))
                                .header(
                                        "Authorization",
                                        "Bearer " + harness.sandbox().token())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JsonMapper.builder().build().readTree(r.body());
    }

    static BigDecimal money(double v) {
        return BigDecimal.valueOf(Math.round(v * 100), 2);
    }

    @Test
    void biggestPositionsAreTheSandboxsLargestOpenPositionsSignedBySide() {
        CallToolResult r = harness.call("get_biggest_positions", Map.of("limit", 30, "top", 30, "maxTokens", 20_000));
        Map<String, Object> s = structured(r);
        RequestLog.Entry sent = onlyRequest("/api/external/leaderboards/biggest-positions");
        assertThat(sent.rawQuery()).isEqualTo("offset=0&limit=30");

        List<MarketData.Position> expected = truth.openPositions().stream()
                .sorted(Comparator.comparingDouble(MarketData.Position::positionValue)
                        .reversed()
                        .thenComparingInt(MarketData.Position::sequence))
                .limit(30)
                .toList();
        List<Map<String, Object>> items = list(s, "items");
        assertThat(items).hasSize(30);
        BigDecimal sum = BigDecimal.ZERO, longValue = BigDecimal.ZERO, shortValue = BigDecimal.ZERO;
        long longs = 0;
        for (int k = 0; k < 30; k++) {
            MarketData.Position p = expected.get(k);
            BigDecimal signed = BigDecimal.valueOf(p.isLong() ? p.positionValue() : -p.positionValue());
            assertThat(items.get(k))
                    .containsEntry("coin", p.coin())
                    .containsEntry("address", p.wallet().address());
            assertThat(dec(items.get(k).get("value"))).isEqualByComparingTo(signed);
            assertThat(items.get(k).get("segments")).isEqualTo(p.wallet().segments());
            sum = sum.add(signed);
            if (p.isLong()) {
                longs++;
                longValue = longValue.add(signed);
            } else {
                shortValue = shortValue.add(signed.negate());
            }
        }
        assertThat(count(s.get("listed"))).isEqualTo(30L);
        assertThat(dec(map(s, "sumsOverListed").get("value"))).isEqualByComparingTo(sum);
        Map<String, Object> sides = map(s, "bySide");
        assertThat(count(map(sides, "long").get("count"))).isEqualTo(longs);
        assertThat(dec(map(sides, "long").get("value"))).isEqualByComparingTo(longValue);
        assertThat(dec(map(sides, "short").get("value"))).isEqualByComparingTo(shortValue);
        assertThat(count(s.get("totalCount")))
                .isEqualTo((long) truth.openPositions().size());
        assertThat(count(s.get("nextOffset"))).isEqualTo(30L);
    }

    @Test
    void anOffsetAndAWindowAreSentAsAskedAndTheNextOffsetFollows() {
        Map<String, Object> s = structured(
                harness.call("get_biggest_positions", Map.of("offset", 10, "limit", 5, "openedWithin", "7d")));
        assertThat(onlyRequest("/api/external/leaderboards/biggest-positions").rawQuery())
                .isEqualTo("offset=10&limit=5&openedWithin=7d");
        java.time.Instant from = truth.anchor().minus(java.time.Duration.ofDays(7));
        long opened = truth.openPositions().stream()
                .filter(p -> !p.openTime().isBefore(from))
                .count();
        assertThat(count(s.get("totalCount"))).isEqualTo(opened);
        assertThat(count(s.get("offset"))).isEqualTo(10L);
        assertThat(count(s.get("nextOffset"))).isEqualTo(15L);
    }

    @Test
    void thePerpPnlLeaderboardReadsTheApisStringNumbersExactly() throws Exception {
        CallToolResult r = harness.call(
                "get_pnl_leaderboard",
                Map.of("orderBy", "PNLALLTIME", "order", "desc", "limit", 50, "top", 50, "maxTokens", 20_000));
        Map<String, Object> s = structured(r);
        assertThat(onlyRequest("/api/external/leaderboards/perp-pnl").rawQuery())
                .isEqualTo("orderBy=pnlAllTime&order=desc&limit=50&offset=0");
        // the quirk: every number is a string on the wire
        JsonNode body = raw("/api/external/leaderboards/perp-pnl?orderBy=pnlAllTime&order=desc&limit=50&offset=0");
        assertThat(body.get("totalCount").isString()).isTrue();
        assertThat(body.get("data").get(0).get("pnlAllTime").isString()).isTrue();
        assertThat(body.get("data").get(0).get("rank").isString()).isTrue();

        List<MarketData.Wallet> expected = truth.wallets().stream()
                .sorted(Comparator.comparingDouble(MarketData.Wallet::allTimePnl)
                        .reversed()
                        .thenComparing(MarketData.Wallet::address))
                .limit(50)
                .toList();
        List<Map<String, Object>> items = list(s, "items");
        BigDecimal sum = BigDecimal.ZERO;
        for (int k = 0; k < 50; k++) {
            MarketData.Wallet w = expected.get(k);
            assertThat(items.get(k)).containsEntry("address", w.address());
            assertThat(dec(items.get(k).get("pnlAllTime"))).isEqualByComparingTo(money(w.allTimePnl()));
            assertThat(dec(items.get(k).get("rank"))).isEqualByComparingTo(BigDecimal.valueOf(k + 1));
            assertThat(dec(items.get(k).get("perpEquity"))).isEqualByComparingTo(money(w.perpEquity()));
            sum = sum.add(money(w.allTimePnl()));
        }
        assertThat(dec(map(s, "sumsOverListed").get("pnlAllTime"))).isEqualByComparingTo(sum);
        assertThat(count(s.get("totalCount"))).isEqualTo((long) truth.wallets().size());
        assertThat(text(r)).contains("orderBy pnlAllTime");
    }

    @Test
    void theAllPnlLeaderboardSendsItsRequiredArgumentsAndShowsTheApisSum() throws Exception {
        Map<String, Object> s = structured(harness.call(
                "get_all_pnl_leaderboard",
                Map.of(
                        "rankBy",
                        "pnlMonth",
                        "orderBy",
                        "pnlWeek",
                        "order",
                        "asc",
                        "limit",
                        40,
                        "top",
                        40,
                        "maxTokens",
                        20_000)));
        String query = "rankBy=pnlMonth&orderBy=pnlWeek&order=asc&limit=40&offset=0";
        assertThat(onlyRequest("/api/external/leaderboards/all-pnl").rawQuery()).isEqualTo(query);
        JsonNode body = raw("/api/external/leaderboards/all-pnl?" + query);
        List<Map<String, Object>> items = list(s, "items");
        BigDecimal week = BigDecimal.ZERO, total = BigDecimal.ZERO;
        BigDecimal previous = null;
        Map<String, MarketData.Wallet> byAddress = new HashMap<>();
        truth.wallets().forEach(w -> byAddress.put(w.address(), w));
        for (int k = 0; k < 40; k++) {
            JsonNode row = body.get("data").get(k);
            assertThat(items.get(k)).containsEntry("address", row.get("address").asString());
            BigDecimal pnlWeek = row.get("pnlWeek").decimalValue();
            if (previous != null) assertThat(pnlWeek).isGreaterThanOrEqualTo(previous); // ascending
            previous = pnlWeek;
            week = week.add(pnlWeek);
            total = total.add(row.get("totalValue").decimalValue());
            // consistent with the positions' wallets: total value = perp equity + stables + top holding
            BigDecimal perp = row.get("totalValue")
                    .decimalValue()
                    .subtract(row.get("stableValue").decimalValue())
                    .subtract(row.get("topHolding").get("value").decimalValue());
            assertThat(perp)
                    .isEqualByComparingTo(
                            money(byAddress.get(row.get("address").asString()).perpEquity()));
        }
        assertThat(dec(map(s, "sumsOverListed").get("pnlWeek"))).isEqualByComparingTo(week);
        assertThat(dec(map(s, "sumsOverListed").get("totalValue"))).isEqualByComparingTo(total);
        assertThat(dec(map(s, "apiTotals").get("sumPnl")))
                .isEqualByComparingTo(body.get("sumPnl").decimalValue());
    }

    @Test
    void hypeHoldersAreListedWithExactBalanceSums() throws Exception {
        Map<String, Object> s = structured(
                harness.call("list_hype_holders", Map.of("limit", 200, "orderBy", "stakedBalance", "top", 5)));
        String query = "offset=0&limit=200&orderBy=stakedBalance";
        assertThat(onlyRequest("/api/external/hype/holders").rawQuery()).isEqualTo(query);
        JsonNode body = raw("/api/external/hype/holders?" + query);
        BigDecimal staked = BigDecimal.ZERO, value = BigDecimal.ZERO;
        for (JsonNode row : body.get("items").values()) {
            staked = staked.add(row.get("stakedBalance").decimalValue());
            value = value.add(row.get("value").decimalValue());
        }
        assertThat(count(s.get("listed"))).isEqualTo(200L);
        assertThat(dec(map(s, "sumsOverListed").get("stakedBalance"))).isEqualByComparingTo(staked);
        assertThat(dec(map(s, "sumsOverListed").get("value"))).isEqualByComparingTo(value);
        assertThat(list(s, "items")).hasSize(5);
        assertThat(list(s, "items").get(0))
                .containsEntry(
                        "address", body.get("items").get(0).get("address").asString());
        assertThat(count(s.get("totalCount")))
                .isEqualTo((long) body.get("totalCount").asInt());
    }

    /** Per wallet from the open positions: [open value, long value, count, uPnL]. */
    static Map<String, double[]> openByWallet() {
        Map<String, double[]> out = new HashMap<>();
        for (MarketData.Position p : truth.openPositions()) {
            double[] t = out.computeIfAbsent(p.wallet().address(), k -> new double[4]);
            t[0] += p.positionValue();
            if (p.isLong()) t[1] += p.positionValue();
            t[2]++;
            t[3] += p.unrealizedPnl();
        }
        return out;
    }

    @Test
    void walletsAreAggregatedFromTheirPositionsAndFilteredByCohort() {
        Map<String, Object> s = structured(harness.call(
                "list_wallets",
                Map.of(
                        "orderBy",
                        "openValue",
                        "order",
                        "desc",
                        "limit",
                        20,
                        "segmentIds",
                        List.of("Whale", 9),
                        "hasOpenPositions",
                        true,
                        "top",
                        20,
                        "maxTokens",
                        20_000)));
        RequestLog.Entry sent = onlyRequest("/api/external/wallets");
        assertThat(sent.rawQuery())
                .isEqualTo("offset=0&limit=20&order=desc&orderBy=openValue"
                        + "&segmentIds%5B%5D=5&segmentIds%5B%5D=9&hasOpenPositions=true");
        assertThat(sent.query()).containsEntry("segmentIds[]", List.of("5", "9"));

        Map<String, double[]> open = openByWallet();
        List<MarketData.Wallet> expected = truth.wallets().stream()
                .filter(w -> open.containsKey(w.address()))
                .filter(w -> w.sizeCohort().id() == 5 || w.pnlCohort().id() == 9)
                .sorted(Comparator.<MarketData.Wallet>comparingDouble(w -> -open.get(w.address())[0])
                        .thenComparing(MarketData.Wallet::address))
                .toList();
        assertThat(count(s.get("totalCount"))).isEqualTo((long) expected.size());
        List<Map<String, Object>> items = list(s, "items");
        BigDecimal sumOpen = BigDecimal.ZERO;
        long positions = 0;
        for (int k = 0; k < 20; k++) {
            MarketData.Wallet w = expected.get(k);
            double[] t = open.get(w.address());
            Map<String, Object> item = items.get(k);
            assertThat(item).containsEntry("address", w.address());
            assertThat(dec(item.get("openValue")).doubleValue())
                    .isCloseTo(t[0], org.assertj.core.api.Assertions.within(1e-6));
            assertThat(dec(item.get("countOpenPositions")).longValue()).isEqualTo((long) t[2]);
            assertThat(dec(item.get("totalEquity"))).isEqualByComparingTo(money(w.perpEquity()));
            assertThat(dec(item.get("perpBias")).doubleValue())
                    .isCloseTo((2 * t[1] - t[0]) / t[0], org.assertj.core.api.Assertions.within(1e-4));
            assertThat(item.get("segments")).isEqualTo(w.segments());
            sumOpen = sumOpen.add(dec(item.get("openValue")));
            positions += (long) t[2];
        }
        assertThat(dec(map(s, "sumsOverListed").get("openValue"))).isEqualByComparingTo(sumOpen);
        assertThat(dec(map(s, "sumsOverListed").get("countOpenPositions")).longValue())
                .isEqualTo(positions);
    }

    @Test
    void oneWalletByAddress() {
        MarketData.Position p = truth.openPositions().get(0);
        Map<String, Object> s = structured(harness.call(
                "list_wallets",
                Map.of("address", p.wallet().address().toUpperCase().replace("0X", "0x"))));
        assertThat(onlyRequest("/api/external/wallets").rawQuery())
                .isEqualTo("offset=0&limit=100&address=" + p.wallet().address());
        assertThat(list(s, "items"))
                .singleElement()
                .satisfies(
                        i -> assertThat(i).containsEntry("address", p.wallet().address()));
        assertThat(count(s.get("totalCount"))).isEqualTo(1L);
    }

    @Test
    void everyBadArgumentIsRefusedBeforeAnyRequest() {
        List<Map.Entry<String, Map<String, Object>>> bad = List.of(
                Map.entry("get_biggest_positions", Map.of("limit", 101)),
                Map.entry("get_biggest_positions", Map.of("openedWithin", "1y")),
                Map.entry("get_pnl_leaderboard", Map.of("limit", 30)),
                Map.entry("get_pnl_leaderboard", Map.of("orderBy", "pnlYear")),
                Map.entry("get_all_pnl_leaderboard", Map.of("orderBy", "pnlDay", "order", "desc")),
                Map.entry("get_all_pnl_leaderboard", Map.of("rankBy", "pnlDay", "orderBy", "pnlDay")),
                Map.entry("get_all_pnl_leaderboard", orderedAllPnl(Map.of("limit", 0))),
                Map.entry("list_hype_holders", Map.of("limit", 501)),
                Map.entry("list_hype_holders", Map.of("rankOrder", "up")),
                Map.entry("list_wallets", Map.of("limit", 501)),
                Map.entry("list_wallets", Map.of("orderBy", "leverage")),
                Map.entry("list_wallets", Map.of("segmentIds", List.of("Krill"))),
                Map.entry("list_wallets", Map.of("segmentIds", 17)),
                Map.entry(
                        "list_wallets",
                        Map.of(
                                "address",
                                List.of(
                                        "0x0000000000000000000000000000000000000001",
                                        "0x0000000000000000000000000000000000000002"))),
                Map.entry("list_wallets", Map.of("segmentIds[]", 5)));
        for (Map.Entry<String, Map<String, Object>> call : bad) {
            CallToolResult r = harness.call(call.getKey(), call.getValue());
            assertThat(r.isError()).as(call.toString()).isTrue();
            assertThat(text(r)).as(call.toString()).contains("No request was sent");
        }
        assertThat(log.entries()).isEmpty();
    }

    private static Map<String, Object> orderedAllPnl(Map<String, Object> more) {
        Map<String, Object> args =
                new LinkedHashMap<>(Map.of("rankBy", "pnlDay", "orderBy", "pnlDay", "order", "desc"));
        args.putAll(more);
        return args;
    }

    @Test
    void cohortNamesInTheWalletFilterBecomeTheirIds() {
        structured(harness.call("list_wallets", Map.of("segmentIds", List.of("Smart Money", "Leviathan", 9))));
        List<String> ids =
                new ArrayList<>(onlyRequest("/api/external/wallets").query().get("segmentIds[]"));
        assertThat(ids)
                .containsExactly(
                        String.valueOf(Cohort.parse("Smart Money").orElseThrow().id()),
                        String.valueOf(Cohort.parse("Leviathan").orElseThrow().id()));
    }
}
