package dev.hypertracker.mcp.api;

import dev.hypertracker.mcp.api.UpstreamFailure.Kind;
import dev.hypertracker.mcp.stats.UpstreamStats;
import dev.hypertracker.mcp.time.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Retries what is safe to retry (an idempotent GET that failed with a 5xx, a timeout, a broken or malformed
 * answer) with exponential backoff and jitter, while the pause fits in the call's deadline: {@code maxRetries}
 * times, except that an unreachable API (a restart: connection refused) is retried through a short blip window,
 * so a restart of a second or two costs the call nothing and does not count against the circuit breaker.
 */
final class RetryStep implements UpstreamStep {
    private static final Set<Kind> RETRYABLE =
            EnumSet.of(Kind.REQUEST_TIMEOUT, Kind.UNREACHABLE, Kind.BROKEN, Kind.MALFORMED, Kind.SERVER_ERROR);
    static final Duration BASE_BACKOFF = Duration.ofMillis(200);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(2);
    /** How long an unreachable API is retried (when retries are on at all). */
    static final Duration BLIP_WINDOW = Duration.ofSeconds(5);

    private final int maxRetries;
    private final UpstreamStats stats;
    private final TimeSource time;

    RetryStep(int maxRetries, UpstreamStats stats, TimeSource time) {
        this.maxRetries = maxRetries;
        this.stats = stats;
        this.time = time;
    }

    @Override
    public UpstreamResponse proceed(UpstreamCall call, Chain next) {
        int attempts = 0;
        Instant firstUnreachable = null;
        while (true) {
            try {
                return next.proceed(call);
            } catch (UpstreamFailure f) {
                attempts++;
                if (!RETRYABLE.contains(f.kind())) throw f.afterAttempts(attempts);
                stats.failure();
                Instant now = time.instant();
                boolean again;
                if (f.kind() == Kind.UNREACHABLE) {
                    if (firstUnreachable == null) firstUnreachable = now;
                    again = maxRetries > 0
                            && Duration.between(firstUnreachable, now).compareTo(BLIP_WINDOW) < 0;
                } else {
                    again = attempts <= maxRetries;
                }
                Duration pause = backoff(attempts - 1);
                if (!again || pause.compareTo(call.deadline().remaining()) >= 0) throw f.afterAttempts(attempts);
                stats.retry();
                try {
                    time.sleep(pause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw UpstreamFailure.of(e);
                }
            }
        }
    }

    /** 200 ms doubling per retry, at most 2 s, with jitter of ±50%. */
    static Duration backoff(int retriesSoFar) {
        long base = Math.min(MAX_BACKOFF.toMillis(), BASE_BACKOFF.toMillis() << Math.min(retriesSoFar, 10));
        return Duration.ofMillis(base / 2 + ThreadLocalRandom.current().nextLong(base));
    }
}
