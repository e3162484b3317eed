package dev.hypertracker.mcp.config;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How the server talks to HyperTracker. Built once at start-up from flags and environment.
 *
 * @param baseUrl          API origin, without /api/external (HYPERTRACKER_BASE_URL)
 * @param apiToken         the Bearer token (HYPERTRACKER_API_TOKEN), or null when not set; a secret: never printed
 * @param demo             true when serving the embedded sandbox's synthetic data
 * @param connectTimeout   TCP connect timeout per request
 * @param requestTimeout   timeout of one upstream HTTP request
 * @param callDeadline     budget of a whole tool call: retries, pages and export downloads included
 * @param maxRetries       retries of one idempotent GET after a 5xx or timeout
 * @param maxRetryAfter    the longest 429 Retry-After the server waits for before answering with an error
 * @param requestsPerMinute client-side rate limit (match your HyperTracker plan)
 * @param cacheMaxBytes    response cache size bound
 * @param cacheEnabled     false disables the response cache entirely
 */
public record Settings(
        URI baseUrl,
        Secret apiToken,
        boolean demo,
        Duration connectTimeout,
        Duration requestTimeout,
        Duration callDeadline,
        int maxRetries,
        Duration maxRetryAfter,
        int requestsPerMinute,
        long cacheMaxBytes,
        boolean cacheEnabled) {

    public static final URI DEFAULT_BASE_URL = URI.create("https://ht-api.coinmarketman.com");
    public static final String ENV_TOKEN = "HYPERTRACKER_API_TOKEN";
    public static final String ENV_BASE_URL = "HYPERTRACKER_BASE_URL";

    public Settings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme())) {
            throw new ConfigurationException(
                    "HYPERTRACKER_BASE_URL must be an http(s) URL, got scheme '" + baseUrl.getScheme() + "'");
        }
        if (requestsPerMinute < 1) throw new ConfigurationException("requests per minute must be at least 1");
        if (maxRetries < 0 || maxRetries > 5) throw new ConfigurationException("max retries must be 0-5");
        if (callDeadline.compareTo(Duration.ofSeconds(1)) < 0)
            throw new ConfigurationException("call deadline must be at least 1 s");
    }

    public static Settings defaults(URI baseUrl, Secret token) {
        return new Settings(
                baseUrl,
                token,
                false,
                Duration.ofSeconds(5),
                Duration.ofSeconds(20),
                Duration.ofSeconds(45),
                2,
                Duration.ofSeconds(20),
                60,
                64L * 1024 * 1024,
                true);
    }

    public Settings withDemo(boolean value) {
        return new Settings(
                baseUrl,
                apiToken,
                value,
                connectTimeout,
                requestTimeout,
                callDeadline,
                maxRetries,
                maxRetryAfter,
                requestsPerMinute,
                cacheMaxBytes,
                cacheEnabled);
    }

    public Settings withTimeouts(Duration request, Duration deadline) {
        return new Settings(
                baseUrl,
                apiToken,
                demo,
                connectTimeout,
                request,
                deadline,
                maxRetries,
                maxRetryAfter,
                requestsPerMinute,
                cacheMaxBytes,
                cacheEnabled);
    }

    public Settings withRetries(int retries, Duration retryAfterCap) {
        return new Settings(
                baseUrl,
                apiToken,
                demo,
                connectTimeout,
                requestTimeout,
                callDeadline,
                retries,
                retryAfterCap,
                requestsPerMinute,
                cacheMaxBytes,
                cacheEnabled);
    }

    public Settings withRateLimit(int perMinute) {
        return new Settings(
                baseUrl,
                apiToken,
                demo,
                connectTimeout,
                requestTimeout,
                callDeadline,
                maxRetries,
                maxRetryAfter,
                perMinute,
                cacheMaxBytes,
                cacheEnabled);
    }

    public Settings withCache(boolean enabled, long maxBytes) {
        return new Settings(
                baseUrl,
                apiToken,
                demo,
                connectTimeout,
                requestTimeout,
                callDeadline,
                maxRetries,
                maxRetryAfter,
                requestsPerMinute,
                maxBytes,
                enabled);
    }

    public boolean hasToken() {
        return apiToken != null && !apiToken.isBlank();
    }
}
