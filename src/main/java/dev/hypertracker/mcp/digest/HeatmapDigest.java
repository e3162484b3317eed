package dev.hypertracker.mcp.digest;

import static dev.hypertracker.mcp.digest.Format.money;
import static dev.hypertracker.mcp.digest.Format.round2;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.hypertracker.mcp.catalog.Cohort;
import dev.hypertracker.mcp.digest.Report.Cut;
import tools.jackson.databind.JsonNode;

/**
 * get_positions_heatmap: per coin (the top coins by value) the cohorts leaning hardest long and short, and the coins
 * where smart and rekt cohorts lean opposite ways. Bias is the long share of value, 0-100%.
 *
 * <p>"Smart" = the profitable PnL cohorts with at least $10K all-time PnL (Money Printer, Smart Money, Grinder);
 * Humble Earner ($0-10K) is left out as too close to break-even to mean skill. "Rekt" = every losing PnL cohort.
 */
final class HeatmapDigest implements KindDigest {

    /** A cohort must hold at least this share of a coin's value to count as its strongest long or short. */
    static final double MIN_COHORT_SHARE = 0.01;
    /** Smart and rekt must be on opposite sides of 50% and this far apart (in bias, 0-1) to be a divergence. */
    static final double MIN_DIVERGENCE_GAP = 0.10;
    static final double MIN_SMART_PNL = 10_000;

    private final int top;
    private final Object openedWithin;
    private final TopN<CoinLean> coins;
    private final TopN<Divergence> divergences;
    private long coinCount, divergenceCount, count;
    private double totalValue, longValue, shortValue;

    HeatmapDigest(DigestOptions options) {
        this.top = options.top();
        this.openedWithin = options.echo().getOrDefault("openedWithin", "all");
        this.coins = new TopN<>(top);
        this.divergences = new TopN<>(top);
    }

    static boolean isSmart(Cohort c) {
        return c != null && c.isProfitable() && c.min() >= MIN_SMART_PNL;
    }

    static boolean isRekt(Cohort c) {
        return c != null && c.isRekt();
    }

    /** Long share of a segment or coin: the upstream bias when given, else long / (long + short). */
    static double bias(JsonNode n) {
        double bias = Json.num(n, "bias");
        if (!Double.isNaN(bias)) return bias;
        double l = Json.numOrZero(n, "totalLongValue");
        double s = Json.numOrZero(n, "totalShortValue");
        return l + s == 0 ? Double.NaN : l / (l + s);
    }

    record Lean(int cohort, double bias, double value) {
        Map<String, Object> json() {
            return Json.obj("cohort", Cohort.labelOf(cohort), "longPct", round2(bias * 100), "value", round2(value));
        }

        String text() {
            return Cohort.labelOf(cohort) + " " + Format.percent(round2(bias * 100)) + " long of " + money(value);
        }
    }

    record CoinLean(String coin, double totalValue, double longPct, long count, Lean mostLong, Lean mostShort)
            implements Section.Item {
        @Override
        public Map<String, Object> json() {
            return Json.obj("coin", coin, "totalValue", round2(totalValue), "longPct", round2(longPct), "count", count,
                    "mostLong", mostLong == null ? null : mostLong.json(),
                    "mostShort", mostShort == null ? null : mostShort.json());
        }

        @Override
        public String line() {
            return coin + " " + money(totalValue) + ", " + Format.percent(round2(longPct)) + " long"
                    + (mostLong == null ? "" : "; most long: " + mostLong.text())
                    + (mostShort == null ? "" : "; most short: " + mostShort.text());
        }
    }

    record Divergence(String coin, double coinValue, double smartBias, double smartValue, double rektBias,
                      double rektValue) implements Section.Item {
        @Override
        public Map<String, Object> json() {
            return Json.obj("coin", coin, "coinValue", round2(coinValue), "smartLongPct", round2(smartBias * 100),
                    "smartValue", round2(smartValue), "rektLongPct", round2(rektBias * 100), "rektValue", round2(rektValue));
        }

        @Override
        public String line() {
            return coin + ": smart " + Format.percent(round2(smartBias * 100)) + " long (" + money(smartValue) + ") vs rekt "
                    + Format.percent(round2(rektBias * 100)) + " long (" + money(rektValue) + ")";
        }
    }

