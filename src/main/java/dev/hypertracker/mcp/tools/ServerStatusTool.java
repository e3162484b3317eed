package dev.hypertracker.mcp.tools;

import dev.hypertracker.mcp.api.HyperTrackerClient;
import dev.hypertracker.mcp.config.Settings;
import dev.hypertracker.mcp.shared.SharedStore;
import dev.hypertracker.mcp.stats.UpstreamStats;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code get_server_status}: what this server has cost the user's quota and saved (upstream requests, cache
 * hits, coalesced calls, 429s), the cache, the circuit breaker and the rate limit. No upstream call.
 */
public final class ServerStatusTool {
    public static final String NAME = "get_server_status";

    private final Settings settings;
    private final HyperTrackerClient client;
    private final UpstreamStats stats;
    private final String version;
    private final Supplier<SharedStore.State> sharedStore;

    public ServerStatusTool(Settings settings, HyperTrackerClient client, UpstreamStats stats, String version) {
        this(settings, client, stats, version, () -> SharedStore.State.OFF);
    }

    /** @param sharedStore the state of the store shared with other instances (Redis): off, up or down */
    public ServerStatusTool(
            Settings settings,
            HyperTrackerClient client,
            UpstreamStats stats,
            String version,
            Supplier<SharedStore.State> sharedStore) {
        this.settings = settings;
        this.client = client;
        this.stats = stats;
        this.version = version;
        this.sharedStore = sharedStore;
    }

    public static Tool definition() {
        Map<String, Object> object = Map.of("type", "object");
        return Tool.builder(NAME, Map.of("type", "object", "properties", Map.of(), "additionalProperties", false))
                .title("Server status and quota use")
                .description(
                        "This server's counters, no API call: upstream requests (quota spent), cache hits, coalesced "
                                + "calls, 429s, retries, circuit breaker, rate limit.")
                .outputSchema(Map.of(
                        "type",
                        "object",
                        "required",
                        List.of("counters"),
                        "properties",
                        Map.of(
                                "counters",
                                object,
                                "cache",
                                object,
                                "circuitBreakerOpen",
                                Map.of("type", "boolean"),
                                // {limit, remaining, resetAt}: X-RateLimit-* of the last API response, null = unknown
                                "upstreamQuota",
                                object,
                                // the Redis shared by instances: off (none configured), up, or down (own state)
                                "sharedStore",
                                Map.of("type", "string", "enum", List.of("off", "up", "down")))))
                .annotations(ToolAnnotations.builder()
                        .readOnlyHint(true)
                        .destructiveHint(false)
                        .idempotentHint(true)
                        .openWorldHint(false) // this server's own counters only
                        .build())
                .build();
    }

    public SyncToolSpecification specification() {
        return SyncToolSpecification.builder()
                .tool(definition())
                .callHandler((exchange, request) -> {
                    if (request.arguments() != null && !request.arguments().isEmpty()) {
                        return CallToolResult.builder()
                                .isError(true)
                                .addTextContent("Invalid argument: " + NAME + " takes no arguments; got "
                                        + request.arguments().keySet() + ".")
                                .build();
                    }
                    Map<String, Object> status = status();
                    return CallToolResult.builder()
                            .addTextContent(text(status))
                            .structuredContent(status)
                            .build();
                })
                .build();
    }

    public Map<String, Object> status() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", version);
        m.put("demo", settings.demo());
        m.put(
                "apiHost",
                settings.baseUrl().getHost()
                        + (settings.baseUrl().getPort() > 0
                                ? ":" + settings.baseUrl().getPort()
                                : ""));
        m.put("tokenConfigured", settings.hasToken());
        m.put("counters", stats.snapshot());
        Map<String, Object> cache = new LinkedHashMap<>();
        cache.put("enabled", settings.cacheEnabled());
        cache.put("entries", client.cache().size());
        cache.put("bytes", client.cache().sizeBytes());
        cache.put("maxBytes", client.cache().maxBytes());
        m.put("cache", cache);
        m.put("rateLimitPerMinute", settings.requestsPerMinute());
        m.put("circuitBreakerOpen", client.breaker().isOpen());
        m.put("upstreamQuota", client.quota().last().asMap());
        m.put("sharedStore", sharedStore.get().label());
        return m;
    }

    private static String text(Map<String, Object> s) {
        @SuppressWarnings("unchecked")
        Map<String, Object> c = (Map<String, Object>) s.get("counters");
        return "hypertracker-mcp " + s.get("version")
                + (Boolean.TRUE.equals(s.get("demo")) ? " (demo: synthetic data)" : "")
                + " → " + s.get("apiHost") + ", token "
                + (Boolean.TRUE.equals(s.get("tokenConfigured")) ? "set" : "NOT set")
                + ". Upstream requests: " + c.get("upstreamRequests") + " (+" + c.get("exportDownloads")
                + " export downloads), cache hits: "
                + c.get("cacheHits") + ", coalesced: " + c.get("coalescedRequests") + ", 429s: "
                + c.get("rateLimited429")
                + ", retries: " + c.get("retries") + ", tool calls: " + c.get("toolCalls") + " (" + c.get("toolErrors")
                + " errors). Rate limit " + s.get("rateLimitPerMinute") + "/min; circuit breaker "
                + (Boolean.TRUE.equals(s.get("circuitBreakerOpen")) ? "OPEN" : "closed") + "; shared store "
                + s.get("sharedStore") + "." + quotaText(s);
    }

    private static String quotaText(Map<String, Object> s) {
        @SuppressWarnings("unchecked")
        Map<String, Object> q = (Map<String, Object>) s.get("upstreamQuota");
        if (q.get("limit") == null && q.get("remaining") == null && q.get("resetAt") == null) return "";
        return " API quota (last response): " + (q.get("remaining") == null ? "?" : q.get("remaining")) + " of "
                + (q.get("limit") == null ? "?" : q.get("limit")) + " left"
                + (q.get("resetAt") == null ? "" : ", resets at " + q.get("resetAt")) + ".";
    }
}
