package dev.hypertracker.mcp.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypertracker.mcp.support.SandboxHarness;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A series window that starts before the route's history (per-coin metrics from 2026-02-19, recency variants from
 * 2026-03-19) says so in the first line, against a sandbox whose data reaches back before those dates.
 */
class HistoryCoverageTest {

    static SandboxHarness harness;

    @BeforeAll
    static void start() {
        harness = SandboxHarness.start(SandboxHarness.SMALL.withAnchor(Instant.parse("2026-03-01T12:00:00Z")), s -> s);
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    private static String firstLine(CallToolResult r) {
        return WindowsAndWordingTest.firstLine(r);
    }

    @Test
    void aWindowStartingBeforeTheHistorySaysWhereTheHistoryBeginsAndWhatTheStatsCover() {
        CallToolResult r = harness.call(
                "get_coin_position_metrics",
                Map.of("coin", "BTC", "start", "2026-02-10T00:00:00Z", "end", "2026-02-25T00:00:00Z"));
        assertThat(firstLine(r))
                .contains("PARTIAL: the stats cover 2026-02-19T00:00Z")
                .contains("this route's history begins 2026-02-19T00:00Z");
        assertThat(harness.sandbox().requestLog().count("/api/external/position-metrics/coin/{coin}"))
                .isEqualTo(1);
    }

    @Test
    void aRecencyWindowEntirelyBeforeItsHistoryIsNotCoveredNotAnError() {
        CallToolResult r = harness.call(
                "get_coin_segment_metrics",
                Map.of(
                        "coin",
                        "BTC",
                        "segmentId",
                        1,
                        "positionRecencyTimeframe",
                        "7d",
                        "start",
                        "2026-02-20T00:00:00Z"));
        assertThat(firstLine(r))
                .contains("NOT COVERED: no points")
                .contains("this route's history begins 2026-03-19T00:00Z");
        // without the recency filter the same window is covered from 2026-02-20 on
        CallToolResult all = harness.call(
                "get_coin_segment_metrics", Map.of("coin", "BTC", "segmentId", 1, "start", "2026-02-20T00:00:00Z"));
        assertThat(firstLine(all)).doesNotContain("PARTIAL").doesNotContain("NOT COVERED");
    }
}
