package dev.hypertracker.mcp.transport;

import io.modelcontextprotocol.json.McpJsonMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * {@code GET /healthz} for orchestrators: no auth, no upstream call. 200 with
 * {@code {"status":"ok","transport":"http,sse","sessions":N,"uptimeSeconds":S}}; 503 with status
 * {@code draining} once shutdown began, so a load balancer stops sending new clients.
 */
final class HealthServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final String transportNames;
    private final IntSupplier sessions;
    private final BooleanSupplier draining;
    private final Instant startedAt;
    private final McpJsonMapper jsonMapper;

    HealthServlet(String transportNames, IntSupplier sessions, BooleanSupplier draining, Instant startedAt,
            McpJsonMapper jsonMapper) {
        this.transportNames = transportNames;
        this.sessions = sessions;
        this.draining = draining;
        this.startedAt = startedAt;
        this.jsonMapper = jsonMapper;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean isDraining = draining.getAsBoolean();
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("status", isDraining ? "draining" : "ok");
        health.put("transport", transportNames);
        health.put("sessions", sessions.getAsInt());
        health.put("uptimeSeconds", Duration.between(startedAt, Instant.now()).toSeconds());
        response.setStatus(isDraining ? HttpServletResponse.SC_SERVICE_UNAVAILABLE : HttpServletResponse.SC_OK);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(jsonMapper.writeValueAsString(health));
    }
}
