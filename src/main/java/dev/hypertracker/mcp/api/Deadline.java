package dev.hypertracker.mcp.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

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
}
