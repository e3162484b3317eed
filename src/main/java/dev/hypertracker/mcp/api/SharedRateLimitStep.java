package dev.hypertracker.mcp.api;

import dev.hypertracker.mcp.api.ApiException.Kind;
import dev.hypertracker.mcp.shared.SharedRateLimit;
import dev.hypertracker.mcp.stats.UpstreamStats;

/**
 * Takes a token of the budget every instance shares (per minute, and per day / 30 days when set) before each
 * request, waiting for one at most as long as the local limiter would ({@link RateLimitStep#MAX_QUEUE}, within the
 * deadline). Without Redis, or while it is down, it lets the request through to this instance's own limiter.
 */
final class SharedRateLimitStep implements UpstreamStep {
    private final SharedRateLimit budget;
    private final UpstreamStats stats;

    SharedRateLimitStep(SharedRateLimit budget, UpstreamStats stats) {
        this.budget = budget;
        this.stats = stats;
    }

    @Override
    public UpstreamResponse proceed(UpstreamCall call, Chain next) {
        SharedRateLimit.Admission admission;
        try {
            admission = budget.acquire(call.deadline().endWithin(RateLimitStep.MAX_QUEUE));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw UpstreamFailure.of(e);
        }
        if (admission instanceof SharedRateLimit.Spent spent) {
            stats.throttledLocally();
            long seconds = Math.max(1, (spent.retryIn().toMillis() + 999) / 1000);
            throw new ApiException(
                    Kind.RATE_LIMITED,
                    0,
                    "The HyperTracker request budget shared by every instance of this server (" + budget.description()
                            + ", set to your plan) is reached; retry in " + seconds + " s.");
        }
        return next.proceed(call);
    }
}
