package dev.hypertracker.mcp.catalog;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/** How far apart an endpoint's start and end may be, as the API documents it (fills: one UTC day). */
public enum WindowRule {
    /** No documented limit. */
    ANY,
    /** end falls on the same UTC day as start. */
    SAME_UTC_DAY;

    /** Why this window breaks the rule, or empty when it keeps it (a missing start or end always keeps it). */
    public Optional<String> violation(Instant start, Instant end) {
        if (this == ANY || start == null || end == null) return Optional.empty();
        var startDay = start.atZone(ZoneOffset.UTC).toLocalDate();
        var endDay = end.atZone(ZoneOffset.UTC).toLocalDate();
        if (startDay.equals(endDay)) return Optional.empty();
        return Optional.of("is not on the same UTC day as start (" + endDay + " vs " + startDay + "). The API serves"
                + " one UTC day per request: keep end on start's day (up to " + startDay
                + "T23:59:59.999Z) or omit it, and call"
                + " again for the next day.");
    }
}
