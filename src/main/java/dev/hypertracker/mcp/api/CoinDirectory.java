package dev.hypertracker.mcp.api;

import dev.hypertracker.mcp.catalog.Catalog;
import dev.hypertracker.mcp.catalog.Endpoint;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The coins traded now, from {@code /positions/coins} through the client (so cached, coalesced and rate limited
 * like any call): feeds coin completions and the coins resource.
 */
public final class CoinDirectory {
    private static final Duration BUDGET = Duration.ofSeconds(10);
    private static final Endpoint EXPOSURE = Catalog.GET_OPEN_EXPOSURE_BY_COIN;

    private final HyperTrackerClient client;
    private final Clock clock;

    public CoinDirectory(HyperTrackerClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /** The rows of /positions/coins (coin, totalValue, long/short split, counts), largest first. */
    public JsonNode exposure() {
        return client.fetch(ApiRequest.of(EXPOSURE, Map.of(), List.of()), Deadline.after(BUDGET, clock), false)
                .body();
    }

    /** Coin symbols by open value, largest first; empty when the API cannot be reached (completions are best-effort). */
    public List<String> coins() {
        try {
            List<String> out = new ArrayList<>();
            for (JsonNode row : exposure()) {
                String coin = row.path("coin").asString("");
                if (!coin.isEmpty()) out.add(coin);
            }
            return out;
        } catch (ApiException e) {
            return List.of();
        }
    }
}
