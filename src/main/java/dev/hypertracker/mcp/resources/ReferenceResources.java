package dev.hypertracker.mcp.resources;

import dev.hypertracker.mcp.api.ApiException;
import dev.hypertracker.mcp.api.ApiRequest;
import dev.hypertracker.mcp.api.CoinDirectory;
import dev.hypertracker.mcp.api.Deadline;
import dev.hypertracker.mcp.api.HyperTrackerClient;
import dev.hypertracker.mcp.catalog.Catalog;
import dev.hypertracker.mcp.catalog.Cohort;
import dev.hypertracker.mcp.catalog.SizeBucket;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.Resource;
import io.modelcontextprotocol.spec.McpSchema.ResourceTemplate;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reference data as resources: the cohort legend, the size bucket table, the coins traded now, one coin or cohort
 * by template, and the server status. Live data comes through the client, so it is cached like tool calls.
 */
public final class ReferenceResources {
    public static final String COHORTS = "hypertracker://cohorts";
    public static final String SIZE_BUCKETS = "hypertracker://size-buckets";
    public static final String COINS = "hypertracker://coins";
    public static final String STATUS = "hypertracker://status";
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final HyperTrackerClient client;
    private final CoinDirectory coins;
    private final Supplier<Map<String, Object>> status;
    private final Clock clock;

    public ReferenceResources(
            HyperTrackerClient client, CoinDirectory coins, Supplier<Map<String, Object>> status, Clock clock) {
        this.client = client;
        this.coins = coins;
        this.status = status;
        this.clock = clock;
    }

    public List<SyncResourceSpecification> resources() {
        return List.of(
                resource(
                        COHORTS,
                        "cohorts",
                        "Cohort legend",
                        "The 16 cohorts: id, name, axis (size or PnL), thresholds. "
                                + "A wallet is in one cohort of each axis.",
                        this::cohorts),
                resource(
                        SIZE_BUCKETS,
                        "size-buckets",
                        "Position size buckets",
                        "The 10 position size buckets (by USD value) " + "used by get_coin_size_bucket_metrics.",
                        ReferenceResources::sizeBuckets),
                resource(
                        COINS,
                        "coins",
                        "Coins traded now",
                        "Every coin with open positions, by open value, with long/short split.",
                        () -> coins.exposure()),
                resource(
                        STATUS,
                        "status",
                        "Server status",
                        "Upstream requests made, cache hits, 429s, circuit breaker.",
                        status::get));
    }

    public List<SyncResourceTemplateSpecification> templates() {
        return List.of(
                new SyncResourceTemplateSpecification(
                        ResourceTemplate.builder(COINS + "/{coin}", "coin")
                                .title("One coin's open exposure")
                                .description("Open value, long/short split and counts of one coin.")
                                .mimeType("application/json")
                                .build(),
                        (exchange, request) ->
                                read(request.uri(), () -> coin(request.uri().substring(COINS.length() + 1)))),
                new SyncResourceTemplateSpecification(
                        ResourceTemplate.builder(COHORTS + "/{segmentId}", "cohort")
                                .title("One cohort's definition")
                                .description("Name, axis and thresholds of a cohort id 1-16.")
                                .mimeType("application/json")
                                .build(),
                        (exchange, request) ->
                                read(request.uri(), () -> cohort(request.uri().substring(COHORTS.length() + 1)))));
    }

    private SyncResourceSpecification resource(
            String uri, String name, String title, String description, Supplier<Object> content) {
        return new SyncResourceSpecification(
                Resource.builder(uri, name)
                        .title(title)
                        .description(description)
                        .mimeType("application/json")
                        .build(),
                (exchange, request) -> read(uri, content));
    }

    private static ReadResourceResult read(String uri, Supplier<Object> content) {
        try {
            return ReadResourceResult.builder(
                            List.of(TextResourceContents.builder(uri, JSON.writeValueAsString(content.get()))
                                    .mimeType("application/json")
                                    .build()))
                    .build();
        } catch (ApiException e) {
            throw McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR)
                    .message(e.getMessage())
                    .build();
        }
    }

    /** The live legend from /segments; the built-in one when the API cannot be reached, marked as such. */
    private Object cohorts() {
        try {
            return client.fetch(
                            ApiRequest.of(Catalog.LIST_COHORTS, Map.of(), List.of()),
                            Deadline.after(Duration.ofSeconds(10), clock),
                            false)
                    .body();
        } catch (ApiException e) {
            Map<String, Object> fallback = new LinkedHashMap<>();
            fallback.put("source", "built-in legend (the API was not reachable: " + e.getMessage() + ")");
            fallback.put(
                    "cohorts",
                    Cohort.inIdOrder().stream()
                            .map(ReferenceResources::describe)
                            .toList());
            return fallback;
        }
    }

    static Map<String, Object> describe(Cohort c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("name", c.displayName());
        m.put("axis", c.axis().name().toLowerCase());
        m.put("rule", c.rule());
        return m;
    }

    static Object sizeBuckets() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (SizeBucket b : SizeBucket.values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", b.id());
            m.put("range", b.range());
            m.put("minUsd", b.min());
            m.put("maxUsd", Double.isInfinite(b.max()) ? null : b.max());
            rows.add(m);
        }
        return rows;
    }

    private Object coin(String coin) {
        for (JsonNode row : coins.exposure()) {
            if (row.path("coin").asString("").equals(coin)) return row;
        }
        throw McpError.builder(McpSchema.ErrorCodes.RESOURCE_NOT_FOUND)
                .message("No open positions in \"" + coin + "\". Coin symbols are case-sensitive; " + COINS
                        + " lists them.")
                .build();
    }

    private static Object cohort(String idOrName) {
        Cohort c = Cohort.parse(idOrName).orElse(null);
        if (c == null) {
            throw McpError.builder(McpSchema.ErrorCodes.RESOURCE_NOT_FOUND)
                    .message("No cohort \"" + idOrName + "\"; ids are 1-16 (" + COHORTS + ").")
                    .build();
        }
        return describe(c);
    }
}
