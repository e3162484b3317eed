package dev.hypertracker.mcp.transport;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityValidator;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Stands in front of every MCP endpoint (not {@code /healthz}) and, in this order: refuses new requests while
 * the server drains (503), checks Origin and Host against DNS rebinding (403 / 421, the SDK's validator),
 * checks the bearer token when one is configured (401 with {@code WWW-Authenticate: Bearer}), refuses bodies
 * declared larger than the limit (413; the SDK transports also cap bodies without a length), and counts
 * POSTs in flight so shutdown can wait for them.
 */
@SuppressWarnings("deprecation") // temporary (issue 13): the transport/ migration off SDK 2.1.0 deprecations is separate work
final class McpEndpointGuard extends HttpFilter {
    private static final long serialVersionUID = 1L;

    private static final String REALM = "hypertracker-mcp";
    private static final String BEARER_PREFIX = "Bearer ";

    private final ServerTransportSecurityValidator rebindingValidator;
    private final byte[] expectedTokenDigest;
    private final long maxRequestBytes;
    private final InFlightRequests inFlight;
    private final BooleanSupplier draining;
    private final McpJsonMapper jsonMapper;

    McpEndpointGuard(ServerTransportSecurityValidator rebindingValidator, String authToken, long maxRequestBytes,
            InFlightRequests inFlight, BooleanSupplier draining, McpJsonMapper jsonMapper) {
        this.rebindingValidator = rebindingValidator;
        this.expectedTokenDigest = authToken == null ? null : sha256(authToken);
        this.maxRequestBytes = maxRequestBytes;
        this.inFlight = inFlight;
        this.draining = draining;
        this.jsonMapper = jsonMapper;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (draining.getAsBoolean()) {
            response.setHeader("Retry-After", "1");
            reject(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "Server is shutting down");
            return;
        }
        try {
            rebindingValidator.validateHeaders(headersOf(request));
        } catch (ServerTransportSecurityException e) {
            reject(response, e.getStatusCode(), e.getMessage());
            return;
        }
        if (expectedTokenDigest != null && !hasValidToken(request)) {
            String error = request.getHeader("Authorization") == null ? "" : ", error=\"invalid_token\"";
            response.setHeader("WWW-Authenticate", "Bearer realm=\"" + REALM + "\"" + error);
            reject(response, HttpServletResponse.SC_UNAUTHORIZED, "Missing or invalid bearer token");
            return;
        }
        if (request.getContentLengthLong() > maxRequestBytes) {
            reject(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                    "Request body larger than " + maxRequestBytes + " bytes");
            return;
        }
        if ("POST".equals(request.getMethod())) {
            forwardCounted(request, response, chain);
        } else {
            chain.doFilter(request, response); // GETs hold long-lived event streams: not calls to wait for
        }
    }

    private void forwardCounted(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        inFlight.begin();
        boolean endsAsynchronously = false;
        try {
            chain.doFilter(request, response);
            if (request.isAsyncStarted()) {
                request.getAsyncContext().addListener(new EndOnCompletion());
                endsAsynchronously = true;
            }
        } finally {
            if (!endsAsynchronously) {
                inFlight.end();
            }
        }
    }

    /** Compares digests of equal length with a constant-time check, so timing reveals nothing about the token. */
    private boolean hasValidToken(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER_PREFIX, 0, BEARER_PREFIX.length())) {
            return false;
        }
        return MessageDigest.isEqual(expectedTokenDigest, sha256(header.substring(BEARER_PREFIX.length()).trim()));
    }

    private void reject(HttpServletResponse response, int status, String message) throws IOException {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", -32600);
        error.put("message", message);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jsonrpc", "2.0");
        body.put("id", null);
        body.put("error", error);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(jsonMapper.writeValueAsString(body));
    }

    private static Map<String, List<String>> headersOf(HttpServletRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, Collections.list(request.getHeaders(name)));
        }
        return headers;
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    private final class EndOnCompletion implements AsyncListener {
        @Override
        public void onComplete(AsyncEvent event) {
            inFlight.end();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            // onComplete follows a timeout
        }

        @Override
        public void onError(AsyncEvent event) {
            // onComplete follows an error
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // not re-registered: one end per begin
        }
    }
}
