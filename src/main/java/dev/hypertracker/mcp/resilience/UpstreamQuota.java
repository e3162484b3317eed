package dev.hypertracker.mcp.resilience;

import java.net.http.HttpHeaders;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The API's own account of the token's quota, from the {@code X-RateLimit-Limit/Remaining/Reset} headers of the last
 * response that had them. Tolerant: a missing or unreadable header is unknown (null), never a guess.
 */
public final class UpstreamQuota {

    /**
     * One reading.
     *
     * @param limit     X-RateLimit-Limit, or null
     * @param remaining X-RateLimit-Remaining, or null
     * @param resetAt   X-RateLimit-Reset as an instant, or null
     */
    public record Reading(Long limit, Long remaining, Instant resetAt) {
        /** The contract's shape for get_server_status: {limit, remaining, resetAt} (ISO-8601), nulls for unknown. */
        public Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("limit", limit);
            m.put("remaining", remaining);
            m.put("resetAt", resetAt == null ? null : resetAt.toString());
            return m;
        }
    }

    private static final Reading UNKNOWN = new Reading(null, null, null);
    private volatile Reading last = UNKNOWN;

    /** Reads the headers of one response (received at {@code now}); a response without any of them changes nothing. */
    public void update(HttpHeaders headers, Instant now) {
        Long limit = number(headers.firstValue("X-RateLimit-Limit"));
        Long remaining = number(headers.firstValue("X-RateLimit-Remaining"));
        Instant reset = resetAt(headers.firstValue("X-RateLimit-Reset"), now);
        if (limit == null && remaining == null && reset == null) return;
        last = new Reading(limit, remaining, reset);
    }

    public Reading last() {
        return last;
    }

    private static Long number(Optional<String> header) {
        if (header.isEmpty()) return null;
        String v = header.get().trim();
        if (!v.matches("\\d{1,18}")) return null;
        return Long.parseLong(v);
    }

    /**
     * Reset as epoch seconds, epoch milliseconds, seconds from now (small numbers), an ISO-8601 instant or an HTTP
     * date: the header's unit is not documented, so each plausible form is read by its magnitude or shape.
     */
    public static Instant resetAt(Optional<String> header, Instant now) {
        if (header.isEmpty()) return null;
        String v = header.get().trim();
        if (v.matches("\\d{1,15}(\\.\\d+)?")) {
            double n = Double.parseDouble(v);
            if (n >= 1e12) return Instant.ofEpochMilli((long) n);
            if (n >= 1e9) return Instant.ofEpochSecond((long) n);
            return now.plusMillis((long) (n * 1000));
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException ignored) {
            // not ISO-8601: try an HTTP date
        }
        try {
            return ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException ignored) {
            return null;
        }
    }
}
