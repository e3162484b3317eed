package dev.hypertracker.mcp.api;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * What went wrong with an upstream exchange, before it is worded for the user ({@link ErrorMapper}). Steps throw it;
 * the retry step decides by its kind; the client maps it to an {@link ApiException} once, at the top.
 */
public final class UpstreamFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** The call's own deadline passed while an answer was awaited (also while a body was still arriving). */
        DEADLINE,
        /** The call's deadline had passed before a request was sent: nothing went out. */
        NO_TIME_LEFT,
        /** One request took longer than the per-request timeout. */
        REQUEST_TIMEOUT,
        /** The API could not be reached (connection refused, no route, DNS). */
        UNREACHABLE,
        /** Reached, but the answer broke off (reset, truncated body). */
        BROKEN,
        /** The body passed the size cap; reading stopped there. */
        TOO_LARGE,
        /** The bodies being parsed hold the heap budget: this one was not read. */
        NO_HEAP,
        /** A 200 whose body is not JSON (or not the export's format). */
        MALFORMED,
        /** A 5xx answer. */
        SERVER_ERROR,
        /** The calling thread was interrupted (call cancelled). */
        INTERRUPTED
    }

    /** Exception classes to kinds, most specific first: the one place a Java exception becomes a failure kind. */
    private static final Map<Class<? extends Throwable>, Kind> BY_EXCEPTION = new LinkedHashMap<>();

    static {
        BY_EXCEPTION.put(HttpConnectTimeoutException.class, Kind.UNREACHABLE);
        BY_EXCEPTION.put(HttpTimeoutException.class, Kind.REQUEST_TIMEOUT);
        BY_EXCEPTION.put(Transport.BodyTooLargeException.class, Kind.TOO_LARGE);
        BY_EXCEPTION.put(Transport.MalformedBodyException.class, Kind.MALFORMED);
        BY_EXCEPTION.put(Transport.NoHeapForBodyException.class, Kind.NO_HEAP);
        BY_EXCEPTION.put(ConnectException.class, Kind.UNREACHABLE);
        BY_EXCEPTION.put(java.net.UnknownHostException.class, Kind.UNREACHABLE);
        BY_EXCEPTION.put(java.net.NoRouteToHostException.class, Kind.UNREACHABLE);
        BY_EXCEPTION.put(IOException.class, Kind.BROKEN);
        BY_EXCEPTION.put(TimeoutException.class, Kind.DEADLINE);
        BY_EXCEPTION.put(InterruptedException.class, Kind.INTERRUPTED);
        BY_EXCEPTION.put(CancellationException.class, Kind.INTERRUPTED);
    }

    private final Kind kind;
    private final transient UpstreamResponse response;
    private final int attempts;

    public UpstreamFailure(Kind kind, UpstreamResponse response, int attempts, Throwable cause) {
        super(kind + (cause == null ? "" : ": " + cause.getClass().getSimpleName()), cause, false, false);
        this.kind = kind;
        this.response = response;
        this.attempts = attempts;
    }

    public UpstreamFailure(Kind kind, UpstreamResponse response) {
        this(kind, response, 1, null);
    }

    /** The failure a thrown exception stands for. */
    public static UpstreamFailure of(Throwable t) {
        while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof UpstreamFailure f) return f;
        for (Map.Entry<Class<? extends Throwable>, Kind> e : BY_EXCEPTION.entrySet()) {
            if (e.getKey().isInstance(t)) return new UpstreamFailure(e.getValue(), null, 1, t);
        }
        return new UpstreamFailure(Kind.BROKEN, null, 1, t);
    }

    public Kind kind() {
        return kind;
    }

    /** The answer that failed (a 5xx, a malformed 200), or null when there was none. */
    public UpstreamResponse response() {
        return response;
    }

    /** Attempts made before giving up. */
    public int attempts() {
        return attempts;
    }

    public UpstreamFailure afterAttempts(int n) {
        return new UpstreamFailure(kind, response, n, getCause());
    }
}
