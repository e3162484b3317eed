package dev.hypertracker.mcp.support;

import dev.hypertracker.mcp.time.TimeSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Virtual time: a clock that stands still until the test moves it, for exact assertions on TTLs, refill times,
 * backoff and expiry. (Unlike {@link TestClock}, no real time passes.)
 *
 * <p>{@link #sleep} moves the clock forward by the pause at once (the sleeper "wakes" immediately). {@link #await}
 * returns a future's value if it completed before {@code until} in virtual time; otherwise it waits until the future
 * completes or the test {@link #advance}s the clock to {@code until}. A future that completes after the clock passed
 * {@code until} (e.g. a sandbox delay fault that slept past it) counts as timed out.
 */
public final class ManualClock extends TimeSource {
    private Instant now = Instant.parse("2026-03-01T00:00:00Z");
    private int waiting;

    public synchronized void advance(Duration d) {
        now = now.plus(d);
        notifyAll();
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    @Override
    public void sleep(Duration d) {
        if (!d.isNegative()) advance(d);
    }

    @Override
    public <T> T await(CompletableFuture<T> future, Instant until)
            throws InterruptedException, ExecutionException, TimeoutException {
        CompletableFuture<Instant> completedAt = future.handle((v, e) -> instant());
        future.whenComplete((v, e) -> wake());
        synchronized (this) {
            waiting++;
            notifyAll();
            try {
                while (!completedAt.isDone() && now.isBefore(until)) wait();
            } finally {
                waiting--;
            }
        }
        if (!completedAt.isDone() || !completedAt.join().isBefore(until)) throw new TimeoutException();
        return future.get();
    }

    private synchronized void wake() {
        notifyAll();
    }

    /** Blocks (in real time) until {@code n} threads are waiting in {@link #await}: the test's sync point. */
    public synchronized void awaitWaiters(int n) throws InterruptedException {
        while (waiting < n) wait();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
