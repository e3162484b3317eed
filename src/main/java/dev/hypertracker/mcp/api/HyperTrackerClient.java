package dev.hypertracker.mcp.api;

import dev.hypertracker.mcp.api.ApiException.Kind;
import dev.hypertracker.mcp.cache.RequestCoalescer;
import dev.hypertracker.mcp.cache.ResponseCache;
import dev.hypertracker.mcp.config.Settings;
import dev.hypertracker.mcp.files.StreamedFileReader;
import dev.hypertracker.mcp.files.StreamedFiles;
import dev.hypertracker.mcp.memory.HeapHeadroom;
import dev.hypertracker.mcp.memory.PackedJson;
import dev.hypertracker.mcp.resilience.CircuitBreaker;
import dev.hypertracker.mcp.resilience.RateLimiter;
import dev.hypertracker.mcp.resilience.UpstreamQuota;
import dev.hypertracker.mcp.shared.SharedCache;
import dev.hypertracker.mcp.shared.SharedRateLimit;
import dev.hypertracker.mcp.shared.Sharing;
import dev.hypertracker.mcp.stats.UpstreamStats;
import dev.hypertracker.mcp.time.TimeSource;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one client of the HyperTracker API. A GET passes: the response cache, coalescing of identical in-flight
 * requests, then the steps {@link BreakerStep} → {@link RetryStep} → {@link StatusStep} → {@link RateLimitStep} →
 * {@link TransportStep} around a one-method {@link Transport}; failures are worded once by {@link ErrorMapper}.
 * Export endpoints are followed from their 302, or from their {@code {"downloadUrl"}} body (both checked by
 * {@link ExportRedirectPolicy}), to the short-lived file, fetched WITHOUT the token (gzip detected by its magic
 * bytes, inflated within the same bounds: {@link GzipBodies}), and accepted only in the export's format.
 */
public final class HyperTrackerClient {
    private static final Logger log = LoggerFactory.getLogger(HyperTrackerClient.class);

    /**
     * An upstream body: packed (what the cache and the result store keep; a cache hit gives the very instance stored,
     * so the result store knows it for the same answer) and, when it was just fetched, parsed; its size on the wire,
     * and where it came from.
     *
     * @param parsed the tree as fetched, or null for a cache hit (unpacked only when someone needs it: {@link #body()})
     */
    public record Response(JsonNode parsed, PackedJson packed, long bytes, boolean fromCache, Instant fetchedAt) {
        /** The body as a tree: the one fetched, or a new one unpacked from the cache. */
        public JsonNode body() {
            return parsed != null ? parsed : packed.unpack();
        }
    }

    /** How often an instance waiting for another instance's answer to the same request looks for it. */
    static final Duration SHARED_POLL = Duration.ofMillis(25);
    /** The longest one instance holds the lease of a request (it is released as soon as the answer is stored). */
    static final Duration MAX_LEASE = Duration.ofSeconds(60);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Settings settings;
    private final ResponseCache cache;
    /** The cache that instances share (second level) and their leases; does nothing without Redis. */
    private final SharedCache sharedCache;

    private final RequestCoalescer<Response, Instant> coalescer = new RequestCoalescer<>();
    /** Runs shared requests, so that each caller (the first included) waits only until its own deadline. */
    private final ExecutorService workers;

    private final CircuitBreaker breaker;
    private final UpstreamQuota quota = new UpstreamQuota();
    private final ErrorMapper errors;
    private final ExportRedirectPolicy redirects;
    private final UpstreamStats stats;
    private final TimeSource clock;
    private final UpstreamStep.Chain api;
    private final UpstreamStep.Chain files;
    private final Runnable prepare;

    public HyperTrackerClient(Settings settings, UpstreamStats stats, Clock clock) {
        this(settings, stats, clock, Sharing.off());
    }

    /** Sharing rate limit, cache and coalescing with other instances through {@code sharing}'s store. */
    public HyperTrackerClient(Settings settings, UpstreamStats stats, Clock clock, Sharing sharing) {
        this(
                settings,
                stats,
                TimeSource.of(clock),
                JdkTransport.forThisJvm(settings.connectTimeout()),
                Executors.newCachedThreadPool(HyperTrackerClient::worker),
                sharing);
    }

