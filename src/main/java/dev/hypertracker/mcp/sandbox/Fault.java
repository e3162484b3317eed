package dev.hypertracker.mcp.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * A misbehaviour the sandbox can be told to show on a route (see {@link FaultInjector#on}).
 *
 * @param kind              what goes wrong
 * @param status            the HTTP status for STATUS and RATE_LIMITED (0 otherwise)
 * @param delay             how long DELAY waits before answering normally
 * @param retryAfterSeconds the 429 body's retry_after (and header value)
 * @param retryAfterHeader  whether a 429 carries a Retry-After header
 * @param body              the JSON text BODY answers with (null otherwise)
 */
public record Fault(
        Kind kind, int status, Duration delay, int retryAfterSeconds, boolean retryAfterHeader, String body) {

    public enum Kind {
        /** Answer this status with the API's body for it (502 is a gateway's HTML page). */
        STATUS,
        /** 429 with the API's body {"error":"rate_limit_exceeded","message":…,"retry_after":N}. */
        RATE_LIMITED,
        /** Wait, then answer normally. */
        DELAY,
        /** 200 with a JSON content type and a body that is not JSON. */
        MALFORMED_BODY,
        /** The normal answer announcing its full Content-Length, then the connection drops halfway through the body. */
        TRUNCATED_BODY,
        /** The normal answer cut in half, delivered as a complete HTTP response: JSON that ends early. */
        TRUNCATED_JSON,
        /** 200 with this JSON text instead of the route's answer: a body of the wrong shape or with odd numbers. */
        BODY
    }

    public Fault {
        Objects.requireNonNull(kind, "kind");
        delay = delay == null ? Duration.ZERO : delay;
    }

    public static Fault status(int status) {
        if (status < 100 || status > 599) throw new IllegalArgumentException("not an HTTP status: " + status);
        return new Fault(Kind.STATUS, status, null, 0, false, null);
    }

    public static Fault rateLimited(int retryAfterSeconds, boolean withHeader) {
        return new Fault(Kind.RATE_LIMITED, 429, null, retryAfterSeconds, withHeader, null);
    }

    public static Fault delay(Duration delay) {
        return new Fault(Kind.DELAY, 0, delay, 0, false, null);
    }

    public static Fault malformedBody() {
        return new Fault(Kind.MALFORMED_BODY, 0, null, 0, false, null);
    }

    public static Fault truncatedBody() {
        return new Fault(Kind.TRUNCATED_BODY, 0, null, 0, false, null);
    }

    /** 200 with this JSON text (any text: "hello", 42, {}, a row with 1e400) instead of the route's answer. */
    public static Fault body(String json) {
        return body(200, json);
    }

    /** This status with this JSON text, e.g. a 400 in either of the API's error shapes. */
    public static Fault body(int status, String json) {
        return new Fault(Kind.BODY, status, null, 0, false, Objects.requireNonNull(json, "json"));
    }

    public static Fault truncatedJson() {
        return new Fault(Kind.TRUNCATED_JSON, 0, null, 0, false, null);
    }
}
