package dev.hypertracker.mcp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypertracker.mcp.catalog.Cohort;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The default data set meets the size minimums (its start-up time: bench/sandbox.sh, SandboxScaleReport). */
class DefaultScaleTest {

    @BeforeAll
    static void quiet() {
        SandboxClient.quietJetty();
    }

    @Test
    void defaultMarketMeetsTheMinimums() {
        SandboxConfig defaults = SandboxConfig.defaults();
        assertThat(defaults.positions()).isEqualTo(120_000);
        assertThat(defaults.wallets()).isEqualTo(24_000);
        try (SandboxServer server = SandboxServer.start(defaults)) {
            MarketData data = server.data();
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
}
