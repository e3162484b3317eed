package dev.hypertracker.mcp.shared;

/**
 * What instances share and the budgets of the shared rate limit: the store (off without {@code --redis-url}), and
 * the plan's per-day and per-30-days request budgets (null: none), which only the shared limiter enforces.
 */
public record Sharing(SharedStore store, Integer requestsPerDay, Integer requestsPerMonth) {
    public static Sharing off() {
        return new Sharing(SharedStore.off(), null, null);
    }
}
