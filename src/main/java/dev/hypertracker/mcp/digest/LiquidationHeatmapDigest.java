package dev.hypertracker.mcp.digest;

import static dev.hypertracker.mcp.digest.Format.money;

import dev.hypertracker.mcp.catalog.Cohort;
import dev.hypertracker.mcp.digest.Report.Cut;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * export_liquidation_heatmap: total liquidation value, the price bins holding most of it with the cohort most
 * impacted in each, and which cohorts are most impacted overall (liquidation value of the bins they top).
 */
final class LiquidationHeatmapDigest implements KindDigest {

    private final int top;
    private final TopN<Bin> bins;
    /** Insertion order breaks ties. */
    private final Map<Integer, ExactSum> valueByImpactedCohort = new LinkedHashMap<>();

    private final Map<Integer, long[]> binsByImpactedCohort = new LinkedHashMap<>();
    private String coin;
    private long binCount, positions;
    private final ExactSum liquidationValue = new ExactSum();
    private double priceFrom = Double.NaN, priceTo = Double.NaN;

    LiquidationHeatmapDigest(DigestOptions options) {
        this.top = options.top();
        this.bins = new TopN<>(top);
        Object echoed = options.echo().get("coin");
        this.coin = echoed == null ? null : echoed.toString();
    }

    record Bin(double priceStart, double priceEnd, double liquidationValue, long positions, Integer cohort)
            implements Section.Item {
        @Override
        public Map<String, Object> json() {
            return Json.obj(
                    "priceStart",
                    Format.unrounded(priceStart),
                    "priceEnd",
                    Format.unrounded(priceEnd),
                    "liquidationValue",
                    Format.unrounded(liquidationValue),
                    "positionsCount",
                    positions,
                    "mostImpacted",
                    cohort == null ? null : Cohort.labelOf(cohort));
        }

        @Override
        public String line() {
            return Format.price(priceStart) + "-" + Format.price(priceEnd) + ": " + money(liquidationValue) + ", "
                    + Format.count(positions) + " positions"
                    + (cohort == null ? "" : ", most impacted " + Cohort.labelOf(cohort));
        }
    }

    record CohortShare(int cohort, double value, long bins) implements Section.Item {
        @Override
        public Map<String, Object> json() {
            return Json.obj(
                    "cohort", Cohort.labelOf(cohort), "liquidationValue", Format.unrounded(value), "bins", bins);
        }

        @Override
        public String line() {
            return Cohort.labelOf(cohort) + " " + money(value) + " in " + Format.count(bins) + " bins";
        }
    }

    @Override
    public void accept(JsonNode row) {
        binCount++;
        double value = Json.numOrZero(row, "liquidationValue");
        long count = (long) Json.numOrZero(row, "positionsCount");
        liquidationValue.add(value);
        positions += count;
        double start = Json.num(row, "priceBinStart");
        double end = Json.num(row, "priceBinEnd");
        if (!Double.isNaN(start)) priceFrom = Double.isNaN(priceFrom) ? start : Math.min(priceFrom, start);
        if (!Double.isNaN(end)) priceTo = Double.isNaN(priceTo) ? end : Math.max(priceTo, end);
        double impacted = Json.num(row, "mostImpactedSegment");
        Integer cohort = Double.isNaN(impacted) ? null : (int) impacted;
        if (cohort != null) {
            valueByImpactedCohort.computeIfAbsent(cohort, c -> new ExactSum()).add(value);
            binsByImpactedCohort.computeIfAbsent(cohort, c -> new long[1])[0]++;
        }
        if (bins.admits(value)) bins.add(value, new Bin(start, end, value, count, cohort));
    }

    @Override
    public void acceptEnvelope(ObjectNode envelope) {
        if (envelope.path("coin").isString()) coin = envelope.path("coin").stringValue();
    }

    @Override
    public Report finish() {
        Map<String, Object> fields = Json.obj(
                "coin",
                coin,
                "totals",
                Json.obj(
                        "liquidationValue",
                        liquidationValue.value(),
                        "positionsCount",
                        positions,
                        "binCount",
                        binCount,
                        "priceFrom",
                        Format.unrounded(priceFrom),
                        "priceTo",
                        Format.unrounded(priceTo)));
        String text = (coin == null ? "" : coin + ": ") + money(liquidationValue.value()) + " of liquidations across "
                + Format.count(positions) + " positions in " + Format.count(binCount) + " price bins"
                + (Double.isNaN(priceFrom)
                        ? "."
                        : " from " + Format.price(priceFrom) + " to " + Format.price(priceTo) + ".");

        List<CohortShare> cohorts = new ArrayList<>();
        valueByImpactedCohort.forEach((cohort, value) -> cohorts.add(
                new CohortShare(cohort, value.value(), binsByImpactedCohort.get(cohort)[0])));
        cohorts.sort(Comparator.comparingDouble(CohortShare::value).reversed()); // stable: insertion order breaks ties
        List<Section> sections = List.of(
                new Section.Fields(fields, text),
                Section.Listing.of("bins", "Price bins with the most liquidation value", bins.ranked(), "bins"),
                Section.Listing.inline(
                        "mostImpactedCohorts",
                        "Most impacted cohorts (by value of the bins they top)",
                        cohorts.subList(0, Math.min(top, cohorts.size())),
                        "cohorts"));
        List<Cut> dropOrder = List.of(
                Cut.shorten("bins", 5),
                Cut.shorten("mostImpactedCohorts", 3),
                Cut.shorten("bins", 3),
                Cut.drop("mostImpactedCohorts"),
                Cut.drop("bins"));
        return new Report(sections, dropOrder, "lower top");
    }
}
