package dev.hypertracker.mcp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypertracker.mcp.catalog.Cohort;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** The default data set meets the size minimums and starts fast enough for --demo. */
class DefaultScaleTest {

    @BeforeAll
    static void quiet() {
        SandboxClient.quietJetty();
    }

    @Test
    void defaultMarketMeetsTheMinimumsAndStartsFast() {
        SandboxConfig defaults = SandboxConfig.defaults();
        assertThat(defaults.positions()).isEqualTo(120_000);
        assertThat(defaults.wallets()).isEqualTo(24_000);
        long started = System.nanoTime();
        try (SandboxServer server = SandboxServer.start(defaults)) {
            Duration startup = Duration.ofNanos(System.nanoTime() - started);
            MarketData data = server.data();
            System.out.println(server.describe() + "; start-up " + startup.toMillis() + " ms");
            assertThat(data.coins()).hasSizeGreaterThanOrEqualTo(30);
            assertThat(data.coins())
                    .extracting(MarketData.Coin::symbol)
                    .contains("BTC", "ETH", "SOL", "HYPE", "xyz:GOLD", "kPEPE");
            assertThat(data.wallets()).hasSizeGreaterThanOrEqualTo(20_000);
            assertThat(data.positions()).hasSizeGreaterThanOrEqualTo(100_000);
            assertThat(Duration.between(data.dataStart(), data.anchor()).toDays())
                    .isGreaterThanOrEqualTo(60);
            assertThat(data.openPositions())
                    .hasSizeGreaterThan(5_000)
                    .hasSizeLessThan(data.positions().size());
            Set<Cohort> cohorts = EnumSet.noneOf(Cohort.class);
            for (MarketData.Wallet w : data.wallets()) {
                cohorts.add(w.sizeCohort());
                cohorts.add(w.pnlCohort());
                assertThat(w.sizeCohort()).isEqualTo(Cohort.forEquity(w.perpEquity()));
                assertThat(w.pnlCohort()).isEqualTo(Cohort.forPnl(w.allTimePnl()));
            }
            assertThat(cohorts).containsExactlyInAnyOrder(Cohort.values());
            assertThat(data.anchor()).isEqualTo(defaults.anchor());
            // generous for a loaded 2-core CI box; typically a few hundred ms
            assertThat(startup).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void pricesMoveHourByHour() {
        MarketData data = MarketGenerator.generate(42, SandboxClient.ANCHOR, 1_000, 100);
        double[] btc = Arrays.stream(new int[] {0, 1, 2, 3})
                .mapToDouble(h -> data.price("BTC", data.dataStart().plusSeconds(3600L * h)))
                .toArray();
        assertThat(Arrays.stream(btc).distinct().count()).isGreaterThan(1);
        assertThat(data.price("BTC", data.anchor()))
                .isEqualTo(data.coin("BTC").orElseThrow().markPrice());
    }

    /** Benchmark scale: run with -Dsandbox.benchmark=true; prints generation and first-aggregation times. */
    @Test
    @EnabledIfSystemProperty(named = "sandbox.benchmark", matches = "true")
    void millionPositions() {
        long started = System.nanoTime();
        try (SandboxServer server = SandboxServer.start(
                SandboxConfig.defaults().withPositions(1_000_000).withWallets(100_000))) {
            long startup = (System.nanoTime() - started) / 1_000_000;
            SandboxClient client = new SandboxClient(server);
            long t = System.nanoTime();
            client.json("/positions/coins");
            long coins = (System.nanoTime() - t) / 1_000_000;
            t = System.nanoTime();
            client.json("/position-metrics/coin/BTC?start=2025-01-01");
            long series = (System.nanoTime() - t) / 1_000_000;
            t = System.nanoTime();
            client.json("/position-metrics/general?start=2025-01-01");
            long general = (System.nanoTime() - t) / 1_000_000;
            System.out.printf(
                    "%s; start-up %d ms; first /positions/coins %d ms, first BTC series %d ms, first general series %d ms%n",
                    server.describe(), startup, coins, series, general);
            assertThat(server.data().positions()).hasSize(1_000_000);
        }
    }
}