    @Override
    public void accept(JsonNode row) {
        String coin = Json.str(row, "coin");
        double value = Json.numOrZero(row, "totalValue");
        double coinLong = Json.numOrZero(row, "totalLongValue");
        long coinPositions = (long) Json.numOrZero(row, "count");
        coinCount++;
        count += coinPositions;
        totalValue += value;
        longValue += coinLong;
        shortValue += Json.numOrZero(row, "totalShortValue");

        Lean mostLong = null, mostShort = null;
        double smartLong = 0, smartValue = 0, rektLong = 0, rektValue = 0;
        for (JsonNode segment : row.path("segments").values()) {
            int id = (int) Json.numOrZero(segment, "segmentId");
            double segmentValue = Json.numOrZero(segment, "totalValue");
            double segmentLong = Json.numOrZero(segment, "totalLongValue");
            Cohort cohort = CohortLookup.byId(id);
            if (isSmart(cohort)) {
                smartLong += segmentLong;
                smartValue += segmentValue;
            } else if (isRekt(cohort)) {
                rektLong += segmentLong;
                rektValue += segmentValue;
            }
            double bias = bias(segment);
            if (Double.isNaN(bias) || segmentValue <= 0 || segmentValue < MIN_COHORT_SHARE * value) continue;
            if (mostLong == null || bias > mostLong.bias()) mostLong = new Lean(id, bias, segmentValue);
            if (mostShort == null || bias < mostShort.bias()) mostShort = new Lean(id, bias, segmentValue);
        }
        if (coins.admits(value)) {
            coins.add(value, new CoinLean(coin, value, value == 0 ? Double.NaN : coinLong / value * 100, coinPositions,
                    mostLong, mostShort));
        }
        if (smartValue > 0 && rektValue > 0) {
            double smartBias = smartLong / smartValue;
            double rektBias = rektLong / rektValue;
            boolean opposite = (smartBias - 0.5) * (rektBias - 0.5) < 0;
            if (opposite && Math.abs(smartBias - rektBias) >= MIN_DIVERGENCE_GAP) {
                divergenceCount++;
                divergences.add(value, new Divergence(coin, value, smartBias, smartValue, rektBias, rektValue));
            }
        }
    }

    @Override
    public Report finish() {
        Map<String, Object> fields = Json.obj("openedWithin", openedWithin,
                "totals", Json.obj("coinCount", coinCount, "count", count, "totalValue", round2(totalValue),
                        "longValue", round2(longValue), "shortValue", round2(shortValue)),
                "divergenceCount", divergenceCount);
        String text = "Opened within: " + openedWithin + ". " + Format.count(coinCount) + " coins, " + Format.count(count)
                + " positions, open value " + money(totalValue) + " (long " + money(longValue) + " / short "
                + money(shortValue) + ").";
        List<Section> sections = new ArrayList<>();
        sections.add(new Section.Fields(fields, text));
        sections.add(Section.Listing.of("coins", "Top coins: cohorts leaning hardest (each holding >=1% of the coin)",
                coins.ranked(), "coins"));
        sections.add(Section.Listing.of("divergences", Format.count(divergenceCount)
                        + " coins where smart (Money Printer, Smart Money, Grinder) and rekt cohorts lean opposite ways, by coin value",
                divergences.ranked(), "divergences"));
        List<Cut> dropOrder = List.of(Cut.shorten("coins", 5), Cut.shorten("divergences", 5), Cut.shorten("coins", 3),
                Cut.shorten("divergences", 3), Cut.drop("coins"), Cut.drop("divergences"));
        return new Report(sections, dropOrder, "lower top or set openedWithin");
    }
}
