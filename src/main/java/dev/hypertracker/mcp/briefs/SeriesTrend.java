package dev.hypertracker.mcp.briefs;

import dev.hypertracker.mcp.api.Paging;
import dev.hypertracker.mcp.digest.Format;
import dev.hypertracker.mcp.digest.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The change of one series figure over the last 24 h and 7 d: the newest point against the newest point at or before
 * 24 h (7 d) earlier. A lookback the rows read do not reach is said to be not covered, never guessed.
 */
final class SeriesTrend {

    /** A point must lie within this much of the lookback's start to stand for it (series are ~15-30 min apart). */
    static final Duration TOLERANCE = Duration.ofHours(1);

    record Point(Instant at, double value) {}

    private final List<Point> points;
    private final Paging paging;

    private SeriesTrend(List<Point> points, Paging paging) {
        this.points = points;
        this.paging = paging;
    }

    /** The rows' {@code field} by {@code createdAt}, oldest first; rows without either are skipped (and counted). */
    static SeriesTrend of(List<JsonNode> rows, String field, Paging paging) {
        List<Point> points = new ArrayList<>();
        for (JsonNode row : rows) {
            JsonNode at = row.get("createdAt");
            double v = Json.num(row, field);
            if (at == null || !at.isString() || Double.isNaN(v)) continue;
            try {
                points.add(new Point(Instant.parse(at.stringValue()), v));
            } catch (java.time.format.DateTimeParseException e) {
                // not a time: the point is skipped, and the count shown says how many were used
            }
        }
        points.sort(Comparator.comparing(Point::at));
        return new SeriesTrend(points, paging);
    }

    boolean isEmpty() {
        return points.isEmpty();
    }

    Point newest() {
        return points.get(points.size() - 1);
    }

    Instant oldest() {
        return points.get(0).at();
    }

    int size() {
        return points.size();
    }

    /** The newest point at or before {@code lookback} before the newest, or null when the rows do not reach it. */
    Point before(Duration lookback) {
        Instant target = newest().at().minus(lookback);
        Point found = null;
        for (Point p : points) if (!p.at().isAfter(target)) found = p;
        if (found == null && !points.isEmpty() && !points.get(0).at().isAfter(target.plus(TOLERANCE)))
            found = points.get(0);
        return found;
    }

    /** "+$1.20M (+2.1%) from $57.1M at 2026-11-29T12:00Z", or why it is not covered. */
    String change(Duration lookback, String label, boolean money) {
        Point then = before(lookback);
        if (then == null)
            return label + ": not covered (the oldest point read is " + Format.isoMinutes(oldest().toEpochMilli())
                    + (paging.complete() ? "" : "; more pages were not read") + ")";
        double delta = newest().value() - then.value();
        return label + ": " + (money ? Format.signedMoney(delta) : signedCount(delta)) + " ("
                + Format.signedPercent(Format.pct(delta, then.value())) + ") from "
                + (money ? Format.money(then.value()) : Format.count((long) then.value())) + " at "
                + Format.isoMinutes(then.at().toEpochMilli());
    }

    Map<String, Object> json(Duration lookback) {
        Point then = before(lookback);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("covered", then != null);
        if (then != null) {
            m.put("from", then.value());
            m.put("fromAt", then.at().toString());
            m.put("change", newest().value() - then.value());
            m.put("changePct", Format.pct(newest().value() - then.value(), then.value()));
        }
        return m;
    }

    /** What the points read cover, for the section header. */
    String covers() {
        if (points.isEmpty()) return "no points";
        return size() + " points " + Format.isoMinutes(oldest().toEpochMilli()) + " to "
                + Format.isoMinutes(newest().at().toEpochMilli()) + ", " + paging.pagesFetched() + " page"
                + (paging.pagesFetched() == 1 ? "" : "s") + (paging.complete() ? ", complete" : ", more not read");
    }

    private static String signedCount(double v) {
        return (v > 0 ? "+" : v < 0 ? "-" : "") + Format.count(Math.abs((long) v));
    }
}
