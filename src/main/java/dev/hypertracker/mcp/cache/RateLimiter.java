package dev.hypertracker.mcp.cache;

import java.time.Clock;
import java.time.Duration;

/**
 * A token bucket of N requests per minute (the user's plan), refilled continuously. Callers wait for a token up
 * to a bound instead of sending a request the API would answer with 429.
 */
public final class RateLimiter {
    private final double capacity;
    private final double tokensPerNano;
    private final Clock clock;
    private double tokens;
    private long lastNanos;

    public RateLimiter(int requestsPerMinute, Clock clock) {
        this.capacity = requestsPerMinute;
        this.tokensPerNano = requestsPerMinute / (double) Duration.ofMinutes(1).toNanos();
        this.clock = clock;
        this.tokens = capacity;
        this.lastNanos = nanos();
    }

    private long nanos() {
        return clock.millis() * 1_000_000L;
    }

    /**
     * Takes one token, waiting at most {@code maxWait}.
     *
     * @return true if a token was taken; false if none would be free within maxWait (nothing is taken then)
     */
    public boolean acquire(Duration maxWait) throws InterruptedException {
        long waitNanos;
        synchronized (this) {
            refill();
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            waitNanos = (long) Math.ceil((1 - tokens) / tokensPerNano);
            if (waitNanos > maxWait.toNanos()) return false;
            tokens -= 1; // reserve the token that will have refilled when the wait ends
        }
        Thread.sleep(Duration.ofNanos(waitNanos).toMillis() + 1);
        return true;
    }

    /** How long until a token is free (zero if one is free now). */
    public synchronized Duration timeUntilAvailable() {
        refill();
        return tokens >= 1 ? Duration.ZERO : Duration.ofNanos((long) Math.ceil((1 - tokens) / tokensPerNano));
    }

    private void refill() {
        long now = nanos();
        tokens = Math.min(capacity, tokens + (now - lastNanos) * tokensPerNano);
        lastNanos = now;
    }
}
