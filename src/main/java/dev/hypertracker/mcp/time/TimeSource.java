package dev.hypertracker.mcp.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one clock and sleeper of the upstream client: retries, the rate limiter, the circuit breaker, deadlines and
 * the sandbox's delay faults all read the time and wait through it, so tests can run them in virtual time.
 */
public abstract class TimeSource extends Clock {

    /** Waits for {@code d} (virtual sources move their clock instead). */
    public abstract void sleep(Duration d) throws InterruptedException;

    /** Waits until {@code t} (at once if it has passed). Concurrent sleepers until the same instant wake together. */
    public void sleepUntil(Instant t) throws InterruptedException {
        Instant now = instant();
        if (t.isAfter(now)) sleep(Duration.between(now, t));
    }

    /**
     * The value of {@code future} once it completes, if that happens before {@code until}.
     *
     * @throws TimeoutException when {@code until} comes first (the future is left as it is: the caller cancels it)
     */
    public abstract <T> T await(CompletableFuture<T> future, Instant until)
            throws InterruptedException, ExecutionException, TimeoutException;

    /** Real time: the system clock, {@link Thread#sleep} and timed waits. */
    public static TimeSource system() {
        return of(Clock.systemUTC());
    }

    /** A clock as a time source: itself if it is one, else real waits reading that clock. */
    public static TimeSource of(Clock clock) {
        return clock instanceof TimeSource source ? source : new RealTime(clock);
    }

    private static final class RealTime extends TimeSource {
        private final Clock clock;

        RealTime(Clock clock) {
            this.clock = clock;
        }

        @Override
        public void sleep(Duration d) throws InterruptedException {
            if (d.isNegative() || d.isZero()) return;
            TimeUnit.NANOSECONDS.sleep(d.toNanos());
        }

        @Override
        public <T> T await(CompletableFuture<T> future, Instant until)
                throws InterruptedException, ExecutionException, TimeoutException {
            long nanos = Duration.between(clock.instant(), until).toNanos();
            if (nanos <= 0 && !future.isDone()) throw new TimeoutException();
            return future.get(Math.max(0, nanos), TimeUnit.NANOSECONDS);
        }

        @Override
        public Instant instant() {
            return clock.instant();
        }

        @Override
        public long millis() {
            return clock.millis();
        }

        @Override
        public ZoneId getZone() {
            return clock.getZone();
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return new RealTime(clock.withZone(zone));
        }
    }
}
