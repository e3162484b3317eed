package dev.hypertracker.mcp.transport;

import dev.hypertracker.mcp.server.ServerAssembly;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP transports on one embedded Jetty: Streamable HTTP at {@value #MCP_PATH}, SSE at {@value #SSE_PATH}
 * (messages to {@value #SSE_MESSAGE_PATH}), or stateless Streamable HTTP at {@value #MCP_PATH}; plus
 * {@value #HEALTH_PATH}. Each transport gets its own SDK server built by the same assembly, so upstream client,
 * cache and rate limiter (which live in the assembly) are shared by every session of every transport.
 *
 * <p>{@link #close()} (also run on SIGTERM) drains: new MCP requests get 503, calls in flight get up to
 * {@link HttpTransportConfig#shutdownGrace()} to finish, then sessions and the container are closed.
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
    private static final Duration CONNECTION_IDLE_TIMEOUT = Duration.ofMinutes(5);

    private final Server jetty;
    private final URI baseUrl;
    private final int port;
    private final List<ServedTransport> transports;
    private final InFlightRequests inFlight;
    private final AtomicBoolean draining;
    private final Duration shutdownGrace;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread shutdownHook = new Thread(this::close, "mcp-http-shutdown");

    private HttpTransportServer(Server jetty, URI baseUrl, int port, List<ServedTransport> transports,
            InFlightRequests inFlight, AtomicBoolean draining, Duration shutdownGrace) {
        this.jetty = jetty;
        this.baseUrl = baseUrl;
        this.port = port;
        this.transports = transports;
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
    public static HttpTransportServer start(HttpTransportConfig config, ServerAssembly assembly,
            StatelessServerAssembly statelessAssembly) {
        InetAddress bindAddress = resolve(config.host());
        if (!bindAddress.isLoopbackAddress() && config.authToken() == null) {
            throw new TransportConfigurationException("Binding to " + config.host()
                    + " exposes the MCP endpoints beyond this machine: set --auth-token (or the "
                    + HttpTransportConfig.AUTH_TOKEN_ENV + " environment variable), or bind 127.0.0.1");
        }
        if (config.kinds().contains(TransportKind.STATELESS) && statelessAssembly == null) {
            throw new TransportConfigurationException("The stateless transport needs a StatelessServerAssembly");
        }

        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS);
        threads.setName("mcp-http");
        Server jetty = new Server(threads);
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost(config.host());
        connector.setPort(config.port());
        connector.setIdleTimeout(CONNECTION_IDLE_TIMEOUT.toMillis());
        jetty.addConnector(connector);
        try {
            connector.open(); // binds now, so an ephemeral port is known before the Origin/Host lists are built
        } catch (IOException e) {
            throw new TransportConfigurationException("Cannot listen on " + config.host() + ":" + config.port()
                    + " (" + e.getMessage() + ")");
        }
        try {
            return serve(jetty, connector, bindAddress, config, assembly, statelessAssembly);
        } catch (RuntimeException e) {
            connector.close(); // free the port: the caller may retry or report and exit
            throw e;
        }
    }

    /** Mounts the transports, the guard and the health check on the bound connector and starts serving. */
    private static HttpTransportServer serve(Server jetty, ServerConnector connector, InetAddress bindAddress,
            HttpTransportConfig config, ServerAssembly assembly, StatelessServerAssembly statelessAssembly) {
        int port = connector.getLocalPort();

        McpJsonMapper jsonMapper = McpJsonDefaults.getMapper();
        List<ServedTransport> transports = new ArrayList<>();
        for (TransportKind kind : EnumSet.copyOf(config.kinds())) {
            transports.add(switch (kind) {
                case HTTP -> streamable(config, assembly, jsonMapper);
                case SSE -> sse(config, assembly, jsonMapper);
                case STATELESS -> stateless(config, statelessAssembly, jsonMapper);
                case STDIO -> throw new IllegalStateException("rejected by HttpTransportConfig");
            });
        }

        InFlightRequests inFlight = new InFlightRequests();
        AtomicBoolean draining = new AtomicBoolean();
        McpEndpointGuard guard = new McpEndpointGuard(
                RebindingProtection.validator(bindAddress, config.host(), port, config.extraAllowedOrigins(),
                        config.extraAllowedHosts()),
                config.authToken(), config.maxRequestBytes(), inFlight, draining::get, jsonMapper);

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
        IntSupplier sessions = () -> transports.stream().mapToInt(t -> t.sessions().getAsInt())
                .reduce(0, (a, b) -> a == SdkSessionCount.UNKNOWN || b == SdkSessionCount.UNKNOWN ? SdkSessionCount.UNKNOWN : a + b);
        context.addServlet(new ServletHolder("health",
                new HealthServlet(transportNames, sessions, draining::get, Instant.now(), jsonMapper)), HEALTH_PATH);
        jetty.setHandler(context);

        String authority = bindAddress.isAnyLocalAddress() ? "localhost"
                : RebindingProtection.hostLiteral(config.host(), bindAddress);
        HttpTransportServer server = new HttpTransportServer(jetty, URI.create("http://" + authority + ":" + port),
                port, transports, inFlight, draining, config.shutdownGrace());
        try {
            jetty.start();
        } catch (Exception e) {
            server.close();
            throw new IllegalStateException("Cannot start the HTTP transports: " + e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(server.shutdownHook);
        for (ServedTransport transport : transports) {
            log.info("MCP {} transport at {}{}", transport.kind().label(), server.baseUrl,
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
        if (!draining.compareAndSet(false, true)) {
            awaitStopped();
            return;
        }
        try {
            if (!inFlight.awaitNone(shutdownGrace)) {
                log.warn("{} MCP requests still in flight after {}; closing them", inFlight.count(), shutdownGrace);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        transports.forEach(transport -> transport.closeServer().run());
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

    private static ServedTransport streamable(HttpTransportConfig config, ServerAssembly assembly,
            McpJsonMapper jsonMapper) {
        HttpServletStreamableServerTransportProvider provider = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(jsonMapper)
                .mcpEndpoint(MCP_PATH)
                .keepAliveInterval(config.keepAlive())
                .maxRequestSize((int) config.maxRequestBytes())
                .sessionSweepInterval(config.sessionIdleTimeout())
                .build();
        McpSyncServer server = assembly.build(McpServer.sync(provider).immediateExecution(true));
        return new ServedTransport(TransportKind.HTTP, provider, List.of(MCP_PATH), new SdkSessionCount(provider),
                server::closeGracefully);
    }

    @SuppressWarnings("deprecation") // temporary (issue 13): the transport/ migration off SDK 2.1.0 deprecations is separate work
    private static ServedTransport sse(HttpTransportConfig config, ServerAssembly assembly, McpJsonMapper jsonMapper) {
        HttpServletSseServerTransportProvider provider = HttpServletSseServerTransportProvider.builder()
                .jsonMapper(jsonMapper)
                .sseEndpoint(SSE_PATH)
                .messageEndpoint(SSE_MESSAGE_PATH)
                .keepAliveInterval(config.keepAlive())
                .maxRequestSize((int) config.maxRequestBytes())
                .build();
        McpSyncServer server = assembly.build(McpServer.sync(provider).immediateExecution(true));
        return new ServedTransport(TransportKind.SSE, provider, List.of(SSE_PATH, SSE_MESSAGE_PATH),
                new SdkSessionCount(provider), server::closeGracefully);
    }

    private static ServedTransport stateless(HttpTransportConfig config, StatelessServerAssembly assembly,
            McpJsonMapper jsonMapper) {
        HttpServletStatelessServerTransport transport = HttpServletStatelessServerTransport.builder()
                .jsonMapper(jsonMapper)
                .messageEndpoint(MCP_PATH)
                .maxRequestSize((int) config.maxRequestBytes())
                .build();
        McpStatelessSyncServer server = assembly.build(McpServer.sync(transport).immediateExecution(true));
        return new ServedTransport(TransportKind.STATELESS, transport, List.of(MCP_PATH), () -> 0,
                server::closeGracefully);
    }

    /** One transport as mounted: its servlet and paths, its session count, and how to close its SDK server. */
    private record ServedTransport(TransportKind kind, HttpServlet servlet, List<String> paths, IntSupplier sessions,
            Runnable closeServer) {
    }
}
