package dev.hypertracker.mcp.api;

/**
 * An upstream call failed. The message is written for the model and the user: what happened and what to do.
 * It never contains the API token or a full pre-signed URL.
 */
public class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What kind of failure, for callers that react differently (e.g. keep partial pages). */
    public enum Kind {
        NO_TOKEN,
        BAD_REQUEST,
        UNAUTHORIZED,
        QUOTA_EXCEEDED,
        FORBIDDEN,
        NOT_FOUND,
        RATE_LIMITED,
        UPSTREAM_ERROR,
        TIMEOUT,
        NETWORK,
        MALFORMED_RESPONSE,
        CIRCUIT_OPEN,
        EXPORT_EXPIRED,
        REDIRECT_REFUSED
    }

    private final Kind kind;
    private final int status;

    public ApiException(Kind kind, int status, String message) {
        super(message);
        this.kind = kind;
        this.status = status;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status that caused it, or 0 when there was none (timeout, network, no token). */
    public int status() {
        return status;
    }
}
