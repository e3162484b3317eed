package dev.hypertracker.mcp.transport;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The number of sessions an SDK servlet transport holds, for {@code /healthz}. SDK 2.1.0 offers no public
 * accessor, so this reads the provider's private {@code sessions} map (a test pins the behaviour). Should a
 * later SDK rename the field, the count is reported as unknown (-1) instead of breaking the server.
 */
final class SdkSessionCount implements IntSupplier {
    static final int UNKNOWN = -1;
    private static final Logger log = LoggerFactory.getLogger(SdkSessionCount.class);

    private final Map<?, ?> sessions;

    SdkSessionCount(Object transportProvider) {
        this.sessions = sessionMapOf(transportProvider);
    }

    @Override
    public int getAsInt() {
        return sessions == null ? UNKNOWN : sessions.size();
    }

    private static Map<?, ?> sessionMapOf(Object transportProvider) {
        try {
            Field field = transportProvider.getClass().getDeclaredField("sessions");
            field.setAccessible(true);
            return (Map<?, ?>) field.get(transportProvider);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("Cannot count sessions of {}; /healthz reports -1: {}", transportProvider.getClass(), e.toString());
            return null;
        }
    }
}