    /** With a transport of the caller's choice (a test double). */
    public HyperTrackerClient(Settings settings, UpstreamStats stats, TimeSource time, Transport transport) {
        this(settings, stats, time, transport, Executors.newCachedThreadPool(HyperTrackerClient::worker));
    }

    /** With a transport and the executor of shared requests of the caller's choice (test doubles). */
    public HyperTrackerClient(
            Settings settings, UpstreamStats stats, TimeSource time, Transport transport, ExecutorService workers) {
        this(settings, stats, time, transport, workers, Sharing.off());
    }

    /** With a transport, the executor of shared requests and what is shared with other instances. */
    public HyperTrackerClient(
            Settings settings,
            UpstreamStats stats,
            TimeSource time,
            Transport transport,
            ExecutorService workers,
            Sharing sharing) {
        this.workers = workers;
        this.prepare = transport instanceof JdkTransport jdk ? jdk::prepare : () -> {};
        this.settings = settings;
        this.stats = stats;
        this.clock = time;
        this.cache = new ResponseCache(settings.cacheMaxBytes(), time);
        this.sharedCache = new SharedCache(sharing.store());
        this.breaker = new CircuitBreaker(5, Duration.ofSeconds(30), time);
        this.errors = new ErrorMapper(settings);
        this.redirects = new ExportRedirectPolicy(settings.baseUrl());
        RateLimiter limiter = new RateLimiter(settings.requestsPerMinute(), time);
        this.api = UpstreamStep.chain(
                List.of(
                        new BreakerStep(breaker, errors),
                        new RetryStep(settings.maxRetries(), stats, time),
                        new StatusStep(),
                        new SharedRateLimitStep(
                                new SharedRateLimit(
                                        sharing.store(),
                                        settings.requestsPerMinute(),
                                        sharing.requestsPerDay(),
                                        sharing.requestsPerMonth(),
                                        time),
                                stats),
                        new RateLimitStep(limiter, quota, stats, errors, time, settings.maxRetryAfter())),
                new TransportStep(
                        transport,
                        time,
                        settings.requestTimeout(),
                        () -> "Bearer " + settings.apiToken().reveal(),
                        stats::upstreamRequest));
        this.files = new TransportStep(transport, time, settings.requestTimeout(), () -> null, stats::exportDownload);
    }

    private static Thread worker(Runnable r) {
        Thread t = new Thread(r, "upstream-request");
        t.setDaemon(true);
        return t;
    }

    /** Builds the HTTP client now (TLS context, selector thread), ahead of the first request: see FirstCallWarmUp. */
    public void prepare() {
        prepare.run();
    }

