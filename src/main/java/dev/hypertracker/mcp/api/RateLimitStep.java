package dev.hypertracker.mcp.api;

import dev.hypertracker.mcp.resilience.RateLimiter;
import dev.hypertracker.mcp.resilience.UpstreamQuota;
import dev.hypertracker.mcp.stats.UpstreamStats;
import dev.hypertracker.mcp.time.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Takes a token (and an in-flight slot) of the {@link RateLimiter} before each request, reads the quota headers of
 * every answer, and handles 429: the limiter pauses everyone until the API's wait is over; this call waits too
 * when the wait fits its cap and deadline, and answers at once otherwise ("quota spent; resets at …" when the wait
 * is longer than the call's deadline). While paused, calls get that answer without a request.
 */
final class RateLimitStep implements UpstreamStep {
    /** The longest a request queues for a token before answering "retry in N s". */
    static final Duration MAX_QUEUE = Duration.ofSeconds(10);

    private static final int MAX_429_WAITS = 2;

    private final RateLimiter limiter;
    private final UpstreamQuota quota;
    private final UpstreamStats stats;
    private final ErrorMapper errors;
    private final TimeSource time;
    private final Duration maxRetryAfter;

    RateLimitStep(
            RateLimiter limiter,
            UpstreamQuota quota,
            UpstreamStats stats,
            ErrorMapper errors,
            TimeSource time,
            Duration maxRetryAfter) {
        this.limiter = limiter;
        this.quota = quota;
        this.stats = stats;
        this.errors = errors;
        this.time = time;
        this.maxRetryAfter = maxRetryAfter;
    }

    @Override
    public UpstreamResponse proceed(UpstreamCall call, Chain next) {
        Deadline deadline = call.deadline();
        int waits = 0;
        while (true) {
            take(deadline);
            UpstreamResponse r;
            try {
                r = next.proceed(call);
            } finally {
                limiter.release();
            }
            Instant now = time.instant();
            quota.update(r.headers(), now);
            if (r.status() != 429) return r;
            stats.rateLimited();
            Duration wait = retryAfter(r, now);
            if (wait == null) throw errors.rateLimited(null);
            Instant until = now.plus(wait);
            limiter.pauseUntil(until);
            if (until.isAfter(deadline.end())) throw errors.quotaSpent(until, wait);
            if (waits++ >= MAX_429_WAITS || wait.compareTo(maxRetryAfter) > 0) throw errors.rateLimited(wait);
            // the loop's take() waits out the pause
        }
    }

    private void take(Deadline deadline) {
        try {
            if (limiter.acquire(deadline.endWithin(MAX_QUEUE))) return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw UpstreamFailure.of(e);
        }
        stats.throttledLocally();
        Instant now = time.instant();
        Instant paused = limiter.pausedUntil();
        if (paused.isAfter(now)) {
            Duration left = Duration.between(now, paused);
            throw paused.isAfter(deadline.end()) ? errors.quotaSpent(paused, left) : errors.rateLimited(left);
        }
        throw errors.localRateLimit(limiter.timeUntilAvailable());
    }

    /** Retry-After (seconds), else the body's retry_after, else X-RateLimit-Reset; null when none is usable. */
    static Duration retryAfter(UpstreamResponse response, Instant now) {
        Optional<String> header = response.header("Retry-After");
        if (header.isPresent() && header.get().trim().matches("\\d{1,9}")) {
            return Duration.ofSeconds(Long.parseLong(header.get().trim()));
        }
        try {
            JsonNode v = JsonMapper.builder().build().readTree(response.body()).get("retry_after");
            if (v != null && v.isNumber() && v.asDouble() >= 0 && v.asDouble() < 1e9) {
                return Duration.ofMillis((long) (v.asDouble() * 1000));
            }
        } catch (JacksonException ignored) {
            // no usable body: try the reset header
        }
        Instant reset = UpstreamQuota.resetAt(response.header("X-RateLimit-Reset"), now);
        return reset == null || !reset.isAfter(now) ? null : Duration.between(now, reset);
    }
}
