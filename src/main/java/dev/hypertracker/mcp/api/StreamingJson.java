package dev.hypertracker.mcp.api;

import dev.hypertracker.mcp.files.StreamedFileReader;
import dev.hypertracker.mcp.memory.ParseBudget;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A 200 body parsed into a tree while it arrives, with no copy of the whole body: the parser reads the chunks as the
 * connection delivers them (one at a time: back-pressure), counts them against the cap, and reserves the heap of
 * the tree they will become in the {@link ParseBudget} before it reads them. Past the cap, when the budget has no
 * room, or on cancel, it stops and cancels the subscription, which closes the connection.
 *
 * <p>With a {@link StreamedFileReader} (a download file: CSV beyond 10 MB) the chunks go to the reader instead, which
 * keeps only its summary: the reservation is the reader's fixed heap, not a tree's per wire byte.
 */
final class StreamingJson implements HttpResponse.BodySubscriber<UpstreamResponse.Payload> {
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    /** Reserve heap for at least this much more body at a time (fewer updates of the shared budget). */
    private static final long RESERVE_STEP = 256 * 1024;

    private static final Object END = new Object();
    private static final Object CANCELLED = new Object();

    private final long cap;
    private final long declaredLength;
    private final ParseBudget budget;
    private final Executor parser;
    private final CompletableFuture<UpstreamResponse.Payload> result = new CompletableFuture<>();
    /** Chunk lists, then END, a Throwable or CANCELLED. */
    private final BlockingQueue<Object> arrived = new LinkedBlockingQueue<>();

    private volatile Flow.Subscription subscription;
    /** Reads a download file into its summary; null: parse the body as a JSON tree. */
    private final StreamedFileReader reader;

    /**
     * @param declaredLength the Content-Length, or -1
     * @param parser         runs the parse (it blocks while it waits for the next chunk)
     */
    StreamingJson(long cap, long declaredLength, ParseBudget budget, Executor parser) {
        this(cap, declaredLength, budget, parser, null);
    }

    StreamingJson(long cap, long declaredLength, ParseBudget budget, Executor parser, StreamedFileReader reader) {
        this.reader = reader;
        this.cap = cap;
        this.declaredLength = declaredLength;
        this.budget = budget;
        this.parser = parser;
    }

    @Override
    public CompletionStage<UpstreamResponse.Payload> getBody() {
        return result;
    }

