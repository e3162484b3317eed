package dev.hypertracker.mcp.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The system clock plus an offset the test moves forward: real time still passes (so deadlines and HTTP timeouts
 * behave), and {@link #advance} jumps over a cache TTL or a breaker cool-down without waiting for it.
 */
public final class TestClock extends Clock {
    private final AtomicLong offsetMillis = new AtomicLong();

    public void advance(Duration d) {
        offsetMillis.addAndGet(d.toMillis());
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public long millis() {
        return System.currentTimeMillis() + offsetMillis.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a TestClock stays in UTC");
    }
}
