package dev.hypertracker.mcp.api;

import dev.hypertracker.mcp.api.ApiException.Kind;
import dev.hypertracker.mcp.cache.CircuitBreaker;
import dev.hypertracker.mcp.cache.RateLimiter;
import dev.hypertracker.mcp.cache.ResponseCache;
import dev.hypertracker.mcp.cache.UpstreamStats;
import dev.hypertracker.mcp.config.Settings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one HTTP client of the HyperTracker API. Every GET goes through: response cache, coalescing of identical
 * in-flight requests, the circuit breaker, the client-side rate limiter, bounded retries with backoff and jitter
 * (5xx, timeouts, malformed bodies), 429 handling within a cap, and mapping of each status to an actionable
 * message. Export endpoints are followed from their 302 to the short-lived file, fetched WITHOUT the token.
 */
public final class HyperTrackerClient {
    private static final Logger log = LoggerFactory.getLogger(HyperTrackerClient.class);
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Duration BASE_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_RATE_LIMIT_QUEUE = Duration.ofSeconds(10);
    private static final int MAX_BODY_BYTES = 64 * 1024 * 1024;

    /** A parsed upstream body, its size on the wire, and where it came from. */
    public record Response(JsonNode body, long bytes, boolean fromCache, Instant fetchedAt) {}

    private final Settings settings;
    private final HttpClient http;
    private final ResponseCache cache;
    private final RateLimiter rateLimiter;
    private final CircuitBreaker breaker;
    private final UpstreamStats stats;
    private final Clock clock;
    private final Map<String, CompletableFuture<Response>> inFlight = new ConcurrentHashMap<>();

    public HyperTrackerClient(Settings settings, UpstreamStats stats, Clock clock) {
        // built on the first request, not on the start path (see LazyHttpClient)
        this(settings, new LazyHttpClient(() -> HttpClient.newBuilder()
                        .connectTimeout(settings.connectTimeout())
                        .followRedirects(HttpClient.Redirect.NEVER) // exports: we follow by hand, without the token
                        .version(HttpClient.Version.HTTP_1_1)
                        .build()),
                new ResponseCache(settings.cacheMaxBytes(), clock),
                new RateLimiter(settings.requestsPerMinute(), clock),
                new CircuitBreaker(5, Duration.ofSeconds(30), clock), stats, clock);
    }

    HyperTrackerClient(Settings settings, HttpClient http, ResponseCache cache, RateLimiter rateLimiter,
                       CircuitBreaker breaker, UpstreamStats stats, Clock clock) {
        this.settings = settings;
        this.http = http;
        this.cache = cache;
        this.rateLimiter = rateLimiter;
        this.breaker = breaker;
        this.stats = stats;
        this.clock = clock;
    }

