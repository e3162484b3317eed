package dev.hypertracker.mcp.briefs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypertracker.mcp.api.Deadline;
import dev.hypertracker.mcp.api.HyperTrackerClient;
import dev.hypertracker.mcp.api.Pager;
import dev.hypertracker.mcp.config.Secret;
import dev.hypertracker.mcp.config.Settings;
import dev.hypertracker.mcp.digest.Summarizer;
import dev.hypertracker.mcp.sandbox.SandboxServer;
import dev.hypertracker.mcp.stats.UpstreamStats;
import dev.hypertracker.mcp.support.SandboxHarness;
import dev.hypertracker.mcp.validation.ArgumentValidator;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A brief's reads: progress after each one, and sections plugged in from another tool's own digest. */
class BriefReadsTest {
    static SandboxServer sandbox;
    static Briefs.Context context;

    @BeforeAll
    static void start() {
        sandbox = SandboxServer.start(SandboxHarness.SMALL);
        Clock clock = Clock.systemUTC();
        Settings settings = Settings.defaults(sandbox.baseUrl(), Secret.of(sandbox.token()));
        UpstreamStats stats = new UpstreamStats();
        context = new Briefs.Context(
                new ArgumentValidator(clock),
                new Pager(new HyperTrackerClient(settings, stats, clock)),
                new Summarizer(clock),
                stats,
                Duration.ofMinutes(1),
                false,
                clock);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    record Step(int done, int planned, String tool) {}

    @Test
    void everyReadOfACoinBriefIsReportedAsProgressAgainstThePlan() {
        List<Step> steps = new ArrayList<>();
        CoinBrief brief = new CoinBrief();
        BriefUpstream upstream = new BriefUpstream(
                context,
                Deadline.after(Duration.ofMinutes(1), Clock.systemUTC()),
                brief.plannedReads(),
                (done, planned, tool) -> steps.add(new Step(done, planned, tool)));
        brief.sections("BTC", upstream);
        assertThat(steps)
                .containsExactly(
                        new Step(1, 4, "get_open_exposure_by_coin"),
                        new Step(2, 4, "get_positions_heatmap"),
                        new Step(3, 4, "export_liquidation_heatmap"),
                        new Step(4, 4, "get_coin_position_metrics"));
    }

    @Test
    void aToolInTheCatalogPlugsInAsASectionWithItsOwnDigestAndAMissingOneDoesNot() {
        BriefUpstream upstream = new BriefUpstream(
                context, Deadline.after(Duration.ofMinutes(1), Clock.systemUTC()), 1, (d, p, t) -> {});
        Optional<BriefSection> section = Sections.fromTool(
                "volume", "Volume", "get_perp_volume_metrics", Map.of(), "the tool's default window", upstream);
        assertThat(section).isPresent();
        assertThat(section.get().source()).isEqualTo("get_perp_volume_metrics");
        assertThat(section.get().text())
                .startsWith("## Volume [get_perp_volume_metrics; the tool's default window]")
                .contains("points from");
        assertThat(section.get().fields()).containsKey("digest");
        assertThat(upstream.tools()).containsExactly("get_perp_volume_metrics");

        assertThat(Sections.fromTool("x", "X", "get_no_such_tool", Map.of(), "-", upstream))
                .isEmpty();
        assertThat(upstream.tools()).hasSize(1); // nothing read for a tool the catalog lacks
    }
}
