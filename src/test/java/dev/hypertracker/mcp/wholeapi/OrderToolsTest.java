package dev.hypertracker.mcp.wholeapi;

import static dev.hypertracker.mcp.support.SandboxHarness.num;
import static dev.hypertracker.mcp.support.SandboxHarness.structured;
import static dev.hypertracker.mcp.support.SandboxHarness.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hypertracker.mcp.sandbox.MarketData;
import dev.hypertracker.mcp.sandbox.OpenOrderBook;
import dev.hypertracker.mcp.sandbox.RequestLog;
import dev.hypertracker.mcp.support.SandboxHarness;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.math.BigDecimal;
import java.math.MathContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The order-flow tools and the {downloadUrl} downloads, end to end against the sandbox: the exact upstream path and
 * query, the file fetched without the token, and every digest figure against ground truth computed here from the
 * sandbox's orders, wallets and positions (not by the digest code).
 */
class OrderToolsTest {

    static final String API = "/api/external";
    static final DateTimeFormatter API_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    /** The band edges the tool's formula states, in percent of the mid. */
    static final BigDecimal[] EDGES = {
        new BigDecimal("0.5"), BigDecimal.ONE, new BigDecimal("2"), new BigDecimal("5"), BigDecimal.TEN
    };

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

    /** The one API request of the call: its path and raw query (null when none), with the Bearer token. */
    static RequestLog.Entry onlyApiRequest() {
        List<RequestLog.Entry> api =
                log.entries().stream().filter(e -> e.path().startsWith(API)).toList();
        assertThat(api).hasSize(1);
        assertThat(api.get(0).bearerSent()).isTrue();
        return api.get(0);
    }

    static List<RequestLog.Entry> fileRequests() {
        return log.entries().stream()
                .filter(e -> e.path().startsWith("/files/generated/"))
                .toList();
    }

    // ---- get_order_snapshot_time ----

    @Test
    void theLatestSnapshotTimeIsReadFromABareString() {
        Map<String, Object> s = structured(harness.call("get_order_snapshot_time", Map.of()));
        RequestLog.Entry request = onlyApiRequest();
        assertThat(request.path()).isEqualTo(API + "/orders/5m-snapshots/latest-snapshot-timestamp");
        assertThat(request.rawQuery()).isNullOrEmpty();
        assertThat(s)
                .containsEntry("snapshotTime", API_TIME.format(OpenOrderBook.latest(truth)))
                .containsEntry("onFiveMinuteGrid", true)
                .containsEntry(
                        "nextSnapshotDue",
                        OpenOrderBook.latest(truth).plus(Duration.ofMinutes(5)).toString());
    }

    // ---- list_open_orders ----

    /** Ground truth of one coin's resting book: [bidCount, askCount] and BigDecimal sums, bands by the stated formula. */
    record Truth(
            BigDecimal mid,
            BigDecimal bestBid,
            BigDecimal bestAsk,
            long bids,
            long asks,
            BigDecimal bidNotional,
            BigDecimal askNotional,
            BigDecimal bidSize,
            long[] bandBids,
            long[] bandAsks,
            BigDecimal[] bandBidNotional,
            BigDecimal[] bandAskNotional) {}

    static Truth book(List<OpenOrderBook.Order> orders) {
        BigDecimal bestBid = null, bestAsk = null;
        for (OpenOrderBook.Order o : orders) {
            if (o.isTrigger()) continue;
            if (o.isBid() && (bestBid == null || o.limitPx().compareTo(bestBid) > 0)) bestBid = o.limitPx();
            if (!o.isBid() && (bestAsk == null || o.limitPx().compareTo(bestAsk) < 0)) bestAsk = o.limitPx();
        }
        BigDecimal mid = bestBid.add(bestAsk).divide(BigDecimal.valueOf(2));
        long bids = 0, asks = 0;
        BigDecimal bidNotional = BigDecimal.ZERO, askNotional = BigDecimal.ZERO, bidSize = BigDecimal.ZERO;
        long[] bandBids = new long[6], bandAsks = new long[6];
        BigDecimal[] bandBidNotional = new BigDecimal[6], bandAskNotional = new BigDecimal[6];
        java.util.Arrays.fill(bandBidNotional, BigDecimal.ZERO);
        java.util.Arrays.fill(bandAskNotional, BigDecimal.ZERO);
        for (OpenOrderBook.Order o : orders) {
            if (o.isTrigger()) continue;
            BigDecimal notional = o.limitPx().multiply(o.sz());
            BigDecimal distancePct = o.limitPx()
                    .divide(mid, MathContext.DECIMAL128)
                    .subtract(BigDecimal.ONE)
                    .abs()
                    .movePointRight(2);
            int band = 0;
            while (band < EDGES.length && distancePct.compareTo(EDGES[band]) >= 0) band++;
            if (o.isBid()) {
                bids++;
                bidNotional = bidNotional.add(notional);
                bidSize = bidSize.add(o.sz());
                bandBids[band]++;
                bandBidNotional[band] = bandBidNotional[band].add(notional);
            } else {
                asks++;
                askNotional = askNotional.add(notional);
                bandAsks[band]++;
                bandAskNotional[band] = bandAskNotional[band].add(notional);
            }
        }
        return new Truth(
                mid,
                bestBid,
                bestAsk,
                bids,
                asks,
                bidNotional,
                askNotional,
                bidSize,
                bandBids,
                bandAsks,
                bandBidNotional,
                bandAskNotional);
    }

