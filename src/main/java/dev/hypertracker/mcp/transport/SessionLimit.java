package dev.hypertracker.mcp.transport;

import java.util.List;

/** The session cap over every stateful transport of one server: new sessions are refused past it. */
final class SessionLimit {
    private final List<SessionRegistry> registries;
    private final int maxSessions;

    SessionLimit(List<SessionRegistry> registries, int maxSessions) {
        this.registries = List.copyOf(registries);
        this.maxSessions = maxSessions;
    }

    int max() {
        return maxSessions;
    }

    /** Live sessions of all transports, or {@link SessionRegistry#UNKNOWN}. */
    int count() {
        int total = 0;
        for (SessionRegistry registry : registries) {
            int count = registry.count();
            if (count == SessionRegistry.UNKNOWN) {
                return SessionRegistry.UNKNOWN;
            }
            total += count;
        }
        return total;
    }

    boolean isFull() {
        return count() >= maxSessions;
    }

    /** Whether one more session fits; when full, idle sessions are evicted first. */
    boolean admitsOneMore() {
        if (!isFull()) {
            return true;
        }
        evictIdle();
        return !isFull();
    }

    int evictIdle() {
        return registries.stream().mapToInt(SessionRegistry::evictIdle).sum();
    }

    void closeAll() {
        registries.forEach(SessionRegistry::closeAll);
    }
}
