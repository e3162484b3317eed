package dev.hypertracker.mcp.sandbox;

import dev.hypertracker.mcp.catalog.Endpoint;
import dev.hypertracker.mcp.time.TimeSource;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A faithful, deterministic imitation of the HyperTracker API on 127.0.0.1: every catalog endpoint, Bearer
 * auth, the API's errors and pagination, pre-signed export files, fault injection and a request log. It
 * shares the catalog's path list with the client but none of the client's code.
 */
public final class SandboxServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxServer.class);
    private static final int MAX_THREADS = 16;
    private static final byte[] MALFORMED_BODY =
            "{\"error\":<html>upstream returned garbage</html>".getBytes(StandardCharsets.UTF_8);

    private final SandboxConfig config;
    private final MarketData data;
    private final Duration generationTime;
    private final RequestLog requestLog = new RequestLog();
    private final FaultInjector faults = new FaultInjector();
    private final ExportEndpoints exports;
    private final SignedFiles files;
    private final ApiRoutes routes;
    private final byte[] expectedAuthorization;
    private final DailyQuota quota;
    private volatile TimeSource time = TimeSource.system();
    private final BodyQuirks quirks;
    private final Server server;
    private volatile URI baseUrl;

    private SandboxServer(SandboxConfig config) {
        this.config = config;
        long started = System.nanoTime();
        this.data = MarketGenerator.generate(config.seed(), config.anchor(), config.positions(), config.wallets());
        this.generationTime = Duration.ofNanos(System.nanoTime() - started);
        Aggregates aggregates = new Aggregates(data);
        this.exports = new ExportEndpoints(data, aggregates, config, () -> baseUrl, () -> time);
        this.files = new SignedFiles(config, () -> baseUrl, () -> time);
        this.routes = new ApiRoutes(data, aggregates, exports, files);
        this.expectedAuthorization = ("Bearer " + config.token()).getBytes(StandardCharsets.UTF_8);
        this.quota = new DailyQuota(config.dailyQuota(), () -> time.instant());
        this.quirks = new BodyQuirks(config);

        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 2);
        threads.setName("sandbox-http");
        this.server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(config.port());
        server.addConnector(connector);
        server.setHandler(new ApiHandler());
    }

    /** Generates the market and serves it on 127.0.0.1:config.port() (0 = an ephemeral port). */
    public static SandboxServer start(SandboxConfig config) {
        SandboxServer sandbox = new SandboxServer(config);
        try {
            sandbox.server.start();
        } catch (Exception e) {
            sandbox.close();
            throw new IllegalStateException(
                    "sandbox could not start on 127.0.0.1:" + config.port() + ": " + e.getMessage(), e);
        }
        ServerConnector connector = (ServerConnector) sandbox.server.getConnectors()[0];
        sandbox.baseUrl = URI.create("http://127.0.0.1:" + connector.getLocalPort());
        return sandbox;
    }

    /** http://127.0.0.1:port; API paths are under {@link Endpoint#API_PREFIX}. */
    public URI baseUrl() {
        return baseUrl;
    }

    public String token() {
        return config.token();
    }

    public SandboxConfig config() {
        return config;
    }

    public RequestLog requestLog() {
        return requestLog;
    }

    public FaultInjector faults() {
        return faults;
    }

    /**
     * The sandbox's clock (virtual time in tests): the daily quota (it resets when the clock passes midnight UTC), the
     * request log, delay faults and export file expiry. The market's data still ends at the anchor.
     */
    public void useTime(TimeSource source) {
        this.time = Objects.requireNonNull(source, "source");
    }

    /** The ground truth behind every response. */
    public MarketData data() {
        return data;
    }

    /** How long generating the market took. */
    public Duration generationTime() {
        return generationTime;
    }

    /**
     * Answer one export file (positions, position-breakdown-by-cohort, position-breakdown-by-size,
     * position-metrics, liquidation-heatmap) with 200 and the file body instead of 302, or back.
     */
    public void inlineExport(String file, boolean inline) {
        exports.setInline(file, inline);
    }

    /** One line for a start-up banner. */
    public String describe() {
        return String.format(
                "HyperTracker sandbox at %s%s (token %s): %d coins, %,d wallets, %,d positions, %d days of "
                        + "hourly data up to %s, seed %d, generated in %d ms",
                baseUrl,
                Endpoint.API_PREFIX,
                config.token(),
                data.coins().size(),
                data.wallets().size(),
                data.positions().size(),
                MarketData.DAYS,
                JsonOut.time(data.anchor()),
                config.seed(),
                generationTime.toMillis());
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("sandbox did not stop cleanly", e);
        }
    }

    private boolean authorized(String authorization) {
        return authorization != null
                && MessageDigest.isEqual(expectedAuthorization, authorization.getBytes(StandardCharsets.UTF_8));
    }

    /** The answer a well-behaved API would give, with its rate-limit headers and the configured quirks. */
    private Reply answer(String method, String path, QueryParams query, String authorization) {
        if (path.startsWith(ExportEndpoints.FILE_ROUTE)) {
            // the file store, not the API: no quota, no rate-limit headers
            return method.equals("GET") ? quirks.apply(exports.file(path, query)) : ApiError.noRoute(method, path);
        }
        if (path.startsWith(SignedFiles.ROUTE)) {
            return method.equals("GET") ? quirks.apply(files.file(path, query)) : ApiError.noRoute(method, path);
        }
        boolean authorized = authorized(authorization);
        DailyQuota.Decision decision = quota.take(authorized && method.equals("GET"));
        return decision.decorate(apiAnswer(method, path, query, authorized, decision));
    }

    private Reply apiAnswer(
            String method, String path, QueryParams query, boolean authorized, DailyQuota.Decision decision) {
        if (!method.equals("GET")) return ApiError.noRoute(method, path);
        Optional<ApiRoutes.Match> match = routes.match(path);
        if (match.isEmpty()) return ApiError.noRoute(method, path);
        if (!authorized) return ApiError.forStatus(401);
        if (!decision.allowed()) return ApiError.rateLimited((int) decision.retryAfterSeconds());
        try {
            return quirks.apply(match.get().route().handler().handle(match.get().pathParams(), query));
        } catch (ApiError e) {
            return e.reply(config.legacyErrors());
        } catch (RuntimeException e) {
            LOG.error("sandbox route {} failed", path, e);
            return ApiError.forStatus(500);
        }
    }

    private final class ApiHandler extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            requestLog.answering();
            try {
                return answerAndLog(request, response, callback);
            } finally {
                requestLog.answered();
            }
        }

        private boolean answerAndLog(Request request, Response response, Callback callback) throws Exception {
            String method = request.getMethod();
            String path = request.getHttpURI().getDecodedPath();
            String rawQuery = request.getHttpURI().getQuery();
            String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
            boolean bearerSent = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
            QueryParams query = QueryParams.parse(rawQuery);

            Fault fault = faults.take(path).orElse(null);
            Supplier<Reply> normal = () -> answer(method, path, query, authorization);
            Reply reply = fault == null ? normal.get() : withFault(fault, normal);
            requestLog.add(new RequestLog.Entry(
                    time.instant(), method, path, rawQuery, query.asMap(), bearerSent, reply.status()));

            response.setStatus(reply.status());
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
            reply.headers().forEach((name, value) -> response.getHeaders().put(name, value));
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, reply.body().length);
            if (fault != null && fault.kind() == Fault.Kind.TRUNCATED_BODY) {
                // half the promised bytes, then fail the exchange: Jetty aborts the connection mid-body
                ByteBuffer half = ByteBuffer.wrap(reply.body(), 0, reply.body().length / 2);
                response.write(
                        false,
                        half,
                        Callback.from(
                                () -> callback.failed(new EofException("body truncated by fault injection")),
                                callback::failed));
            } else {
                response.write(true, ByteBuffer.wrap(reply.body()), callback);
            }
            return true;
        }
    }

    /** The reply a fault makes of the normal one (TRUNCATED_BODY cuts it while writing). */
    private Reply withFault(Fault fault, Supplier<Reply> normal) throws InterruptedException {
        return switch (fault.kind()) {
            case STATUS -> ApiError.forStatus(fault.status());
            case RATE_LIMITED -> {
                Reply limited = ApiError.rateLimited(fault.retryAfterSeconds());
                yield fault.retryAfterHeader()
                        ? limited.withHeader("Retry-After", String.valueOf(fault.retryAfterSeconds()))
                        : limited;
            }
            case DELAY -> {
                time.sleep(fault.delay());
                yield normal.get();
            }
            case MALFORMED_BODY -> Reply.json(MALFORMED_BODY);
            case BODY -> Reply.json(fault.status(), fault.body().getBytes(StandardCharsets.UTF_8));
            case TRUNCATED_BODY -> normal.get();
            case TRUNCATED_JSON -> {
                Reply whole = normal.get();
                yield new Reply(
                        whole.status(),
                        whole.contentType(),
                        whole.headers(),
                        Arrays.copyOf(whole.body(), whole.body().length / 2));
            }
        };
    }
}
