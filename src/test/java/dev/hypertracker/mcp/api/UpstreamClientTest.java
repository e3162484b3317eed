package dev.hypertracker.mcp.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import dev.hypertracker.mcp.catalog.Catalog;
import dev.hypertracker.mcp.catalog.Endpoint;
import dev.hypertracker.mcp.config.Secret;
import dev.hypertracker.mcp.config.Settings;
import dev.hypertracker.mcp.resilience.RateLimiter;
import dev.hypertracker.mcp.stats.UpstreamStats;
import dev.hypertracker.mcp.support.ManualClock;
import dev.hypertracker.mcp.tools.ServerStatusTool;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The client's steps against a Mockito double of the one-method {@link Transport}, in virtual time: coalescing,
 * per-caller deadlines while a body is still arriving, cancellation, 429 storms, restart blips and the quota.
 * Nothing sleeps: the {@link ManualClock} moves only when a step waits or the test advances it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS) // a hang is a failure, not a timing assertion
class UpstreamClientTest {
    static final URI BASE = URI.create("https://203.0.113.10");
    static final Endpoint EXPOSURE = Catalog.GET_OPEN_EXPOSURE_BY_COIN;
    static final String ROWS = "[{\"coin\":\"BTC\",\"totalValue\":1}]";

    final ManualClock clock = new ManualClock();
    final UpstreamStats stats = new UpstreamStats();
    final Transport transport = mock(Transport.class);
    final List<HttpRequest> sent = new CopyOnWriteArrayList<>();
    final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** Runs shared requests as participants of the clock's schedule: each holds the clock until it waits or ends. */
    ExecutorService scheduledWorkers() {
        return new AbstractExecutorService() {
            @Override
            public void execute(Runnable task) {
                clock.join();
                pool.execute(() -> {
                    try {
                        task.run();
                    } finally {
                        clock.leave();
                    }
                });
            }

            @Override
            public void shutdown() {}

            @Override
            public List<Runnable> shutdownNow() {
                return List.of();
            }

            @Override
            public boolean isShutdown() {
                return false;
            }

            @Override
            public boolean isTerminated() {
                return false;
            }

            @Override
            public boolean awaitTermination(long timeout, TimeUnit unit) {
                return true;
            }
        };
    }

    HyperTrackerClient client(Settings settings) {
        return new HyperTrackerClient(settings, stats, clock, transport);
    }

    static Settings settings() {
        return Settings.defaults(BASE, Secret.of("test-token"));
    }

    /** Every request is recorded, then answered by {@code answer}. */
    void answer(java.util.function.Function<HttpRequest, CompletableFuture<UpstreamResponse>> answer) {
        doAnswer(inv -> {
                    HttpRequest r = inv.getArgument(0);
                    sent.add(r);
                    return answer.apply(r);
                })
                .when(transport)
                .send(any());
    }

    static ApiRequest exposure() {
        return ApiRequest.of(EXPOSURE, Map.of(), List.of());
    }

    static ApiRequest distinct(int i) {
        return ApiRequest.of(EXPOSURE, Map.of(), List.of(Map.entry("n", String.valueOf(i))));
    }

    static CompletableFuture<UpstreamResponse> ok() {
        return CompletableFuture.completedFuture(UpstreamResponse.of(200, Map.of(), ROWS));
    }

    Deadline deadline(Duration d) {
        return Deadline.after(d, clock);
    }

