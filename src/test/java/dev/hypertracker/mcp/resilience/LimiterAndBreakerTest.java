package dev.hypertracker.mcp.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypertracker.mcp.support.ManualClock;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rate limiter, the circuit breaker and the quota headers, in virtual time. */
class LimiterAndBreakerTest {
    private final ManualClock clock = new ManualClock();

    @Test
    void rateLimiterGivesTheBurstThenRefusesWhenTheWaitIsTooLong() throws Exception {
        RateLimiter limiter = new RateLimiter(3, clock);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire(clock.instant())).isTrue();
            limiter.release();
        }
        assertThat(limiter.acquire(clock.instant().plusSeconds(5))).isFalse();
        assertThat(limiter.timeUntilAvailable()).isEqualTo(Duration.ofSeconds(20));
        clock.advance(Duration.ofSeconds(20));
        assertThat(limiter.acquire(clock.instant())).isTrue();
    }

    @Test
    void aWaitForATokenPassesInVirtualTime() throws Exception {
        RateLimiter limiter = new RateLimiter(60, clock);
        for (int i = 0; i < 60; i++) {
            assertThat(limiter.acquire(clock.instant())).isTrue();
            limiter.release();
        }
        Instant before = clock.instant();
        assertThat(limiter.acquire(before.plusSeconds(10))).isTrue();
        assertThat(Duration.between(before, clock.instant()))
                .as("waited one refill (1 s at 60/min)")
                .isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aPauseAfter429HoldsEveryoneAndThenLetsThemOutOneAtATime() throws Exception {
        RateLimiter limiter = new RateLimiter(60, clock);
        Instant start = clock.instant();
        limiter.pauseUntil(start.plusSeconds(30));
        assertThat(limiter.acquire(start.plusSeconds(10)))
                .as("the pause is longer than this caller may wait")
                .isFalse();
        assertThat(limiter.pausedUntil()).isEqualTo(start.plusSeconds(30));
        assertThat(limiter.acquire(start.plusSeconds(60))).isTrue();
        assertThat(clock.instant()).as("released when the pause ends").isEqualTo(start.plusSeconds(30));
        limiter.release();
        assertThat(limiter.acquire(clock.instant()))
                .as("the bucket was emptied by the pause: the next waits a refill")
                .isFalse();
        assertThat(limiter.timeUntilAvailable()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void atMostFourRequestsAreInFlight() throws Exception {
        RateLimiter limiter = new RateLimiter(60, clock);
        for (int i = 0; i < RateLimiter.MAX_IN_FLIGHT; i++)
            assertThat(limiter.acquire(clock.instant())).isTrue();
        assertThat(limiter.acquire(clock.instant()))
                .as("a fifth request waits for a slot, here not at all")
                .isFalse();
        limiter.release();
        assertThat(limiter.acquire(clock.instant())).isTrue();
    }

    @Test
    void circuitBreakerOpensAfterConsecutiveFailuresAndHalfOpensAfterTheCoolDown() {
        CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(30), clock);
        breaker.recordFailure();
        breaker.recordFailure();
        breaker.recordSuccess();
        breaker.recordFailure();
        breaker.recordFailure();
        assertThat(breaker.isOpen()).isFalse();
        breaker.recordFailure();
        assertThat(breaker.isOpen()).isTrue();
        clock.advance(Duration.ofSeconds(31));
        assertThat(breaker.isOpen()).isFalse();
        breaker.recordFailure(); // the trial request failed: open again at once
        assertThat(breaker.isOpen()).isTrue();
    }

    static HttpHeaders headers(Map<String, String> h) {
        return HttpHeaders.of(
                h.entrySet().stream()
                        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue()))),
                (k, v) -> true);
    }

    @Test
    void quotaHeadersAreReadTolerantlyAndMissingOnesAreUnknown() {
        UpstreamQuota quota = new UpstreamQuota();
        Instant now = clock.instant();
        assertThat(quota.last().asMap())
                .containsEntry("limit", null)
                .containsEntry("remaining", null)
                .containsEntry("resetAt", null);
        quota.update(
                headers(Map.of("X-RateLimit-Limit", "100", "X-RateLimit-Remaining", "7", "X-RateLimit-Reset", "3600")),
                now);
        assertThat(quota.last()).isEqualTo(new UpstreamQuota.Reading(100L, 7L, now.plusSeconds(3600)));
        quota.update(headers(Map.of("Content-Type", "application/json")), now);
        assertThat(quota.last().remaining())
                .as("a response without the headers changes nothing")
                .isEqualTo(7L);
        quota.update(
                headers(Map.of(
                        "X-RateLimit-Limit", "lots", "X-RateLimit-Remaining", "-1", "X-RateLimit-Reset", "1798761600")),
                now);
        assertThat(quota.last()).isEqualTo(new UpstreamQuota.Reading(null, null, Instant.ofEpochSecond(1798761600)));
        assertThat(UpstreamQuota.resetAt(Optional.of("2026-03-02T00:00:00Z"), now))
                .isEqualTo(Instant.parse("2026-03-02T00:00:00Z"));
        assertThat(UpstreamQuota.resetAt(Optional.of("Mon, 02 Mar 2026 00:00:00 GMT"), now))
                .isEqualTo(Instant.parse("2026-03-02T00:00:00Z"));
        assertThat(UpstreamQuota.resetAt(Optional.of("soon"), now)).isNull();
    }
}
