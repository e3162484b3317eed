package dev.hypertracker.mcp.catalog;

import java.time.Period;
import java.util.Objects;

/**
 * A rule the API sets between two of an endpoint's time parameters, checked before any request.
 *
 * @param startParam the window's start parameter ("start", "startTime")
 * @param endParam   the window's end parameter ("end", "endTime")
 * @param sameUtcDay the end must fall on the start's UTC day (/fills)
 * @param maxSpan    the end may be at most this long after the start (calendar months in UTC), or null; an end left
 *                   out counts as now, where the API ends such a window
 */
public record TimeWindow(String startParam, String endParam, boolean sameUtcDay, Period maxSpan) {

    public TimeWindow {
        Objects.requireNonNull(startParam, "startParam");
        Objects.requireNonNull(endParam, "endParam");
    }

    /** The end on the same UTC day as the start. */
    public static TimeWindow sameUtcDay(String startParam, String endParam) {
        return new TimeWindow(startParam, endParam, true, null);
    }

    /** The end at most {@code months} calendar months after the start. */
    public static TimeWindow atMostMonths(String startParam, String endParam, int months) {
        return new TimeWindow(startParam, endParam, false, Period.ofMonths(months));
    }

    /** The rule in words, for an error message: "end must be on start's UTC day". */
    public String words() {
        return sameUtcDay
                ? endParam + " on the same UTC day as " + startParam
                : endParam + " at most " + maxSpan.getMonths() + (maxSpan.getMonths() == 1 ? " month" : " months")
                        + " after " + startParam;
    }
}
