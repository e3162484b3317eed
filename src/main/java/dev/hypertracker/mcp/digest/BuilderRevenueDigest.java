package dev.hypertracker.mcp.digest;

import static dev.hypertracker.mcp.digest.Format.money;

import dev.hypertracker.mcp.digest.Report.Cut;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * export_builders_revenue: the API's revenue of all builders per point in time (with countUsers), summed by this
 * server: all-time total = sum of every row's revenue; last 7/30 days = sum over rows whose timestamp is within 7/30
 * days of the newest row's (inclusive of the newest, exclusive of the bound); peak = the row with the most revenue.
 */
final class BuilderRevenueDigest implements KindDigest {

    private static final long DAY = 86_400_000L;
    private static final int RECENT = 7;

    private record Point(long at, double revenue, double countUsers) implements Section.Item {
        @Override
        public Map<String, Object> json() {
            return Json.obj(
                    "timestamp",
                    Format.iso(at),
                    "revenue",
                    Format.unrounded(revenue),
                    "countUsers",
                    Format.unrounded(countUsers));
        }

        @Override
        public String line() {
            return Format.isoMinutes(at) + " " + money(revenue)
                    + (Double.isNaN(countUsers) ? "" : ", " + Format.number(countUsers) + " users");
        }
    }

    /** A daily file is small (one row a day): every point is kept to sum windows ending at the newest one. */
    private final List<Point> points = new ArrayList<>();

    private final ExactSum total = new ExactSum();
    private long undated;

    @Override
    public void accept(JsonNode row) {
        double revenue = Json.num(row, "revenue");
        total.add(revenue);
        long at = Json.epochMillis(row.get("timestamp"));
        if (at == Long.MIN_VALUE) {
            undated++;
            return;
        }
        points.add(new Point(at, revenue, Json.num(row, "countUsers")));
    }

    @Override
    public Report finish() {
        points.sort(Comparator.comparingLong(Point::at));
        Point newest = points.isEmpty() ? null : points.get(points.size() - 1);
        Point peak = points.stream()
                .filter(p -> !Double.isNaN(p.revenue()))
                .max(Comparator.comparingDouble(Point::revenue))
                .orElse(null);
        Double last7 = newest == null ? null : since(newest.at() - 7 * DAY);
        Double last30 = newest == null ? null : since(newest.at() - 30 * DAY);
        List<Point> recent = new ArrayList<>(points.subList(Math.max(0, points.size() - RECENT), points.size()));
        java.util.Collections.reverse(recent);
        Map<String, Object> fields = Json.obj(
                "points", (long) points.size() + undated,
                "from", points.isEmpty() ? null : Format.iso(points.get(0).at()),
                "to", newest == null ? null : Format.iso(newest.at()),
                "totalRevenue", total.value(),
                "last7dRevenue", last7,
                "last30dRevenue", last30,
                "peak", peak == null ? null : peak.json(),
                "latest", newest == null ? null : newest.json(),
                "undatedRows", undated == 0 ? null : undated);
        String text = points.isEmpty()
                ? "No revenue rows."
                : "Builders' revenue (the API's figure) from "
                        + Format.isoMinutes(points.get(0).at()) + " to "
                        + Format.isoMinutes(newest.at()) + " (" + Format.count(points.size()) + " points): all-time "
                        + money(total.value()) + "; last 7 days " + money(last7) + ", last 30 days " + money(last30)
                        + " (sums of rows within 7/30 days of the newest, this server's sums); peak "
                        + peak.line() + "."
                        + (undated == 0 ? "" : " " + undated + " rows had no readable timestamp (in the total only).");
        List<Section> sections = List.of(
                new Section.Fields(fields, text), Section.Listing.inline("recent", "Newest points", recent, "points"));
        return new Report(sections, List.of(Cut.shorten("recent", 2), Cut.drop("recent")), "use detail=rows");
    }

    private double since(long boundExclusive) {
        ExactSum sum = new ExactSum();
        for (Point p : points) if (p.at() > boundExclusive) sum.add(p.revenue());
        return sum.value();
    }
}
