package dev.hypertracker.mcp.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypertracker.mcp.config.Secret;
import dev.hypertracker.mcp.config.Settings;
import dev.hypertracker.mcp.sandbox.SandboxConfig;
import dev.hypertracker.mcp.sandbox.SandboxServer;
import dev.hypertracker.mcp.server.HyperTrackerServer;
import dev.hypertracker.mcp.tools.ToolSelection;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The server's feature set against a small sandbox on a loopback port, in-process: tool calls take the same path
 * as over MCP (validation, client, cache, digest), without a transport.
 */
public final class SandboxHarness implements AutoCloseable {
    /** A sandbox small enough to start in well under a second, large enough to span pages. */
    public static final SandboxConfig SMALL =
            SandboxConfig.defaults().withPositions(20_000).withWallets(4_000);

    private final SandboxServer sandbox;
    private final HyperTrackerServer server;
    private final Map<String, SyncToolSpecification> tools = new java.util.HashMap<>();

    private SandboxHarness(SandboxServer sandbox, Settings settings, Clock clock) {
        this.sandbox = sandbox;
        this.server = new HyperTrackerServer(settings, ToolSelection.all(), clock);
        server.tools().forEach(t -> tools.put(t.tool().name(), t));
    }

    public static SandboxHarness start() {
        return start(SMALL, s -> s);
    }

    public static SandboxHarness start(SandboxConfig config, UnaryOperator<Settings> tune) {
        return start(config, tune, Clock.systemUTC());
    }

    /** With a clock the test controls (e.g. {@link ManualClock}: virtual time, also for the sandbox's delay faults): cache TTLs, breaker cool-down, deadlines follow it. */
    public static SandboxHarness start(SandboxConfig config, UnaryOperator<Settings> tune, Clock clock) {
        SandboxServer sandbox = SandboxServer.start(config);
        if (clock instanceof dev.hypertracker.mcp.time.TimeSource time)
            sandbox.useTime(time); // the quota's day, delay faults and export expiry in the same time
        return new SandboxHarness(
                sandbox, tune.apply(Settings.defaults(sandbox.baseUrl(), Secret.of(sandbox.token()))), clock);
    }

    public SandboxServer sandbox() {
        return sandbox;
    }

    public HyperTrackerServer server() {
        return server;
    }

    public CallToolResult call(String tool, Map<String, Object> args) {
        SyncToolSpecification spec = tools.get(tool);
        if (spec == null) throw new IllegalArgumentException("no tool " + tool);
        return spec.callHandler()
                .apply(null, CallToolRequest.builder(tool).arguments(args).build());
    }

    public static String text(CallToolResult r) {
        return ((TextContent) r.content().get(0)).text();
    }

    /** The structured content of a result that must not be an error (its text says why when it is). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> structured(CallToolResult r) {
        assertThat(r.isError()).as(text(r)).isNotEqualTo(Boolean.TRUE);
        return (Map<String, Object>) r.structuredContent();
    }

    /** An object field of structured content. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Map<String, Object> s, String key) {
        return (Map<String, Object>) s.get(key);
    }

    /** A list-of-objects field of structured content. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> list(Map<String, Object> s, String key) {
        return (List<Map<String, Object>>) s.get(key);
    }

    /** A number of structured content, as a double. */
    public static double num(Object o) {
        return ((Number) o).doubleValue();
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
