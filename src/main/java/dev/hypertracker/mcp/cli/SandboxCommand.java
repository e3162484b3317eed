package dev.hypertracker.mcp.cli;

import dev.hypertracker.mcp.sandbox.SandboxConfig;
import dev.hypertracker.mcp.sandbox.SandboxServer;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hypertracker-mcp sandbox}: the imitation HyperTracker API on a loopback port, standalone. */
@Command(
        name = "sandbox",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Runs the deterministic imitation of the HyperTracker API on 127.0.0.1 and prints its base URL.",
            "Point the server at it with HYPERTRACKER_BASE_URL=<url> HYPERTRACKER_API_TOKEN=<token>."
        })
public final class SandboxCommand implements Callable<Integer> {
    @Option(
            names = "--port",
            defaultValue = "9000",
            description = "Port on 127.0.0.1 (default ${DEFAULT-VALUE}; 0 = any).")
    int port;

    @Option(
            names = "--token",
            defaultValue = "sandbox-token",
            description = "Bearer token it accepts (default ${DEFAULT-VALUE}).")
    String token;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Data seed: same seed, same data (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--positions",
            paramLabel = "N",
            description = "Number of positions to generate (scale knob for benchmarks).")
    Integer positions;

    @Option(names = "--wallets", paramLabel = "N", description = "Number of wallets to generate.")
    Integer wallets;

    @Option(
            names = "--export-ttl",
            paramLabel = "SECONDS",
            description = "Lifetime of export download links (default 30).")
    Integer exportTtlSeconds;

    @Option(
            names = "--numbers-as-strings",
            description = "Serve every number in a JSON body as a string (a quirk seen on the real API).")
    boolean numbersAsStrings;

    @Option(names = "--legacy-errors", description = "Answer 400s in the older {\"errors\":[{\"property\":…}]} shape.")
    boolean legacyErrors;

    @Option(
            names = "--daily-quota",
            paramLabel = "N",
            description = "Requests allowed per UTC day before 429s (default 100000).")
    Integer dailyQuota;

    @Option(
            names = "--drifted",
            description = "Rename a field the digests need (positions rows: side -> direction), for doctor --probe.")
    boolean drifted;

    @Override
    public Integer call() throws Exception {
        SandboxConfig config =
                SandboxConfig.defaults().withPort(port).withToken(token).withSeed(seed);
        if (positions != null) config = config.withPositions(positions);
        if (wallets != null) config = config.withWallets(wallets);
        if (exportTtlSeconds != null) config = config.withExportTtl(Duration.ofSeconds(exportTtlSeconds));
        if (dailyQuota != null) config = config.withDailyQuota(dailyQuota);
        config = config.withNumbersAsStrings(numbersAsStrings)
                .withLegacyErrors(legacyErrors)
                .withDrifted(drifted);
        CountDownLatch closed = new CountDownLatch(1);
        try (SandboxServer sandbox = SandboxServer.start(config)) {
            System.out.println(sandbox.baseUrl());
            System.out.flush();
            System.err.println("HyperTracker sandbox (synthetic data, seed " + seed + ") at " + sandbox.baseUrl()
                    + " — use HYPERTRACKER_BASE_URL=" + sandbox.baseUrl() + " HYPERTRACKER_API_TOKEN=" + token);
            HyperTrackerCommand.awaitTermination(closed);
        } finally {
            closed.countDown();
        }
        return 0;
    }
}
