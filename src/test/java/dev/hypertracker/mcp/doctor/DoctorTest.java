package dev.hypertracker.mcp.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypertracker.mcp.config.Secret;
import dev.hypertracker.mcp.sandbox.SandboxConfig;
import dev.hypertracker.mcp.sandbox.SandboxServer;
import dev.hypertracker.mcp.support.SandboxHarness;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** doctor against the sandbox in its realistic default and in each knob mode. */
class DoctorTest {

    private static Doctor.Report run(SandboxConfig config, Function<SandboxServer, String> token, boolean probe) {
        try (SandboxServer sandbox = SandboxServer.start(config)) {
            return new Doctor(sandbox.baseUrl(), Secret.of(token.apply(sandbox)), Clock.systemUTC()).run(probe);
        }
    }

    private static Doctor.EndpointProbe endpoint(Doctor.Report r, String tool) {
        return r.endpoints().stream()
                .filter(p -> p.tool().equals(tool))
                .findFirst()
                .orElseThrow();
    }

    /**
     * Routes the realistic sandbox answers with numbers as strings: the perp PnL leaderboard (documented) and the order
     * file's prices and sizes (Hyperliquid's form; the docs only say numbers may be strings).
     */
    private static final Set<String> SENDS_STRING_NUMBERS =
            Set.of("get_pnl_leaderboard", "export_pnl_leaderboard", "export_open_orders", "list_open_orders");

    @Test
    void theRealisticSandboxIsAllGreen() {
        Doctor.Report r = run(SandboxHarness.SMALL, SandboxServer::token, true);
        assertThat(r.checks()).allMatch(c -> c.status() == Doctor.Status.OK, Doctor.text(r));
        assertThat(r.endpoints()).hasSize(Doctor.requestsPlanned(true));
        for (Doctor.EndpointProbe p : r.endpoints()) {
            assertThat(p.status()).as(p.tool()).isEqualTo(200);
            assertThat(p.neededMissing()).as(p.tool()).isEmpty();
            assertThat(p.wrongType()).as(p.tool()).isEmpty();
            assertThat(p.note()).as(p.tool()).isNotEqualTo("no expected shape recorded");
            if (SENDS_STRING_NUMBERS.contains(p.tool()))
                assertThat(p.numbersAsStrings()).as(p.tool()).isNotEmpty();
            else assertThat(p.numbersAsStrings()).as(p.tool()).isEmpty();
        }
        assertThat(r.healthy()).isTrue();
        assertThat(Doctor.text(r)).endsWith("All well.");
    }

    @Test
    void theDriftedShapeIsFoundAndFails() {
        Doctor.Report r = run(SandboxHarness.SMALL.withDrifted(true), SandboxServer::token, true);
        Doctor.EndpointProbe positions = endpoint(r, "list_positions");
        assertThat(positions.neededMissing()).containsExactly("side");
        assertThat(positions.unknown()).contains("direction");
        assertThat(r.healthy()).isFalse();
        assertThat(Doctor.text(r))
                .contains("missing (needed by the digests): side")
                .contains("unknown fields: direction");
        // without the probe, the basic checks cannot see a renamed field
        assertThat(run(SandboxHarness.SMALL.withDrifted(true), SandboxServer::token, false)
                        .healthy())
                .isTrue();
    }

    @Test
    void aRenamedFieldOnTheWholeApiRoutesIsFound() {
        Doctor.Report r = run(SandboxHarness.SMALL.withDrifted(true), SandboxServer::token, true);
        for (String tool : List.of("get_biggest_positions", "list_liquidation_fills")) {
            Doctor.EndpointProbe p = endpoint(r, tool);
            assertThat(p.neededMissing()).as(tool).containsExactly("side");
            assertThat(p.unknown()).as(tool).contains("direction");
            assertThat(p.failed()).as(tool).isTrue();
        }
        // the order book file (gzip behind a downloadUrl, left as served by the knobs) is followed, inflated and read
        Doctor.EndpointProbe orders = endpoint(r, "export_open_orders");
        assertThat(orders.status()).isEqualTo(200);
        assertThat(orders.neededMissing()).isEmpty();
        assertThat(orders.missing()).doesNotContain("limitPx", "snapshotTs");
    }

    @Test
    void numbersAsStringsAreReportedButHealthy() {
        Doctor.Report r = run(SandboxHarness.SMALL.withNumbersAsStrings(true), SandboxServer::token, true);
        assertThat(endpoint(r, "list_positions").numbersAsStrings()).contains("positionValue");
        assertThat(endpoint(r, "get_open_exposure_by_coin").numbersAsStrings()).contains("totalValue", "countLong");
        assertThat(endpoint(r, "list_wallets").numbersAsStrings()).contains("totalEquity", "perpPnl");
        assertThat(endpoint(r, "get_pnl_leaderboard").numbersAsStrings()).contains("pnlAllTime", "rank");
        assertThat(r.healthy()).isTrue();
    }

    @Test
    void aRejectedTokenGetsClearAdviceAndIsNeverPrinted() {
        String wrong = "wrong-token-7f3a9c";
        Doctor.Report r = run(SandboxHarness.SMALL, s -> wrong, true);
        assertThat(r.healthy()).isFalse();
        assertThat(r.checks())
                .anyMatch(c -> c.name().equals("token")
                        && c.status() == Doctor.Status.FAIL
                        && c.detail().contains("401")
                        && c.detail().contains("HYPERTRACKER_API_TOKEN"));
        assertThat(r.endpoints()).as("no probe after a rejected token").isEmpty();
        assertThat(Doctor.text(r)).doesNotContain(wrong);
        assertThat(Doctor.json(r)).doesNotContain(wrong);
        assertThat(Doctor.text(run(SandboxHarness.SMALL, SandboxServer::token, false)))
                .doesNotContain("sandbox-token");
    }

    @Test
    void aSpentQuotaFailsWithItsResetTime() {
        Doctor.Report r = run(SandboxHarness.SMALL.withDailyQuota(1), SandboxServer::token, false);
        assertThat(r.checks())
                .anyMatch(c -> c.name().equals("quota")
                        && c.status() == Doctor.Status.FAIL
                        && c.detail().contains("quota spent: resets at")
                        && c.detail().contains("T00:00:00Z"));
        assertThat(r.healthy()).isFalse();
    }

    @Test
    void theOlderErrorShapeDoesNotDisturbTheProbe() {
        assertThat(run(SandboxHarness.SMALL.withLegacyErrors(true), SandboxServer::token, true)
                        .healthy())
                .isTrue();
    }

    @Test
    void noTokenIsAConfigurationFailureWithoutARequest() {
        Doctor.Report r =
                new Doctor(java.net.URI.create("http://127.0.0.1:9"), Secret.of(null), Clock.systemUTC()).run(true);
        assertThat(r.checks()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("configuration");
            assertThat(c.detail()).contains("HYPERTRACKER_API_TOKEN is not set");
        });
    }
}
