package dev.hypertracker.mcp.transport;

import dev.hypertracker.mcp.auth.OAuthResourceServer;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Settings of the HTTP transports (Streamable HTTP, SSE, stateless).
 *
 * @param host                 address to bind; loopback unless the operator opts out (then a token is required)
 * @param port                 TCP port, 0 for an ephemeral one
 * @param kinds                HTTP transports to serve together (not {@link TransportKind#STDIO})
 * @param authToken            bearer token required on the MCP endpoints, or null for none
 * @param extraAllowedOrigins  browser origins allowed besides the bound address (exact, or {@code http://host:*})
 * @param extraAllowedHosts    Host header values allowed besides the bound address, e.g. a load balancer's name
 * @param maxRequestBytes      largest accepted request body; larger ones get 413
 * @param keepAlive            interval of MCP pings on open sessions
 * @param shutdownGrace        how long {@link HttpTransportServer#close()} waits for in-flight calls
 * @param sessionIdleTimeout   sessions with no request (and, Streamable HTTP, no open stream) for this long are evicted
 * @param maxSessions          live sessions (Streamable HTTP and SSE together) past which new ones are refused
 * @param oauth                the OAuth resource-server mode (JWT access tokens), or null; excludes {@code authToken}
 */
public record HttpTransportConfig(
        String host,
        int port,
        Set<TransportKind> kinds,
        String authToken,
        List<String> extraAllowedOrigins,
        List<String> extraAllowedHosts,
        long maxRequestBytes,
        Duration keepAlive,
        Duration shutdownGrace,
        Duration sessionIdleTimeout,
        int maxSessions,
        OAuthResourceServer oauth) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final long DEFAULT_MAX_REQUEST_BYTES = 4L * 1024 * 1024;
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(20);
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(10);
    public static final Duration DEFAULT_SESSION_IDLE_TIMEOUT = Duration.ofMinutes(10);
    /** A session costs a few KB; 1,000 of them are a few MB, far from the heap trouble 250k caused. */
    public static final int DEFAULT_MAX_SESSIONS = 1000;
    /** The environment variable the CLI reads when {@code --auth-token} is absent. */
    public static final String AUTH_TOKEN_ENV = "HYPERTRACKER_MCP_AUTH_TOKEN";
    /** The environment variable the CLI reads when {@code --max-sessions} is absent. */
    public static final String MAX_SESSIONS_ENV = "HYPERTRACKER_MCP_MAX_SESSIONS";
    /** The environment variable the CLI reads when {@code --session-idle-timeout} is absent (seconds). */
    public static final String SESSION_IDLE_TIMEOUT_ENV = "HYPERTRACKER_MCP_SESSION_IDLE_TIMEOUT";

    public HttpTransportConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(keepAlive, "keepAlive");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        Objects.requireNonNull(sessionIdleTimeout, "sessionIdleTimeout");
        kinds = Set.copyOf(kinds);
        extraAllowedOrigins = List.copyOf(extraAllowedOrigins);
        extraAllowedHosts = List.copyOf(extraAllowedHosts);
        if (authToken != null && authToken.isBlank()) {
            authToken = null;
        }
        if (kinds.isEmpty() || kinds.contains(TransportKind.STDIO)) {
            throw new TransportConfigurationException("HTTP transports needed (http, sse, stateless), got " + kinds);
        }
        if (kinds.contains(TransportKind.HTTP) && kinds.contains(TransportKind.STATELESS)) {
            throw new TransportConfigurationException("http and stateless both serve /mcp: choose one");
        }
        if (port < 0 || port > 65535) {
            throw new TransportConfigurationException("Port out of range: " + port);
        }
        if (maxSessions < 1) {
            throw new TransportConfigurationException("Max sessions must be at least 1, got " + maxSessions);
        }
        if (sessionIdleTimeout.isNegative() || sessionIdleTimeout.isZero()) {
            throw new TransportConfigurationException("Session idle timeout must be positive");
        }
        if (authToken != null && oauth != null) {
            throw new TransportConfigurationException(
                    "--auth-token and the OAuth resource-server mode both guard /mcp: choose one");
        }
        if (maxRequestBytes <= 0 || maxRequestBytes > Integer.MAX_VALUE) {
            throw new TransportConfigurationException("Max request size must be 1.." + Integer.MAX_VALUE + " bytes");
        }
    }

    /**
     * Loopback, port 8080, Streamable HTTP, no token, 4 MiB bodies, 20 s pings, 10 s shutdown grace, sessions
     * evicted after 10 idle minutes, at most 1,000 of them.
     */
    public static HttpTransportConfig defaults() {
        return new HttpTransportConfig(
                DEFAULT_HOST,
                DEFAULT_PORT,
                EnumSet.of(TransportKind.HTTP),
                null,
                List.of(),
                List.of(),
                DEFAULT_MAX_REQUEST_BYTES,
                DEFAULT_KEEP_ALIVE,
                DEFAULT_SHUTDOWN_GRACE,
                DEFAULT_SESSION_IDLE_TIMEOUT,
                DEFAULT_MAX_SESSIONS,
                null);
    }

    public HttpTransportConfig withHost(String newHost) {
        return with(d -> d.host = newHost);
    }

    public HttpTransportConfig withPort(int newPort) {
        return with(d -> d.port = newPort);
    }

    public HttpTransportConfig withKinds(Set<TransportKind> newKinds) {
        return with(d -> d.kinds = newKinds);
    }

    public HttpTransportConfig withAuthToken(String newAuthToken) {
        return with(d -> d.authToken = newAuthToken);
    }

    public HttpTransportConfig withExtraAllowedOrigins(List<String> origins) {
        return with(d -> d.extraAllowedOrigins = origins);
    }

    public HttpTransportConfig withMaxRequestBytes(long bytes) {
        return with(d -> d.maxRequestBytes = bytes);
    }

    public HttpTransportConfig withKeepAlive(Duration interval) {
        return with(d -> d.keepAlive = interval);
    }

    public HttpTransportConfig withShutdownGrace(Duration grace) {
        return with(d -> d.shutdownGrace = grace);
    }

    public HttpTransportConfig withSessionIdleTimeout(Duration timeout) {
        return with(d -> d.sessionIdleTimeout = timeout);
    }

    public HttpTransportConfig withMaxSessions(int max) {
        return with(d -> d.maxSessions = max);
    }

    /** The OAuth resource-server mode: clients present JWT access tokens from {@code oauth}'s issuer. */
    public HttpTransportConfig withOAuth(OAuthResourceServer newOAuth) {
        return with(d -> d.oauth = newOAuth);
    }

    /** This configuration with what {@code change} sets changed, checked again by the canonical constructor. */
    private HttpTransportConfig with(Consumer<Draft> change) {
        Draft draft = new Draft(this);
        change.accept(draft);
        return draft.build();
    }

    /** The components of a configuration being changed by one wither. */
    private static final class Draft {
        String host;
        int port;
        Set<TransportKind> kinds;
        String authToken;
        List<String> extraAllowedOrigins;
        List<String> extraAllowedHosts;
        long maxRequestBytes;
        Duration keepAlive;
        Duration shutdownGrace;
        Duration sessionIdleTimeout;
        int maxSessions;
        OAuthResourceServer oauth;

        Draft(HttpTransportConfig from) {
            host = from.host;
            port = from.port;
            kinds = from.kinds;
            authToken = from.authToken;
            extraAllowedOrigins = from.extraAllowedOrigins;
            extraAllowedHosts = from.extraAllowedHosts;
            maxRequestBytes = from.maxRequestBytes;
            keepAlive = from.keepAlive;
            shutdownGrace = from.shutdownGrace;
            sessionIdleTimeout = from.sessionIdleTimeout;
            maxSessions = from.maxSessions;
            oauth = from.oauth;
        }

        HttpTransportConfig build() {
            return new HttpTransportConfig(
                    host,
                    port,
                    kinds,
                    authToken,
                    extraAllowedOrigins,
                    extraAllowedHosts,
                    maxRequestBytes,
                    keepAlive,
                    shutdownGrace,
                    sessionIdleTimeout,
                    maxSessions,
                    oauth);
        }
    }
}
