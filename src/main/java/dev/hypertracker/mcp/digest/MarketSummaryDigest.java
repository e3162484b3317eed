package dev.hypertracker.mcp.digest;

import dev.hypertracker.mcp.catalog.Cohort;
import dev.hypertracker.mcp.digest.Report.Cut;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * get_market_summary: the market-wide summary file. The API's top-level counts, perpPositionsMetrics and perpVolume as
 * given; the per-cohort trader counts by axis, keyed by cohort, as rows of cohortColumns (every trader is in one size and one PnL cohort, so the
 * axes are never added); and one figure of this server's, with its formula: countTraders - countTraders24HoursAgo.
 */
final class MarketSummaryDigest implements KindDigest {

    static final String CHANGE_FORMULA = "tradersChange24h = countTraders - countTraders24HoursAgo";

    private static final List<String> TRADER_COUNTS =
            List.of("countTraders", "countTraders24HoursAgo", "countTraders7DaysAgo", "countTraders30DaysAgo");

    private JsonNode body;

    @Override
    public void accept(JsonNode row) {
        body = row;
    }

    /** One cohort's counts as given, under its label. */
    record SegmentCounts(String cohort, Map<String, Object> values) implements Section.Item {
        /** The counts in {@link #TRADER_COUNTS} order (null where the API gave none): a row of the cohort table. */
        @Override
        public List<Object> json() {
            List<Object> row = new ArrayList<>();
            for (String c : TRADER_COUNTS) row.add(values.get(c));
            return row;
        }

        /** "Fish (#1): 1804 traders (24h ago 1803, 7d 1800, 30d 1755)". */
        @Override
        public String line() {
            return cohort + ": " + values.get(TRADER_COUNTS.get(0)) + " traders (24h ago "
                    + values.get(TRADER_COUNTS.get(1)) + ", 7d " + values.get(TRADER_COUNTS.get(2)) + ", 30d "
                    + values.get(TRADER_COUNTS.get(3)) + ")";
        }
    }

    @Override
    public Report finish() {
        List<SegmentCounts> size = new ArrayList<>();
        List<SegmentCounts> pnl = new ArrayList<>();
        Map<String, Object> market = new LinkedHashMap<>();
        if (body != null) {
            body.forEachEntry((name, value) -> {
                if (!value.isArray()) {
                    market.putAll(CohortSummaryDigest.values(
                            Json.MAPPER.createObjectNode().set(name, value)));
                    return;
                }
                for (JsonNode item : value.values()) {
                    if (!item.isObject()) continue;
                    Integer id = CohortSummaryDigest.segmentId(
                            item.has("segmentId") ? item.get("segmentId") : item.get("segment"));
                    Map<String, Object> counts = CohortSummaryDigest.values(item);
                    counts.remove("segmentId");
                    counts.remove("segment");
                    Cohort c = id == null ? null : CohortLookup.byId(id);
                    String label = id == null ? "cohort ?" : Cohort.labelOf(id);
                    (c != null && c.axis() == Cohort.Axis.SIZE ? size : pnl).add(new SegmentCounts(label, counts));
                }
            });
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("market", market);
        fields.put("cohortColumns", TRADER_COUNTS);
        StringBuilder text = new StringBuilder("The API's figures: ").append(CohortSummaryDigest.line(market));
        if (market.get("countTraders") instanceof Number now
                && market.get("countTraders24HoursAgo") instanceof Number ago) {
            Number change = CohortSummaryDigest.asGiven(new BigDecimal(now.toString())
                    .subtract(new BigDecimal(ago.toString()))
                    .doubleValue());
            fields.put("tradersChange24h", change);
            fields.put("formulas", List.of(CHANGE_FORMULA));
            text.append(".\nTraders vs 24 h ago: ")
                    .append(change)
                    .append(" (")
                    .append(CHANGE_FORMULA)
                    .append(')');
        }
        text.append(".\nTraders per cohort (one size and one PnL cohort each: never add the two axes).");
        List<Section> sections = new ArrayList<>();
        sections.add(new Section.Fields(fields, text.toString()));
        sections.add(keyed("sizeCohorts", "Size cohorts", size, "size cohorts"));
        sections.add(keyed("pnlCohorts", "PnL cohorts", pnl, "PnL cohorts"));
        return new Report(
                sections,
                List.of(
                        Cut.shorten("pnlCohorts", 4),
                        Cut.shorten("sizeCohorts", 4),
                        Cut.drop("pnlCohorts"),
                        Cut.drop("sizeCohorts")),
                "raise maxTokens");
    }

    private static Section.Listing keyed(String key, String heading, List<SegmentCounts> items, String what) {
        List<String> keys = items.stream().map(SegmentCounts::cohort).toList();
        return new Section.Listing(key, heading, Section.Layout.BULLETS, items, keys, what, items.size());
    }
}
