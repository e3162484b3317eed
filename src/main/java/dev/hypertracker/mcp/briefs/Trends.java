package dev.hypertracker.mcp.briefs;

import static dev.hypertracker.mcp.digest.Format.count;
import static dev.hypertracker.mcp.digest.Format.money;

import dev.hypertracker.mcp.digest.Format;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A trend section from a per-coin metrics series: the figure now, and its change over 24 h and 7 d. */
final class Trends {
    static final Duration DAY = Duration.ofDays(1);
    static final Duration WEEK = Duration.ofDays(7);

    private Trends() {}

    static BriefSection section(String key, String title, BriefUpstream.Read read, String field, String what) {
        SeriesTrend value = SeriesTrend.of(read.rows(), field, read.paging());
        SeriesTrend positions = SeriesTrend.of(read.rows(), "positionCount", read.paging());
        String source = read.endpoint().tool();
        if (value.isEmpty())
            return BriefSection.of(
                    key,
                    title,
                    source,
                    "no points",
                    List.of("No points in the last 7 days (a coin or cohort without history returns an empty list)."),
                    Map.of("points", 0),
                    null,
                    List.of());
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("field", field);
        fields.put("points", value.size());
        fields.put("now", value.newest().value());
        fields.put("nowAt", value.newest().at().toString());
        fields.put("change24h", value.json(DAY));
        fields.put("change7d", value.json(WEEK));
        fields.put("complete", read.paging().complete());
        List<String> head = List.of(
                what + " at " + Format.isoMinutes(value.newest().at().toEpochMilli()) + ": "
                        + money(value.newest().value()) + ".",
                value.change(DAY, "24 h", true) + "; " + value.change(WEEK, "7 d", true) + ".",
                positions.isEmpty()
                        ? "Positions: not in the rows."
                        : "Positions: " + count((long) positions.newest().value()) + "; "
                                + positions.change(DAY, "24 h", false) + "; " + positions.change(WEEK, "7 d", false)
                                + ".");
        return BriefSection.of(key, title, source, value.covers(), head, fields, null, List.of());
    }
}
