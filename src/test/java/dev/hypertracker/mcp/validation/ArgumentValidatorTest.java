package dev.hypertracker.mcp.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hypertracker.mcp.catalog.Catalog;
import dev.hypertracker.mcp.catalog.Endpoint;
import dev.hypertracker.mcp.digest.Detail;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArgumentValidatorTest {
    private final ArgumentValidator validator =
            new ArgumentValidator(Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC));

    private ValidatedCall call(Endpoint endpoint, Object... kv) {
        Map<String, Object> args = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) args.put((String) kv[i], kv[i + 1]);
        return validator.validate(endpoint, args);
    }

    @Test
    void buildsThePositionsQueryInDeclarationOrderWithDefaults() {
        ValidatedCall c = call(
                Catalog.LIST_POSITIONS,
                "coin",
                "BTC",
                "open",
                true,
                "segmentId",
                "Smart Money",
                "address",
                List.of("0xABCDEF0123456789abcdef0123456789ABCDEF01"));
        assertThat(c.request().pathAndQuery())
                .isEqualTo("/api/external/positions?coin=BTC"
                        + "&address=0xabcdef0123456789abcdef0123456789abcdef01&start=2025-04-04T00:00:00.000Z"
                        + "&open=true&segmentId=9&limit=1000");
        assertThat(c.maxPages()).isEqualTo(1);
        assertThat(c.options().detail()).isEqualTo(Detail.SUMMARY);
        assertThat(c.options().echo()).containsEntry("segmentId", "9");
    }

    @Test
    void seriesDefaultToTheLast24HoursAndNormaliseTimesToUtcMillis() {
        assertThat(call(Catalog.GET_COIN_POSITION_METRICS, "coin", "ETH")
                        .request()
                        .pathAndQuery())
                .isEqualTo("/api/external/position-metrics/coin/ETH?start=2026-02-28T12:00:00.000Z&limit=1000");
        assertThat(call(Catalog.GET_PERP_VOLUME_METRICS, "start", "2026-02-25T02:00:00+02:00", "end", "2026-02-26")
                        .request()
                        .query())
                .containsExactly(
                        Map.entry("start", "2026-02-25T00:00:00.000Z"),
                        Map.entry("end", "2026-02-26T00:00:00.000Z"),
                        Map.entry("limit", "1000"));
        // series ask for the largest page and read up to 3 pages to cover the window; the window asked is echoed
        ValidatedCall series = call(Catalog.GET_COIN_POSITION_METRICS, "coin", "ETH");
        assertThat(series.maxPages()).isEqualTo(3);
        assertThat(series.options().echo()).containsEntry("start", "2026-02-28T12:00:00.000Z");
        // positionRecencyTimeframe is not offered where the API ignores it
        assertThatThrownBy(
                        () -> call(Catalog.GET_COIN_POSITION_METRICS, "coin", "ETH", "positionRecencyTimeframe", "24h"))
                .hasMessageContaining("is not an argument");
        assertThat(call(
                                Catalog.GET_COIN_SEGMENT_METRICS,
                                "coin",
                                "ETH",
                                "segmentId",
                                9,
                                "positionRecencyTimeframe",
                                "24h")
                        .request()
                        .pathAndQuery())
                .contains("positionRecencyTimeframe=24h");
    }

    @Test
    void pathParametersAreValidatedAndHip3CoinsKeepTheirColon() {
        assertThat(call(Catalog.GET_COIN_SEGMENT_METRICS, "coin", "xyz:GOLD", "segmentId", "whales")
                        .request()
                        .path())
                .isEqualTo("/api/external/position-metrics/coin/xyz:GOLD/segment/5");
        assertThat(call(Catalog.GET_COIN_SIZE_BUCKET_METRICS, "coin", "kPEPE", "sizeBucketId", "$10k-$25k")
                        .request()
                        .path())
                .isEqualTo("/api/external/position-metrics/coin/kPEPE/position-size-bucket/3");
        assertThat(call(Catalog.GET_LIQUIDATION_RISK_BY_ASSET, "segmentId", 16)
                        .request()
                        .pathAndQuery())
                .isEqualTo("/api/external/16/assets/liquidation-risk?offset=0&limit=100");
    }

    @Test
    void rejectsPathTraversalAndQueryInjectionInCoin() {
        for (String evil : List.of(
                "../segments", "BTC/../../x", "BTC?limit=5", "BTC&open=true", "BTC#x", "%2e%2e", "BTC ETH", "")) {
            assertThatThrownBy(() -> call(Catalog.GET_COIN_POSITION_METRICS, "coin", evil))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessageStartingWith("coin: ")
                    .hasMessageContaining("Allowed: a coin symbol");
        }
    }

    @Test
    void rejectsOutOfRangeIdsAndUnknownNamesListingTheChoices() {
        assertThatThrownBy(() -> call(Catalog.GET_LIQUIDATION_RISK_BY_ASSET, "segmentId", 17))
                .hasMessageStartingWith("segmentId: 17 is out of range")
                .hasMessageContaining("1-16");
        assertThatThrownBy(() -> call(Catalog.GET_LIQUIDATION_RISK_BY_ASSET, "segmentId", "krakens"))
                .hasMessageContaining("matches no cohort")
                .hasMessageContaining("Smart Money (#9)");
        assertThatThrownBy(() -> call(Catalog.GET_COIN_SIZE_BUCKET_METRICS, "coin", "BTC", "sizeBucketId", 0))
                .hasMessageStartingWith("sizeBucketId: 0 is out of range");
        assertThatThrownBy(() -> call(Catalog.GET_LIQUIDATION_RISK_BY_ASSET, "segmentId", 3, "limit", 501))
                .hasMessageStartingWith("limit: 501 is out of range")
                .hasMessageContaining("from 1 to 500");
    }

    @Test
    void rejectsBadTimesEpochMillisAndReversedWindows() {
        assertThatThrownBy(() -> call(Catalog.LIST_POSITIONS, "start", "1709251200000"))
                .hasMessageContaining("epoch milliseconds");
        assertThatThrownBy(() -> call(Catalog.LIST_POSITIONS, "start", "yesterday"))
                .hasMessageContaining("not an ISO 8601 date");
        assertThatThrownBy(() -> call(Catalog.LIST_POSITIONS, "start", "1999-01-01"))
                .hasMessageContaining("outside the data's range");
        assertThatThrownBy(() -> call(Catalog.LIST_POSITIONS, "start", "2026-02-02", "end", "2026-02-01"))
                .hasMessageStartingWith("start: is after end");
    }

    @Test
    void rejectsUnknownArgumentsWrongTypesAndRequiredOnes() {
        assertThatThrownBy(() -> call(Catalog.GET_OPEN_EXPOSURE_BY_COIN, "coin", "BTC"))
                .hasMessageStartingWith("coin: is not an argument of get_open_exposure_by_coin");
        assertThatThrownBy(() -> call(Catalog.LIST_POSITIONS, "open", "yes"))
                .hasMessageContaining("Allowed: true or false");
        assertThatThrownBy(() -> call(Catalog.LIST_POSITIONS, "limit", 10.5))
                .hasMessageContaining("not a whole number");
        assertThatThrownBy(() -> call(Catalog.EXPORT_LIQUIDATION_HEATMAP)).hasMessageStartingWith("coin: is required");
        assertThatThrownBy(() -> call(Catalog.LIST_POSITIONS, "address", "0x123"))
                .hasMessageContaining("not a wallet address");
        assertThatThrownBy(() -> call(Catalog.GET_POSITIONS_HEATMAP, "openedWithin", "1y"))
                .hasMessageContaining("24h, 7d, 30d, all");
        assertThatThrownBy(() -> call(Catalog.LIST_POSITIONS, "nextCursor", "abc def"))
                .hasMessageContaining("not a cursor");
    }

    @Test
    void acceptsNumbersSentAsStringsAndToolArguments() {
        ValidatedCall c = call(
                Catalog.LIST_POSITIONS,
                "limit",
                "50",
                "maxPages",
                3,
                "detail",
                "rows",
                "fields",
                List.of("coin", "side"),
                "maxTokens",
                5000,
                "sortBy",
                "pnl",
                "fresh",
                true);
        assertThat(c.request().query()).contains(Map.entry("limit", "50"));
        assertThat(c.request().query())
                .noneMatch(e -> e.getKey().equals("maxPages") || e.getKey().equals("detail"));
        assertThat(c.maxPages()).isEqualTo(3);
        assertThat(c.fresh()).isTrue();
        assertThat(c.options().fields()).containsExactly("coin", "side");
        assertThat(c.options().maxTokens()).isEqualTo(5000);
        assertThat(c.options().sortBy()).isEqualTo("pnl");
        assertThatThrownBy(() -> call(Catalog.LIST_POSITIONS, "maxPages", 21))
                .hasMessageStartingWith("maxPages: 21 is out of range");
        assertThatThrownBy(() -> call(Catalog.GET_POSITIONS_HEATMAP, "maxPages", 2))
                .hasMessageStartingWith("maxPages: is not an argument");
    }
}
