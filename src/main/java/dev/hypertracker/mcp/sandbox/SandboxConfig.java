package dev.hypertracker.mcp.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Knobs of the sandbox API. The defaults imitate the real API as the notes describe it; the last four knobs
 * switch on quirks the real API has been seen with (or may drift into), for tests and {@code doctor}.
 *
 * @param port             loopback port to bind, 0 for an ephemeral one
 * @param token            the Bearer token every /api/external request must carry
 * @param seed             seed of the generated market: same seed and anchor give byte-identical responses
 * @param positions        number of positions (open and closed) to generate: the scale knob
 * @param wallets          number of wallets the positions belong to
 * @param exportTtl        how long an export file URL stays valid
 * @param anchor           the sandbox's "now": the newest data point (truncated to the hour)
 * @param inlineExports    true: export endpoints answer 200 with the file body instead of 302
 * @param numbersAsStrings true: every number in a 200 JSON body is served as a string ("30500.12"), as a
 *                         third-party probe saw on one endpoint
 * @param legacyErrors     true: 400s use the older {"errors":[{"property":…,"errors":[…]}]} shape instead of the
 *                         framework's {"statusCode":400,"message":[…],"error":"Bad Request"}
 * @param dailyQuota       requests allowed per UTC day; the next one is a 429 until midnight UTC
 * @param drifted          true: a field the digests need is renamed (positions rows say "direction" for "side"),
 *                         the kind of drift {@code doctor --probe} must find
 */
public record SandboxConfig(
        int port,
        String token,
        long seed,
        int positions,
        int wallets,
        Duration exportTtl,
        Instant anchor,
        boolean inlineExports,
        boolean numbersAsStrings,
        boolean legacyErrors,
        int dailyQuota,
        boolean drifted) {

    /** A paid plan's allowance: never reached by an ordinary test. */
    public static final int DEFAULT_DAILY_QUOTA = 100_000;

    public SandboxConfig {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(exportTtl, "exportTtl");
        Objects.requireNonNull(anchor, "anchor");
        if (port < 0 || port > 65_535) throw new IllegalArgumentException("port must be 0-65535: " + port);
        if (token.isBlank()) throw new IllegalArgumentException("token must not be blank");
        if (positions < 1) throw new IllegalArgumentException("positions must be at least 1: " + positions);
        if (wallets < 1) throw new IllegalArgumentException("wallets must be at least 1: " + wallets);
        if (exportTtl.isNegative() || exportTtl.isZero())
            throw new IllegalArgumentException("exportTtl must be positive");
        if (dailyQuota < 0) throw new IllegalArgumentException("dailyQuota must not be negative: " + dailyQuota);
        anchor = anchor.truncatedTo(ChronoUnit.HOURS);
    }

    /**
     * Port 0, token "sandbox-token", seed 42, 120,000 positions, 24,000 wallets, 30 s export URLs, anchor = this
     * hour, the API's current shapes, 100,000 requests a day.
     */
    public static SandboxConfig defaults() {
        return new SandboxConfig(
                0,
                "sandbox-token",
                42,
                120_000,
                24_000,
                Duration.ofSeconds(30),
                Instant.now(),
                false,
                false,
                false,
                DEFAULT_DAILY_QUOTA,
                false);
    }

    public SandboxConfig withPort(int port) {
        return new SandboxConfig(
                port,
                token,
                seed,
                positions,
                wallets,
                exportTtl,
                anchor,
                inlineExports,
                numbersAsStrings,
                legacyErrors,
                dailyQuota,
                drifted);
    }

    public SandboxConfig withToken(String token) {
        return new SandboxConfig(
                port,
                token,
                seed,
                positions,
                wallets,
                exportTtl,
                anchor,
                inlineExports,
                numbersAsStrings,
                legacyErrors,
                dailyQuota,
                drifted);
    }

    public SandboxConfig withSeed(long seed) {
        return new SandboxConfig(
                port,
                token,
                seed,
                positions,
                wallets,
                exportTtl,
                anchor,
                inlineExports,
                numbersAsStrings,
                legacyErrors,
                dailyQuota,
                drifted);
    }

    public SandboxConfig withPositions(int positions) {
        return new SandboxConfig(
                port,
                token,
                seed,
                positions,
                wallets,
                exportTtl,
                anchor,
                inlineExports,
                numbersAsStrings,
                legacyErrors,
                dailyQuota,
                drifted);
    }

    public SandboxConfig withWallets(int wallets) {
        return new SandboxConfig(
                port,
                token,
                seed,
                positions,
                wallets,
                exportTtl,
                anchor,
                inlineExports,
                numbersAsStrings,
                legacyErrors,
                dailyQuota,
                drifted);
    }

    public SandboxConfig withExportTtl(Duration exportTtl) {
        return new SandboxConfig(
                port,
                token,
                seed,
                positions,
                wallets,
                exportTtl,
                anchor,
                inlineExports,
                numbersAsStrings,
                legacyErrors,
                dailyQuota,
                drifted);
    }

    public SandboxConfig withAnchor(Instant anchor) {
        return new SandboxConfig(
                port,
                token,
                seed,
                positions,
                wallets,
                exportTtl,
                anchor,
                inlineExports,
                numbersAsStrings,
                legacyErrors,
                dailyQuota,
                drifted);
    }

    public SandboxConfig withInlineExports(boolean inlineExports) {
        return new SandboxConfig(
                port,
                token,
                seed,
                positions,
                wallets,
                exportTtl,
                anchor,
                inlineExports,
                numbersAsStrings,
                legacyErrors,
                dailyQuota,
                drifted);
    }

    public SandboxConfig withNumbersAsStrings(boolean numbersAsStrings) {
        return new SandboxConfig(
                port,
                token,
                seed,
                positions,
                wallets,
                exportTtl,
                anchor,
                inlineExports,
                numbersAsStrings,
                legacyErrors,
                dailyQuota,
                drifted);
    }

    public SandboxConfig withLegacyErrors(boolean legacyErrors) {
        return new SandboxConfig(
                port,
                token,
                seed,
                positions,
                wallets,
                exportTtl,
                anchor,
                inlineExports,
                numbersAsStrings,
                legacyErrors,
                dailyQuota,
                drifted);
    }

    public SandboxConfig withDailyQuota(int dailyQuota) {
        return new SandboxConfig(
                port,
                token,
                seed,
                positions,
                wallets,
                exportTtl,
                anchor,
                inlineExports,
                numbersAsStrings,
                legacyErrors,
                dailyQuota,
                drifted);
    }

    public SandboxConfig withDrifted(boolean drifted) {
        return new SandboxConfig(
                port,
                token,
                seed,
                positions,
                wallets,
                exportTtl,
                anchor,
                inlineExports,
                numbersAsStrings,
                legacyErrors,
                dailyQuota,
                drifted);
    }
}
