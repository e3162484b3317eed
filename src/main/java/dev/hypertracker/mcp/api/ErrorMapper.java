package dev.hypertracker.mcp.api;

import dev.hypertracker.mcp.api.ApiException.Kind;
import dev.hypertracker.mcp.config.Settings;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Every upstream failure worded once, for the model and the user: what happened and what to do. Keyed by the
 * failure's kind ({@link UpstreamFailure.Kind}, itself derived from the exception class) or the HTTP status. No
 * message contains the token or a pre-signed URL's query.
 */
public final class ErrorMapper {
    private static final DateTimeFormatter RESET_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final Settings settings;

    public ErrorMapper(Settings settings) {
        this.settings = settings;
    }

    /** A failure that ended the call (after whatever retries were allowed). */
    public ApiException map(UpstreamFailure f, UpstreamCall call) {
        String what = call.withToken() ? "HyperTracker" : "The export file host";
        String attempts = attempts(f.attempts());
        return switch (f.kind()) {
            case DEADLINE, NO_TIME_LEFT -> deadlineExceeded();
            case INTERRUPTED -> new ApiException(Kind.TIMEOUT, 0, "The call was interrupted.");
            case REQUEST_TIMEOUT ->
                new ApiException(
                        Kind.TIMEOUT,
                        0,
                        what + " did not answer within " + seconds(settings.requestTimeout()) + " s (" + attempts
                                + "). Try again later or narrow the query.");
            case UNREACHABLE ->
                new ApiException(
                        Kind.NETWORK,
                        0,
                        "Could not reach " + what + " at " + call.uri().getHost() + " (" + causeName(f)
                                + "). Check the network or " + Settings.ENV_BASE_URL + ".");
            case BROKEN ->
                new ApiException(
                        Kind.NETWORK,
                        0,
                        "The connection to " + what + " broke before its answer was " + "complete (" + attempts + ", "
                                + causeName(f) + "). This is usually transient: try again in a minute.");
            case TOO_LARGE ->
                new ApiException(
                        Kind.MALFORMED_RESPONSE,
                        200,
                        what + " sent more than "
                                + megabytes(((Transport.BodyTooLargeException) f.getCause()).cap())
                                + " MB for one response of "
                                + call.tool()
                                + ", more than this server accepts; it stopped reading there. Narrow the query "
                                + "(a coin, a shorter window, a smaller limit).");
            case NO_HEAP ->
                new ApiException(
                        Kind.MALFORMED_RESPONSE,
                        200,
                        what + "'s answer for " + call.tool()
                                + " was not read: the answers being parsed now already hold "
                                + megabytes(((Transport.NoHeapForBodyException) f.getCause()).reservedBytes())
                                + " MB of this server's memory budget for them. Try again in a moment.");
            case MALFORMED ->
                new ApiException(
                        Kind.MALFORMED_RESPONSE,
                        200,
                        what + " returned a malformed JSON body for "
                                + call.uri().getPath() + " ("
                                + (f.response() != null
                                        ? f.response().wireBytes()
                                        : f.getCause() instanceof Transport.MalformedBodyException m
                                                ? m.wireBytes()
                                                : 0)
                                + " bytes). This is usually transient: try again.");
            case SERVER_ERROR ->
                new ApiException(
                        Kind.UPSTREAM_ERROR,
                        f.response().status(),
                        what + " is failing (HTTP " + f.response().status() + ") after " + attempts
                                + ". Try again in a few minutes.");
        };
    }

