package dev.hypertracker.mcp.transport;

import io.modelcontextprotocol.spec.McpSession;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import java.lang.reflect.Field;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sessions of one SDK servlet transport, with the last time each was used, so idle ones can be evicted and
 * disconnected ones closed. SDK 2.1.0 keeps sessions in a private {@code sessions} map and offers no accessor,
 * so that map is read here (a test pins the behaviour); should a later SDK rename it, the count is reported as
 * unknown (-1) and nothing is evicted rather than the server failing.
 *
 * <p>Idle: no request for the idle timeout, and (Streamable HTTP) no stream open. An SSE session's stream is
 * always open, so only its requests count; an evicted SSE client sees its stream end and reconnects.
 */
final class SessionRegistry {
    static final int UNKNOWN = -1;
    private static final Logger log = LoggerFactory.getLogger(SessionRegistry.class);

    private final Map<String, ? extends McpSession> sessions;
    private final Map<String, Instant> lastUsed = new ConcurrentHashMap<>();
    private final Duration idleTimeout;
    private final Clock clock;

    SessionRegistry(Object transportProvider, Duration idleTimeout, Clock clock) {
        this.sessions = sessionMapOf(transportProvider);
        this.idleTimeout = idleTimeout;
        this.clock = clock;
    }

    int count() {
        return sessions == null ? UNKNOWN : sessions.size();
    }

    /** Records a use of the session (a request, or its creation). */
    void used(String sessionId) {
        if (sessionId != null && sessions != null && sessions.containsKey(sessionId)) {
            lastUsed.put(sessionId, clock.instant());
        }
    }

    /** Closes the session now, e.g. when its SSE stream ended. */
    void close(String sessionId) {
        lastUsed.remove(sessionId);
        McpSession session = sessions == null ? null : sessions.remove(sessionId);
        if (session != null) {
            closeQuietly(sessionId, session);
        }
    }

    /** Closes sessions idle for longer than the idle timeout; returns how many. */
    int evictIdle() {
        if (sessions == null) {
            return 0;
        }
        Instant now = clock.instant();
        lastUsed.keySet().retainAll(sessions.keySet());
        int evicted = 0;
        for (Map.Entry<String, ? extends McpSession> entry : sessions.entrySet()) {
            Instant used = lastUsed.computeIfAbsent(entry.getKey(), id -> now);
            boolean streaming =
                    entry.getValue() instanceof McpStreamableServerSession streamable && streamable.hasOpenStream();
            if (!streaming
                    && Duration.between(used, now).compareTo(idleTimeout) >= 0
                    && sessions.remove(entry.getKey(), entry.getValue())) {
                lastUsed.remove(entry.getKey());
                closeQuietly(entry.getKey(), entry.getValue());
                evicted++;
            }
        }
        return evicted;
    }

    /** Closes every session (shutdown). */
    void closeAll() {
        if (sessions != null) {
            sessions.keySet().forEach(this::close);
        }
    }

    private static void closeQuietly(String id, McpSession session) {
        session.closeGracefully().subscribe(done -> {}, e -> log.debug("Closing session {}: {}", id, e.toString()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ? extends McpSession> sessionMapOf(Object transportProvider) {
        try {
            Field field = transportProvider.getClass().getDeclaredField("sessions");
            field.setAccessible(true);
            return (Map<String, ? extends McpSession>) field.get(transportProvider);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn(
                    "Cannot read the sessions of {}; /healthz reports -1 and idle sessions are not evicted: {}",
                    transportProvider.getClass().getSimpleName(),
                    e.toString());
            return null;
        }
    }
}