    /** Refuses at once a body whose declared length is over the cap or whose tree has no room in the budget now. */
    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        ParseBudget.Reservation heap = budget.open();
        if (declaredLength > cap) {
            result.completeExceptionally(new Transport.BodyTooLargeException(cap));
        } else if (reader != null) {
            if (!heap.coverHeap(reader.heapBytes()))
                result.completeExceptionally(
                        new Transport.NoHeapForBodyException(budget.reservedBytes(), reader.heapBytes()));
        } else if (declaredLength > 0 && !heap.cover(declaredLength)) {
            result.completeExceptionally(new Transport.NoHeapForBodyException(budget.reservedBytes(), declaredLength));
        }
        if (result.isDone()) {
            heap.close();
            s.cancel();
            return;
        }
        s.request(1);
        parser.execute(() -> parse(heap));
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        arrived.add(items);
    }

    @Override
    public void onError(Throwable t) {
        arrived.add(t);
    }

    @Override
    public void onComplete() {
        arrived.add(END);
    }

    /** Abandons the body: the parser stops at its next read and the connection is closed. */
    void cancel() {
        arrived.add(CANCELLED);
        Flow.Subscription s = subscription;
        if (s != null) s.cancel();
        result.cancel(false);
    }

    private void parse(ParseBudget.Reservation reservation) {
        Chunks body = new Chunks();
        UpstreamResponse.Payload payload = null;
        Exception failure = null;
        try (ParseBudget.Reservation heap = reservation) {
            body.heap = heap;
            JsonNode tree;
            if (reader == null) {
                tree = readTree(body);
                body.skipRest(); // to the end, so the connection can be reused
            } else {
                tree = readFile(body);
                // a reader that stopped early (its row cap) leaves the rest unread: the connection is closed
                if (!body.ended) cancelRest();
            }
            payload = new UpstreamResponse.Payload(new byte[0], tree, body.size);
        } catch (IOException | RuntimeException e) {
            failure = e;
        }
        // completed only once the reservation is released: whoever sees the tree sees the budget free again
        if (payload != null) {
            result.complete(payload);
            return;
        }
        Flow.Subscription s = subscription;
        if (s != null) s.cancel();
        result.completeExceptionally(failure);
    }

    private JsonNode readFile(Chunks body) throws IOException {
        try {
            return reader.read(body);
        } catch (IOException | RuntimeException e) {
            if (body.failure != null) throw body.failure; // the stream's own failure, not the file's format
            throw new Transport.MalformedBodyException(body.size, e);
        }
    }

    private void cancelRest() {
        Flow.Subscription s = subscription;
        if (s != null) s.cancel();
    }

    /** The tree of the body, inflated first when it is gzip (its inflated bytes then count against cap and budget). */
    private JsonNode readTree(Chunks body) throws IOException {
        try {
            return JSON.readTree(GzipBodies.decoded(body, cap, body::reserve));
        } catch (JacksonException e) {
            if (body.failure != null) throw body.failure; // the stream's own failure, wrapped by the parser
            if (e.getCause() instanceof Transport.BodyTooLargeException inflatedTooLarge) throw inflatedTooLarge;
            throw new Transport.MalformedBodyException(body.size, e);
        }
    }

    /** The arriving chunks as an InputStream, counted against the cap and the heap budget. */
    private final class Chunks extends InputStream {
        ParseBudget.Reservation heap;
        long size;
        IOException failure;
        private Iterator<ByteBuffer> chunks = List.<ByteBuffer>of().iterator();
        private ByteBuffer current = ByteBuffer.allocate(0);
        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            if (length == 0) return 0;
            while (!current.hasRemaining()) {
                if (chunks.hasNext()) {
                    current = chunks.next();
                } else if (ended || !next()) {
                    return -1;
                }
            }
            int n = Math.min(length, current.remaining());
            current.get(into, offset, n);
            return n;
        }

        /** Waits for the next chunk list; false at the end of the body. */
        private boolean next() throws IOException {
            Object item;
            try {
                item = arrived.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw fail(new IOException("interrupted while reading the body", e));
            }
            if (item == END) {
                ended = true;
                return false;
            }
            if (item == CANCELLED) throw fail(new IOException("the exchange was cancelled"));
            if (item instanceof Throwable t)
                throw fail(t instanceof IOException io ? io : new IOException("the body broke off", t));
            @SuppressWarnings("unchecked")
            List<ByteBuffer> list = (List<ByteBuffer>) item;
            for (ByteBuffer b : list) size += b.remaining();
            if (size > cap) throw fail(new Transport.BodyTooLargeException(cap));
            reserve(size);
            chunks = list.iterator();
            subscription.request(1);
            return true;
        }

        void reserve(long wireBytes) throws IOException {
            if (reader != null) return; // a file reader's heap is fixed, reserved up front
            if (wireBytes <= heap.wireBytes()) return;
            long step = Math.min(cap, Math.max(wireBytes, heap.wireBytes() + RESERVE_STEP));
            if (!heap.cover(step) && !heap.cover(wireBytes))
                throw fail(new Transport.NoHeapForBodyException(budget.reservedBytes(), wireBytes));
        }

        void skipRest() throws IOException {
            byte[] sink = new byte[8192];
            while (read(sink, 0, sink.length) >= 0) {
                // discard: trailing whitespace (the parser stopped after the root value)
            }
        }

        private IOException fail(IOException e) {
            failure = e;
            return e;
        }
    }
}
