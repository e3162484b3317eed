package dev.hypertracker.mcp.api;

import dev.hypertracker.mcp.files.StreamedFileReader;
import dev.hypertracker.mcp.memory.ParseBudget;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The {@link Transport} over the JDK's {@link HttpClient}, asynchronous so that no caller thread is pinned by a slow
 * upstream: callers wait on the future with their own deadline and cancel it when they give up. A 200 body is parsed
 * as it arrives, up to a cap and within the heap budget of bodies being parsed ({@link ParseBudget}); a declared
 * Content-Length over the cap is refused before reading.
 *
 * <p>The JDK client is built on the first request, not on the start path: building it initialises the default
 * SSLContext and starts a selector thread (~100–300 ms on a cold JVM), and a stdio server may never call out.
 */
public final class JdkTransport implements Transport {
    /** A non-200 body is read only for its message. */
    static final long MAX_ERROR_BODY_BYTES = 1L << 20;
    /** The most a gzip body held whole (a test transport's) may inflate to: the largest body ever read here. */
    static final long MAX_INFLATED_BYTES = 64L << 20;

    private final Supplier<HttpClient> client;
    private final long maxBodyBytes;
    private final ParseBudget parseBudget;
    /** Parses 200 bodies from their stream as they arrive (a thread per body being parsed, freed on cancel). */
    private final Executor parsers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "upstream-json-parser");
        t.setDaemon(true);
        return t;
    });

    /** With this JVM's parse budget and the cap it implies (see {@link #defaultMaxBodyBytes}). */
    public static JdkTransport forThisJvm(Duration connectTimeout) {
        ParseBudget budget = ParseBudget.forThisJvm();
        return new JdkTransport(connectTimeout, defaultMaxBodyBytes(budget), budget);
    }

    public JdkTransport(Duration connectTimeout, long maxBodyBytes, ParseBudget parseBudget) {
        this.parseBudget = parseBudget;
        this.client = memoize(() -> HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER) // exports: followed by hand, checked, without the token
                .version(HttpClient.Version.HTTP_1_1)
                .build());
        this.maxBodyBytes = maxBodyBytes;
    }

    /** The body cap: the largest body whose parsed tree fits the parse budget alone, at most 64 MiB. */
    static long defaultMaxBodyBytes(ParseBudget budget) {
        return Math.min(MAX_INFLATED_BYTES, budget.maxBodyBytes());
    }

    /** Builds the JDK client now instead of on the first request (a warm-up off the start path). */
    public void prepare() {
        client.get();
    }

    /**
     * A 200 is parsed as JSON while it arrives ({@link StreamingJson}: no copy of the whole body, bounded by the cap
     * and admitted against the parse budget); any other status is read as bytes, up to {@link #MAX_ERROR_BODY_BYTES}.
     */
    @Override
    public CompletableFuture<UpstreamResponse> send(HttpRequest request) {
        return send(request, (StreamedFileReader) null);
    }

    /**
     * A download file's 200 is read by its reader while it arrives: only the reader's own bounded heap is reserved,
     * and the file may be up to {@link StreamedFileReader#MAX_FILE_BYTES} on the wire since none of it is kept.
     */
    @Override
    public CompletableFuture<UpstreamResponse> send(HttpRequest request, StreamedFileReader reader) {
        AtomicReference<Runnable> cancelBody = new AtomicReference<>(() -> {});
        CompletableFuture<HttpResponse<UpstreamResponse.Payload>> exchange = client.get()
                .sendAsync(request, info -> {
                    long declared =
                            info.headers().firstValueAsLong("Content-Length").orElse(-1);
                    if (info.statusCode() == 200) {
                        StreamingJson json = reader == null
                                ? new StreamingJson(maxBodyBytes, declared, parseBudget, parsers)
                                : new StreamingJson(
                                        StreamedFileReader.MAX_FILE_BYTES, declared, parseBudget, parsers, reader);
                        cancelBody.set(json::cancel);
                        return json;
                    }
                    BoundedBody bytes = new BoundedBody(Math.min(maxBodyBytes, MAX_ERROR_BODY_BYTES));
                    bytes.expect(declared);
                    cancelBody.set(bytes::cancel);
                    return HttpResponse.BodySubscribers.mapping(
                            bytes, b -> new UpstreamResponse.Payload(b, null, b.length));
                });
        CompletableFuture<UpstreamResponse> answer =
                exchange.thenApply(r -> new UpstreamResponse(r.statusCode(), r.headers(), r.body()));
        answer.whenComplete((r, e) -> {
            if (answer.isCancelled()
                    || e instanceof CancellationException
                    || e != null && e.getCause() instanceof CancellationException) {
                cancelBody.get().run();
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
