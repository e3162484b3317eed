package dev.hypertracker.mcp.sandbox;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.function.Supplier;

/**
 * The plan's daily request allowance as the API enforces it: every authorized request counts, the count
 * starts again at midnight UTC, and a request past the allowance is a 429 whose retry_after runs to that reset.
 * Every API response carries X-RateLimit-Limit, -Remaining and -Reset (epoch seconds of the reset).
 */
final class DailyQuota {

    private final int limit;
    private final Supplier<Instant> clock;
    private LocalDate day;
    private int used;

    DailyQuota(int limit, Supplier<Instant> clock) {
        this.limit = limit;
        this.clock = clock;
    }

    /** What one request sees: whether it may be served, and the headers it carries. */
    record Decision(boolean allowed, int limit, int remaining, Instant reset, long retryAfterSeconds) {
        Reply decorate(Reply reply) {
            return reply.withHeader("X-RateLimit-Limit", String.valueOf(limit))
                    .withHeader("X-RateLimit-Remaining", String.valueOf(remaining))
                    .withHeader("X-RateLimit-Reset", String.valueOf(reset.getEpochSecond()));
        }
    }

    /** Counts one request when {@code counted}; otherwise only reports the state. */
    synchronized Decision take(boolean counted) {
        Instant now = clock.get();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        if (!today.equals(day)) {
            day = today;
            used = 0;
        }
        Instant reset = today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        long retryAfter = Math.max(1, reset.getEpochSecond() - now.getEpochSecond());
        boolean allowed = !counted || used < limit;
        if (counted && allowed) used++;
        return new Decision(allowed, limit, Math.max(0, limit - used), reset, retryAfter);
    }
}
