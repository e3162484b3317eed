package dev.hypertracker.mcp.completions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypertracker.mcp.api.CoinDirectory;
import dev.hypertracker.mcp.api.HyperTrackerClient;
import dev.hypertracker.mcp.config.Secret;
import dev.hypertracker.mcp.config.Settings;
import dev.hypertracker.mcp.sandbox.SandboxServer;
import dev.hypertracker.mcp.stats.UpstreamStats;
import dev.hypertracker.mcp.support.SandboxHarness;
import io.modelcontextprotocol.spec.McpSchema.CompleteRequest;
import io.modelcontextprotocol.spec.McpSchema.CompleteResult;
import io.modelcontextprotocol.spec.McpSchema.PromptReference;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ArgumentCompletionsTest {
    static SandboxServer sandbox;
    static ArgumentCompletions completions;
    static UpstreamStats stats = new UpstreamStats();

    @BeforeAll
    static void start() {
        sandbox = SandboxServer.start(SandboxHarness.SMALL);
        Settings settings = Settings.defaults(sandbox.baseUrl(), Secret.of(sandbox.token()));
        completions = new ArgumentCompletions(
                new CoinDirectory(new HyperTrackerClient(settings, stats, Clock.systemUTC()), Clock.systemUTC()));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    static CompleteResult complete(String argument, String prefix) {
        return completions.complete(CompleteRequest.builder(
                        new PromptReference("coin_positioning_brief"),
                        new CompleteRequest.CompleteArgument(argument, prefix))
                .build());
    }

    @Test
    void coinsComeFromTheLiveCoinListAndAreCached() {
        assertThat(complete("coin", "B").completion().values())
                .contains("BTC")
                .allMatch(v -> v.toLowerCase().startsWith("b"));
        assertThat(complete("coin", "xyz:").completion().values()).contains("xyz:GOLD");
        assertThat(complete("coin", "").completion().total())
                .isEqualTo(sandbox.data().coins().size());
        assertThat(stats.upstreamRequests())
                .as("the coin list is fetched once, then cached")
                .isEqualTo(1);
    }

    @Test
    void cohortsAndBucketsCompleteByIdOrWords() {
        assertThat(complete("segmentId", "sm").completion().values()).containsExactly("Small Whale", "Smart Money");
        assertThat(complete("segmentId", "smar").completion().values()).containsExactly("Smart Money");
        assertThat(complete("segmentId", "1").completion().values()).contains("1", "10", "16");
        assertThat(complete("sizeBucketId", "$1").completion().values()).contains("$1k-$10k", "$10k-$25k", "$1m-$2.5m");
        assertThat(complete("unknown", "").completion().values()).isEmpty();
    }
}