    public ResponseCache cache() {
        return cache;
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    /** The API's quota headers from the last response that had them. */
    public UpstreamQuota quota() {
        return quota;
    }

    /**
     * The parsed body of one request: from the cache when fresh enough (unless {@code fresh}), else from the API,
     * sharing one upstream call among identical concurrent requests. Each caller waits at most until its own
     * deadline and then leaves; the shared call is cancelled (its connection closed) when its last waiter has left.
     */
    public Response fetch(ApiRequest request, Deadline deadline, boolean fresh) {
        if (!settings.hasToken()) {
            throw new ApiException(
                    Kind.NO_TOKEN,
                    0,
                    "No HyperTracker API token is set. Set the environment variable "
                            + Settings.ENV_TOKEN
                            + " (a token from the HyperTracker API dashboard) where this server is started, "
                            + "or start it with --demo to try it on synthetic data.");
        }
        String key = request.pathAndQuery();
        if (settings.cacheEnabled() && !fresh) {
            Optional<ResponseCache.Entry> hit = cache.get(key);
            if (hit.isPresent()) {
                stats.cacheHit();
                return new Response(
                        null,
                        hit.get().body(),
                        hit.get().bytes(),
                        true,
                        hit.get().fetchedAt());
            }
            Optional<Response> shared = fromSharedCache(key);
            if (shared.isPresent()) {
                stats.cacheHit();
                return shared.get();
            }
        }
        while (true) {
            RequestCoalescer<Response, Instant>.Waiter waiter =
                    coalescer.join(key, deadline.end(), finish -> start(request, deadline.end(), fresh, finish));
            if (!waiter.started()) stats.coalesced();
            try {
                return deadline.await(waiter.result());
            } catch (TimeoutException | CancellationException e) {
                throw errors.deadlineExceeded();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApiException(Kind.TIMEOUT, 0, "The call was interrupted.");
            } catch (ExecutionException e) {
                // the shared request ran out of the time of the callers it had when it started: ours is left
                if (e.getCause() instanceof ApiException a && a.kind() == Kind.TIMEOUT && !deadline.expired()) continue;
                if (e.getCause() instanceof RuntimeException re) throw re;
                throw new ApiException(Kind.NETWORK, 0, "The shared upstream request failed.");
            } finally {
                waiter.leave();
            }
        }
    }

    /**
     * Runs one shared request on a worker, until the latest deadline of its waiters; the coalescer cancels it
     * (interrupting the worker, which cancels the exchange and so closes the connection) when no one waits.
     */
    private RequestCoalescer.Work<Instant> start(
            ApiRequest request, Instant end, boolean fresh, BiConsumer<Response, Throwable> finish) {
        Deadline shared = new Deadline(end, clock);
        Future<?> run = workers.submit(() -> {
            try {
                finish.accept(fetchAcrossInstances(request, shared, fresh), null);
            } catch (RuntimeException | Error e) {
                finish.accept(null, e);
            }
        });
        return new RequestCoalescer.Work<>() {
            @Override
            public void joined(Instant callerEnd) {
                shared.extendTo(callerEnd);
            }

            @Override
            public void cancel() {
                run.cancel(true);
            }
        };
    }

    /**
     * With a shared store, one instance fetches a request while the others wait for its answer in the shared cache
     * (a lease in Redis says who fetches). Without one, or while it is down, or for {@code fresh}, this instance
     * fetches itself.
     */
    private Response fetchAcrossInstances(ApiRequest request, Deadline deadline, boolean fresh) {
        if (fresh || !settings.cacheEnabled() || !sharedCache.enabled()) return fetchUpstream(request, deadline);
        String key = request.pathAndQuery();
        boolean counted = false;
        while (true) {
            Duration lease = Duration.between(clock.instant(), deadline.end());
            switch (sharedCache.lease(key, lease.compareTo(MAX_LEASE) > 0 ? MAX_LEASE : lease)) {
                case HELD -> {
                    try {
                        // another instance may have stored it between our cache lookup and the lease
                        Optional<Response> stored = fromSharedCache(key);
                        return stored.isPresent() ? stored.get() : fetchUpstream(request, deadline);
                    } finally {
                        sharedCache.release(key);
                    }
                }
                case UNAVAILABLE -> {
                    return fetchUpstream(request, deadline);
                }
                case BUSY -> {
                    if (!counted) stats.coalesced();
                    counted = true;
                    Optional<Response> answer = awaitOtherInstance(key, deadline);
                    if (answer.isPresent()) return answer.get();
                    // the other instance gave up (or Redis went away): try to fetch ourselves
                }
            }
        }
    }

    /** Looks for another instance's answer until its lease ends or the deadline; empty when the lease ended first. */
    private Optional<Response> awaitOtherInstance(String key, Deadline deadline) {
        while (true) {
            Optional<Response> answer = fromSharedCache(key);
            if (answer.isPresent()) return answer;
            if (!sharedCache.leased(key)) return fromSharedCache(key);
            if (deadline.expired()) throw errors.deadlineExceeded();
            try {
                clock.sleep(SHARED_POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApiException(Kind.TIMEOUT, 0, "The call was interrupted.");
            }
        }
    }

    /** A body from the shared cache, kept in this instance's cache too until the shared entry's expiry. */
    private Optional<Response> fromSharedCache(String key) {
        Optional<SharedCache.Hit> hit = sharedCache.get(key);
        if (hit.isEmpty() || !clock.instant().isBefore(hit.get().expiresAt())) return Optional.empty();
        JsonNode body;
        try {
            body = JSON.readTree(hit.get().body());
        } catch (JacksonException e) {
            return Optional.empty(); // not what an instance wrote: fetch instead
        }
        PackedJson packed = PackedJson.pack(body);
        cache.put(
                key,
                packed,
                hit.get().wireBytes(),
                hit.get().fetchedAt(),
                hit.get().expiresAt());
        return Optional.of(new Response(
                body, packed, hit.get().wireBytes(), true, hit.get().fetchedAt()));
    }

    private Response fetchUpstream(ApiRequest request, Deadline deadline) {
        return request.endpoint().export()
                ? fetchExport(request, deadline)
                : request.endpoint().downloadUrl() ? fetchDownloadUrl(request, deadline) : fetchJson(request, deadline);
    }

    private Response fetchJson(ApiRequest request, Deadline deadline) {
        UpstreamCall call = new UpstreamCall(
                request.uri(settings.baseUrl()), request.endpoint().tool(), true, deadline);
        UpstreamResponse r = send(api, call);
        if (r.status() == 200) return store(request, r.json(), r.wireBytes());
        throw isRedirect(r.status()) ? errors.unexpected(r, call.tool()) : errors.forStatus(r, call.tool());
    }

    /** 302 → the pre-signed file, downloaded without the Authorization header; 200 inline is accepted too. */
    private Response fetchExport(ApiRequest request, Deadline deadline) {
        String tool = request.endpoint().tool();
        UpstreamCall call = new UpstreamCall(request.uri(settings.baseUrl()), tool, true, deadline);
        for (int attempt = 0; attempt < 2; attempt++) {
            UpstreamResponse r = send(api, call);
            if (r.status() == 200) return store(request, exportBody(request, r.json()), r.wireBytes());
            if (!isRedirect(r.status()))
                throw r.status() >= 400 ? errors.forStatus(r, tool) : errors.unexpected(r, tool);
            String location = r.header("Location")
                    .orElseThrow(() -> new ApiException(
                            Kind.MALFORMED_RESPONSE,
                            r.status(),
                            "The " + tool + " export answered a redirect without a Location."));
            Optional<Response> file = download(request, redirects.check(tool, call.uri(), location), deadline);
            if (file.isPresent()) return file.get();
        }
        throw linkExpiredTwice();
    }

    /**
     * 200 {@code {"downloadUrl": "…"}} → the file: the link passes the same checks as a 302's Location and is fetched
     * the same way (no token, bounded, gzip inflated when its magic bytes say so). Anything else than that one object
     * is refused before any second request.
     */
    private Response fetchDownloadUrl(ApiRequest request, Deadline deadline) {
        String tool = request.endpoint().tool();
        UpstreamCall call = new UpstreamCall(request.uri(settings.baseUrl()), tool, true, deadline);
        for (int attempt = 0; attempt < 2; attempt++) {
            UpstreamResponse r = send(api, call);
            if (r.status() != 200) throw r.status() >= 400 ? errors.forStatus(r, tool) : errors.unexpected(r, tool);
            JsonNode link = r.json() == null ? null : r.json().get("downloadUrl");
            if (link == null || !link.isString() || link.stringValue().isBlank()) {
                throw new ApiException(
                        Kind.MALFORMED_RESPONSE,
                        200,
                        "The " + tool + " download answered without a \"downloadUrl\" link; nothing was downloaded. "
                                + "Try again later.");
            }
            Optional<Response> file =
                    download(request, redirects.check(tool, call.uri(), link.stringValue()), deadline);
            if (file.isPresent()) return file.get();
        }
        throw linkExpiredTwice();
    }

    /** The file behind a checked link, or empty when the link was refused as expired (403/404/410: ask again). */
    private Optional<Response> download(ApiRequest request, URI file, Deadline deadline) {
        String tool = request.endpoint().tool();
        log.debug("GET export file {}", redact(file));
        // a file read streamed (the open-positions CSV) arrives as the summary its reader made of it
        StreamedFileReader reader = StreamedFiles.readerFor(request.endpoint()).orElse(null);
        UpstreamCall download = new UpstreamCall(file, tool, false, deadline, reader);
        UpstreamResponse d = send(files, download);
        if (d.status() == 200) {
            JsonNode body;
            try {
                body = StatusStep.parse(d);
            } catch (UpstreamFailure f) {
                throw errors.map(f, download);
            }
            return Optional.of(store(request, exportBody(request, body), d.wireBytes()));
        }
        if (d.status() == 403 || d.status() == 410 || d.status() == 404) {
            log.warn("export file {} answered {} (link expired?); asking for a new link", redact(file), d.status());
            return Optional.empty();
        }
        throw new ApiException(
                Kind.UPSTREAM_ERROR,
                d.status(),
                "Downloading the " + tool + " export file failed with HTTP " + d.status() + ". Try again in a minute.");
    }

    private static ApiException linkExpiredTwice() {
        return new ApiException(
                Kind.EXPORT_EXPIRED,
                410,
                "The export download link expired twice before it could be "
                        + "read (links live about 30-240 s). Try again; if it keeps failing, the file host is too slow from here.");
    }

    /**
     * An export file is a JSON object holding its rows: under the endpoint's key when it has one, else in an array
     * field (the breakdowns); a summary file is one object with its key object (openPerpsSummary, perpPositionsMetrics).
     * Anything else (a scalar, HTML, a credentials document) is refused, not returned.
     */
    private static JsonNode exportBody(ApiRequest request, JsonNode body) {
        String rowsKey = request.endpoint().rowsKey();
        // a downloadUrl file may be the bare list of rows (its layout is unpublished): kept under the route's key
        if (request.endpoint().downloadUrl() && rowsKey != null && body != null && body.isArray()) {
            ObjectNode wrapped = JsonNodeFactory.instance.objectNode();
            wrapped.set(rowsKey, body);
            return wrapped;
        }
        boolean oneObject = request.endpoint().digest().traits().bodyIsOneRow();
        boolean rows = body != null
                && body.isObject()
                && (oneObject
                        ? rowsKey == null ? !body.isEmpty() : body.path(rowsKey).isObject()
                        : rowsKey == null
                                ? body.values().stream().anyMatch(JsonNode::isArray)
                                : body.has(rowsKey) && body.get(rowsKey).isContainer());
        if (rows) return body;
        throw new ApiException(
                Kind.MALFORMED_RESPONSE,
                200,
                "The " + request.endpoint().tool() + " export file is not "
                        + "in that export's format (expected a JSON object with "
                        + (oneObject && rowsKey == null
                                ? "fields"
                                : rowsKey == null ? "an array of rows" : "\"" + rowsKey + "\"")
                        + "); it was refused and nothing of it is returned. Try again later.");
    }

    private UpstreamResponse send(UpstreamStep.Chain chain, UpstreamCall call) {
        try {
            return chain.proceed(call);
        } catch (UpstreamFailure f) {
            throw errors.map(f, call);
        }
    }

    private Response store(ApiRequest request, JsonNode body, long wireBytes) {
        Instant now = clock.instant();
        PackedJson packed = PackedJson.pack(body);
        HeapHeadroom.widenOnce(); // bodies are kept from now on: see HeapHeadroom
        if (settings.cacheEnabled()) {
            cache.put(
                    request.pathAndQuery(),
                    packed,
                    wireBytes,
                    request.endpoint().cacheTtl());
            if (sharedCache.enabled() && wireBytes <= SharedCache.MAX_BODY_CHARS)
                sharedCache.put(
                        request.pathAndQuery(),
                        JSON.writeValueAsString(body),
                        wireBytes,
                        now,
                        now.plus(request.endpoint().cacheTtl()));
        }
        return new Response(body, packed, wireBytes, false, now);
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** A URL safe to log: no query, since a pre-signed URL's query is its credential. */
    static String redact(URI uri) {
        return uri.getScheme() + "://" + uri.getAuthority() + uri.getPath() + (uri.getQuery() == null ? "" : "?…");
    }
}
