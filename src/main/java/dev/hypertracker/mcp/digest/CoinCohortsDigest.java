package dev.hypertracker.mcp.digest;

import dev.hypertracker.mcp.catalog.Cohort;
import dev.hypertracker.mcp.digest.Report.Cut;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * get_coin_cohort_snapshot and export_coin_segment_metrics: every cohort on one coin. Per cohort, its metrics[0] (the
 * current snapshot) as the API gives it, and the change against its oldest point (metrics[last], about 12 h per point
 * earlier). Size and PnL cohorts are listed apart, each axis with its own totals: every position is in one cohort of
 * each axis, so adding the two axes would count it twice.
 */
final class CoinCohortsDigest implements KindDigest {

    /** The API's row fields, shown as given. */
    static final List<String> METRICS =
            List.of("positionCount", "positionCountLong", "totalPositionValue", "totalPositionValueLong", "bias");

    static final String LONG_SHARE_FORMULA = "longPctByValue = totalPositionValueLong / totalPositionValue x 100";
    static final String CHANGE_FORMULA = "changes = metrics[0] - metrics[last] (the cohort's oldest point)";

    private final List<CohortRow> size = new ArrayList<>();
    private final List<CohortRow> pnl = new ArrayList<>();
    private final List<CohortRow> other = new ArrayList<>();
    private final ExactSum[] sizeTotals = {new ExactSum(), new ExactSum(), new ExactSum()};
    private final ExactSum[] pnlTotals = {new ExactSum(), new ExactSum(), new ExactSum()};
    private String coin;
    private int maxPoints;

    CoinCohortsDigest(DigestOptions options) {}

    /** One cohort: its current metrics and its change since its oldest point. */
    record CohortRow(Integer id, String name, Map<String, Object> now, Map<String, Object> change, int points)
            implements Section.Item {
        @Override
        public Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("segmentId", id);
            m.put("cohort", name);
            m.putAll(now);
            if (!change.isEmpty()) m.put("change", change);
            return m;
        }

        @Override
        public String line() {
            StringBuilder sb = new StringBuilder(name).append(": ");
            sb.append(Format.count(asLong(now.get("positionCount"))))
                    .append(" positions (")
                    .append(Format.count(asLong(now.get("positionCountLong"))))
                    .append(" long), value ")
                    .append(text(now.get("totalPositionValue")))
                    .append(", long value ")
                    .append(text(now.get("totalPositionValueLong")));
            if (now.get("longPctByValue") != null)
                sb.append(" (")
                        .append(Format.percent((Double) now.get("longPctByValue")))
                        .append(")");
            if (now.get("bias") != null) sb.append(", bias ").append(now.get("bias"));
            if (!change.isEmpty()) {
                sb.append("; vs oldest: positions ")
                        .append(signed(change.get("positionCount")))
                        .append(", value ")
                        .append(signed(change.get("totalPositionValue")));
                if (change.get("bias") != null) sb.append(", bias ").append(signed(change.get("bias")));
            }
            return sb.toString();
        }

        private static long asLong(Object v) {
            return v instanceof Number n ? n.longValue() : 0;
        }

        private static String text(Object v) {
            return v instanceof Number n ? n.toString() : "n/a";
        }

