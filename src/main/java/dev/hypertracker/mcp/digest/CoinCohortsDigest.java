package dev.hypertracker.mcp.digest;

import dev.hypertracker.mcp.catalog.Cohort;
import dev.hypertracker.mcp.digest.Report.Cut;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * get_coin_cohort_snapshot and export_coin_segment_metrics: every cohort on one coin. Per cohort, its metrics[0] (the
 * current snapshot) as the API gives it, and the change against its oldest point (metrics[last], 12 h per point
 * earlier per the vendor). Size and PnL cohorts are listed apart, each axis with its own totals: every position is in
 * one cohort of each axis, so adding the two axes would count it twice.
 */
final class CoinCohortsDigest implements KindDigest {

    /** The API's row fields, shown as given. */
    static final List<String> METRICS =
            List.of("positionCount", "positionCountLong", "totalPositionValue", "totalPositionValueLong", "bias");
    /** The figures whose change is shown: count, value and bias. */
    static final List<String> CHANGED = List.of("positionCount", "totalPositionValue", "bias");
    /** The columns of each cohort's row in structuredContent (a table keeps 16 cohorts within the default budget). */
    static final List<String> COLUMNS = List.of(
            "cohort",
            "positionCount",
            "positionCountLong",
            "totalPositionValue",
            "totalPositionValueLong",
            "bias",
            "longPctByValue",
            "positionCountChange",
            "totalPositionValueChange",
            "biasChange");

    static final String LONG_SHARE_FORMULA = "longPctByValue = totalPositionValueLong / totalPositionValue x 100";
    static final String CHANGE_FORMULA = "change = metrics[0] - metrics[last] (the cohort's oldest point)";
    static final String TOTALS_FORMULA = "axisTotals = sum of metrics[0] over that axis's cohorts";

    private final List<CohortRow> size = new ArrayList<>();
    private final List<CohortRow> pnl = new ArrayList<>();
    private final List<CohortRow> other = new ArrayList<>();
    private final ExactSum[] sizeTotals = {new ExactSum(), new ExactSum(), new ExactSum()};
    private final ExactSum[] pnlTotals = {new ExactSum(), new ExactSum(), new ExactSum()};
    private String coin;
    private int maxPoints;
    /** Largest open value first, so that a budget cut leaves out the smallest cohorts. */
    private static final java.util.Comparator<CohortRow> BY_VALUE = java.util.Comparator.comparingDouble(
                    (CohortRow r) -> r.now().get("totalPositionValue") instanceof Number n ? n.doubleValue() : 0)
            .reversed();

    /** One cohort: its current metrics and its change since its oldest point. */
    record CohortRow(String name, Map<String, Object> now, Map<String, Object> change) implements Section.Item {
        /** The row in {@link #COLUMNS} order; null where the API gave nothing. */
        @Override
        public List<Object> json() {
            List<Object> row = new ArrayList<>(COLUMNS.size());
            row.add(name);
            for (String f : METRICS) row.add(now.get(f));
            row.add(now.get("longPctByValue"));
            for (String f : CHANGED) row.add(change.get(f));
            return row;
        }

        /** "Fish (#1) 170 pos, $2.63M, 89.1% long, bias 0.8908; chg +$534K": the rest of the row is in structuredContent. */
        @Override
        public String line() {
            StringBuilder sb = new StringBuilder(name).append(' ');
            sb.append(now.get("positionCount"))
                    .append(" pos, ")
                    .append(now.get("totalPositionValue") instanceof Number v ? Format.money(v.doubleValue()) : "n/a");
            if (now.get("longPctByValue") instanceof Number pct)
                sb.append(", ").append(Format.percent(pct.doubleValue())).append(" long");
            if (now.get("bias") != null) sb.append(", bias ").append(now.get("bias"));
            if (change.get("totalPositionValue") instanceof Number v)
                sb.append("; chg ").append(Format.signedMoney(v.doubleValue()));
            return sb.toString();
        }
    }