    @SuppressWarnings("unchecked")
    static void assertBook(Map<String, Object> coin, Truth t) {
        assertThat(num(coin.get("mid"))).isEqualTo(t.mid().doubleValue());
        assertThat(num(coin.get("bestBid"))).isEqualTo(t.bestBid().doubleValue());
        assertThat(num(coin.get("bestAsk"))).isEqualTo(t.bestAsk().doubleValue());
        assertThat(coin).containsEntry("bidCount", t.bids()).containsEntry("askCount", t.asks());
        assertThat(num(coin.get("bidNotional"))).isEqualTo(t.bidNotional().doubleValue());
        assertThat(num(coin.get("askNotional"))).isEqualTo(t.askNotional().doubleValue());
        assertThat(num(coin.get("bidSize"))).isEqualTo(t.bidSize().doubleValue());
        List<Map<String, Object>> bands = (List<Map<String, Object>>) coin.get("bands");
        assertThat(bands).hasSize(6);
        for (int b = 0; b < 6; b++) {
            assertThat(bands.get(b))
                    .containsEntry("bidCount", t.bandBids()[b])
                    .containsEntry("askCount", t.bandAsks()[b]);
            assertThat(num(bands.get(b).get("bidNotional"))).isEqualTo(t.bandBidNotional()[b].doubleValue());
            assertThat(num(bands.get(b).get("askNotional"))).isEqualTo(t.bandAskNotional()[b].doubleValue());
        }
        assertThat(bands)
                .extracting(m -> m.get("band"))
                .containsExactly("0-0.5%", "0.5-1%", "1-2%", "2-5%", "5-10%", ">10%");
    }

    static List<OpenOrderBook.Order> truthOf(Instant snapshot, String coin) {
        return OpenOrderBook.at(truth, snapshot).stream()
                .filter(o -> o.coin().equals(coin))
                .toList();
    }

    @Test
    @SuppressWarnings("unchecked")
    void oneCoinsLatestBookByPriceBandMatchesTheSnapshot() {
        List<OpenOrderBook.Order> btc = truthOf(OpenOrderBook.latest(truth), "BTC");
        assertThat(btc.size()).as("one page holds the coin's book").isLessThan(1000);
        Map<String, Object> s = structured(harness.call("list_open_orders", Map.of("coin", "BTC", "limit", 1000)));

        RequestLog.Entry request = onlyApiRequest();
        assertThat(request.path()).isEqualTo(API + "/orders/5m-snapshots/latest");
        assertThat(request.rawQuery()).isEqualTo("coin=BTC&limit=1000");

        long triggers = btc.stream().filter(OpenOrderBook.Order::isTrigger).count();
        assertThat(s)
                .containsEntry("ordersRead", (long) btc.size())
                .containsEntry("restingOrders", btc.size() - triggers)
                .containsEntry("triggerOrders", triggers)
                .containsEntry("coinCount", 1L)
                .containsEntry("snapshotTs", API_TIME.format(OpenOrderBook.latest(truth)))
                .containsEntry("complete", true);
        BigDecimal triggerNotional = btc.stream()
                .filter(OpenOrderBook.Order::isTrigger)
                .map(o -> o.triggerPx().multiply(o.sz()))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(num(s.get("triggerNotional"))).isEqualTo(triggerNotional.doubleValue());
        assertThat((String) s.get("formula")).contains("mid = (highest resting bid + lowest resting ask) / 2");
        assertBook(((List<Map<String, Object>>) s.get("coins")).get(0), book(btc));
    }

