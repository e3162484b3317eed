package dev.hypertracker.mcp.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that stands still until the test moves it: for exact assertions on TTLs, refill times and expiry.
 * (Unlike {@link TestClock}, no real time passes.)
 */
public final class ManualClock extends Clock {
    private Instant now = Instant.parse("2026-03-01T00:00:00Z");

    public void advance(Duration d) {
        now = now.plus(d);
    }

    @Override
    public Instant instant() {
        return now;
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
