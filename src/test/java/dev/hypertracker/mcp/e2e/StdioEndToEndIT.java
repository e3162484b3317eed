package dev.hypertracker.mcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypertracker.mcp.sandbox.SandboxConfig;
import dev.hypertracker.mcp.sandbox.SandboxServer;
import dev.hypertracker.mcp.server.ServerIdentity;
import dev.hypertracker.mcp.tools.ToolManifest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Drives the built jar over stdio as Claude Desktop does: initialize, tools/list, and a call of every tool against
 * the sandbox, checking the upstream request each call produced and that stdout carries only JSON-RPC.
 */
class StdioEndToEndIT {
    static SandboxServer sandbox;
    static StdioMcpClient client;

    @BeforeAll
    static void start() throws Exception {
        sandbox = SandboxServer.start(
                SandboxConfig.defaults().withPositions(20_000).withWallets(4_000));
        client = new StdioMcpClient(
                List.of("--tools", "all"), // every tool is called below; the default set lists fewer
                Map.of(
                        "HYPERTRACKER_BASE_URL",
                        sandbox.baseUrl().toString(),
                        "HYPERTRACKER_API_TOKEN",
                        sandbox.token()));
        JsonNode init = client.initialize();
        JsonNode info = init.path("result").path("serverInfo");
        assertThat(info.path("name").asString()).isEqualTo("hypertracker-mcp");
        assertThat(info.path("title").asString()).isEqualTo(ServerIdentity.TITLE);
        assertThat(info.path("description").asString()).isEqualTo(ServerIdentity.DESCRIPTION);
        assertThat(info.path("websiteUrl").asString()).isEqualTo(ServerIdentity.WEBSITE);
        assertThat(info.path("icons").path(0).path("src").asString()).startsWith("data:image/png;base64,");
        assertThat(init.path("result").path("instructions").asString()).contains("never add figures of the two axes");
    }

    @AfterAll
    static void stop() throws Exception {
        if (client != null) client.close();
        if (sandbox != null) sandbox.close();
    }

    /** One call per tool and the upstream path (and query fragments) it must produce. */
    record Case(String tool, Map<String, Object> args, String path, List<String> queryParts) {}

    static List<Case> cases() {
        return List.of(
                new Case(
                        "list_positions",
                        args("coin", "BTC", "open", true, "limit", 100, "maxPages", 2),
                        "/api/external/positions",
                        List.of("coin=BTC", "open=true", "limit=100", "start=2025-04-04T00:00:00.000Z")),
                new Case(
                        "export_coin_positions",
                        args("coin", "BTC"),
                        "/api/external/exports/coins/BTC/positions",
                        List.of()),
                new Case("get_open_exposure_by_coin", args(), "/api/external/positions/coins", List.of()),
                new Case(
                        "export_position_breakdown_by_cohort",
                        args("coin", "ETH"),
                        "/api/external/exports/coins/ETH/position-breakdown-by-cohort",
                        List.of()),
                new Case(
                        "export_position_breakdown_by_size",
                        args("coin", "SOL"),
                        "/api/external/exports/coins/SOL/position-breakdown-by-size",
                        List.of()),
                new Case(
                        "get_market_overview_metrics",
                        args("limit", 50),
                        "/api/external/position-metrics/general",
                        List.of("limit=50", "start=")),
                new Case(
                        "export_position_metrics",
                        args("coin", "HYPE"),
                        "/api/external/exports/coins/HYPE/position-metrics",
                        List.of()),
                new Case("get_perp_volume_metrics", args(), "/api/external/metrics/perp-volume", List.of("start=")),
                new Case(
                        "get_positions_heatmap",
                        args("openedWithin", "7d"),
                        "/api/external/positions/heatmap",
                        List.of("openedWithin=7d")),
                new Case(
                        "get_coin_position_metrics",
                        args("coin", "BTC"),
                        "/api/external/position-metrics/coin/BTC",
                        List.of("limit=1000", "start=")),
                new Case(
                        "get_coin_segment_metrics",
                        args("coin", "BTC", "segmentId", "Smart Money", "positionRecencyTimeframe", "7d"),
                        "/api/external/position-metrics/coin/BTC/segment/9",
                        List.of("positionRecencyTimeframe=7d", "start=")),
                new Case(
                        "get_coin_size_bucket_metrics",
                        args("coin", "ETH", "sizeBucketId", "$10k-$25k"),
                        "/api/external/position-metrics/coin/ETH/position-size-bucket/3",
                        List.of("start=")),
                new Case(
                        "get_liquidation_risk_by_asset",
                        args("segmentId", 5, "limit", 50),
                        "/api/external/5/assets/liquidation-risk",
                        List.of("offset=0", "limit=50")),
                new Case(
                        "export_liquidation_heatmap",
                        args("coin", "BTC"),
                        "/api/external/exports/coins/BTC/liquidation-heatmap",
                        List.of()),
                new Case("list_cohorts", args(), "/api/external/segments", List.of()),
                new Case("get_data_freshness", args(), "/api/external/hypertracker/state/status", List.of()));
    }