    @Test
    void aPastSnapshotIsAskedByItsTimeAndTheOrderTypeInTheApisSpelling() {
        Instant hourAgo = OpenOrderBook.latest(truth).minus(Duration.ofHours(1));
        List<OpenOrderBook.Order> stops = OpenOrderBook.at(truth, hourAgo).stream()
                .filter(o -> o.orderType().equals("Stop Market"))
                .toList();
        assertThat(stops.size()).as("a snapshot holds stop-market orders").isGreaterThan(1);
        int limit = stops.size() / 2; // half of them: a first page that is not the whole answer
        long page = limit;
        Map<String, Object> s = structured(harness.call(
                "list_open_orders",
                Map.of("snapshotTime", API_TIME.format(hourAgo), "orderType", "stop market", "limit", limit)));
        RequestLog.Entry request = onlyApiRequest();
        assertThat(request.path()).isEqualTo(API + "/orders/5m-snapshots/" + API_TIME.format(hourAgo));
        assertThat(request.rawQuery()).isEqualTo("orderType=Stop%20Market&limit=" + limit);
        assertThat(s)
                .containsEntry("ordersRead", page)
                .containsEntry("triggerOrders", page)
                .containsEntry("restingOrders", 0L)
                .containsEntry("complete", false)
                .containsEntry("snapshotTs", API_TIME.format(hourAgo));
        BigDecimal firstPage = stops.subList(0, limit).stream()
                .map(o -> o.triggerPx().multiply(o.sz()))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(num(s.get("triggerNotional"))).isEqualTo(firstPage.doubleValue());
        assertThat(s.get("nextCursor")).isNotNull();
    }

    @Test
    void withoutArgumentsTheLatestSnapshotsFirstPageIsAskedWithTheDefaultLimit() {
        Map<String, Object> s = structured(harness.call("list_open_orders", Map.of()));
        RequestLog.Entry request = onlyApiRequest();
        assertThat(request.path()).isEqualTo(API + "/orders/5m-snapshots/latest");
        assertThat(request.rawQuery()).isEqualTo("limit=100");
        assertThat(s).containsEntry("ordersRead", 100L);
    }

    // ---- export_open_orders: {downloadUrl} to a gzip file without Content-Encoding ----

    @Test
    @SuppressWarnings("unchecked")
    void aCoinsWholeBookIsDownloadedGzippedWithoutTheTokenAndMatchesTheSnapshot() {
        List<OpenOrderBook.Order> eth = truthOf(OpenOrderBook.latest(truth), "ETH");
        Map<String, Object> s = structured(harness.call("export_open_orders", Map.of("coin", "ETH")));

        RequestLog.Entry request = onlyApiRequest();
        assertThat(request.path()).isEqualTo(API + "/orders/5m-snapshots/coins/ETH/download");
        assertThat(request.rawQuery()).isNullOrEmpty();
        List<RequestLog.Entry> files = fileRequests();
        assertThat(files).hasSize(1);
        assertThat(files.get(0).path())
                .isEqualTo("/files/generated/orders/ETH/" + API_TIME.format(OpenOrderBook.latest(truth)) + ".json.gz");
        assertThat(files.get(0).bearerSent()).as("no token to the file host").isFalse();
        assertThat(files.get(0).status()).isEqualTo(200);

        long triggers = eth.stream().filter(OpenOrderBook.Order::isTrigger).count();
        assertThat(s)
                .containsEntry("ordersRead", (long) eth.size())
                .containsEntry("triggerOrders", triggers)
                .containsEntry("coinCount", 1L);
        assertBook(((List<Map<String, Object>>) s.get("coins")).get(0), book(eth));
    }

    // ---- export_pnl_leaderboard ----

    @Test
    @SuppressWarnings("unchecked")
    void thePnlLeaderboardFileIsReadWithItsStringNumbersAndSumsToThePositionsPnl() {
        Instant weekAgo = truth.anchor().minus(Duration.ofDays(7));
        Map<String, Long> weekPnlCents = new HashMap<>();
        for (MarketData.Wallet w : truth.wallets()) weekPnlCents.put(w.address(), 0L);
        for (MarketData.Position p : truth.positions()) {
            if (p.openTime().isBefore(weekAgo)) continue;
            weekPnlCents.merge(p.wallet().address(), Math.round(p.unrealizedPnl() * 100), Long::sum);
        }
        long sum = weekPnlCents.values().stream().mapToLong(Long::longValue).sum();
        long up = weekPnlCents.values().stream().filter(v -> v > 0).count();
        long down = weekPnlCents.values().stream().filter(v -> v < 0).count();
        long best =
                weekPnlCents.values().stream().mapToLong(Long::longValue).max().orElseThrow();

        Map<String, Object> s = structured(harness.call("export_pnl_leaderboard", Map.of("period", "7d", "top", 5)));

        RequestLog.Entry request = onlyApiRequest();
        assertThat(request.path()).isEqualTo(API + "/leaderboards/perp-pnl/7d/download");
        assertThat(request.rawQuery()).isNullOrEmpty();
        assertThat(fileRequests()).singleElement().matches(e -> !e.bearerSent() && e.status() == 200);

        assertThat(truth.wallets().size()).isLessThan(25_000);
        assertThat(s)
                .containsEntry("period", "7d")
                .containsEntry("pnlField", "pnlWeek")
                .containsEntry("walletsRead", (long) truth.wallets().size())
                .containsEntry("winners", up)
                .containsEntry("losers", down)
                .containsEntry("flat", truth.wallets().size() - up - down);
        assertThat(num(s.get("sumPnl"))).isEqualTo(BigDecimal.valueOf(sum, 2).doubleValue());
        assertThat(((Number) s.get("numbersAsStrings")).longValue())
                .as("every number of the file arrives as a string")
                .isGreaterThanOrEqualTo(2L * truth.wallets().size());
        List<Map<String, Object>> top = (List<Map<String, Object>>) s.get("top");
        assertThat(top).extracting(m -> m.get("rank")).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(num(top.get(0).get("pnl")))
                .isEqualTo(BigDecimal.valueOf(best, 2).doubleValue());
        assertThat(weekPnlCents.get((String) top.get(0).get("address"))).isEqualTo(best);
    }

