package dev.hypertracker.mcp.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.hypertracker.mcp.memory.ParseBudget;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.json.JsonMapper;

/**
 * A 200 body parsed while it arrives, fed chunk by chunk by the test (no network, no clock): the cap stops an endless
 * body where it passes, and bodies in flight together are admitted by the heap their trees will take.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS) // a hang is a failure, not a timing assertion
class StreamingJsonTest {
    static final long CAP = 1_000;
    final ParseBudget budget = new ParseBudget(CAP * ParseBudget.TREE_BYTES_PER_WIRE_BYTE);
    final ExecutorService parsers = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        parsers.shutdownNow();
    }

    /** A subscription that records what the parser asks for. */
    static final class Recorded implements Flow.Subscription {
        final Semaphore requested = new Semaphore(0);
        volatile boolean cancelled;

        @Override
        public void request(long n) {
            requested.release((int) n);
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    StreamingJson body(long declaredLength, Recorded subscription) {
        StreamingJson json = new StreamingJson(CAP, declaredLength, budget, parsers);
        json.onSubscribe(subscription);
        return json;
    }

    static List<ByteBuffer> chunk(String text) {
        return List.of(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    static UpstreamResponse.Payload result(StreamingJson json) throws Exception {
        return json.getBody().toCompletableFuture().get();
    }

    @Test
    void aBodyIsParsedChunkByChunkAsItArrivesIntoTheSameTreeAsAWholeParse() throws Exception {
        String text = "{\"rows\":[{\"coin\":\"BTC\",\"size\":1.5},{\"coin\":\"ETH\",\"size\":-2}],\"next\":null}";
        Recorded sub = new Recorded();
        StreamingJson json = body(-1, sub);
        for (int at = 0; at < text.length(); at += 7) {
            sub.requested.acquire(); // one chunk at a time: the parser asks for the next when it has read this one
            json.onNext(chunk(text.substring(at, Math.min(text.length(), at + 7))));
        }
        sub.requested.acquire();
        json.onComplete();
        UpstreamResponse.Payload payload = result(json);
        assertThat(payload.json()).isEqualTo(JsonMapper.builder().build().readTree(text));
        assertThat(payload.wireBytes()).isEqualTo(text.length());
        assertThat(payload.bytes()).isEmpty();
        assertThat(budget.reservedBytes()).as("released once the tree is built").isZero();
        assertThat(sub.cancelled).isFalse();
    }

    @Test
    void anEndlessBodyStopsWhereItPassesTheCapAndItsConnectionIsClosed() throws Exception {
        Recorded sub = new Recorded();
        StreamingJson json = body(-1, sub);
        sub.requested.acquire();
        json.onNext(chunk("[" + " ".repeat(599)));
        long delivered = 600;
        CompletableFuture<UpstreamResponse.Payload> result = json.getBody().toCompletableFuture();
        while (!result.isDone()) {
            if (!sub.requested.tryAcquire(10, TimeUnit.MILLISECONDS)) continue; // endless: whatever is asked for
            json.onNext(chunk(" ".repeat(600)));
            delivered += 600;
        }
        Throwable t = catchThrowable(result::get);
        assertThat(t).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(Transport.BodyTooLargeException.class);
        assertThat(((Transport.BodyTooLargeException) t.getCause()).cap()).isEqualTo(CAP);
        assertThat(delivered).as("read stopped at the first chunk past the cap").isEqualTo(1_200);
        assertThat(sub.cancelled)
                .as("the subscription is cancelled: connection closed")
                .isTrue();
        assertThat(budget.reservedBytes()).isZero();
        assertThat(UpstreamFailure.of(t).kind()).isEqualTo(UpstreamFailure.Kind.TOO_LARGE);
    }

    @Test
    void aDeclaredLengthOverTheCapIsRefusedBeforeReading() {
        Recorded sub = new Recorded();
        StreamingJson json = body(CAP + 1, sub);
        Throwable t = catchThrowable(() -> result(json));
        assertThat(t).hasCauseInstanceOf(Transport.BodyTooLargeException.class);
        assertThat(sub.cancelled).isTrue();
    }

    @Test
    void bodiesInFlightTogetherAreAdmittedByTheHeapTheirTreesWillTake() throws Exception {
        Recorded first = new Recorded();
        StreamingJson large = body(800, first); // 800 wire bytes reserve 4,000 of the 5,000 heap bytes
        first.requested.acquire();
        Recorded second = new Recorded();
        StreamingJson another = body(300, second); // its 1,500 do not fit beside them: refused, nothing read
        Throwable t = catchThrowable(() -> result(another));
        assertThat(t).hasCauseInstanceOf(Transport.NoHeapForBodyException.class);
        assertThat(UpstreamFailure.of(t).kind()).isEqualTo(UpstreamFailure.Kind.NO_HEAP);
        assertThat(second.cancelled).isTrue();
        assertThat(budget.reservedBytes()).isEqualTo(800 * ParseBudget.TREE_BYTES_PER_WIRE_BYTE);

        large.onNext(chunk("[" + " ".repeat(798) + "]"));
        first.requested.acquire();
        large.onComplete();
        assertThat(result(large).json().isArray()).isTrue();
        assertThat(budget.reservedBytes()).isZero();

        Recorded third = new Recorded();
        StreamingJson later = body(300, third); // the first one is done: room again
        third.requested.acquire();
        later.onNext(chunk("[" + " ".repeat(298) + "]"));
        third.requested.acquire();
        later.onComplete();
        assertThat(result(later).json().isArray()).isTrue();
    }

    @Test
    void aBodyOfUnknownLengthThatOutgrowsTheRoomLeftIsRefusedWhereItDoes() throws Exception {
        Recorded first = new Recorded();
        StreamingJson large = body(900, first);
        first.requested.acquire();
        Recorded second = new Recorded();
        StreamingJson chunked = body(-1, second);
        second.requested.acquire();
        chunked.onNext(chunk("[" + " ".repeat(99))); // 100 bytes: 500 heap bytes, exactly the room left
        second.requested.acquire();
        chunked.onNext(chunk(" ]")); // 2 more do not fit
        Throwable t = catchThrowable(() -> result(chunked));
        assertThat(t).hasCauseInstanceOf(Transport.NoHeapForBodyException.class);
        assertThat(second.cancelled).isTrue();
        assertThat(budget.reservedBytes()).isEqualTo(900 * ParseBudget.TREE_BYTES_PER_WIRE_BYTE);
        large.cancel();
    }

    @Test
    void aMalformedBodyIsAMalformedFailureWithItsSize() {
        Recorded sub = new Recorded();
        StreamingJson json = body(-1, sub);
        json.onNext(chunk("{\"rows\": [1, 2,"));
        json.onComplete();
        Throwable t = catchThrowable(() -> result(json));
        assertThat(t).hasCauseInstanceOf(Transport.MalformedBodyException.class);
        assertThat(((Transport.MalformedBodyException) t.getCause()).wireBytes())
                .isEqualTo(15);
        assertThat(UpstreamFailure.of(t).kind()).isEqualTo(UpstreamFailure.Kind.MALFORMED);
    }
}
