package dev.hypertracker.mcp.resilience;

import dev.hypertracker.mcp.time.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * What may go upstream now: a token bucket of N requests per minute (the user's plan, refilled continuously), at
 * most {@link #MAX_IN_FLIGHT} requests at a time, and a pause after a 429 that every caller respects. Callers
 * wait here (through the {@link TimeSource}) up to their own bound instead of sending a request the API would
 * answer with 429; a pause empties the bucket, so after it callers are let out one per refill, not all at once.
 */
public final class RateLimiter {
    /** Requests in flight at once: a storm of calls cannot send a wave of requests before the first 429 returns. */
    public static final int MAX_IN_FLIGHT = 4;

    private final int perMinute;
    private final double tokensPerNano;
    private final TimeSource time;
    private double tokens;
    private Instant lastRefill;
    private Instant pausedUntil = Instant.MIN;
    private int inFlight;
    private CompletableFuture<Void> slotFreed = new CompletableFuture<>();

    public RateLimiter(int requestsPerMinute, TimeSource time) {
        this.perMinute = requestsPerMinute;
        this.tokensPerNano = requestsPerMinute / (double) Duration.ofMinutes(1).toNanos();
        this.time = time;
        this.tokens = requestsPerMinute;
        this.lastRefill = time.instant();
    }

    /**
     * Takes a token and an in-flight slot, waiting until {@code giveUpAt} at most. A true answer must be followed
     * by {@link #release()} once the request is answered.
     *
     * @return false (nothing taken) when neither would be free by {@code giveUpAt}
     */
    public boolean acquire(Instant giveUpAt) throws InterruptedException {
        while (true) {
            CompletableFuture<Void> freed;
            Instant readyAt;
            synchronized (this) {
                refill();
                Instant now = time.instant();
                readyAt = tokenReadyAt(now);
                if (!readyAt.isBefore(giveUpAt) && readyAt.isAfter(now))
                    return false; // free only when the caller has given up
                if (!readyAt.isAfter(now) && inFlight < MAX_IN_FLIGHT) {
                    tokens -= 1;
                    inFlight++;
                    return true;
                }
                freed = slotFreed;
            }
            if (readyAt.isAfter(time.instant())) {
                time.sleepUntil(readyAt);
            } else {
                try {
                    time.await(freed, giveUpAt);
                } catch (TimeoutException e) {
                    return false;
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /** The request that {@link #acquire} admitted is answered (or abandoned). */
    public void release() {
        CompletableFuture<Void> freed;
        synchronized (this) {
            inFlight--;
            freed = slotFreed;
            slotFreed = new CompletableFuture<>();
        }
        freed.complete(null);
    }

    /** The API answered 429: nobody goes before {@code until}, and after it one at a time as the bucket refills. */
    public synchronized void pauseUntil(Instant until) {
        refill();
        if (until.isAfter(pausedUntil)) pausedUntil = until;
        tokens = 1; // no refill during the pause (see refill): one caller at its end, then one per refill
    }

    /** When the last 429's pause ends (in the past when there is none). */
    public synchronized Instant pausedUntil() {
        return pausedUntil;
    }

    /** How long until a token is free (zero if one is free now). */
    public synchronized Duration timeUntilAvailable() {
        refill();
        Instant now = time.instant();
        Instant ready = tokenReadyAt(now);
        return ready.isAfter(now) ? Duration.between(now, ready) : Duration.ZERO;
    }

    public int requestsPerMinute() {
        return perMinute;
    }

    private Instant tokenReadyAt(Instant now) {
        Instant refilled = tokens >= 1 ? now : now.plusNanos((long) Math.ceil((1 - tokens) / tokensPerNano));
        return refilled.isBefore(pausedUntil) ? pausedUntil : refilled;
    }

    private void refill() {
        Instant now = time.instant();
        Instant from = lastRefill.isBefore(pausedUntil) ? pausedUntil : lastRefill;
        long elapsed = Duration.between(from, now).toNanos();
        if (elapsed > 0) tokens = Math.min(perMinute, tokens + elapsed * tokensPerNano);
        if (now.isAfter(lastRefill)) lastRefill = now;
    }
}
