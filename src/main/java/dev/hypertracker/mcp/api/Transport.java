package dev.hypertracker.mcp.api;

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
