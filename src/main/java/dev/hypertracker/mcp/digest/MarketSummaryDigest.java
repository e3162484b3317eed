package dev.hypertracker.mcp.digest;

import dev.hypertracker.mcp.catalog.Cohort;
import dev.hypertracker.mcp.digest.Report.Cut;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * get_market_summary: the market-wide summary file. The API's top-level counts, perpPositionsMetrics and perpVolume as
 * given; the per-cohort trader counts split by axis (every trader is in one size and one PnL cohort, so the axes are
 * never added); and one figure of this server's, stated with its formula: countTraders - countTraders24HoursAgo.
 */
final class MarketSummaryDigest implements KindDigest {

    static final String CHANGE_FORMULA = "tradersChange24h = countTraders - countTraders24HoursAgo";

    private JsonNode body;

    @Override
    public void accept(JsonNode row) {
        body = row;
    }

    /** One cohort's counts as given. */
    record SegmentCounts(Map<String, Object> values) implements Section.Item {
        @Override
        public Map<String, Object> json() {
            return values;
        }

        @Override
        public String line() {
            Map<String, Object> rest = new LinkedHashMap<>(values);
            Object cohort = rest.remove("cohort");
            rest.remove("segmentId");
            return cohort + ": " + CohortSummaryDigest.line(rest);
        }
    }

    @Override
    public Report finish() {
        Map<String, Object> fields = new LinkedHashMap<>();
        List<SegmentCounts> size = new ArrayList<>();
        List<SegmentCounts> pnl = new ArrayList<>();
        Map<String, Object> scalars = new LinkedHashMap<>();
        if (body != null) {
            body.forEachEntry((name, value) -> {
                if (value.isArray()) {
                    for (JsonNode item : value.values()) {
                        if (!item.isObject()) continue;
                        Map<String, Object> values = new LinkedHashMap<>();
                        Integer id = CohortSummaryDigest.segmentId(
                                item.has("segmentId") ? item.get("segmentId") : item.get("segment"));
                        values.put("segmentId", id);
                        values.put("cohort", id == null ? "cohort ?" : Cohort.labelOf(id));
                        Map<String, Object> given = CohortSummaryDigest.values(item);
                        given.remove("segmentId");
                        given.remove("segment");
                        values.putAll(given);
                        Cohort c = id == null ? null : CohortLookup.byId(id);
                        (c != null && c.axis() == Cohort.Axis.SIZE ? size : pnl).add(new SegmentCounts(values));
                    }
                } else if (!value.isArray()) {
                    Map<String, Object> one = CohortSummaryDigest.values(
                            Json.MAPPER.createObjectNode().set(name, value));
                    scalars.putAll(one);
                }
            });
        }
        fields.put("market", scalars);
        Double traders = scalars.get("countTraders") instanceof Double d ? d : null;
        Double ago = scalars.get("countTraders24HoursAgo") instanceof Double d ? d : null;
        if (traders != null && ago != null) {
            fields.put("tradersChange24h", Format.unrounded(traders - ago));
            fields.put("formulas", List.of(CHANGE_FORMULA));
        }
        String text = "Market summary (the API's figures, as given): " + CohortSummaryDigest.line(scalars)
                + (fields.containsKey("tradersChange24h")
                        ? ".\nTraders vs 24 h ago: "
                                + CohortSummaryDigest.plain((Double) fields.get("tradersChange24h")) + " ("
                                + CHANGE_FORMULA + ")"
                        : "")
                + ".\nTraders per cohort: each trader is in one size and one PnL cohort; never add the two axes.";
        List<Section> sections = new ArrayList<>();
        sections.add(new Section.Fields(fields, text));
        sections.add(Section.Listing.of("sizeCohorts", "Size cohorts", size, "size cohorts"));
        sections.add(Section.Listing.of("pnlCohorts", "PnL cohorts", pnl, "PnL cohorts"));
        return new Report(
                sections,
                List.of(
                        Cut.shorten("pnlCohorts", 4),
                        Cut.shorten("sizeCohorts", 4),
                        Cut.drop("pnlCohorts"),
                        Cut.drop("sizeCohorts")),
                "raise maxTokens");
    }
}