        private static String signed(Object v) {
            if (!(v instanceof Number n)) return "n/a";
            return (n.doubleValue() > 0 ? "+" : "") + n;
        }
    }

    @Override
    public void accept(JsonNode row) {
        JsonNode segment = row.get("segment");
        if (segment == null) segment = row.get("segmentId");
        Integer id = null;
        String apiName = null;
        if (segment != null) {
            JsonNode idNode = segment.isObject() ? segment.get("id") : segment;
            double v = idNode == null ? Double.NaN : Json.number("segment.id", idNode);
            if (!Double.isNaN(v)) id = (int) v;
            if (segment.isObject()) apiName = Json.str(segment, "name");
        }
        Cohort cohort = id == null ? null : CohortLookup.byId(id);
        String name = apiName != null
                ? apiName + (id == null ? "" : " (#" + id + ")")
                : id == null ? "cohort ?" : Cohort.labelOf(id);
        JsonNode metrics = row.path("metrics");
        int points = metrics.isArray() ? metrics.size() : 0;
        maxPoints = Math.max(maxPoints, points);
        Map<String, Object> now = points == 0 ? Map.of() : values(metrics.get(0));
        Map<String, Object> change = new LinkedHashMap<>();
        if (points > 1) {
            Map<String, Object> oldest = values(metrics.get(points - 1));
            for (String f : METRICS) {
                if (now.get(f) instanceof Double a && oldest.get(f) instanceof Double b)
                    change.put(
                            f,
                            Format.unrounded(java.math.BigDecimal.valueOf(a)
                                    .subtract(java.math.BigDecimal.valueOf(b))
                                    .doubleValue()));
            }
        }
        CohortRow item = new CohortRow(id, name, now, change, points);
        ExactSum[] totals = null;
        if (cohort != null && cohort.axis() == Cohort.Axis.SIZE) {
            size.add(item);
            totals = sizeTotals;
        } else if (cohort != null) {
            pnl.add(item);
            totals = pnlTotals;
        } else {
            other.add(item);
        }
        if (totals != null) {
            totals[0].add(number(now.get("positionCount")));
            totals[1].add(number(now.get("positionCountLong")));
            totals[2].add(number(now.get("totalPositionValue")));
        }
    }

    private static double number(Object v) {
        return v instanceof Double d ? d : Double.NaN;
    }

    /** The API's fields of one point as given, plus this server's long share by value. */
    private static Map<String, Object> values(JsonNode point) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (point == null || !point.isObject()) return m;
        String time = Json.firstPresent(point, "createdAt", "timestamp");
        if (time != null) m.put(time, Json.str(point, time));
        for (String f : METRICS) {
            Double v = Format.unrounded(Json.num(point, f));
            if (v != null) m.put(f, v);
        }
        if (m.get("totalPositionValue") instanceof Double total
                && m.get("totalPositionValueLong") instanceof Double lng)
            m.put("longPctByValue", Format.pct(lng, total));
        return m;
    }

    @Override
    public void acceptEnvelope(ObjectNode envelope) {
        if (coin == null) coin = Json.str(envelope, "coin");
    }

    @Override
    public Report finish() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("coin", coin);
        fields.put("cohorts", size.size() + pnl.size() + other.size());
        fields.put("pointsPerCohort", maxPoints);
        fields.put("axisTotals", Json.obj("size", totals(sizeTotals), "pnl", totals(pnlTotals)));
        fields.put(
                "formulas",
                List.of(LONG_SHARE_FORMULA, CHANGE_FORMULA, "axisTotals = sum of metrics[0] over that axis's cohorts"));
        String text = (coin == null ? "This coin" : coin) + ": " + (size.size() + pnl.size() + other.size())
                + " cohorts, metrics[0] = the current snapshot"
                + (maxPoints > 1
                        ? "; changes are against each cohort's oldest of " + maxPoints + " points (12 h apart per the "
                                + "vendor, so ~" + (maxPoints - 1) * 12 + " h earlier)"
                        : "")
                + ". Size and PnL axes each cover every position: never add them. bias as the API gives it; "
                + LONG_SHARE_FORMULA + ".\nSize axis total: " + totalsText(sizeTotals) + ". PnL axis total: "
                + totalsText(pnlTotals) + ".";
        List<Section> sections = new ArrayList<>();
        sections.add(new Section.Fields(fields, text));
        sections.add(Section.Listing.of("sizeAxis", "Size cohorts (perp equity)", size, "size cohorts"));
        sections.add(Section.Listing.of("pnlAxis", "PnL cohorts (all-time PnL)", pnl, "PnL cohorts"));
        if (!other.isEmpty())
            sections.add(Section.Listing.of("otherCohorts", "Cohorts the legend does not know", other, "cohorts"));
        return new Report(
                sections,
                List.of(
                        Cut.drop("otherCohorts"),
                        Cut.shorten("pnlAxis", 4),
                        Cut.shorten("sizeAxis", 4),
                        Cut.drop("pnlAxis"),
                        Cut.drop("sizeAxis")),
                "raise maxTokens");
    }

    private static Map<String, Object> totals(ExactSum[] t) {
        return Json.obj(
                "positionCount", Format.unrounded(t[0].value()),
                "positionCountLong", Format.unrounded(t[1].value()),
                "totalPositionValue", Format.unrounded(t[2].value()));
    }

    private static String totalsText(ExactSum[] t) {
        return Format.count((long) t[0].value()) + " positions (" + Format.count((long) t[1].value()) + " long), value "
                + Format.money(t[2].value());
    }
}
