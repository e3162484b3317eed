package dev.hypertracker.mcp.resilience;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Fails fast for a cool-down after repeated server-side failures (5xx, timeouts), so a struggling API is not
 * hammered and the model gets an answer at once. After the cool-down one trial request is let through.
 */
public final class CircuitBreaker {
    private final int threshold;
    private final Duration coolDown;
    private final Clock clock;
    private int consecutiveFailures;
    private Instant openUntil = Instant.MIN;

    public CircuitBreaker(int threshold, Duration coolDown, Clock clock) {
        this.threshold = threshold;
        this.coolDown = coolDown;
        this.clock = clock;
    }

    /** Zero when a request may go out; otherwise how long the breaker stays open. */
    public synchronized Duration openFor() {
        Instant now = clock.instant();
        return now.isBefore(openUntil) ? Duration.between(now, openUntil) : Duration.ZERO;
    }

    public synchronized void recordSuccess() {
        consecutiveFailures = 0;
        openUntil = Instant.MIN;
    }

    public synchronized void recordFailure() {
        consecutiveFailures++;
        if (consecutiveFailures >= threshold) {
            openUntil = clock.instant().plus(coolDown);
            consecutiveFailures = threshold - 1; // after the cool-down, one more failure re-opens it
        }
    }

    public synchronized boolean isOpen() {
        return !openFor().isZero();
    }

    public int threshold() {
        return threshold;
    }
}
