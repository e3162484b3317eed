package dev.hypertracker.mcp.api;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.Supplier;

/**
 * The {@link Transport} over the JDK's {@link HttpClient}, asynchronous so that no caller thread is pinned by a slow
 * upstream: callers wait on the future with their own deadline and cancel it when they give up. Bodies are read
 * into memory only up to a cap (a declared Content-Length over the cap is refused before reading).
 *
 * <p>The JDK client is built on the first request, not on the start path: building it initialises the default
 * SSLContext and starts a selector thread (~100–300 ms on a cold JVM), and a stdio server may never call out.
 */
public final class JdkTransport implements Transport {
    private final Supplier<HttpClient> client;
    private final long maxBodyBytes;

    public JdkTransport(Duration connectTimeout, long maxBodyBytes) {
        this.client = memoize(() -> HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER) // exports: followed by hand, checked, without the token
                .version(HttpClient.Version.HTTP_1_1)
                .build());
        this.maxBodyBytes = maxBodyBytes;
    }

    /** The body cap for this JVM: a tenth of the heap it really has, at most 64 MiB (a parsed tree costs ~3x). */
    public static long defaultMaxBodyBytes() {
        return Math.max(1L << 20, Math.min(64L << 20, Runtime.getRuntime().maxMemory() / 10));
    }

    /** Builds the JDK client now instead of on the first request (a warm-up off the start path). */
    public void prepare() {
        client.get();
    }

    @Override
    public CompletableFuture<UpstreamResponse> send(HttpRequest request) {
        BoundedBody body = new BoundedBody(maxBodyBytes);
        CompletableFuture<HttpResponse<byte[]>> exchange = client.get().sendAsync(request, info -> {
            body.expect(info.headers().firstValueAsLong("Content-Length").orElse(-1));
            return body;
        });
        CompletableFuture<UpstreamResponse> answer =
                exchange.thenApply(r -> new UpstreamResponse(r.statusCode(), r.headers(), r.body()));
        answer.whenComplete((r, e) -> {
            if (answer.isCancelled()) {
                body.cancel();
                exchange.cancel(true);
            }
        });
        return answer;
    }

    private static <T> Supplier<T> memoize(Supplier<T> factory) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public T get() {
                T v = value;
                if (v == null) {
                    synchronized (this) {
                        if (value == null) value = factory.get();
                        v = value;
                    }
                }
                return v;
            }
        };
    }

    /** Collects a body up to the cap; past it (or on cancel) it cancels the subscription, which closes the connection. */
    static final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final long cap;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        /** The chunks as received (copied once into the body at the end: no doubling buffer), null once done. */
        private List<byte[]> chunks = new ArrayList<>();

        private long size;
        private Flow.Subscription subscription;
        private boolean cancelled;

        BoundedBody(long cap) {
            this.cap = cap;
        }

        synchronized void expect(long contentLength) {
            if (contentLength > cap) result.completeExceptionally(new BodyTooLargeException(cap));
        }

        synchronized void cancel() {
            cancelled = true;
            if (subscription != null) subscription.cancel();
            result.cancel(false);
            chunks = null;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public synchronized void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (cancelled || result.isDone()) {
                s.cancel();
                chunks = null;
            } else {
                s.request(Long.MAX_VALUE);
            }
        }

        @Override
        public synchronized void onNext(List<ByteBuffer> items) {
            if (result.isDone() || chunks == null) return;
            for (ByteBuffer b : items) {
                if (size + b.remaining() > cap) {
                    chunks = null;
                    subscription.cancel();
                    result.completeExceptionally(new BodyTooLargeException(cap));
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                chunks.add(chunk);
                size += chunk.length;
            }
        }

        @Override
        public synchronized void onError(Throwable t) {
            chunks = null;
            result.completeExceptionally(t);
        }

        @Override
        public synchronized void onComplete() {
            if (chunks == null) return;
            byte[] body = new byte[(int) size];
            int at = 0;
            for (byte[] c : chunks) {
                System.arraycopy(c, 0, body, at, c.length);
                at += c.length;
            }
            chunks = null;
            result.complete(body);
        }
    }
}
