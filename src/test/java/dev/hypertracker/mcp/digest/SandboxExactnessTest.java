package dev.hypertracker.mcp.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hypertracker.mcp.sandbox.MarketData;
import dev.hypertracker.mcp.support.SandboxHarness;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Digests are exact: their totals, counts, extremes and rankings equal what an independent computation over the
 * sandbox's ground truth (or its raw rows) gives, whatever the page size.
 */
class SandboxExactnessTest {
    static final ObjectMapper JSON = JsonMapper.builder().build();
    static SandboxHarness harness;
    static MarketData truth;

    @BeforeAll
    static void start() {
        harness = SandboxHarness.start();
        truth = harness.sandbox().data();
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    static JsonNode structured(CallToolResult r) {
        assertThat(r.isError()).as(SandboxHarness.text(r)).isNotEqualTo(Boolean.TRUE);
        return JSON.valueToTree(r.structuredContent());
    }

    static double cents(double v) {
        return Math.round(v * 100) / 100.0;
    }

    @ParameterizedTest(name = "page size {0}")
    @ValueSource(ints = {1000, 337, 150})
    void positionTotalsMatchTheTruthAcrossPageBoundaries(int pageSize) {
        String coin = "ETH";
        List<MarketData.Position> rows =
                truth.positions().stream().filter(p -> p.coin().equals(coin)).toList();
        int pages = (rows.size() + pageSize - 1) / pageSize;
        assertThat(pages).as("the data spans pages at this size").isBetween(1, 20);
        JsonNode d = structured(harness.call(
                "list_positions", Map.of("coin", coin, "limit", pageSize, "maxPages", 20, "maxTokens", 20_000)));
        assertThat(d.path("omitted")).as("nothing cut at this budget").isEmpty();

        assertThat(d.path("complete").asBoolean()).isTrue();
        assertThat(d.path("rowsScanned").asInt()).isEqualTo(rows.size());
        assertThat(d.path("pagesFetched").asInt()).isEqualTo(pages);
        JsonNode t = d.path("totals");
        assertThat(t.path("count").asInt()).isEqualTo(rows.size());
        assertThat(t.path("openCount").asInt())
                .isEqualTo(rows.stream().filter(MarketData.Position::isOpen).count());
        assertThat(t.path("closedCount").asInt())
                .isEqualTo(rows.stream().filter(p -> !p.isOpen()).count());
        assertThat(t.path("longCount").asInt())
                .isEqualTo(rows.stream().filter(MarketData.Position::isLong).count());
        assertThat(t.path("shortCount").asInt())
                .isEqualTo(rows.stream().filter(p -> !p.isLong()).count());
        assertThat(t.path("longValue").asDouble())
                .isCloseTo(
                        cents(rows.stream()
                                .filter(MarketData.Position::isLong)
                                .mapToDouble(MarketData.Position::positionValue)
                                .sum()),
                        within(0.011));
        assertThat(t.path("shortValue").asDouble())
                .isCloseTo(
                        cents(rows.stream()
                                .filter(p -> !p.isLong())
                                .mapToDouble(MarketData.Position::positionValue)
                                .sum()),
                        within(0.011));
        assertThat(t.path("unrealizedPnl").asDouble())
                .isCloseTo(
                        cents(rows.stream()
                                .mapToDouble(MarketData.Position::unrealizedPnl)
                                .sum()),
                        within(0.011));
        assertThat(t.path("funding").asDouble())
                .isCloseTo(
                        cents(rows.stream()
                                .mapToDouble(MarketData.Position::funding)
                                .sum()),
                        within(0.011));

        double largest = rows.stream()
                .mapToDouble(MarketData.Position::positionValue)
                .max()
                .orElseThrow();
        assertThat(d.path("top").get(0).path("value").asDouble()).isEqualTo(largest);
        // each wallet is in exactly one cohort per axis: each axis on its own adds up to the whole
        assertThat(sum(d.path("bySizeCohort"), "count")).isEqualTo(rows.size());
        assertThat(sum(d.path("byPnlCohort"), "count")).isEqualTo(rows.size());
    }

    @Test
    void aSinglePageReportsTheCursorToContinueAndTheNextPageCoversTheRest() {
        List<MarketData.Position> rows =
                truth.positions().stream().filter(p -> p.coin().equals("SOL")).toList();
        JsonNode first = structured(harness.call("list_positions", Map.of("coin", "SOL", "limit", 200)));
        assertThat(first.path("complete").asBoolean()).isFalse();
        assertThat(first.path("rowsScanned").asInt()).isEqualTo(200);
        String cursor = first.path("nextCursor").asString();
        JsonNode rest = structured(harness.call(
                "list_positions", Map.of("coin", "SOL", "limit", 1000, "maxPages", 20, "nextCursor", cursor)));
        assertThat(rest.path("complete").asBoolean()).isTrue();
        assertThat(first.path("totals").path("count").asInt()
                        + rest.path("totals").path("count").asInt())
                .isEqualTo(rows.size());
    }

    @Test
    void exposureTotalsEqualTheOpenPositions() {
        List<MarketData.Position> open = truth.openPositions();
        JsonNode d = structured(harness.call("get_open_exposure_by_coin", Map.of()));
        assertThat(d.path("totals").path("count").asInt()).isEqualTo(open.size());
        assertThat(d.path("totals").path("coinCount").asInt())
                .isEqualTo(
                        open.stream().map(MarketData.Position::coin).distinct().count());
        assertThat(d.path("totals").path("totalValue").asDouble())
                .isCloseTo(
                        open.stream()
                                .mapToDouble(MarketData.Position::positionValue)
                                .sum(),
                        within(0.05));
        String biggest = open.stream()
                .collect(java.util.stream.Collectors.groupingBy(
                        MarketData.Position::coin,
                        java.util.stream.Collectors.summingDouble(MarketData.Position::positionValue)))
                .entrySet()
                .stream()
                .max(Map.Entry.comparingByValue())
                .orElseThrow()
                .getKey();
        assertThat(d.path("coins").get(0).path("coin").asString()).isEqualTo(biggest);
    }

    @Test
    void seriesStatsEqualTheRawRowsAcrossPages() throws Exception {
        String start = DateTimes.iso(truth.anchor().minus(Duration.ofDays(5)));
        JsonNode d = structured(harness.call(
                "get_coin_position_metrics", Map.of("coin", "BTC", "start", start, "limit", 25, "maxPages", 20)));
        List<JsonNode> raw =
                rawPages("/api/external/position-metrics/coin/BTC?start=" + start + "&limit=1000", "metrics");
        assertThat(d.path("points").asInt()).isEqualTo(raw.size());
        assertThat(d.path("complete").asBoolean()).isTrue();
        JsonNode value = d.path("stats").path("totalPositionValue");
        // upstream is newest first: last = first row, first = last row
        assertThat(value.path("last").asDouble())
                .isEqualTo(raw.get(0).path("totalPositionValue").asDouble());
        assertThat(value.path("first").asDouble())
                .isEqualTo(raw.get(raw.size() - 1).path("totalPositionValue").asDouble());
        assertThat(value.path("max").asDouble())
                .isEqualTo(raw.stream()
                        .mapToDouble(r -> r.path("totalPositionValue").asDouble())
                        .max()
                        .orElseThrow());
        assertThat(value.path("min").asDouble())
                .isEqualTo(raw.stream()
                        .mapToDouble(r -> r.path("totalPositionValue").asDouble())
                        .min()
                        .orElseThrow());
        assertThat(Instant.parse(d.path("from").asString()))
                .isEqualTo(
                        Instant.parse(raw.get(raw.size() - 1).path("createdAt").asString()));
        assertThat(Instant.parse(d.path("to").asString()))
                .isEqualTo(Instant.parse(raw.get(0).path("createdAt").asString()));
    }

    @Test
    void liquidationRiskSumsWhatWasFetched() throws Exception {
        JsonNode d =
                structured(harness.call("get_liquidation_risk_by_asset", Map.of("segmentId", "Whale", "limit", 500)));
        List<JsonNode> raw = rawPages("/api/external/5/assets/liquidation-risk?offset=0&limit=500", "items");
        assertThat(d.path("totalCount").asInt()).isEqualTo(raw.size());
        assertThat(d.path("valueAtRisk").asDouble())
                .isCloseTo(
                        raw.stream()
                                .mapToDouble(r -> r.path("riskValue").asDouble())
                                .sum(),
                        within(0.011));
        assertThat(d.path("items").get(0).path("coin").asString())
                .isEqualTo(raw.get(0).path("coin").asString());
    }

    static long sum(JsonNode array, String field) {
        long total = 0;
        for (JsonNode n : array) total += n.path(field).asLong();
        return total;
    }

    /** Every row of an endpoint, read straight from the sandbox over HTTP, following nextCursor. */
    static List<JsonNode> rawPages(String pathAndQuery, String rowsKey) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<JsonNode> rows = new ArrayList<>();
        String next = pathAndQuery;
        while (next != null) {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(harness.sandbox().baseUrl() + next))
                            .header(
                                    "Authorization",
                                    "Bearer " + harness.sandbox().token())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(r.body());
            body.path(rowsKey).forEach(rows::add);
            String cursor = body.path("nextCursor").asString(null);
            next = cursor == null
                    ? null
                    : pathAndQuery + "&nextCursor="
                            + java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8);
        }
        return rows;
    }

    /** ISO 8601 with millis, as the API takes it. */
    static final class DateTimes {
        static String iso(Instant t) {
            return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
                    .withZone(java.time.ZoneOffset.UTC)
                    .format(t);
        }
    }
}
