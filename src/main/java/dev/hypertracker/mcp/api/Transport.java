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
     * cap fails it with {@link BodyTooLargeException} as soon as the cap is passed). Cancelling the future
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
}
