package dev.hypertracker.mcp.api;

import dev.hypertracker.mcp.time.TimeSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** The time budget of one whole tool call: retries, pages and export downloads all spend from it. */
public record Deadline(Instant end, Clock clock) {

    public static Deadline after(Duration budget, Clock clock) {
        return new Deadline(clock.instant().plus(budget), clock);
    }

    public Duration remaining() {
        Duration d = Duration.between(clock.instant(), end);
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
        return other.isBefore(end) ? other : end;
    }

    /** Waits for the future until this deadline (in the clock's time: virtual in tests). */
    public <T> T await(CompletableFuture<T> future) throws InterruptedException, ExecutionException, TimeoutException {
        return TimeSource.of(clock).await(future, end);
    }
}
