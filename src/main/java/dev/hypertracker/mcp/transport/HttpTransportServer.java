package dev.hypertracker.mcp.transport;

import dev.hypertracker.mcp.resources.ResultStore;
import dev.hypertracker.mcp.server.ServerAssembly;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletSseServerTransportProvider;
import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.EagerContentHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP transports on one embedded Jetty: Streamable HTTP at {@value #MCP_PATH}, SSE at {@value #SSE_PATH}
 * (messages to {@value #SSE_MESSAGE_PATH}), or stateless Streamable HTTP at {@value #MCP_PATH}; plus
 * {@value #HEALTH_PATH}. Each transport gets its own SDK server built by the same assembly, so upstream client,
 * cache and rate limiter (which live in the assembly) are shared by every session of every transport.
 *
 * <p>Request bodies are received by Jetty without a thread ({@link EagerContentHandler}) and must keep arriving
 * ({@link #BODY_READ_TIMEOUT} of silence ends the connection), so slow clients hold no thread. Sessions are
 * capped and evicted when idle ({@link SessionRegistry}).
 *
 * <p>{@link #close()} (also run on SIGTERM) drains: new MCP requests get 503, calls in flight get up to
 * {@link HttpTransportConfig#shutdownGrace()} to finish, then sessions and the container are closed, each step
 * bounded by the grace too.
 */
public final class HttpTransportServer implements AutoCloseable {
    public static final String MCP_PATH = "/mcp";
    public static final String SSE_PATH = "/sse";
    public static final String SSE_MESSAGE_PATH = "/mcp/message";
    public static final String HEALTH_PATH = "/healthz";

    private static final Logger log = LoggerFactory.getLogger(HttpTransportServer.class);
    /** The SDK servlets block a container thread for the length of each call, so allow many. */
    private static final int MAX_THREADS = 256;
    /** Longer than any call should last: a call's response stream is silent until the result comes. */
    private static final Duration CALL_IDLE_TIMEOUT = Duration.ofMinutes(5);
    /** Silence allowed while a request's head or body arrives, and between requests on a kept-alive connection. */
    static final Duration BODY_READ_TIMEOUT = Duration.ofSeconds(10);
    /** Room for chunk framing over the body limit; the guard enforces the exact limit on the body itself. */
    private static final long BODY_FRAMING_SLACK = 64 * 1024;

    private final Server jetty;
    private final URI baseUrl;
    private final int port;
    private final List<ServedTransport> transports;
    private final SessionLimit sessions;
    private final ScheduledExecutorService sweeper;
    private final InFlightRequests inFlight;
    private final AtomicBoolean draining;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final Duration shutdownGrace;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread shutdownHook = new Thread(this::close, "mcp-http-shutdown");

    private HttpTransportServer(
            Server jetty,
            URI baseUrl,
            int port,
            List<ServedTransport> transports,
            SessionLimit sessions,
            InFlightRequests inFlight,
            AtomicBoolean draining,
            Duration shutdownGrace) {
        this.jetty = jetty;
        this.baseUrl = baseUrl;
        this.port = port;
        this.transports = transports;
        this.sessions = sessions;
        this.sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mcp-session-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        this.inFlight = inFlight;
        this.draining = draining;
        this.shutdownGrace = shutdownGrace;
    }

    /** Starts the transports of {@code config} ({@code stateless} is refused: it needs a stateless assembly). */
    public static HttpTransportServer start(HttpTransportConfig config, ServerAssembly assembly) {
        return start(config, assembly, null);
    }

    /**
     * Starts the transports of {@code config}.
     *
     * @param statelessAssembly needed only when {@code config} asks for {@link TransportKind#STATELESS}
     * @throws TransportConfigurationException when the host is unknown, a non-loopback address is to be bound
     *         without a token, or the port cannot be bound
     */
    public static HttpTransportServer start(
            HttpTransportConfig config, ServerAssembly assembly, StatelessServerAssembly statelessAssembly) {
        return start(config, assembly, statelessAssembly, Clock.systemUTC());
    }

    /** As above, with the clock that session idleness is measured by (tests move it by hand). */
    static HttpTransportServer start(
            HttpTransportConfig config,
            ServerAssembly assembly,
            StatelessServerAssembly statelessAssembly,
            Clock clock) {
        InetAddress bindAddress = resolve(config.host());
        if (!bindAddress.isLoopbackAddress() && config.authToken() == null && config.oauth() == null) {
            throw new TransportConfigurationException("Binding to " + config.host()
                    + " exposes the MCP endpoints beyond this machine: set --auth-token (or the "
                    + HttpTransportConfig.AUTH_TOKEN_ENV + " environment variable) or the OAuth mode (--oauth-issuer), "
                    + "or bind 127.0.0.1");
        }
        if (config.kinds().contains(TransportKind.STATELESS) && statelessAssembly == null) {
            throw new TransportConfigurationException("The stateless transport needs a StatelessServerAssembly");
        }

        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS);
        threads.setName("mcp-http");
        Server jetty = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
        connector.setHost(config.host());
        connector.setPort(config.port());
        connector.setIdleTimeout(BODY_READ_TIMEOUT.toMillis());
        jetty.addConnector(connector);
        try {
            connector.open(); // binds now, so an ephemeral port is known before the Origin/Host lists are built
        } catch (IOException e) {
            throw new TransportConfigurationException(
                    "Cannot listen on " + config.host() + ":" + config.port() + " (" + e.getMessage() + ")");
        }
        try {
            return serve(jetty, connector, bindAddress, config, assembly, statelessAssembly, clock);
        } catch (RuntimeException e) {
            connector.close(); // free the port: the caller may retry or report and exit
            throw e;
        }
    }

    /** Mounts the transports, the guard and the health check on the bound connector and starts serving. */
    private static HttpTransportServer serve(
            Server jetty,
            ServerConnector connector,
            InetAddress bindAddress,
            HttpTransportConfig config,
            ServerAssembly assembly,
            StatelessServerAssembly statelessAssembly,
            Clock clock) {
        int port = connector.getLocalPort();

        McpJsonMapper jsonMapper = McpJsonDefaults.getMapper();
        List<ServedTransport> transports = new ArrayList<>();
        for (TransportKind kind : EnumSet.copyOf(config.kinds())) {
            transports.add(
                    switch (kind) {
                        case HTTP -> streamable(config, assembly, jsonMapper, clock);
                        case SSE -> sse(config, assembly, jsonMapper, clock);
                        case STATELESS -> stateless(config, statelessAssembly, jsonMapper);
                        case STDIO -> throw new IllegalStateException("rejected by HttpTransportConfig");
                    });
        }

        InFlightRequests inFlight = new InFlightRequests();
        AtomicBoolean draining = new AtomicBoolean();
        SessionLimit sessions = new SessionLimit(
                transports.stream()
                        .map(ServedTransport::sessions)
                        .filter(Objects::nonNull)
                        .toList(),
                config.maxSessions());
        McpEndpointGuard guard = new McpEndpointGuard(
                RebindingProtection.validator(
                        bindAddress, config.host(), port, config.extraAllowedOrigins(), config.extraAllowedHosts()),
                config.authToken(),
                config.maxRequestBytes(),
                inFlight,
                draining::get,
                jsonMapper,
                sessions,
                sessionsOf(transports, TransportKind.HTTP),
                sessionsOf(transports, TransportKind.SSE),
                config.oauth());

        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        FilterHolder guardHolder = new FilterHolder(guard);
        guardHolder.setAsyncSupported(true);
        for (ServedTransport transport : transports) {
            ServletHolder holder = new ServletHolder(transport.kind().name(), transport.servlet());
            holder.setAsyncSupported(true);
            for (String path : transport.paths()) {
                context.addServlet(holder, path);
                context.addFilter(guardHolder, path, EnumSet.of(DispatcherType.REQUEST));
            }
        }
        String transportNames = transports.stream().map(t -> t.kind().label()).collect(Collectors.joining(","));
        QueuedThreadPool threads = (QueuedThreadPool) jetty.getThreadPool();
        context.addServlet(
                new ServletHolder(
                        "health",
                        new HealthServlet(
                                transportNames,
                                sessions,
                                draining::get,
                                threads::isLowOnThreads,
                                Instant.now(),
                                jsonMapper)),
                HEALTH_PATH);
        if (config.oauth() != null) {
            ServletHolder metadata = new ServletHolder(
                    "oauth-metadata", new ProtectedResourceMetadataServlet(config.oauth(), jsonMapper));
            for (String path : config.oauth().metadataPaths()) context.addServlet(metadata, path);
        }
        JsonErrorHandler errors = new JsonErrorHandler(jsonMapper);
        context.setErrorHandler(errors);
        jetty.setErrorHandler(errors);
        EagerContentHandler wholeBodies = new EagerContentHandler(
                EdgeHandlers.callIdleTimeout(CALL_IDLE_TIMEOUT, BODY_READ_TIMEOUT, context),
                new EagerContentHandler.RetainedContentLoaderFactory(
                        config.maxRequestBytes() + BODY_FRAMING_SLACK, -1, true));
        jetty.setHandler(EdgeHandlers.refuseTrace(wholeBodies));

        String authority = bindAddress.isAnyLocalAddress()
                ? "localhost"
                : RebindingProtection.hostLiteral(config.host(), bindAddress);
        HttpTransportServer server = new HttpTransportServer(
                jetty,
                URI.create("http://" + authority + ":" + port),
                port,
                transports,
                sessions,
                inFlight,
                draining,
                config.shutdownGrace());
        try {
            jetty.start();
        } catch (Exception e) {
            server.close();
            throw new IllegalStateException("Cannot start the HTTP transports: " + e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(server.shutdownHook);
        long sweepMillis = Math.max(1_000, Math.min(config.sessionIdleTimeout().toMillis() / 4, 60_000));
        server.sweeper.scheduleWithFixedDelay(
                server::evictIdleSessions, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
        for (ServedTransport transport : transports) {
            log.info(
                    "MCP {} transport at {}{}",
                    transport.kind().label(),
                    server.baseUrl,
                    transport.paths().get(0));
        }
        return server;
    }

    /** {@code http://host:port}, without a path. */
    public URI baseUrl() {
        return baseUrl;
    }

    public int port() {
        return port;
    }

    /** The URL a client connects to for {@code kind}: {@value #MCP_PATH} or {@value #SSE_PATH}. */
    public URI endpointUrl(TransportKind kind) {
        return switch (kind) {
            case HTTP, STATELESS -> baseUrl.resolve(MCP_PATH);
            case SSE -> baseUrl.resolve(SSE_PATH);
            case STDIO -> throw new IllegalArgumentException("stdio has no URL");
        };
    }

    /** Closes the sessions idle past the timeout now (the sweeper does it periodically); returns how many. */
    int evictIdleSessions() {
        try {
            return sessions.evictIdle();
        } catch (RuntimeException e) {
            log.warn("Session sweep failed: {}", e.toString()); // the next sweep tries again
            return 0;
        }
    }

    /** Live sessions of all transports. */
    int sessionCount() {
        return sessions.count();
    }

    /** Blocks until the server has stopped (after {@link #close()} or SIGTERM). */
    public void join() throws InterruptedException {
        stopped.await();
    }

    /**
     * Drains and stops: refuses new MCP requests, waits up to the shutdown grace for calls in flight, closes
     * the sessions and the container. Idempotent; concurrent callers return once the server has stopped.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            awaitStopped();
            return;
        }
        beginDrain();
        try {
            if (!inFlight.awaitNone(shutdownGrace)) {
                log.warn("{} MCP requests still in flight after {}; closing them", inFlight.count(), shutdownGrace);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sweeper.shutdownNow();
        sessions.closeAll();
        for (ServedTransport transport : transports) {
            closeWithin(transport);
        }
        try {
            jetty.stop();
        } catch (Exception e) {
            log.warn("Error stopping the HTTP container: {}", e.toString());
        }
        stopped.countDown();
        if (Thread.currentThread() != shutdownHook) {
            removeShutdownHook();
        }
        log.info("HTTP transports stopped");
    }

    /** The SDK server's graceful close waits on its sessions without a bound: give it the grace, no more. */
    private void closeWithin(ServedTransport transport) {
        CompletableFuture<Void> closing = CompletableFuture.runAsync(transport.closeServer());
        try {
            closing.get(shutdownGrace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn(
                    "The {} transport did not close within {}; stopping anyway",
                    transport.kind().label(),
                    shutdownGrace);
        } catch (ExecutionException e) {
            log.warn(
                    "Error closing the {} transport: {}",
                    transport.kind().label(),
                    e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static SessionRegistry sessionsOf(List<ServedTransport> transports, TransportKind kind) {
        return transports.stream()
                .filter(t -> t.kind() == kind)
                .map(ServedTransport::sessions)
                .findFirst()
                .orElse(null);
    }

    /** The first step of {@link #close()}: new MCP requests get 503 and {@code /healthz} says draining. */
    void beginDrain() {
        draining.set(true);
    }

    private void awaitStopped() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shutdownInProgress) {
            // the JVM is exiting anyway
        }
    }

    private static InetAddress resolve(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new TransportConfigurationException("Unknown host to bind: " + host);
        }
    }

    // Origin/Host checks are left to McpEndpointGuard (one place, ahead of auth), not given to the SDK servlets.
    // immediateExecution: the servlet thread already blocks until the call is answered, so the handler runs on it
    // rather than on Reactor's bounded-elastic pool, whose 10-threads-per-core cap would bound concurrent calls.

    private static ServedTransport streamable(
            HttpTransportConfig config, ServerAssembly assembly, McpJsonMapper jsonMapper, Clock clock) {
        HttpServletStreamableServerTransportProvider provider = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(jsonMapper)
                .mcpEndpoint(MCP_PATH)
                .keepAliveInterval(config.keepAlive())
                .maxRequestSize((int) config.maxRequestBytes())
                .sessionSweepInterval(null) // SessionRegistry evicts, by the same rule, on a clock tests can move
                .contextExtractor(SessionContext::of)
                .build();
        McpSyncServer server = assembly.build(McpServer.sync(provider).immediateExecution(true));
        return new ServedTransport(
                TransportKind.HTTP,
                provider,
                List.of(MCP_PATH),
                new SessionRegistry(provider, config.sessionIdleTimeout(), clock),
                server::closeGracefully);
    }

    @SuppressWarnings("deprecation") // the legacy HTTP+SSE transport is deprecated by the spec; clients still use it
    private static ServedTransport sse(
            HttpTransportConfig config, ServerAssembly assembly, McpJsonMapper jsonMapper, Clock clock) {
        HttpServletSseServerTransportProvider provider = HttpServletSseServerTransportProvider.builder()
                .jsonMapper(jsonMapper)
                .sseEndpoint(SSE_PATH)
                .messageEndpoint(SSE_MESSAGE_PATH)
                .keepAliveInterval(config.keepAlive())
                .maxRequestSize((int) config.maxRequestBytes())
                .contextExtractor(SessionContext::of)
                .build();
        McpSyncServer server = assembly.build(McpServer.sync(provider).immediateExecution(true));
        return new ServedTransport(
                TransportKind.SSE,
                provider,
                List.of(SSE_PATH, SSE_MESSAGE_PATH),
                new SessionRegistry(provider, config.sessionIdleTimeout(), clock),
                server::closeGracefully);
    }

    private static ServedTransport stateless(
            HttpTransportConfig config, StatelessServerAssembly assembly, McpJsonMapper jsonMapper) {
        HttpServletStatelessServerTransport transport = HttpServletStatelessServerTransport.builder()
                .jsonMapper(jsonMapper)
                .messageEndpoint(MCP_PATH)
                .maxRequestSize((int) config.maxRequestBytes())
                .contextExtractor(request -> McpTransportContext.create(Map.of(
                        ResultStore.PRINCIPAL_KEY,
                        String.valueOf(request.getAttribute(McpEndpointGuard.PRINCIPAL_ATTRIBUTE)))))
                .build();
        McpStatelessSyncServer server = assembly.build(McpServer.sync(transport).immediateExecution(true));
        return new ServedTransport(
                TransportKind.STATELESS, transport, List.of(MCP_PATH), null, server::closeGracefully);
    }

    /** One transport as mounted: its servlet and paths, its sessions (null: stateless), how to close its server. */
    private record ServedTransport(
            TransportKind kind,
            HttpServlet servlet,
            List<String> paths,
            SessionRegistry sessions,
            Runnable closeServer) {}
}
