package dev.hypertracker.mcp.fidelity;

import static dev.hypertracker.mcp.support.SandboxHarness.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hypertracker.mcp.sandbox.SandboxConfig;
import dev.hypertracker.mcp.support.SandboxHarness;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The digests in each of the sandbox's knob modes, against its realistic default. */
class SandboxKnobModesTest {

    static final Instant ANCHOR = Instant.now().truncatedTo(ChronoUnit.HOURS);
    static final SandboxConfig BASE = SandboxHarness.SMALL.withAnchor(ANCHOR);

    /** Tool calls covering every digest kind that reads numbers (freshness reads only times). */
    static final List<Map.Entry<String, Map<String, Object>>> CALLS = List.of(
            Map.entry("list_positions", Map.of("coin", "ETH", "open", true)),
            Map.entry("get_open_exposure_by_coin", Map.of()),
            Map.entry("get_positions_heatmap", Map.of()),
            Map.entry("get_coin_position_metrics", Map.of("coin", "BTC")),
            Map.entry("get_market_overview_metrics", Map.of()),
            Map.entry("get_liquidation_risk_by_asset", Map.of("segmentId", 4)),
            Map.entry("export_position_breakdown_by_size", Map.of("coin", "BTC")),
            Map.entry("export_position_breakdown_by_cohort", Map.of("coin", "BTC")),
            Map.entry("export_coin_positions", Map.of("coin", "BTC")),
            Map.entry("export_position_metrics", Map.of("coin", "BTC")),
            Map.entry("export_liquidation_heatmap", Map.of("coin", "BTC")),
            Map.entry("get_perp_volume_metrics", Map.of()),
            Map.entry("get_coin_segment_metrics", Map.of("coin", "BTC", "segmentId", 4)),
            Map.entry("get_coin_size_bucket_metrics", Map.of("coin", "BTC", "sizeBucketId", 5)),
            Map.entry("list_cohorts", Map.of()));

    private static Map<String, Object> digest(SandboxHarness h, String tool, Map<String, Object> args) {
        CallToolResult r = h.call(tool, args);
        assertThat(r.isError()).as(tool + ": " + text(r)).isFalse();
        @SuppressWarnings("unchecked")
        Map<String, Object> s = new LinkedHashMap<>((Map<String, Object>) r.structuredContent());
        s.remove("resourceUri");
        s.remove("cached");
        return s;
    }

    @Test
    void numbersServedAsStringsGiveTheSameDigestsAsNumbers() {
        try (SandboxHarness plain = SandboxHarness.start(BASE, s -> s);
                SandboxHarness strings = SandboxHarness.start(BASE.withNumbersAsStrings(true), s -> s)) {
            for (Map.Entry<String, Map<String, Object>> call : CALLS) {
                Map<String, Object> expected = digest(plain, call.getKey(), call.getValue());
                Map<String, Object> actual = digest(strings, call.getKey(), call.getValue());
                assertThat(actual).as(call.getKey()).isEqualTo(expected);
                assertThat(actual).as(call.getKey()).doesNotContainKey("unreadableValues");
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDriftedShapeIsReportedAsUnknownNeverGuessed() {
        try (SandboxHarness drifted = SandboxHarness.start(BASE.withDrifted(true), s -> s)) {
            CallToolResult r = drifted.call("list_positions", Map.of("coin", "ETH", "open", true));
            Map<String, Object> totals =
                    (Map<String, Object>) ((Map<String, Object>) r.structuredContent()).get("totals");
            assertThat(totals.get("unknownSideCount")).isEqualTo(totals.get("count"));
            assertThat(totals).containsEntry("longCount", 0L).containsEntry("shortCount", 0L);
            assertThat(text(r)).contains("side unknown");
        }
    }

    @Test
    void theOlderErrorShapeAndASpentQuotaKeepTheServerServing() {
        try (SandboxHarness legacy =
                SandboxHarness.start(BASE.withLegacyErrors(true).withDailyQuota(3), s -> s)) {
            assertThat(legacy.call("list_cohorts", Map.of()).isError()).isFalse();
            assertThat(legacy.call("get_open_exposure_by_coin", Map.of()).isError())
                    .isFalse();
            assertThat(legacy.call("get_data_freshness", Map.of()).isError()).isFalse();
            CallToolResult spent = legacy.call("get_positions_heatmap", Map.of());
            assertThat(spent.isError()).isTrue();
            assertThat(text(spent)).containsIgnoringCase("rate limit");
            // answers from the cache still work
            assertThat(legacy.call("list_cohorts", Map.of()).isError()).isFalse();
        }
    }
}
