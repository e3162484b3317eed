package dev.hypertracker.mcp.api;

import dev.hypertracker.mcp.files.StreamedFileReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.util.concurrent.CompletableFuture;

/**
 * Sends one HTTP request: the only place bytes cross the network. Everything else about an upstream call (cache,
 * coalescing, breaker, rate limit, retries, error wording) is a step around it (see {@link UpstreamStep}).
 */
@FunctionalInterface
public interface Transport {

    /**
     * Starts the exchange. The future completes with the status, headers and whole body (bounded: a body over the
     * cap fails it with {@link BodyTooLargeException} as soon as the cap is passed; a real transport parses a 200
     * while it arrives, and fails it with {@link MalformedBodyException} or {@link NoHeapForBodyException}). Cancelling the future
     * abandons the exchange and closes its connection.
     */
    CompletableFuture<UpstreamResponse> send(HttpRequest request);

    /**
     * Starts an exchange whose 200 body is a download file read by {@code reader} as it arrives (its summary becomes
     * the response's JSON, no bytes kept). This default reads the whole body first: right for test doubles, which hold
     * their bodies anyway; a real transport streams it.
     */
    default CompletableFuture<UpstreamResponse> send(HttpRequest request, StreamedFileReader reader) {
        return send(request).thenApply(r -> {
            if (r.status() != 200 || r.json() != null) return r;
            try {
                return r.withJson(reader.read(new ByteArrayInputStream(r.body())));
            } catch (IOException e) {
                throw new java.util.concurrent.CompletionException(new MalformedBodyException(r.wireBytes(), e));
            }
        });
    }

    /** A body passed the transport's cap: reading stopped there and the connection was closed. */
    final class BodyTooLargeException extends java.io.IOException {
        private static final long serialVersionUID = 1L;
        private final long cap;

        public BodyTooLargeException(long cap) {
            super("body larger than " + cap + " bytes");
            this.cap = cap;
        }

        public long cap() {
            return cap;
        }
    }

    /** A 200 body that is not JSON (or broke off mid-value). */
    final class MalformedBodyException extends java.io.IOException {
        private static final long serialVersionUID = 1L;
        private final long wireBytes;

        public MalformedBodyException(long wireBytes, Throwable cause) {
            super("malformed JSON body after " + wireBytes + " bytes", cause);
            this.wireBytes = wireBytes;
        }

        public long wireBytes() {
            return wireBytes;
        }
    }

    /** The bodies being parsed already hold the heap budget: this one was refused (nothing waits, nothing deadlocks). */
    final class NoHeapForBodyException extends java.io.IOException {
        private static final long serialVersionUID = 1L;
        private final long reservedBytes;

        public NoHeapForBodyException(long reservedBytes, long wireBytes) {
            super("no heap budget for a body of " + wireBytes + " bytes (" + reservedBytes + " reserved)");
            this.reservedBytes = reservedBytes;
        }

        /** Heap bytes the other bodies being parsed held when this one was refused. */
        public long reservedBytes() {
            return reservedBytes;
        }
    }
}
