package dev.hypertracker.mcp.api;

import dev.hypertracker.mcp.api.UpstreamFailure.Kind;
import dev.hypertracker.mcp.resilience.CircuitBreaker;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * Fails at once while the {@link CircuitBreaker} is open. It sits outside the retries: a call that failed after
 * all of them counts one failure, so a short blip the retries absorbed counts none.
 */
final class BreakerStep implements UpstreamStep {
    private static final Set<Kind> SERVER_SIDE =
            EnumSet.of(Kind.SERVER_ERROR, Kind.REQUEST_TIMEOUT, Kind.DEADLINE, Kind.UNREACHABLE, Kind.BROKEN);

    private final CircuitBreaker breaker;
    private final ErrorMapper errors;

    BreakerStep(CircuitBreaker breaker, ErrorMapper errors) {
        this.breaker = breaker;
        this.errors = errors;
    }

    @Override
    public UpstreamResponse proceed(UpstreamCall call, Chain next) {
        Duration open = breaker.openFor();
        if (!open.isZero()) throw errors.circuitOpen(breaker.threshold(), open);
        try {
            UpstreamResponse r = next.proceed(call);
            breaker.recordSuccess();
            return r;
        } catch (UpstreamFailure f) {
            if (SERVER_SIDE.contains(f.kind())) breaker.recordFailure();
            throw f;
        }
    }
}
