package dev.hypertracker.mcp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Same seed and anchor: byte-identical responses; another seed: another market. */
class DeterminismTest {

    private static final List<String> PATHS = List.of(
            "/positions?start=2026-06-01T00:00:00.000Z&limit=1000",
            "/positions/coins",
            "/positions/heatmap",
            "/position-metrics/general?start=2026-06-01T00:00:00.000Z",
            "/position-metrics/coin/HYPE?start=2026-06-01T00:00:00.000Z",
            "/position-metrics/coin/kPEPE/segment/11?start=2026-06-01T00:00:00.000Z",
            "/position-metrics/coin/BTC/position-size-bucket/5?start=2026-06-01T00:00:00.000Z",
            "/metrics/perp-volume?start=2026-06-01T00:00:00.000Z",
            "/7/assets/liquidation-risk?limit=500",
            "/exports/coins/BTC/positions",
            "/exports/coins/BTC/position-metrics",
            "/exports/coins/BTC/position-breakdown-by-cohort",
            "/exports/coins/BTC/position-breakdown-by-size",
            "/exports/coins/BTC/liquidation-heatmap");

    private static List<byte[]> responses(SandboxConfig config) {
        try (SandboxServer server = SandboxServer.start(config.withInlineExports(true))) {
            SandboxClient client = new SandboxClient(server);
            return PATHS.stream()
                    .map(p -> {
                        var r = client.getBytes(p);
                        assertThat(r.statusCode()).as(p).isEqualTo(200);
                        return r.body();
                    })
                    .toList();
        }
    }

    @Test
    void sameSeedAndAnchorGiveByteIdenticalResponses() {
        List<byte[]> first = responses(SandboxClient.smallConfig());
        List<byte[]> second =
                responses(SandboxClient.smallConfig().withToken("another").withPort(0));
        for (int i = 0; i < PATHS.size(); i++)
            assertThat(second.get(i)).as(PATHS.get(i)).isEqualTo(first.get(i));
    }

    @Test
    void anotherSeedGivesAnotherMarket() {
        List<byte[]> first = responses(SandboxClient.smallConfig());
        List<byte[]> other = responses(SandboxClient.smallConfig().withSeed(7));
        for (int i = 0; i < PATHS.size(); i++)
            assertThat(other.get(i)).as(PATHS.get(i)).isNotEqualTo(first.get(i));
    }
}