    static Map<String, Object> args(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    @Test
    void listsEveryToolWithSchemasAndAnnotations() throws Exception {
        JsonNode tools = client.request("tools/list", Map.of()).path("result").path("tools");
        List<String> names = new ArrayList<>();
        tools.forEach(t -> names.add(t.path("name").asString()));
        assertThat(names)
                .containsExactlyInAnyOrderElementsOf(
                        ToolManifest.definitions().stream().map(t -> t.name()).toList());
        for (JsonNode t : tools) {
            assertThat(t.path("title").asString()).as(t.path("name").asString()).isNotBlank();
            assertThat(t.path("outputSchema").path("type").asString()).isEqualTo("object");
            assertThat(t.path("annotations").path("readOnlyHint").asBoolean()).isTrue();
            assertThat(t.path("annotations").path("destructiveHint").asBoolean(true))
                    .isFalse();
        }
    }

    @Test
    void everyToolCallReachesItsEndpointAndReturnsADigest() throws Exception {
        for (Case c : cases()) {
            sandbox.requestLog().clear();
            Map<String, Object> uncached = new LinkedHashMap<>(c.args());
            uncached.put("fresh", true); // other tests may have cached the same request
            JsonNode result = client.callTool(c.tool(), uncached);
            assertThat(result.path("isError").asBoolean(false))
                    .as(c.tool() + ": " + result)
                    .isFalse();
            assertThat(result.path("content").get(0).path("text").asString())
                    .as(c.tool())
                    .isNotBlank();
            assertThat(result.path("structuredContent").isObject()).as(c.tool()).isTrue();
            var apiCalls = sandbox.requestLog().entries().stream()
                    .filter(e -> e.path().startsWith("/api/external/"))
                    .toList();
            assertThat(apiCalls).as(c.tool() + " upstream requests").isNotEmpty();
            assertThat(apiCalls.get(0).path()).as(c.tool()).isEqualTo(c.path());
            assertThat(apiCalls.get(0).bearerSent()).isTrue();
            for (String part : c.queryParts())
                assertThat(apiCalls.get(0).rawQuery()).as(c.tool()).contains(part);
        }
    }

    @Test
    void exportFilesAreFetchedWithoutTheToken() throws Exception {
        sandbox.requestLog().clear();
        client.callTool("export_liquidation_heatmap", args("coin", "ETH", "fresh", true));
        var entries = sandbox.requestLog().entries();
        assertThat(entries).hasSizeGreaterThanOrEqualTo(2);
        var file = entries.stream()
                .filter(e -> !e.path().startsWith("/api/external/"))
                .findFirst()
                .orElseThrow();
        assertThat(file.bearerSent()).isFalse();
    }

    @Test
    void aBadCallIsAToolErrorAndTheServerKeepsServing() throws Exception {
        sandbox.requestLog().clear();
        JsonNode bad = client.callTool("get_coin_position_metrics", args("coin", "../segments"));
        assertThat(bad.path("isError").asBoolean()).isTrue();
        assertThat(bad.path("content").get(0).path("text").asString())
                .contains("coin")
                .contains("Allowed");
        assertThat(sandbox.requestLog().entries()).isEmpty();
        JsonNode good = client.callTool("list_cohorts", args());
        assertThat(good.path("isError").asBoolean(false)).isFalse();
    }

    @Test
    void stdoutCarriesNothingButJsonRpc() throws Exception {
        client.callTool("get_server_status", args());
        for (String line : List.copyOf(client.stdoutLines)) {
            JsonNode msg = StdioMcpClient.JSON.readTree(line);
            assertThat(msg.path("jsonrpc").asString()).as(line).isEqualTo("2.0");
        }
        assertThat(client.stdoutLines).isNotEmpty();
    }

    @Test
    void withoutATokenTheServerStillListsToolsAndEachCallSaysHowToSetIt() throws Exception {
        try (StdioMcpClient noToken = new StdioMcpClient(
                List.of("--tools", "all"),
                Map.of("HYPERTRACKER_BASE_URL", sandbox.baseUrl().toString()))) {
            noToken.initialize();
            assertThat(noToken.request("tools/list", Map.of())
                            .path("result")
                            .path("tools")
                            .size())
                    .isEqualTo(ToolManifest.definitions().size());
            sandbox.requestLog().clear();
            JsonNode r = noToken.callTool("get_open_exposure_by_coin", args());
            assertThat(r.path("isError").asBoolean()).isTrue();
            assertThat(r.path("content").get(0).path("text").asString())
                    .contains("HYPERTRACKER_API_TOKEN")
                    .contains("--demo");
            assertThat(sandbox.requestLog().entries()).isEmpty();
        }
    }

    @Test
    void exitsCleanlyWhenStdinCloses() throws Exception {
        try (StdioMcpClient another = new StdioMcpClient(List.of("--demo"), Map.of())) {
            another.initialize();
            JsonNode r = another.callTool("get_open_exposure_by_coin", args());
            assertThat(r.path("content").get(0).path("text").asString()).contains("SYNTHETIC");
            assertThat(r.path("structuredContent").path("synthetic").asBoolean())
                    .isTrue();
            assertThat(another.closeAndWait(Duration.ofSeconds(10))).isZero();
        }
    }
}
