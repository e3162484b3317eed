package dev.hypertracker.mcp.support;

import dev.hypertracker.mcp.time.TimeSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Virtual time: a clock that stands still until the test (or a sleeper) moves it, for exact assertions on TTLs,
 * refill times, backoff and expiry: no real time passes.
 *
 * <p>Two modes. By default {@link #sleep} moves the clock forward by the pause at once and {@link #sleepUntil} to that
 * instant; {@link #await} returns a future's value if it completed before {@code until} in virtual time, else waits
 * until it completes or the test {@link #advance}s the clock to {@code until} (a future completed after the clock
 * passed {@code until}, e.g. by a sandbox delay fault that slept past it, counts as timed out).
 *
 * <p>With {@link #schedule(int) n participants} it is a discrete-event scheduler: sleepers and awaiters block, and
 * when all n participants are blocked the clock jumps to the earliest wake-up among them. Many threads then share
 * one consistent timeline (no sleeper runs ahead of work still in flight).
 */
public final class ManualClock extends TimeSource {
    private Instant now = Instant.parse("2026-03-01T00:00:00Z");
    private int waiting;
    private int participants;
    private final List<Waiter> blocked = new ArrayList<>();

    private static final class Waiter {
        final Instant wakeAt;
        boolean released;
        Instant completedAt;

        Waiter(Instant wakeAt) {
            this.wakeAt = wakeAt;
        }
    }

    public synchronized void advance(Duration d) {
        now = now.plus(d);
        notifyAll();
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    /** Scheduler mode for {@code n} threads, each of which calls {@link #leave()} when done. */
    public synchronized void schedule(int n) {
        participants = n;
    }

    /** One more participant (a worker started by a participant), which calls {@link #leave()} when done. */
    public synchronized void join() {
        participants++;
    }

    /** A participant is done: it no longer holds the clock back. */
    public synchronized void leave() {
        participants--;
        maybeAdvance();
    }

    @Override
    public void sleep(Duration d) throws InterruptedException {
        if (d.isNegative()) return;
        Instant target;
        synchronized (this) {
            target = now.plus(d);
        }
        sleepUntil(target);
    }

    @Override
    public synchronized void sleepUntil(Instant t) throws InterruptedException {
        if (!t.isAfter(now)) return;
        if (participants <= 0) {
            now = t;
            notifyAll();
            return;
        }
        Waiter w = new Waiter(t);
        blocked.add(w);
        maybeAdvance();
        try {
            while (now.isBefore(t)) wait();
        } finally {
            blocked.remove(w);
        }
    }

    @Override
    public <T> T await(CompletableFuture<T> future, Instant until)
            throws InterruptedException, ExecutionException, TimeoutException {
        Waiter w = new Waiter(until);
        future.whenComplete((v, e) -> completed(w));
        synchronized (this) {
            waiting++;
            notifyAll();
            if (!w.released) {
                blocked.add(w);
                maybeAdvance();
            }
            try {
                while (!w.released && now.isBefore(until)) wait();
            } finally {
                blocked.remove(w);
                waiting--;
            }
            if (!w.released || !w.completedAt.isBefore(until)) throw new TimeoutException();
        }
        return future.get();
    }

    /** Runs on the completing thread: records the virtual time of completion under the clock's lock. */
    private synchronized void completed(Waiter w) {
        w.released = true;
        w.completedAt = now;
        notifyAll();
    }

    /** In scheduler mode, when every participant is blocked: jump to the earliest wake-up. */
    private void maybeAdvance() {
        if (participants <= 0) return;
        long stuck = blocked.stream().filter(b -> !b.released).count();
        if (stuck < participants) return;
        blocked.stream()
                .filter(b -> !b.released)
                .map(b -> b.wakeAt)
                .min(Instant::compareTo)
                .ifPresent(t -> {
                    if (t.isAfter(now)) now = t;
                });
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
