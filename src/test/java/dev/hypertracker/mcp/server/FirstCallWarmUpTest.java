package dev.hypertracker.mcp.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FirstCallWarmUpTest {

    @Test
    void theFirstListingStartsTheWarmUpAndLaterListingsDoNot() throws InterruptedException {
        AtomicInteger prepared = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(1);
        FirstCallWarmUp warmUp = new FirstCallWarmUp(() -> {
            prepared.incrementAndGet();
            done.countDown();
        });

        assertThat(warmUp.startOnce()).isTrue();
        assertThat(warmUp.startOnce()).isFalse();
        assertThat(warmUp.startOnce()).isFalse();

        assertThat(done.await(1, TimeUnit.MINUTES)).isTrue(); // a guard against hanging, not a time bound
        assertThat(prepared).hasValue(1);
    }

    @Test
    void aFailingStepLeavesTheWorkToTheFirstCall() {
        FirstCallWarmUp.run(() -> {
            throw new IllegalStateException("no network");
        }); // does not throw
    }
}