    /** A final non-2xx answer of the API that is not retried (4xx and unexpected statuses). */
    public ApiException forStatus(UpstreamResponse response, String tool) {
        int status = response.status();
        String upstream = upstreamMessage(response.body());
        return switch (status) {
            case 400 ->
                new ApiException(
                        Kind.BAD_REQUEST,
                        400,
                        "HyperTracker rejected the arguments of " + tool + ": "
                                + (upstream.isEmpty() ? "no detail given" : upstream) + ".");
            case 401 ->
                new ApiException(
                        Kind.UNAUTHORIZED,
                        401,
                        "HyperTracker rejected the API token (401). Set "
                                + Settings.ENV_TOKEN
                                + " to a valid token from the HyperTracker API dashboard and restart the server, "
                                + "or use --demo for synthetic data.");
            case 402 ->
                new ApiException(
                        Kind.QUOTA_EXCEEDED,
                        402,
                        "The HyperTracker plan's request quota is spent (402). "
                                + "Wait for the quota to reset or upgrade the plan; cached answers still work.");
            case 403 ->
                new ApiException(
                        Kind.FORBIDDEN,
                        403,
                        "HyperTracker refused access to " + tool + " (403): the " + "token's plan may not include it."
                                + (upstream.isEmpty() ? "" : " Upstream said: " + upstream + "."));
            case 404 ->
                new ApiException(
                        Kind.NOT_FOUND,
                        404,
                        "Not found (404)" + (upstream.isEmpty() ? "" : ": " + upstream)
                                + ". Coin symbols are case-sensitive (BTC, kPEPE, xyz:GOLD); get_open_exposure_by_coin lists the coins traded now.");
            default ->
                new ApiException(
                        Kind.UPSTREAM_ERROR,
                        status,
                        "HyperTracker answered HTTP " + status + " for " + tool
                                + (upstream.isEmpty() ? "." : ": " + upstream + "."));
        };
    }

    public ApiException deadlineExceeded() {
        return new ApiException(
                Kind.TIMEOUT,
                0,
                "The call ran out of its time budget before HyperTracker answered. "
                        + "Try again, or narrow the query (fewer pages, a shorter time window).");
    }

    public ApiException circuitOpen(int failures, Duration openFor) {
        return new ApiException(
                Kind.CIRCUIT_OPEN,
                0,
                "HyperTracker failed " + failures + " times in a row; this server " + "pauses calls to it for "
                        + seconds(openFor) + " s. Try again then.");
    }

    public ApiException localRateLimit(Duration retryIn) {
        return new ApiException(
                Kind.RATE_LIMITED,
                0,
                "This server's limit of " + settings.requestsPerMinute()
                        + " HyperTracker requests per minute (set to your plan) is reached; retry in "
                        + seconds(retryIn) + " s.");
    }

    /** A 429 (or a pause after one) this call cannot wait out. */
    public ApiException rateLimited(Duration retryIn) {
        return new ApiException(
                Kind.RATE_LIMITED,
                429,
                "HyperTracker's rate limit for this token is exhausted"
                        + (retryIn == null ? "; retry in a minute." : "; retry in " + seconds(retryIn) + " s.")
                        + " Answers already fetched are cached, so repeating earlier questions is free.");
    }

    /** A 429 whose wait is longer than the call's deadline: the period quota is spent until {@code resetAt}. */
    public ApiException quotaSpent(Instant resetAt, Duration retryIn) {
        return new ApiException(
                Kind.QUOTA_EXCEEDED,
                429,
                "HyperTracker's rate limit for this token is exhausted: quota "
                        + "spent; resets at " + RESET_TIME.format(resetAt) + " (retry in " + seconds(retryIn)
                        + " s). This server "
                        + "sends no requests until then; answers already fetched are cached, so repeating earlier questions is free.");
    }

    public ApiException unexpected(UpstreamResponse response, String tool) {
        return new ApiException(
                Kind.UPSTREAM_ERROR,
                response.status(),
                "HyperTracker answered HTTP " + response.status() + " for " + tool
                        + ", which this server does not expect.");
    }

    /** The API's own error text, either error shape (see {@link UpstreamErrorText}). */
    static String upstreamMessage(byte[] body) {
        return UpstreamErrorText.of(body);
    }

    private static String causeName(UpstreamFailure f) {
        return f.getCause() == null ? "no answer" : f.getCause().getClass().getSimpleName();
    }

    static String attempts(int n) {
        return n + (n == 1 ? " attempt" : " attempts");
    }

    static long seconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }

    private static long megabytes(long bytes) {
        return Math.max(1, bytes >> 20);
    }
}
