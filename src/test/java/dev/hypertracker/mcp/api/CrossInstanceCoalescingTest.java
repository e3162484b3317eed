package dev.hypertracker.mcp.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypertracker.mcp.catalog.Catalog;
import dev.hypertracker.mcp.config.Secret;
import dev.hypertracker.mcp.config.Settings;
import dev.hypertracker.mcp.shared.SharedStore;
import dev.hypertracker.mcp.shared.Sharing;
import dev.hypertracker.mcp.stats.UpstreamStats;
import dev.hypertracker.mcp.support.ManualClock;
import dev.hypertracker.mcp.support.RedisProcess;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two clients (two instances) with their own transports and virtual clocks, sharing one real redis-server: while A
 * fetches a request, B asking the same waits for A's answer in the shared cache instead of sending its own.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS) // a hang is a failure, not a timing assertion
class CrossInstanceCoalescingTest {
    static final URI BASE = URI.create("https://203.0.113.10");
    static final String ROWS = "[{\"coin\":\"BTC\",\"totalValue\":1}]";

    final RedisProcess redis = RedisProcess.start();
    final ExecutorService callers = Executors.newCachedThreadPool();
    final ManualClock clockA = new ManualClock();
    final ManualClock clockB = new ManualClock();
    final SharedStore storeA = redis.connect(Secret.of("test-token"), clockA);
    final SharedStore storeB = redis.connect(Secret.of("test-token"), clockB);

    @AfterEach
    void stop() {
        callers.shutdownNow();
        storeA.close();
        storeB.close();
        redis.close();
    }

    HyperTrackerClient client(ManualClock clock, UpstreamStats stats, Transport transport, SharedStore store) {
        return new HyperTrackerClient(
                Settings.defaults(BASE, Secret.of("test-token")),
                stats,
                clock,
                transport,
                Executors.newCachedThreadPool(),
                new Sharing(store, null, null));
    }

    @Test
    void anIdenticalRequestOnAnotherInstanceWaitsForTheFirstInstancesAnswer() throws Exception {
        CompletableFuture<UpstreamResponse> answerA = new CompletableFuture<>();
        CompletableFuture<Void> sentA = new CompletableFuture<>();
        AtomicInteger requestsB = new AtomicInteger();
        UpstreamStats statsB = new UpstreamStats();
        HyperTrackerClient a = client(
                clockA,
                new UpstreamStats(),
                request -> {
                    sentA.complete(null);
                    return answerA;
                },
                storeA);
        HyperTrackerClient b = client(
                clockB,
                statsB,
                request -> {
                    requestsB.incrementAndGet();
                    return CompletableFuture.completedFuture(UpstreamResponse.of(200, Map.of(), "[]"));
                },
                storeB);
        ApiRequest request = ApiRequest.of(Catalog.GET_OPEN_EXPOSURE_BY_COIN, Map.of(), List.of());

        var onA = callers.submit(() -> a.fetch(request, Deadline.after(Duration.ofHours(1), clockA), false));
        sentA.get(30, TimeUnit.SECONDS); // A holds the lease and its request is in flight
        var onB = callers.submit(() -> b.fetch(request, Deadline.after(Duration.ofHours(1), clockB), false));
        // B found A's lease and waits (or, broken, answered by itself: then the assertions below say so)
        while (statsB.coalescedCount() == 0
                && !onB.isDone()
                && !Thread.currentThread().isInterrupted()) Thread.onSpinWait();
        answerA.complete(UpstreamResponse.of(200, Map.of(), ROWS));

        HyperTrackerClient.Response fromA = onA.get(30, TimeUnit.SECONDS);
        HyperTrackerClient.Response fromB = onB.get(30, TimeUnit.SECONDS);
        assertThat(requestsB).as("B sent no request of its own").hasValue(0);
        assertThat(fromB.fromCache()).isTrue();
        assertThat(fromB.body()).isEqualTo(fromA.body());
        assertThat(fromB.body().get(0).get("coin").asString()).isEqualTo("BTC");
    }
}
