package dev.hypertracker.mcp.api;

import dev.hypertracker.mcp.time.TimeSource;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last step: builds the GET, hands it to the {@link Transport} and waits for the whole answer, body included,
 * until the per-request timeout or the call's deadline, whichever is first. When it gives up it cancels the
 * exchange, which closes the connection: a body that drips forever neither holds the caller nor the socket.
 */
final class TransportStep implements UpstreamStep.Chain {
    private static final Logger log = LoggerFactory.getLogger(TransportStep.class);
    private final Transport transport;
    private final TimeSource time;
    private final Duration requestTimeout;
    private final Supplier<String> authorization;
    private final Runnable countRequest;

    /**
     * @param authorization the Authorization header value (read on each request; never logged)
     * @param countRequest  counts each request sent (quota spent, or export downloads)
     */
    TransportStep(
            Transport transport,
            TimeSource time,
            Duration requestTimeout,
            Supplier<String> authorization,
            Runnable countRequest) {
        this.transport = transport;
        this.time = time;
        this.requestTimeout = requestTimeout;
        this.authorization = authorization;
        this.countRequest = countRequest;
    }

    @Override
    public UpstreamResponse proceed(UpstreamCall call) {
        Deadline deadline = call.deadline();
        if (deadline.expired()) throw new UpstreamFailure(UpstreamFailure.Kind.NO_TIME_LEFT, null);
        HttpRequest.Builder get = HttpRequest.newBuilder(call.uri())
                .GET()
                .timeout(requestTimeout) // the deadline is held below, by waiting and cancelling
                .header(
                        "Accept",
                        call.reader() == null
                                ? "application/json"
                                : call.reader().mediaType());
        if (call.withToken()) {
            get.header("Authorization", authorization.get());
            // an API path and query carry no secret (a pre-signed file URL's query does: the client logs it redacted)
            log.debug(
                    "GET {}",
                    call.uri().getRawPath()
                            + (call.uri().getRawQuery() == null
                                    ? ""
                                    : "?" + call.uri().getRawQuery()));
        }
        countRequest.run();
        Instant requestEnd = time.instant().plus(requestTimeout);
        CompletableFuture<UpstreamResponse> exchange =
                call.reader() == null ? transport.send(get.build()) : transport.send(get.build(), call.reader());
        try {
            while (true) {
                try {
                    return time.await(exchange, earlier(requestEnd, deadline.end()));
                } catch (TimeoutException e) {
                    // a shared request's deadline grows when a caller with more time joins it: wait on
                    if (!deadline.expired() && time.instant().isBefore(requestEnd)) continue;
                    exchange.cancel(true);
                    throw new UpstreamFailure(
                            deadline.expired() ? UpstreamFailure.Kind.DEADLINE : UpstreamFailure.Kind.REQUEST_TIMEOUT,
                            null,
                            1,
                            e);
                }
            }
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw UpstreamFailure.of(e);
        } catch (ExecutionException e) {
            throw UpstreamFailure.of(e);
        }
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
