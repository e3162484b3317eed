package dev.hypertracker.mcp.fidelity;

import static dev.hypertracker.mcp.support.SandboxHarness.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hypertracker.mcp.sandbox.MarketData;
import dev.hypertracker.mcp.support.SandboxHarness;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue 14 item 5: what a figure measures, as far as the vendor documents it, in the text a model reads. */
class UnitsAndMeaningTest {
    static SandboxHarness harness;

    @BeforeAll
    static void start() {
        harness = SandboxHarness.start();
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void exposureTextShowsLongShareByCountAndTheAveragePerSideNotAValueShare() {
        long longs = 0, shorts = 0;
        double longValue = 0;
        for (MarketData.Position p : harness.sandbox().data().openPositions()) {
            if (!p.coin().equals("BTC")) continue;
            if (p.isLong()) {
                longs++;
                longValue += p.positionValue();
            } else shorts++;
        }
        String text = text(harness.call("get_open_exposure_by_coin", Map.of("top", 3)));
        String btc =
                text.lines().filter(l -> l.startsWith("- BTC ")).findFirst().orElseThrow();
        assertThat(btc)
                .contains(String.format(Locale.ROOT, "%.1f%% long by count", 100.0 * longs / (longs + shorts)))
                .contains(String.format(Locale.ROOT, "%,d longs avg ", longs))
                .contains(String.format(Locale.ROOT, "%,d shorts avg ", shorts))
                .doesNotContain("long by value");
        assertThat(longValue).isPositive();
    }

    @Test
    void perpVolumeSaysWhatTheVendorDocumentsAndWhatItDoesNot() {
        CallToolResult r = harness.call("get_perp_volume_metrics", Map.of());
        assertThat(text(r))
                .contains("\"the total perp trading volume observed at a given timestamp\"")
                .contains("unit and the period each point covers are not documented")
                .doesNotContain("USD");
    }
}
