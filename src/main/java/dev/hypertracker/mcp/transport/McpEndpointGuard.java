package dev.hypertracker.mcp.transport;

import dev.hypertracker.mcp.auth.OAuthResourceServer;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.transport.HeaderAccessor;
import io.modelcontextprotocol.server.transport.ServerHttpHeaderValidator;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import io.modelcontextprotocol.spec.McpSchema.ErrorCodes;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Stands in front of every MCP endpoint (not {@code /healthz}) and, in this order: answers CORS preflights
 * (no auth: browsers send none), refuses HEAD (it would open an SSE session nobody reads) and new requests while
 * the server drains (503), checks Origin and Host against DNS rebinding (403 / 421, the SDK's validator), checks
 * the bearer token when one is configured (401 with {@code WWW-Authenticate: Bearer}), refuses a new session past
 * the cap (503), reads and checks the body (413 past the limit, 400 unless it is one JSON object), counts POSTs in
 * flight so shutdown can wait for them, and hands the SDK servlet a {@link GuardedExchange}. Allowed browser
 * origins get {@code Access-Control-Allow-Origin} and {@code -Expose-Headers} on every answer.
 */
final class McpEndpointGuard extends HttpFilter {
    private static final long serialVersionUID = 1L;
    private static final String REALM = "hypertracker-mcp";
    private static final String BEARER_PREFIX = "Bearer ";
    static final String SESSION_HEADER = "Mcp-Session-Id";
    /**
     * The request attribute holding who asks: the OAuth access token's {@code issuer#subject}, else the client
     * token's short hash ({@link #principal}). The stateless transport's context carries it to the result store.
     */
    public static final String PRINCIPAL_ATTRIBUTE = "dev.hypertracker.mcp.principal";

    static final String ALLOWED_METHODS = "GET, POST, DELETE, OPTIONS";
    static final String ALLOWED_HEADERS =
            "Authorization, Content-Type, Accept, Mcp-Session-Id, MCP-Protocol-Version, " + "Last-Event-ID";
    static final String EXPOSED_HEADERS = "Mcp-Session-Id, MCP-Protocol-Version, WWW-Authenticate";

    private final transient ServerHttpHeaderValidator rebindingValidator;
    private final transient List<byte[]> expectedTokenDigests;
    private final long maxRequestBytes;
    private final transient InFlightRequests inFlight;
    private final transient BooleanSupplier draining;
    private final transient McpJsonMapper jsonMapper;
    private final transient SessionLimit sessionLimit;
    private final transient SessionRegistry streamableSessions;
    private final transient SessionRegistry sseSessions;
    private final transient OAuthResourceServer oauth;

    McpEndpointGuard(
            ServerHttpHeaderValidator rebindingValidator,
            String authToken,
            long maxRequestBytes,
            InFlightRequests inFlight,
            BooleanSupplier draining,
            McpJsonMapper jsonMapper,
            SessionLimit sessionLimit,
            SessionRegistry streamableSessions,
            SessionRegistry sseSessions,
            OAuthResourceServer oauth) {
        this.rebindingValidator = rebindingValidator;
        // several comma-separated tokens: each is a principal of its own (results are per principal)
        this.expectedTokenDigests = authToken == null
                ? List.of()
                : java.util.Arrays.stream(authToken.split(","))
                        .map(String::strip)
                        .filter(t -> !t.isEmpty())
                        .map(McpEndpointGuard::sha256)
                        .toList();
        this.maxRequestBytes = maxRequestBytes;
        this.inFlight = inFlight;
        this.draining = draining;
        this.jsonMapper = jsonMapper;
        this.sessionLimit = sessionLimit;
        this.streamableSessions = streamableSessions;
        this.sseSessions = sseSessions;
        this.oauth = oauth;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String method = request.getMethod();
        ServerTransportSecurityException refused = rebindingRefusal(request);
        boolean allowedOrigin = refused == null;
        if (allowedOrigin && request.getHeader("Origin") != null) {
            response.setHeader("Access-Control-Allow-Origin", request.getHeader("Origin"));
            response.setHeader("Access-Control-Expose-Headers", EXPOSED_HEADERS);
            response.addHeader("Vary", "Origin");
        }
        if ("OPTIONS".equals(method)) {
            answerPreflight(request, response, allowedOrigin);
            return;
        }
        if (!"GET".equals(method) && !"POST".equals(method) && !"DELETE".equals(method)) {
            response.setHeader("Allow", ALLOWED_METHODS);
            reject(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "Method " + method + " is not allowed here");
            return;
        }
        if (draining.getAsBoolean()) {
            response.setHeader("Retry-After", "1");
            reject(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "Server is shutting down");
            return;
        }
        if (refused != null) {
            reject(response, refused.getStatusCode(), refused.getMessage());
            return;
        }
        byte[] presented = expectedTokenDigests.isEmpty() ? null : validTokenDigest(request);
        if (!expectedTokenDigests.isEmpty() && presented == null) {
            String error = request.getHeader("Authorization") == null ? "" : ", error=\"invalid_token\"";
            response.setHeader("WWW-Authenticate", "Bearer realm=\"" + REALM + "\"" + error);
            reject(response, HttpServletResponse.SC_UNAUTHORIZED, "Missing or invalid bearer token");
            return;
        }
        request.setAttribute(PRINCIPAL_ATTRIBUTE, principal(presented)); // the OAuth mode's, when on, replaces it
        if (oauth != null && !authorizedByOAuth(request, response)) {
            return;
        }
        if (request.getContentLengthLong() > maxRequestBytes) {
            reject(
                    response,
                    HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                    "Request body larger than " + maxRequestBytes + " bytes");
            return;
        }
        if (opensSession(request) && !sessionLimit.admitsOneMore()) {
            response.setHeader("Retry-After", "60");
            reject(
                    response,
                    HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                    "Too many sessions: this server holds at most " + sessionLimit.max()
                            + " (--max-sessions). Close an unused session (DELETE /mcp) or retry later");
            return;
        }
        if ("POST".equals(method)) {
            forwardPost(request, response, chain);
        } else {
            forwardGet(request, response, chain); // event streams: not calls to wait for
        }
    }

    /** The OAuth mode's check: a valid access token, or 401/403 with a challenge naming the metadata. */
    private boolean authorizedByOAuth(HttpServletRequest request, HttpServletResponse response) throws IOException {
        OAuthResourceServer.Verdict verdict = oauth.verify(request.getHeader("Authorization"));
        if (verdict instanceof OAuthResourceServer.Verdict.Accepted accepted) {
            request.setAttribute(PRINCIPAL_ATTRIBUTE, accepted.principal());
            return true;
        }
        if (verdict instanceof OAuthResourceServer.Verdict.MissingScope missing) {
            response.setHeader("WWW-Authenticate", oauth.challenge("insufficient_scope", missing.description()));
            reject(response, HttpServletResponse.SC_FORBIDDEN, missing.description());
            return false;
        }
        OAuthResourceServer.Verdict.Rejected rejected = (OAuthResourceServer.Verdict.Rejected) verdict;
        String description = rejected.error() == null ? null : rejected.description();
        response.setHeader("WWW-Authenticate", oauth.challenge(rejected.error(), description));
        reject(response, HttpServletResponse.SC_UNAUTHORIZED, rejected.description());
        return false;
    }

    private void answerPreflight(HttpServletRequest request, HttpServletResponse response, boolean allowedOrigin)
            throws IOException {
        if (!allowedOrigin) {
            reject(response, HttpServletResponse.SC_FORBIDDEN, "Origin not allowed");
            return;
        }
        response.setHeader("Allow", ALLOWED_METHODS);
        if (request.getHeader("Origin") != null) {
            response.setHeader("Access-Control-Allow-Methods", ALLOWED_METHODS);
            response.setHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS);
            response.setHeader("Access-Control-Max-Age", "600");
        }
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    private void forwardPost(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        byte[] body = readBody(request);
        if (body == null) {
            reject(
                    response,
                    HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                    "Request body larger than " + maxRequestBytes + " bytes");
            return;
        }
        Map<?, ?> message = parseMessage(body);
        if (message == null) {
            reject(
                    response,
                    HttpServletResponse.SC_BAD_REQUEST,
                    ErrorCodes.PARSE_ERROR,
                    "Parse error: the body must be one JSON-RPC message, a JSON object");
            return;
        }
        Object id = message.get("id");
        String rpcMethod = message.get("method") instanceof String name ? name : null;
        boolean isRequest = rpcMethod != null && id != null;
        String sessionId = request.getHeader(SESSION_HEADER) != null
                ? request.getHeader(SESSION_HEADER)
                : request.getParameter("sessionId");
        markUsed(sessionId);
        inFlight.begin();
        boolean endsAsynchronously = false;
        try {
            GuardedExchange exchange = new GuardedExchange(
                    request, response, body, isRequest ? id : null, rpcMethod, jsonMapper, this::markUsed);
            exchange.forward(chain);
            if (request.isAsyncStarted()) {
                request.getAsyncContext().addListener(new OnStreamEnd(() -> {
                    markUsed(sessionId);
                    inFlight.end();
                }));
                endsAsynchronously = true;
            }
        } finally {
            if (!endsAsynchronously) {
                inFlight.end();
            }
        }
    }

    /** A new SSE stream's session is closed as soon as the stream ends (client gone, write failed). */
    private void forwardGet(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        GuardedExchange exchange = new GuardedExchange(request, response, null, null, null, jsonMapper, this::markUsed);
        exchange.forward(chain);
        String sseSession = exchange.sseSessionId();
        if (sseSession != null && sseSessions != null && request.isAsyncStarted()) {
            request.getAsyncContext().addListener(new OnStreamEnd(() -> sseSessions.close(sseSession)));
        }
    }

    private void markUsed(String sessionId) {
        if (sessionId == null) {
            return;
        }
        if (streamableSessions != null) {
            streamableSessions.used(sessionId);
        }
        if (sseSessions != null) {
            sseSessions.used(sessionId);
        }
    }

    private static boolean opensSession(HttpServletRequest request) {
        return "GET".equals(request.getMethod())
                ? request.getRequestURI().endsWith(HttpTransportServer.SSE_PATH)
                : "POST".equals(request.getMethod())
                        && request.getRequestURI().endsWith(HttpTransportServer.MCP_PATH)
                        && request.getHeader(SESSION_HEADER) == null;
    }

    /** The whole body (Jetty has already received it), or null when it is over the limit. */
    private byte[] readBody(HttpServletRequest request) throws IOException {
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxRequestBytes + 1));
            return body.length > maxRequestBytes ? null : body;
        }
    }

    private Map<?, ?> parseMessage(byte[] body) {
        try {
            return jsonMapper.readValue(body, Object.class) instanceof Map<?, ?> map ? map : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private ServerTransportSecurityException rebindingRefusal(HttpServletRequest request) {
        try {
            rebindingValidator.validate(new RequestHeaders(request));
            return null;
        } catch (ServerTransportSecurityException e) {
            return e;
        }
    }

    /**
     * Who is asking, for what is kept per principal (stateless results): the configured token they presented, as a
     * short hash (never the token), or {@code anonymous} when the server takes no token.
     */
    static String principal(byte[] tokenDigest) {
        return tokenDigest == null
                ? "anonymous"
                : "token:" + java.util.HexFormat.of().formatHex(tokenDigest, 0, 8);
    }

    /**
     * The digest of the request's token if it is one of the configured ones, else null. Compares digests of equal
     * length with a constant-time check against every token, so timing reveals nothing about them.
     */
    private byte[] validTokenDigest(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER_PREFIX, 0, BEARER_PREFIX.length())) {
            return null;
        }
        byte[] digest = sha256(header.substring(BEARER_PREFIX.length()).trim());
        boolean valid = false;
        for (byte[] expected : expectedTokenDigests) valid |= MessageDigest.isEqual(expected, digest);
        return valid ? digest : null;
    }

    private void reject(HttpServletResponse response, int status, String message) throws IOException {
        reject(response, status, ErrorCodes.INVALID_REQUEST, message);
    }

    private void reject(HttpServletResponse response, int status, int code, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(PublicErrors.body(jsonMapper, null, code, message));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    /** The request's headers as the SDK's validator reads them. */
    private record RequestHeaders(HttpServletRequest request) implements HeaderAccessor {
        @Override
        public List<String> getHeader(String name) {
            return Collections.list(request.getHeaders(name));
        }

        @Override
        public List<String> getHeaderNames() {
            return Collections.list(request.getHeaderNames());
        }
    }

    /** Runs once when an async exchange ends, however it ends. */
    private static final class OnStreamEnd implements AsyncListener {
        private final Runnable action;
        private boolean ran;

        OnStreamEnd(Runnable action) {
            this.action = action;
        }

        private synchronized void runOnce() {
            if (!ran) {
                ran = true;
                action.run();
            }
        }

        @Override
        public void onComplete(AsyncEvent event) {
            runOnce();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            runOnce();
        }

        @Override
        public void onError(AsyncEvent event) {
            runOnce();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // not re-registered: one end per start
        }
    }
}