    public ResponseCache cache() {
        return cache;
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    /**
     * The parsed body of one request: from the cache when fresh enough (unless {@code fresh}), else from the API,
     * sharing one upstream call among identical concurrent requests.
     */
    public Response fetch(ApiRequest request, Deadline deadline, boolean fresh) {
        if (!settings.hasToken()) {
            throw new ApiException(Kind.NO_TOKEN, 0, "No HyperTracker API token is set. Set the environment variable "
                    + Settings.ENV_TOKEN + " (a token from the HyperTracker API dashboard) where this server is started, "
                    + "or start it with --demo to try it on synthetic data.");
        }
        String key = request.pathAndQuery();
        if (settings.cacheEnabled() && !fresh) {
            Optional<ResponseCache.Entry> hit = cache.get(key);
            if (hit.isPresent()) {
                stats.cacheHit();
                return new Response(hit.get().body(), hit.get().bytes(), true, hit.get().fetchedAt());
            }
        }
        CompletableFuture<Response> mine = new CompletableFuture<>();
        CompletableFuture<Response> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            stats.coalesced();
            return await(running, deadline);
        }
        try {
            Response response = request.endpoint().export() ? fetchExport(request, deadline) : fetchJson(request, deadline);
            mine.complete(response);
            return response;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    private static Response await(CompletableFuture<Response> running, Deadline deadline) {
        try {
            return running.get(deadline.remaining().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw deadlineExceeded(deadline);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new ApiException(Kind.NETWORK, 0, "The shared upstream request failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(Kind.TIMEOUT, 0, "The call was interrupted.");
        }
    }

    /** An answer of the API: a 200 with its parsed body, or an export's redirect (body null). */
    private record Answer(HttpResponse<byte[]> response, JsonNode body) {}

    private Response fetchJson(ApiRequest request, Deadline deadline) {
        Answer answer = sendWithRetries(request, deadline);
        if (answer.body() == null) throw unexpected(request, answer.response());
        return store(request, answer.body(), answer.response().body().length);
    }

    /** 302 → the pre-signed file, downloaded without the Authorization header; 200 inline is accepted too. */
    private Response fetchExport(ApiRequest request, Deadline deadline) {
        for (int attempt = 0; attempt < 2; attempt++) {
            Answer answer = sendWithRetries(request, deadline);
            HttpResponse<byte[]> response = answer.response();
            if (answer.body() != null) return store(request, answer.body(), response.body().length);
            if (!isRedirect(response.statusCode())) throw unexpected(request, response);
            URI file = fileLocation(request, response);
            HttpResponse<byte[]> download = downloadFile(file, deadline);
            int status = download.statusCode();
            if (status == 200) return store(request, parse(download.body(), file), download.body().length);
            if (status == 403 || status == 410 || status == 404) {
                log.warn("export file {} answered {} (link expired?); asking for a new link", redact(file), status);
                continue;
            }
            throw new ApiException(Kind.UPSTREAM_ERROR, status, "Downloading the " + request.endpoint().tool()
                    + " export file failed with HTTP " + status + ". Try again in a minute.");
        }
        throw new ApiException(Kind.EXPORT_EXPIRED, 410, "The export download link expired twice before it could be "
                + "read (links live about 30-120 s). Try again; if it keeps failing, the file host is too slow from here.");
    }

    private URI fileLocation(ApiRequest request, HttpResponse<byte[]> response) {
        String location = response.headers().firstValue("Location").orElseThrow(() -> new ApiException(
                Kind.MALFORMED_RESPONSE, response.statusCode(), "The export answered a redirect without a Location."));
        URI uri = request.uri(settings.baseUrl()).resolve(location);
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
            throw new ApiException(Kind.MALFORMED_RESPONSE, response.statusCode(), "The export redirected to an unsupported URL scheme.");
        }
        return uri;
    }

    private HttpResponse<byte[]> downloadFile(URI file, Deadline deadline) {
        if (deadline.expired()) throw deadlineExceeded(deadline);
        stats.exportDownload();
        HttpRequest get = HttpRequest.newBuilder(file).GET().timeout(deadline.cap(settings.requestTimeout()))
                .header("Accept", "application/json").build(); // no Authorization: the URL carries its own signature
        try {
            log.debug("GET export file {}", redact(file));
            return http.send(get, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            if (deadline.expired()) throw deadlineExceeded(deadline);
            throw new ApiException(Kind.TIMEOUT, 0, "Downloading the export file timed out. Try again.");
        } catch (IOException e) {
            throw new ApiException(Kind.NETWORK, 0, "Downloading the export file failed: " + e.getClass().getSimpleName() + ".");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(Kind.TIMEOUT, 0, "The call was interrupted.");
        }
    }

    private Response store(ApiRequest request, JsonNode body, long wireBytes) {
        if (settings.cacheEnabled()) cache.put(request.pathAndQuery(), body, wireBytes, request.endpoint().cacheTtl());
        return new Response(body, wireBytes, false, clock.instant());
    }

    private static JsonNode parse(byte[] body, URI source) {
        if (body.length > MAX_BODY_BYTES) {
            throw new ApiException(Kind.MALFORMED_RESPONSE, 200, "HyperTracker sent " + body.length / (1024 * 1024)
                    + " MB for one response, more than this server accepts. Narrow the query.");
        }
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            throw new ApiException(Kind.MALFORMED_RESPONSE, 200, "HyperTracker returned a malformed JSON body for "
                    + source.getPath() + " (" + body.length + " bytes). This is usually transient: try again.");
        }
    }

    /** Sends one GET with the Bearer token, retrying what is safe to retry, until a final answer or the deadline. */
    private Answer sendWithRetries(ApiRequest request, Deadline deadline) {
        URI uri = request.uri(settings.baseUrl());
        int attempt = 0;
        int rateLimitWaits = 0;
        while (true) {
            Duration open = breaker.openFor();
            if (!open.isZero()) {
                throw new ApiException(Kind.CIRCUIT_OPEN, 0, "HyperTracker failed " + breaker.threshold()
                        + " times in a row; this server pauses calls to it for " + seconds(open) + " s. Try again then.");
            }
            if (deadline.expired()) throw deadlineExceeded(deadline);
            acquireRateLimit(deadline);
            stats.upstreamRequest();
            HttpRequest get = HttpRequest.newBuilder(uri).GET()
                    .timeout(deadline.cap(settings.requestTimeout()))
                    .header("Authorization", "Bearer " + settings.apiToken().reveal())
                    .header("Accept", "application/json")
                    .build();
            HttpResponse<byte[]> response;
            try {
                log.debug("GET {}", request.pathAndQuery());
                response = http.send(get, HttpResponse.BodyHandlers.ofByteArray());
            } catch (HttpTimeoutException e) {
                breaker.recordFailure();
                if (retry(attempt++, deadline)) continue;
                throw deadline.expired() ? deadlineExceeded(deadline) : new ApiException(Kind.TIMEOUT, 0,
                        "HyperTracker did not answer within " + seconds(settings.requestTimeout()) + " s (" + attempts(attempt)
                                + "). Try again later or narrow the query.");
            } catch (IOException e) {
                breaker.recordFailure();
                if (retry(attempt++, deadline)) continue;
                if (!(e instanceof java.net.ConnectException)) { // reached, but the answer broke off (e.g. truncated body)
                    throw new ApiException(Kind.NETWORK, 0, "The connection to HyperTracker broke before its answer was "
                            + "complete (" + attempts(attempt) + ", " + e.getClass().getSimpleName() + "). This is usually "
                            + "transient: try again in a minute.");
                }
                throw new ApiException(Kind.NETWORK, 0, "Could not reach HyperTracker at " + settings.baseUrl().getHost()
                        + " (" + e.getClass().getSimpleName() + "). Check the network or HYPERTRACKER_BASE_URL.");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApiException(Kind.TIMEOUT, 0, "The call was interrupted.");
            }
            int status = response.statusCode();
            if (status >= 500) {
                breaker.recordFailure();
                stats.failure();
                if (retry(attempt++, deadline)) continue;
                throw new ApiException(Kind.UPSTREAM_ERROR, status, "HyperTracker is failing (HTTP " + status + ") after "
                        + attempts(attempt) + ". Try again in a few minutes.");
            }
            breaker.recordSuccess();
            if (status == 429) {
                stats.rateLimited();
                Duration wait = retryAfter(response);
                if (wait != null && rateLimitWaits < 2 && wait.compareTo(settings.maxRetryAfter()) <= 0
                        && wait.compareTo(deadline.remaining()) < 0) {
                    rateLimitWaits++;
                    log.warn("HyperTracker rate limit hit; waiting {} s as asked", seconds(wait));
                    sleep(wait);
                    continue;
                }
                throw new ApiException(Kind.RATE_LIMITED, 429, "HyperTracker's rate limit for this token is exhausted"
                        + (wait == null ? "; retry in a minute." : "; retry in " + seconds(wait) + " s.")
                        + " Answers already fetched are cached, so repeating earlier questions is free.");
            }
            if (status == 200) {
                try {
                    return new Answer(response, parse(response.body(), uri));
                } catch (ApiException malformed) { // a malformed or truncated body is retried like a 5xx
                    stats.failure();
                    if (retry(attempt++, deadline)) continue;
                    throw malformed;
                }
            }
            if (request.endpoint().export() && isRedirect(status)) return new Answer(response, null);
            throw mapClientError(request, response);
        }
    }

    private void acquireRateLimit(Deadline deadline) {
        try {
            if (!rateLimiter.acquire(deadline.cap(MAX_RATE_LIMIT_QUEUE))) {
                stats.throttledLocally();
                throw new ApiException(Kind.RATE_LIMITED, 0, "This server's limit of " + settings.requestsPerMinute()
                        + " HyperTracker requests per minute (set to your plan) is reached; retry in "
                        + seconds(rateLimiter.timeUntilAvailable()) + " s.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(Kind.TIMEOUT, 0, "The call was interrupted.");
        }
    }

    /** Waits with exponential backoff and jitter if another attempt is allowed and fits in the deadline. */
    private boolean retry(int attemptsSoFar, Deadline deadline) {
        if (attemptsSoFar >= settings.maxRetries()) return false;
        long base = BASE_BACKOFF.toMillis() << attemptsSoFar;
        Duration pause = Duration.ofMillis(base / 2 + ThreadLocalRandom.current().nextLong(base));
        if (pause.compareTo(deadline.remaining()) >= 0) return false;
        stats.retry();
        sleep(pause);
        return true;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(Kind.TIMEOUT, 0, "The call was interrupted.");
        }
    }

    /** Retry-After header (seconds), else the body's retry_after; null when neither is usable. */
    static Duration retryAfter(HttpResponse<byte[]> response) {
        Optional<String> header = response.headers().firstValue("Retry-After");
        if (header.isPresent() && header.get().trim().matches("\\d{1,6}")) {
            return Duration.ofSeconds(Long.parseLong(header.get().trim()));
        }
        try {
            JsonNode body = JSON.readTree(response.body());
            JsonNode v = body.get("retry_after");
            if (v != null && v.isNumber() && v.asDouble() >= 0) return Duration.ofMillis((long) (v.asDouble() * 1000));
        } catch (JacksonException ignored) {
            // no usable body: the caller says "retry in a minute"
        }
        return null;
    }

    private ApiException mapClientError(ApiRequest request, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        String upstream = upstreamMessage(response.body());
        String tool = request.endpoint().tool();
        return switch (status) {
            case 400 -> new ApiException(Kind.BAD_REQUEST, 400, "HyperTracker rejected the arguments of " + tool + ": "
                    + (upstream.isEmpty() ? "no detail given" : upstream) + ".");
            case 401 -> new ApiException(Kind.UNAUTHORIZED, 401, "HyperTracker rejected the API token (401). Set "
                    + Settings.ENV_TOKEN + " to a valid token from the HyperTracker API dashboard and restart the server, "
                    + "or use --demo for synthetic data.");
            case 402 -> new ApiException(Kind.QUOTA_EXCEEDED, 402, "The HyperTracker plan's request quota is spent (402). "
                    + "Wait for the quota to reset or upgrade the plan; cached answers still work.");
            case 403 -> new ApiException(Kind.FORBIDDEN, 403, "HyperTracker refused access to " + tool + " (403): the "
                    + "token's plan may not include it." + (upstream.isEmpty() ? "" : " Upstream said: " + upstream + "."));
            case 404 -> new ApiException(Kind.NOT_FOUND, 404, "Not found (404)" + (upstream.isEmpty() ? "" : ": " + upstream)
                    + ". Coin symbols are case-sensitive (BTC, kPEPE, xyz:GOLD); get_open_exposure_by_coin lists the coins traded now.");
            default -> new ApiException(Kind.UPSTREAM_ERROR, status, "HyperTracker answered HTTP " + status + " for " + tool
                    + (upstream.isEmpty() ? "." : ": " + upstream + "."));
        };
    }

    private ApiException unexpected(ApiRequest request, HttpResponse<byte[]> response) {
        return new ApiException(Kind.UPSTREAM_ERROR, response.statusCode(), "HyperTracker answered HTTP "
                + response.statusCode() + " for " + request.endpoint().tool() + ", which this server does not expect.");
    }

    /** The API's own error text, either error shape (see {@link UpstreamErrorText}). */
    static String upstreamMessage(byte[] body) {
        return UpstreamErrorText.of(body);
    }

    private static ApiException deadlineExceeded(Deadline deadline) {
        return new ApiException(Kind.TIMEOUT, 0, "The call ran out of its time budget before HyperTracker answered. "
                + "Try again, or narrow the query (fewer pages, a shorter time window).");
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** A URL safe to log: no query, since a pre-signed URL's query is its credential. */
    static String redact(URI uri) {
        return uri.getScheme() + "://" + uri.getAuthority() + uri.getPath() + (uri.getQuery() == null ? "" : "?…");
    }

    private static String attempts(int n) {
        return n + (n == 1 ? " attempt" : " attempts");
    }

    private static long seconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }

    /** Builds the HTTP client now (TLS context, selector thread), ahead of the first request: see FirstCallWarmUp. */
    public void prepare() {
        http.version();
    }
}
