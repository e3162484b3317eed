package dev.hypertracker.mcp.digest;

import java.util.Map;

/**
 * list_positions' close-time filter (issue 14): the API filters /positions on openTime only, so closedSince and
 * closedBefore are applied here, to the rows a call scans. An open position (no closeTime) never passes.
 *
 * @param since  epoch millis a row must be closed at or after, or Long.MIN_VALUE
 * @param before epoch millis a row must be closed before, or Long.MAX_VALUE
 */
record CloseWindow(long since, long before) {

    static final String SINCE = "closedSince";
    static final String BEFORE = "closedBefore";

    /** The window the call asked for (from the validator's echo), or null when it set neither bound. */
    static CloseWindow from(DigestOptions options) {
        Map<String, Object> echo = options.echo();
        if (!echo.containsKey(SINCE) && !echo.containsKey(BEFORE)) return null;
        return new CloseWindow(bound(echo.get(SINCE), Long.MIN_VALUE), bound(echo.get(BEFORE), Long.MAX_VALUE));
    }

    private static long bound(Object iso, long none) {
        return iso == null ? none : Json.epochMillis(String.valueOf(iso));
    }

    /** Whether a row closed at this time (Long.MIN_VALUE: open or unreadable) is in the window. */
    boolean admits(long closeMillis) {
        return closeMillis != Long.MIN_VALUE && closeMillis >= since && closeMillis < before;
    }

    /** "closeTime >= a and < b", for the text. */
    String describe() {
        String a = since == Long.MIN_VALUE ? null : "closeTime >= " + Format.iso(since);
        String b = before == Long.MAX_VALUE ? null : "closeTime < " + Format.iso(before);
        return a == null ? b : b == null ? a : a + " and " + b.substring("closeTime ".length());
    }

    /** What the filter covers, in words: it sees only the rows scanned, and those were selected by openTime. */
    String coverage(long matched, long scanned, Object askedStart) {
        return "Close-time filter (" + describe() + ", applied by this server): " + Format.count(matched) + " of "
                + Format.count(scanned) + " rows scanned match. The API selects rows by openTime only, so positions "
                + "opened before start (" + (askedStart == null ? "the window's start" : askedStart)
                + ") are not seen, however recently they closed.";
    }
}
