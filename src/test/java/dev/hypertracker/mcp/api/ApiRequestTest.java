package dev.hypertracker.mcp.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypertracker.mcp.catalog.Catalog;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiRequestTest {
    @Test
    void encodesPathAndQueryValuesSoTheyCannotChangeTheRequestShape() {
        ApiRequest r = ApiRequest.of(
                Catalog.GET_COIN_POSITION_METRICS, Map.of("coin", "a/b?c=d#e"), List.of(Map.entry("start", "x&y=z")));
        assertThat(r.pathAndQuery()).isEqualTo("/api/external/position-metrics/coin/a%2Fb%3Fc%3Dd%23e?start=x%26y%3Dz");
        assertThat(r.uri(URI.create("http://127.0.0.1:9/")).getPath())
                .isEqualTo("/api/external/position-metrics/coin/a/b?c=d#e");
        assertThat(r.uri(URI.create("http://127.0.0.1:9/")).getRawPath())
                .isEqualTo("/api/external/position-metrics/coin/a%2Fb%3Fc%3Dd%23e");
    }

    @Test
    void withQueryReplacesTheCursor() {
        ApiRequest r = ApiRequest.of(Catalog.LIST_POSITIONS, Map.of(), List.of(Map.entry("limit", "5")))
                .withQuery("nextCursor", "a")
                .withQuery("nextCursor", "b");
        assertThat(r.pathAndQuery()).isEqualTo("/api/external/positions?limit=5&nextCursor=b");
    }
}