    // ---- validation before any request ----

    @Test
    void badArgumentsAreRefusedBeforeAnyRequest() {
        Instant latest = OpenOrderBook.latest(truth);
        List<Map<String, Object>> refused = new ArrayList<>();
        refused.add(Map.of("snapshotTime", API_TIME.format(latest.minus(Duration.ofMinutes(3)))));
        refused.add(Map.of("snapshotTime", API_TIME.format(latest.minusSeconds(300 * 12 + 1))));
        refused.add(Map.of("snapshotTime", API_TIME.format(latest.minus(Duration.ofDays(31)))));
        refused.add(Map.of("snapshotTime", "2026-01-19T11:00:00Z"));
        refused.add(Map.of("snapshotTime", API_TIME.format(Instant.now().plus(Duration.ofHours(1)))));
        refused.add(Map.of("snapshotTime", "yesterday"));
        refused.add(Map.of("limit", 1001));
        refused.add(Map.of("limit", 0));
        refused.add(Map.of("orderType", "Market"));
        refused.add(Map.of("coin", "BTC/USD"));
        refused.add(Map.of("address", "0x12"));
        refused.add(Map.of("address", List.of("0x" + "1".repeat(40), "0x" + "2".repeat(40)))); // the API takes one
        refused.add(Map.of("start", "2026-11-02T00:00:00Z", "end", "2026-11-01T00:00:00Z"));
        for (Map<String, Object> args : refused) {
            CallToolResult r = harness.call("list_open_orders", args);
            assertThat(r.isError()).as(args.toString()).isTrue();
            assertThat(text(r)).as(args.toString()).contains("No request was sent");
        }
        CallToolResult offGrid = harness.call(
                "list_open_orders", Map.of("snapshotTime", API_TIME.format(latest.minus(Duration.ofMinutes(3)))));
        assertThat(text(offGrid)).contains("not on the 5-minute snapshot grid");
        assertThat(harness.call("export_pnl_leaderboard", Map.of("period", "1y"))
                        .isError())
                .isTrue();
        assertThat(harness.call("export_pnl_leaderboard", Map.of()).isError()).isTrue();
        assertThat(harness.call("export_open_orders", Map.of()).isError()).isTrue();
        assertThat(harness.call("export_open_orders", Map.of("coin", "../BTC")).isError())
                .isTrue();
        assertThat(log.entries()).isEmpty();
    }

    /** The sandbox imitates the API: a snapshot time off the 5-minute grid is a 400, one not kept a 404. */
    @Test
    void theSandboxAnswersTheApisErrorsForSnapshotTimes() throws Exception {
        Instant latest = OpenOrderBook.latest(truth);
        assertThat(get("/orders/5m-snapshots/" + API_TIME.format(latest.minus(Duration.ofMinutes(3))))
                        .statusCode())
                .isEqualTo(400);
        assertThat(get("/orders/5m-snapshots/" + API_TIME.format(latest.minus(Duration.ofDays(40))))
                        .statusCode())
                .isEqualTo(404);
        assertThat(get("/orders/5m-snapshots/latest?limit=1001").statusCode()).isEqualTo(400);
        assertThat(get("/leaderboards/perp-pnl/1y/download").statusCode()).isEqualTo(400);
        HttpResponse<String> latestTime = get("/orders/5m-snapshots/latest-snapshot-timestamp");
        assertThat(latestTime.body()).isEqualTo("\"" + API_TIME.format(latest) + "\"");
    }

    static final HttpClient CLIENT = HttpClient.newHttpClient();

    static HttpResponse<String> get(String path) throws Exception {
        return CLIENT.send(
                HttpRequest.newBuilder(URI.create(harness.sandbox().baseUrl() + API + path))
                        .header("Authorization", "Bearer " + harness.sandbox().token())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