    @Test
    void identicalConcurrentCallsShareOneUpstreamRequest() throws Exception {
        int n = 8;
        CompletableFuture<UpstreamResponse> pending = new CompletableFuture<>();
        answer(r -> pending);
        HyperTrackerClient client = client(settings());
        List<Future<HyperTrackerClient.Response>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++)
            calls.add(pool.submit(() -> client.fetch(exposure(), deadline(Duration.ofSeconds(45)), false)));
        clock.awaitWaiters(n + 1); // the shared request waits on the transport, the n callers on it
        pending.complete(UpstreamResponse.of(200, Map.of(), ROWS));
        List<HyperTrackerClient.Response> results = new ArrayList<>();
        for (Future<HyperTrackerClient.Response> f : calls) results.add(f.get());
        assertThat(sent).as("one upstream request for %d identical calls", n).hasSize(1);
        assertThat(results)
                .allSatisfy(r -> assertThat(r.body()).isEqualTo(results.get(0).body()));
        assertThat(stats.coalescedCount()).isEqualTo(n - 1);
        assertThat(stats.upstreamRequests()).isEqualTo(1);
    }

    /** Every request gets a future that the test completes (headers came, the body is still arriving). */
    List<CompletableFuture<UpstreamResponse>> drippingExchanges() {
        List<CompletableFuture<UpstreamResponse>> exchanges = new CopyOnWriteArrayList<>();
        answer(r -> {
            CompletableFuture<UpstreamResponse> dripping = new CompletableFuture<>();
            exchanges.add(dripping);
            return dripping;
        });
        return exchanges;
    }

    @Test
    void whenTheFirstCallerGivesUpAFollowerWithTimeLeftGetsTheAnswerOfTheSameSingleRequest() throws Exception {
        List<CompletableFuture<UpstreamResponse>> exchanges = drippingExchanges();
        HyperTrackerClient client = client(settings());
        Instant start = clock.instant();

        Future<Instant> first =
                pool.submit(() -> endOf(() -> client.fetch(exposure(), deadline(Duration.ofSeconds(5)), false)));
        clock.awaitWaiters(2); // the caller on the shared request, the shared request on the transport
        clock.advance(Duration.ofSeconds(1));
        Future<Instant> shortFollower =
                pool.submit(() -> endOf(() -> client.fetch(exposure(), deadline(Duration.ofSeconds(2)), false)));
        Future<HyperTrackerClient.Response> longFollower =
                pool.submit(() -> client.fetch(exposure(), deadline(Duration.ofSeconds(8)), false));
        clock.awaitWaiters(4);

        clock.advance(Duration.ofSeconds(2)); // t = 3 s: the short follower's deadline
        assertThat(shortFollower.get())
                .as("the follower answered at its own deadline")
                .isEqualTo(start.plusSeconds(3));
        clock.advance(Duration.ofSeconds(2)); // t = 5 s: the first caller's deadline
        assertThat(first.get())
                .as("the first caller answered at its own deadline")
                .isEqualTo(start.plusSeconds(5));
        assertThat(exchanges).hasSize(1);
        assertThat(exchanges.get(0))
                .as("a waiter is left: the exchange goes on")
                .isNotCancelled();

        clock.advance(Duration.ofSeconds(1)); // t = 6 s: the body has arrived
        exchanges.get(0).complete(UpstreamResponse.of(200, Map.of(), ROWS));
        assertThat(longFollower.get().body().size()).isEqualTo(1);
        assertThat(sent).as("one upstream request served the follower").hasSize(1);
        assertThat(stats.upstreamRequests()).isEqualTo(1);
    }

    @Test
    void aDrippingBodyIsCancelledWhenItsLastWaiterGivesUpAndCapturesNoLaterCaller() throws Exception {
        List<CompletableFuture<UpstreamResponse>> exchanges = drippingExchanges();
        HyperTrackerClient client = client(settings());
        Instant start = clock.instant();

        Future<Instant> first =
                pool.submit(() -> endOf(() -> client.fetch(exposure(), deadline(Duration.ofSeconds(5)), false)));
        clock.awaitWaiters(2);
        clock.advance(Duration.ofSeconds(1));
        Future<Instant> follower =
                pool.submit(() -> endOf(() -> client.fetch(exposure(), deadline(Duration.ofSeconds(8)), false)));
        clock.awaitWaiters(3);

        clock.advance(Duration.ofSeconds(4)); // t = 5 s
        assertThat(first.get()).isEqualTo(start.plusSeconds(5));
        assertThat(exchanges.get(0)).as("the follower still waits").isNotCancelled();
        clock.advance(Duration.ofSeconds(4)); // t = 9 s: the follower's deadline, 1 + 8 s
        assertThat(follower.get()).isEqualTo(start.plusSeconds(9));
        catchThrowable(exchanges.get(0)::join); // the shared request's worker cancels it as it stops
        assertThat(exchanges.get(0))
                .as("no waiter left: the exchange is cancelled (connection closed)")
                .isCancelled();
        assertThat(sent).as("no caller re-requested").hasSize(1);

        // a later caller is not captured by anything stuck: it makes its own request
        answer(r -> ok());
        assertThat(client.fetch(exposure(), deadline(Duration.ofSeconds(5)), false)
                        .body()
                        .size())
                .isEqualTo(1);
        assertThat(sent).hasSize(2);
    }

    /** Runs a call that must fail with the deadline message; the virtual time at which it answered. */
    Instant endOf(Runnable call) {
        ApiException e = catchThrowableOfType(ApiException.class, call::run);
        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(ApiException.Kind.TIMEOUT);
        assertThat(e.getMessage()).contains("ran out of its time budget");
        return clock.instant();
    }

    @Test
    void sixtyFourConcurrentCallsAgainstAnAlways429UpstreamAreHeldByTheLimiter() throws Exception {
        int calls = 64;
        int deadlineSeconds = 10;
        answer(r -> CompletableFuture.completedFuture(UpstreamResponse.of(
                429, Map.of("Retry-After", "1"), "{\"error\":\"rate_limit_exceeded\",\"retry_after\":1}")));
        HyperTrackerClient client = new HyperTrackerClient(
                settings().withTimeouts(Duration.ofSeconds(20), Duration.ofSeconds(deadlineSeconds)),
                stats,
                clock,
                transport,
                scheduledWorkers());
        List<Future<ApiException>> results = new ArrayList<>();
        clock.schedule(calls); // one timeline for the 64 threads: time moves when all of them wait
        for (int i = 0; i < calls; i++) {
            int n = i;
            Deadline sameStart = deadline(Duration.ofSeconds(deadlineSeconds)); // all 64 arrive at t = 0
            results.add(pool.submit(() -> {
                try {
                    return catchThrowableOfType(ApiException.class, () -> client.fetch(distinct(n), sameStart, true));
                } finally {
                    clock.leave();
                }
            }));
        }
        for (Future<ApiException> f : results) {
            ApiException e = f.get();
            assertThat(e).isNotNull();
            assertThat(e.getMessage()).containsAnyOf("rate limit", "time budget", "requests per minute");
        }
        // before: every call sent 3 requests (192); now a first wave of at most MAX_IN_FLIGHT, then one per pause
        assertThat(sent.size())
                .as("requests for %d calls", calls)
                .isLessThanOrEqualTo(RateLimiter.MAX_IN_FLIGHT + deadlineSeconds + 1)
                .isEqualTo((int) stats.upstreamRequests());
    }

    @Test
    void aRestartBlipOf1300MsIsRetriedWithinTheDeadlineAndCountsNoBreakerFailure() {
        HyperTrackerClient client = client(settings());
        for (int round = 0; round < 6; round++) {
            Instant back = clock.instant().plusMillis(1_300);
            sent.clear();
            answer(r -> clock.instant().isBefore(back)
                    ? CompletableFuture.failedFuture(new ConnectException("Connection refused"))
                    : ok());
            HyperTrackerClient.Response r = client.fetch(distinct(round), deadline(Duration.ofSeconds(45)), false);
            assertThat(r.body().size()).isEqualTo(1);
            assertThat(sent.size()).as("attempts across the blip").isGreaterThan(1);
            assertThat(client.breaker().isOpen())
                    .as("round %d: a blip the retries absorbed is no failure", round)
                    .isFalse();
        }
    }

    @Test
    void a5xxPersistingThroughTheRetriesCountsOneBreakerFailurePerCall() {
        answer(r -> CompletableFuture.completedFuture(UpstreamResponse.of(503, Map.of(), "{}")));
        HyperTrackerClient client = client(settings());
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> client.fetch(distinct(0), deadline(Duration.ofSeconds(45)), false))
                    .hasMessageContaining("after 3 attempts");
        }
        assertThat(sent).hasSize(12);
        assertThat(client.breaker().isOpen()).as("4 failed calls, threshold 5").isFalse();
        assertThatThrownBy(() -> client.fetch(distinct(0), deadline(Duration.ofSeconds(45)), false));
        assertThat(client.breaker().isOpen()).isTrue();
    }

    @Test
    void aSpentQuotaAnswersAtOnceAndNoRequestGoesOutUntilItResets() {
        Instant reset = clock.instant().plus(Duration.ofHours(2));
        answer(
                r -> CompletableFuture.completedFuture(
                        UpstreamResponse.of(
                                429,
                                Map.of(
                                        "X-RateLimit-Limit",
                                        "100",
                                        "X-RateLimit-Remaining",
                                        "0",
                                        "X-RateLimit-Reset",
                                        String.valueOf(reset.getEpochSecond())),
                                "{\"error\":\"rate_limit_exceeded\",\"message\":\"You have exceeded your rate limit\",\"retry_after\":7200}")));
        HyperTrackerClient client = client(settings());
        Settings settings = settings();
        Instant t0 = clock.instant();

        ApiException first = catchThrowableOfType(
                ApiException.class, () -> client.fetch(distinct(1), deadline(Duration.ofSeconds(45)), false));
        assertThat(first.getMessage()).contains("quota spent; resets at 2026-03-01 02:00:00 UTC");
        assertThat(clock.instant()).as("answered at once").isEqualTo(t0);
        ApiException later = catchThrowableOfType(
                ApiException.class, () -> client.fetch(distinct(2), deadline(Duration.ofSeconds(45)), false));
        assertThat(later.getMessage()).contains("quota spent; resets at 2026-03-01 02:00:00 UTC");
        assertThat(sent).as("no request while the quota is spent").hasSize(1);

        @SuppressWarnings("unchecked")
        Map<String, Object> quota = (Map<String, Object>)
                new ServerStatusTool(settings, client, stats, "test").status().get("upstreamQuota");
        assertThat(quota)
                .containsEntry("limit", 100L)
                .containsEntry("remaining", 0L)
                .containsEntry("resetAt", "2026-03-01T02:00:00Z");

        clock.advance(Duration.ofHours(2));
        answer(r -> CompletableFuture.completedFuture(
                UpstreamResponse.of(200, Map.of("X-RateLimit-Limit", "100", "X-RateLimit-Remaining", "99"), ROWS)));
        client.fetch(distinct(3), deadline(Duration.ofSeconds(45)), false);
        assertThat(sent).as("after the reset, requests go out again").hasSize(2);
        assertThat(client.quota().last().remaining()).isEqualTo(99L);
        assertThat(client.quota().last().resetAt()).as("not sent: unknown").isNull();
    }

    @Test
    void aShort429WaitIsWaitedOutInVirtualTime() {
        List<Integer> statuses = new ArrayList<>(List.of(429, 200));
        answer(r -> CompletableFuture.completedFuture(
                statuses.remove(0) == 429
                        ? UpstreamResponse.of(429, Map.of("Retry-After", "3"), "{}")
                        : UpstreamResponse.of(200, Map.of(), ROWS)));
        HyperTrackerClient client = client(settings());
        Instant t0 = clock.instant();
        client.fetch(exposure(), deadline(Duration.ofSeconds(45)), false);
        assertThat(Duration.between(t0, clock.instant())).isEqualTo(Duration.ofSeconds(3));
        assertThat(sent).hasSize(2);
        verify(transport, times(2)).send(any());
    }

    @Test
    void noTokenMeansNoRequest() {
        HyperTrackerClient client = client(Settings.defaults(BASE, null));
        assertThatThrownBy(() -> client.fetch(exposure(), deadline(Duration.ofSeconds(5)), false))
                .hasMessageContaining(Settings.ENV_TOKEN);
        verify(transport, never()).send(any());
    }
}
