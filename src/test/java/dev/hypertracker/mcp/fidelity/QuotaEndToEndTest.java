package dev.hypertracker.mcp.fidelity;

import static dev.hypertracker.mcp.support.SandboxHarness.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hypertracker.mcp.sandbox.RequestLog;
import dev.hypertracker.mcp.support.ManualClock;
import dev.hypertracker.mcp.support.SandboxHarness;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 "Quota" through the real path: the sandbox's daily quota (X-RateLimit-* on every response, 429 with
 * retry_after until midnight UTC once spent), the real HTTP client, the tools; virtual time shared by both sides.
 */
class QuotaEndToEndTest {

    private static final int DAILY_QUOTA = 3;

    @Test
    void statusMirrorsTheHeadersAndASpentQuotaAnswersAtOnceWithoutRequestsUntilTheReset() {
        ManualClock clock = new ManualClock();
        clock.advance(Duration.ofHours(20)); // 2026-03-01T20:00Z: the quota resets in 4 hours
        Instant midnight = Instant.parse("2026-03-02T00:00:00Z");
        try (SandboxHarness h = SandboxHarness.start(SandboxHarness.SMALL.withDailyQuota(DAILY_QUOTA), s -> s, clock)) {
            RequestLog log = h.sandbox().requestLog();

            assertThat(h.call("get_open_exposure_by_coin", Map.of()).isError()).isFalse();
            assertThat(quota(h)).isEqualTo(expectedQuota(DAILY_QUOTA - 1, midnight));
            assertThat(h.call("list_cohorts", Map.of()).isError()).isFalse();
            assertThat(h.call("get_data_freshness", Map.of()).isError()).isFalse();
            assertThat(quota(h)).isEqualTo(expectedQuota(0, midnight));
            assertThat(log.entries()).hasSize(DAILY_QUOTA).allMatch(e -> e.status() == 200);

            // the next request is the sandbox's 429 (retry_after = 4 h): longer than any call's deadline
            CallToolResult spent = h.call("get_positions_heatmap", Map.of());
            assertThat(spent.isError()).isTrue();
            assertThat(text(spent)).contains("quota spent; resets at 2026-03-02 00:00");
            assertThat(log.entries()).hasSize(DAILY_QUOTA + 1);
            assertThat(log.entries().get(DAILY_QUOTA).status()).isEqualTo(429);

            // meanwhile: the same answer, and no request at all (other tools and arguments, an hour later too)
            clock.advance(Duration.ofHours(1));
            for (String tool : List.of("get_positions_heatmap", "get_market_overview_metrics")) {
                CallToolResult again = h.call(tool, Map.of());
                assertThat(again.isError()).as(tool).isTrue();
                assertThat(text(again)).as(tool).contains("quota spent; resets at 2026-03-02 00:00");
            }
            assertThat(log.entries()).hasSize(DAILY_QUOTA + 1);

            // after the reset (virtual time, both sides): calls go through again and the status follows
            clock.advance(Duration.between(clock.instant(), midnight).plusSeconds(1));
            CallToolResult after = h.call("get_positions_heatmap", Map.of());
            assertThat(after.isError()).as(text(after)).isFalse();
            assertThat(log.entries()).hasSize(DAILY_QUOTA + 2);
            assertThat(quota(h)).isEqualTo(expectedQuota(DAILY_QUOTA - 1, midnight.plus(Duration.ofDays(1))));
        }
    }

    private static Map<String, Object> expectedQuota(int remaining, Instant reset) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("limit", (long) DAILY_QUOTA);
        m.put("remaining", (long) remaining);
        m.put("resetAt", reset.toString());
        return m;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> quota(SandboxHarness h) {
        CallToolResult status = h.call("get_server_status", Map.of());
        return (Map<String, Object>) ((Map<String, Object>) status.structuredContent()).get("upstreamQuota");
    }
}
