package dev.hypertracker.mcp.fidelity;

import static dev.hypertracker.mcp.support.SandboxHarness.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hypertracker.mcp.support.SandboxHarness;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue 12 "Digests say only what the data supports", against the realistic sandbox. */
class WindowsAndWordingTest {

    static final Instant ANCHOR = Instant.now().truncatedTo(ChronoUnit.HOURS);
    static SandboxHarness harness;

    @BeforeAll
    static void start() {
        harness = SandboxHarness.start(SandboxHarness.SMALL.withAnchor(ANCHOR), s -> s);
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    /** The first line of a successful result's text. */
    static String firstLine(CallToolResult r) {
        assertThat(r.isError()).as(text(r)).isFalse();
        return text(r).lines().findFirst().orElseThrow();
    }

    private static String daysAgo(int days) {
        return ANCHOR.minus(Duration.ofDays(days)).toString();
    }

    @Test
    void aPartialPositionsReadSaysWhichSliceItSawAndHowToGetTheNewest() {
        CallToolResult r = harness.call("list_positions", Map.of("coin", "BTC"));
        assertThat(firstLine(r))
                .contains("PARTIAL: these are the 1,000 oldest positions opened since 2025-04-04")
                .contains("up to openTime")
                .contains("set start closer to now");
        CallToolResult complete = harness.call("list_positions", Map.of("coin", "BTC", "start", daysAgo(1)));
        assertThat(firstLine(complete)).doesNotContain("PARTIAL");
    }

    @Test
    void seriesCoverTheirWindowWithUpToThreePagesAndSayInTheFirstLineWhenNot() {
        // 20 days of 15-minute points: 1,921 points, two 1,000-row pages
        CallToolResult covered = harness.call("get_coin_position_metrics", Map.of("coin", "BTC", "start", daysAgo(20)));
        assertThat(firstLine(covered)).doesNotContain("PARTIAL");
        assertThat(((Map<?, ?>) covered.structuredContent()).get("points")).isEqualTo(1_921L);
        assertThat(((Map<?, ?>) covered.structuredContent()).get("pagesFetched"))
                .isEqualTo(2);

        // 40 days: 3,841 points, more than 3 pages hold
        CallToolResult partial = harness.call("get_coin_position_metrics", Map.of("coin", "BTC", "start", daysAgo(40)));
        assertThat(firstLine(partial))
                .contains("PARTIAL: the stats cover")
                .contains("of the requested")
                .contains("raise maxPages");
        assertThat(text(partial)).contains("Stats per metric over ");

        // the sandbox holds 90 days: a window starting before them is covered only from its data start
        CallToolResult early = harness.call(
                "get_coin_position_metrics",
                Map.of("coin", "BTC", "start", daysAgo(200), "end", daysAgo(85), "maxPages", 20));
        assertThat(firstLine(early)).contains("PARTIAL").contains("the API has no points before");
    }

    @Test
    void exposureAndHeatmapSayValueCountsBothSidesAndHeadlineNoValueLongShare() {
        CallToolResult exposure = harness.call("get_open_exposure_by_coin", Map.of());
        assertThat(text(exposure))
                .contains("counting both sides")
                .contains("about 2x the usual one-sided open interest")
                .doesNotContain("long by value")
                .contains(" longs avg ");
        CallToolResult heatmap = harness.call("get_positions_heatmap", Map.of());
        assertThat(text(heatmap)).contains("counting both sides").contains(" shorts avg ");
        @SuppressWarnings("unchecked")
        Map<String, Object> coin = ((java.util.List<Map<String, Object>>)
                        ((Map<String, Object>) heatmap.structuredContent()).get("coins"))
                .get(0);
        assertThat(coin).doesNotContainKey("longPct").containsKeys("countLong", "countShort", "averageLongValue");
    }

    @Test
    void liquidationFiguresUseTheApisWordsAndOurOwnFormulaIsLabelled() {
        assertThat(text(harness.call("get_liquidation_risk_by_asset", Map.of("segmentId", 4))))
                .contains("\"within 75% of the liquidation threshold\" (the API's words; formula unpublished)");
        assertThat(text(harness.call("list_positions", Map.of("coin", "ETH", "open", true, "start", daysAgo(3)))))
                .contains(
                        "Near liquidation, this server's figure (mark >= 75% of the way from entry price to liquidation price; "
                                + "not the vendor's measure)");
        assertThat(text(harness.call("export_position_breakdown_by_size", Map.of("coin", "BTC"))))
                .contains("size bucket")
                .contains("totals over all 10 size-bucket rows")
                .contains("the vendor does not publish how it is measured");
    }
}
