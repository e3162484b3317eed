package dev.hypertracker.mcp.cache;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Identical requests in flight share one upstream call. The call runs on its own (not on a caller's thread); every
 * caller, the one that started it included, is a waiter that awaits its result with its own deadline and leaves
 * when it gives up. The call is abandoned (its connection closed) only when its last waiter has left.
 *
 * @param <V> the shared result
 * @param <C> what a caller brings to a running call when it joins (e.g. its deadline)
 */
public final class RequestCoalescer<V, C> {
    /** guarded by this */
    private final Map<String, Shared<V, C>> inFlight = new HashMap<>();

    /** The running work behind a shared request. */
    public interface Work<C> {
        /** Another caller joined (e.g. the work may now run until that caller's deadline). */
        void joined(C caller);

        /** No caller waits any more: abandon the work and close its connection. */
        void cancel();
    }

    private static final class Shared<V, C> {
        final CompletableFuture<V> result = new CompletableFuture<>();
        Work<C> work;
        int waiters;
    }

    /** One caller's place among the waiters of a shared request. */
    public final class Waiter {
        private final String key;
        private final Shared<V, C> shared;
        private final boolean started;
        private boolean left;

        private Waiter(String key, Shared<V, C> shared, boolean started) {
            this.key = key;
            this.shared = shared;
            this.started = started;
        }

        /** The shared result: await it with the caller's own deadline. */
        public CompletableFuture<V> result() {
            return shared.result;
        }

        /** True for the caller whose join started the work, false for one that joined it. */
        public boolean started() {
            return started;
        }

        /** The caller no longer waits (answered or gave up); the last one to leave an unfinished request cancels it. */
        public void leave() {
            Work<C> abandoned = null;
            synchronized (RequestCoalescer.this) {
                if (left) return;
                left = true;
                if (--shared.waiters == 0 && !shared.result.isDone()) {
                    inFlight.remove(key, shared);
                    abandoned = shared.work;
                }
            }
            if (abandoned != null) {
                abandoned.cancel();
                shared.result.cancel(false);
            }
        }
    }

    /**
     * Joins the request running for {@code key}, or starts it with {@code start} (whose work must end by calling the
     * finisher it is given, with a value or a failure; it only starts the work, on another thread, since it runs under this coalescer's lock). The caller must {@link Waiter#leave} when it stops waiting, whatever the outcome.
     */
    public synchronized Waiter join(String key, C caller, Function<BiConsumer<V, Throwable>, Work<C>> start) {
        Shared<V, C> running = inFlight.get(key);
        if (running != null) {
            running.waiters++;
            running.work.joined(caller);
            return new Waiter(key, running, false);
        }
        Shared<V, C> shared = new Shared<>();
        shared.waiters = 1;
        inFlight.put(key, shared);
        shared.work = start.apply((value, failure) -> finish(key, shared, value, failure));
        return new Waiter(key, shared, true);
    }

    /** Unregisters, then completes (so that no later caller joins a finished request). */
    private void finish(String key, Shared<V, C> shared, V value, Throwable failure) {
        synchronized (this) {
            inFlight.remove(key, shared);
        }
        if (failure == null) shared.result.complete(value);
        else shared.result.completeExceptionally(failure);
    }

    public synchronized int size() {
        return inFlight.size();
    }
}
