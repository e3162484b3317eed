package dev.hypertracker.mcp.api;

import dev.hypertracker.mcp.time.TimeSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The time budget of one whole tool call: retries, pages and export downloads all spend from it. The budget of a
 * request shared by identical calls is the latest of its waiters' ends: it grows when a caller joins it.
 */
public final class Deadline {
    private final AtomicReference<Instant> end;
    private final Clock clock;

    public Deadline(Instant end, Clock clock) {
        this.end = new AtomicReference<>(end);
        this.clock = clock;
    }

    public static Deadline after(Duration budget, Clock clock) {
        return new Deadline(clock.instant().plus(budget), clock);
    }

    public Instant end() {
        return end.get();
    }

    public Clock clock() {
        return clock;
    }

    /** Moves the end to {@code later} if that is later (a caller with more time joined a shared request). */
    void extendTo(Instant later) {
        end.accumulateAndGet(later, (a, b) -> a.isAfter(b) ? a : b);
    }

    public Duration remaining() {
        Duration d = Duration.between(clock.instant(), end());
        return d.isNegative() ? Duration.ZERO : d;
    }

    public boolean expired() {
        return remaining().isZero();
    }

    /** The smaller of a duration and what remains. */
    public Duration cap(Duration d) {
        Duration r = remaining();
        return d.compareTo(r) < 0 ? d : r;
    }

    /** When this deadline or {@code d} from now ends, whichever is first. */
    public Instant endWithin(Duration d) {
        Instant other = clock.instant().plus(d);
        Instant mine = end();
        return other.isBefore(mine) ? other : mine;
    }

    /** Waits for the future until this deadline (in the clock's time: virtual in tests). */
    public <T> T await(CompletableFuture<T> future) throws InterruptedException, ExecutionException, TimeoutException {
        return TimeSource.of(clock).await(future, end());
    }

    @Override
    public String toString() {
        return "Deadline[end=" + end() + "]";
    }
}