    @Override
    public void accept(JsonNode row) {
        JsonNode segment = row.has("segment") ? row.get("segment") : row.get("segmentId");
        Integer id = CohortSummaryDigest.segmentId(segment);
        String apiName = segment != null && segment.isObject() ? Json.str(segment, "name") : null;
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
            for (String f : CHANGED) {
                if (now.get(f) instanceof Number a && oldest.get(f) instanceof Number b)
                    change.put(
                            f,
                            CohortSummaryDigest.asGiven(new BigDecimal(a.toString())
                                    .subtract(new BigDecimal(b.toString()))
                                    .doubleValue()));
            }
        }
        CohortRow item = new CohortRow(name, now, change);
        Cohort cohort = id == null ? null : CohortLookup.byId(id);
        if (cohort == null) {
            other.add(item);
            return;
        }
        boolean sizeAxis = cohort.axis() == Cohort.Axis.SIZE;
        (sizeAxis ? size : pnl).add(item);
        ExactSum[] totals = sizeAxis ? sizeTotals : pnlTotals;
        totals[0].add(number(now.get("positionCount")));
        totals[1].add(number(now.get("positionCountLong")));
        totals[2].add(number(now.get("totalPositionValue")));
    }

    private static double number(Object v) {
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** The API's fields of one point as given, plus this server's long share by value. */
    private static Map<String, Object> values(JsonNode point) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (point == null || !point.isObject()) return m;
        for (String f : METRICS) {
            Number v = CohortSummaryDigest.asGiven(Json.num(point, f));
            if (v != null) m.put(f, v);
        }
        if (m.get("totalPositionValue") instanceof Number total
                && m.get("totalPositionValueLong") instanceof Number lng)
            m.put("longPctByValue", Format.pct(lng.doubleValue(), total.doubleValue()));
        return m;
    }

    @Override
    public void acceptEnvelope(ObjectNode envelope) {
        if (coin == null) coin = Json.str(envelope, "coin");
    }

    @Override
    public Report finish() {
        int cohorts = size.size() + pnl.size() + other.size();
        Map<String, Object> fields = new LinkedHashMap<>();
        if (coin != null) fields.put("coin", coin);
        fields.put("cohorts", cohorts);
        fields.put("pointsPerCohort", maxPoints);
        fields.put("columns", COLUMNS);
        fields.put("axisTotals", Json.obj("size", totals(sizeTotals), "pnl", totals(pnlTotals)));
        fields.put("formulas", List.of(LONG_SHARE_FORMULA, CHANGE_FORMULA, TOTALS_FORMULA));
        String text = (coin == null ? "This coin" : coin) + ", " + cohorts + " cohorts now (metrics[0]), largest "
                + "value first"
                + (maxPoints > 1
                        ? "; chg = now - oldest of " + maxPoints + " points (~" + (maxPoints - 1) * 12 + " h earlier)"
                        : "")
                + ". bias as the API gives it; % long by value. Never add the two axes.\nSize axis: "
                + totalsText(sizeTotals) + ". PnL axis: " + totalsText(pnlTotals) + ".";
        size.sort(BY_VALUE);
        pnl.sort(BY_VALUE);
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
                        Cut.shorten("pnlAxis", 6),
                        Cut.shorten("sizeAxis", 6),
                        Cut.shorten("pnlAxis", 4),
                        Cut.shorten("sizeAxis", 4),
                        Cut.drop("pnlAxis"),
                        Cut.drop("sizeAxis")),
                "raise maxTokens");
    }

    private static Map<String, Object> totals(ExactSum[] t) {
        return Json.obj(
                "positionCount",
                CohortSummaryDigest.asGiven(t[0].value()),
                "positionCountLong",
                CohortSummaryDigest.asGiven(t[1].value()),
                "totalPositionValue",
                CohortSummaryDigest.asGiven(t[2].value()));
    }

    private static String totalsText(ExactSum[] t) {
        return Format.count((long) t[0].value()) + " positions (" + Format.count((long) t[1].value()) + " long), "
                + Format.money(t[2].value());
    }
}
