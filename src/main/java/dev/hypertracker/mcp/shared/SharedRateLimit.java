package dev.hypertracker.mcp.shared;

import dev.hypertracker.mcp.time.TimeSource;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The upstream request budget of every instance together: one Bucket4j bucket in Redis (Bucket4j's Lettuce
 * backend, compare-and-swap) with the plan's per-minute limit and, when set, per-day and per-month budgets. Its
 * time is the caller's {@link TimeSource} (Bucket4j's client-side clock), so tests run it in virtual time.
 */
public final class SharedRateLimit {
    /** Thirty days: Bucket4j refills by duration, not by calendar month. */
    static final Duration MONTH = Duration.ofDays(30);

    /** What a request may do. */
    public sealed interface Admission {}

    /** A token was taken from the shared budget. */
    public record Taken() implements Admission {}

    /** The shared budget has no token before the caller gives up; one is free in {@code retryIn}. */
    public record Spent(Duration retryIn) implements Admission {}

    /** No shared budget now (Redis off or down): the caller keeps to this instance's own limiter. */
    public record Unavailable() implements Admission {}

    private final SharedStore store;
    private final TimeSource time;
    private final BucketConfiguration configuration;
    private final String key;
    private final String description;
    private volatile Built built;

    private record Built(int generation, ProxyManager<String> buckets) {}

    /**
     * @param perDay   requests per day for all instances, or null for no daily budget
     * @param perMonth requests per 30 days for all instances, or null for none
     */
    public SharedRateLimit(SharedStore store, int perMinute, Integer perDay, Integer perMonth, TimeSource time) {
        this.store = store;
        this.time = time;
        this.key = store.key("ratelimit", "upstream");
        List<String> parts = new ArrayList<>(List.of(perMinute + " per minute"));
        var builder = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)));
        if (perDay != null) {
            builder.addLimit(limit -> limit.capacity(perDay).refillIntervally(perDay, Duration.ofDays(1)));
            parts.add(perDay + " per day");
        }
        if (perMonth != null) {
            builder.addLimit(limit -> limit.capacity(perMonth).refillIntervally(perMonth, MONTH));
            parts.add(perMonth + " per 30 days");
        }
        this.configuration = builder.build();
        this.description = String.join(", ", parts);
    }

    /** "60 per minute, 5000 per day": the budgets, for messages. */
    public String description() {
        return description;
    }

    /**
     * Takes one token of the shared budget, waiting (through the time source) while one is due before
     * {@code giveUpAt}.
     */
    public Admission acquire(Instant giveUpAt) throws InterruptedException {
        while (true) {
            Optional<ConsumptionProbe> probe = store.withLink(
                    link -> buckets(link).getProxy(key, () -> configuration).tryConsumeAndReturnRemaining(1));
            if (probe.isEmpty()) return new Unavailable();
            if (probe.get().isConsumed()) return new Taken();
            Duration wait = Duration.ofNanos(probe.get().getNanosToWaitForRefill());
            if (time.instant().plus(wait).isAfter(giveUpAt)) return new Spent(wait);
            time.sleep(wait);
        }
    }

    private ProxyManager<String> buckets(SharedStore.Link link) {
        Built b = built;
        int generation = store.generation();
        if (b == null || b.generation() != generation) {
            TimeMeter clock = new TimeMeter() {
                @Override
                public long currentTimeNanos() {
                    Instant now = time.instant();
                    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
                }

                @Override
                public boolean isWallClockBased() {
                    return true;
                }
            };
            b = new Built(
                    generation,
                    Bucket4jLettuce.casBasedBuilder(link.bytes())
                            .clientClock(clock)
                            .requestTimeout(SharedStore.COMMAND_TIMEOUT)
                            .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                                    Duration.ofMinutes(1)))
                            .build());
            built = b;
        }
        return b.buckets();
    }
}
