package dev.hypertracker.mcp.config;

/** A secret string (the API token) whose toString never reveals it, so it cannot leak through logs or errors. */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /** Null for null or blank input. */
    public static Secret of(String value) {
        return value == null || value.isBlank() ? null : new Secret(value.trim());
    }

    /** The secret itself: only for the Authorization header. */
    public String reveal() {
        return value;
    }

    public boolean isBlank() {
        return value.isBlank();
    }

    @Override
    public String toString() {
        return "****";
    }
}
