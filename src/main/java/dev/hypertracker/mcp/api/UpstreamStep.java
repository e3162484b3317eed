package dev.hypertracker.mcp.api;

import java.util.List;

/**
 * One single-purpose step of an upstream call, as OkHttp's interceptors: it may answer itself, wait, retry, or pass
 * the call on to the next step; the last one is the {@link Transport}. Failures travel up as {@link UpstreamFailure}
 * and are worded once, by {@link ErrorMapper}.
 */
@FunctionalInterface
public interface UpstreamStep {

    UpstreamResponse proceed(UpstreamCall call, Chain next);

    /** The rest of the steps. */
    @FunctionalInterface
    interface Chain {
        UpstreamResponse proceed(UpstreamCall call);
    }

    /** The steps in order (outermost first), ending in {@code last}. */
    static Chain chain(List<UpstreamStep> steps, Chain last) {
        Chain next = last;
        for (int i = steps.size() - 1; i >= 0; i--) {
            UpstreamStep step = steps.get(i);
            Chain rest = next;
            next = call -> step.proceed(call, rest);
        }
        return next;
    }
}
