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

/**
 * {@code GET /healthz} for orchestrators: no auth, no upstream call. 200 with
 * {@code {"status":"ok","transport":"http,sse","sessions":N,"maxSessions":M,"uptimeSeconds":S}} while the server
 * can take new clients; 503 when it cannot, with status {@code draining} (shutdown began), {@code overloaded}
 * (the container is low on threads) or {@code full} (the session cap is reached), so a load balancer routes
 * new clients elsewhere.
 */
final class HealthServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final String transportNames;
    private final transient SessionLimit sessions;
    private final transient BooleanSupplier draining;
    private final transient BooleanSupplier lowOnThreads;
    private final Instant startedAt;
    private final transient McpJsonMapper jsonMapper;

    HealthServlet(
            String transportNames,
            SessionLimit sessions,
            BooleanSupplier draining,
            BooleanSupplier lowOnThreads,
            Instant startedAt,
            McpJsonMapper jsonMapper) {
        this.transportNames = transportNames;
        this.sessions = sessions;
        this.draining = draining;
        this.lowOnThreads = lowOnThreads;
        this.startedAt = startedAt;
        this.jsonMapper = jsonMapper;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String status = status();
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("status", status);
        health.put("transport", transportNames);
        health.put("sessions", sessions.count());
        health.put("maxSessions", sessions.max());
        health.put("uptimeSeconds", Duration.between(startedAt, Instant.now()).toSeconds());
        response.setStatus(
                "ok".equals(status) ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(jsonMapper.writeValueAsString(health));
    }

    private String status() {
        if (draining.getAsBoolean()) {
            return "draining";
        }
        if (lowOnThreads.getAsBoolean()) {
            return "overloaded";
        }
        return sessions.isFull() ? "full" : "ok";
    }
}
