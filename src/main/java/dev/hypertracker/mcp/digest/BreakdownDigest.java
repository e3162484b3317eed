package dev.hypertracker.mcp.digest;

import static dev.hypertracker.mcp.digest.Format.money;
import static dev.hypertracker.mcp.digest.Format.round2;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.hypertracker.mcp.catalog.Cohort;
import dev.hypertracker.mcp.catalog.SizeBucket;
import dev.hypertracker.mcp.digest.Report.Cut;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The breakdown exports (positions by size, by size cohort, by cohort): the buckets holding most value, bias, value
 * close to liquidation, change against the past values, and the most impacted bucket.
 *
 * <p>A row is keyed by sizeBucketId (position size bucket), sizeSegmentId or segmentId (cohort), whichever is present.
 * Rows of the two cohort axes describe the same positions twice, so totals sum one axis only ({@code totalsAxis}:
 * size cohorts, else size buckets, else PnL cohorts) and each bucket's share is of its own axis.
 */
final class BreakdownDigest implements KindDigest {

    static final String[] KEY_FIELDS = {"sizeBucketId", "sizeSegmentId", "segmentId"};
    static final List<String> TOTALS_AXIS_PREFERENCE = List.of("size", "bucket", "pnl", "other");

    private final int top;
    private final Object coin;
    private final TopN<Bucket> ranked;
    private final Map<String, Totals> byAxis = new LinkedHashMap<>();
    private Bucket mostImpacted;
    private String createdAt;
    private long rowIndex;

    BreakdownDigest(DigestOptions options) {
        this.top = options.top();
        this.coin = options.echo().get("coin");
        this.ranked = new TopN<>(top);
    }

    /** Sums over the buckets of one axis; past values are NaN until a row has them. */
    static final class Totals {
        long buckets;
        double positionCount, value, longValue, closeToLiquidation;
        double pastPositionCount = Double.NaN, pastValue = Double.NaN;

        void add(Bucket b) {
            buckets++;
            positionCount += b.positionCount;
            value += b.value;
            longValue += b.longValue;
            closeToLiquidation += b.closeToLiquidation;
            if (!Double.isNaN(b.pastPositionCount)) pastPositionCount = nanAsZero(pastPositionCount) + b.pastPositionCount;
            if (!Double.isNaN(b.pastValue)) pastValue = nanAsZero(pastValue) + b.pastValue;
        }

        private static double nanAsZero(double v) {
            return Double.isNaN(v) ? 0 : v;
        }

        Map<String, Object> json() {
            return Json.obj("buckets", buckets, "positionCount", round2(positionCount), "totalValue", round2(value),
                    "longValue", round2(longValue), "longPct", Format.pct(longValue, value),
                    "valueCloseToLiquidation", round2(closeToLiquidation),
                    "pastPositionCount", round2(pastPositionCount), "pastTotalValue", round2(pastValue),
                    "positionCountChange", round2(positionCount - pastPositionCount),
                    "valueChange", round2(value - pastValue), "valueChangePct", changePct(value, pastValue));
        }
    }

    static Double changePct(double now, double past) {
        return Double.isNaN(past) || past == 0 ? null : round2((now - past) / Math.abs(past) * 100);
    }

    record Bucket(String label, String axis, double positionCount, double pastPositionCount, double value,
                  double pastValue, double longValue, double closeToLiquidation, double bias) {}

    /** A bucket as listed: with its share of its axis's value. */
    record BucketLine(Bucket b, Double sharePct) implements Section.Item {
        @Override
        public Map<String, Object> json() {
            return Json.obj("bucket", b.label, "axis", b.axis, "positionCount", round2(b.positionCount),
                    "totalValue", round2(b.value), "valueSharePct", sharePct, "longPct", Format.pct(b.longValue, b.value),
                    "bias", round2(b.bias), "valueCloseToLiquidation", round2(b.closeToLiquidation),
                    "positionCountChange", round2(b.positionCount - b.pastPositionCount),
                    "valueChangePct", changePct(b.value, b.pastValue));
        }

        @Override
        public String line() {
            Double change = changePct(b.value, b.pastValue);
            return b.label + ": " + money(b.value) + " (" + Format.percent(sharePct) + "), "
                    + Format.number(b.positionCount) + " positions, " + Format.percent(Format.pct(b.longValue, b.value))
                    + " long, " + money(b.closeToLiquidation) + " close to liq"
                    + (change == null ? "" : ", value " + Format.signedPercent(change) + " vs past");
        }
    }

    @Override
    public void accept(JsonNode row) {
        rowIndex++;
        String keyField = Json.firstPresent(row, KEY_FIELDS);
        int id = keyField == null ? 0 : (int) Json.numOrZero(row, keyField);
        String label;
        String axis;
        if (keyField == null) {
            label = "bucket " + rowIndex;
            axis = "other";
        } else if (keyField.equals("sizeBucketId")) {
            label = SizeBucket.byId(id).map(SizeBucket::label).orElse("size bucket #" + id);
            axis = "bucket";
        } else {
            Cohort c = CohortLookup.byId(id);
            label = Cohort.labelOf(id);
            axis = c == null ? "other" : c.axis().name().toLowerCase(Locale.ROOT);
        }
        Bucket b = new Bucket(label, axis, Json.numOrZero(row, "positionCount"), Json.num(row, "pastPositionCount"),
                Json.numOrZero(row, "totalPositionValue"), Json.num(row, "pastTotalPositionValue"),
                Json.numOrZero(row, "totalPositionValueLong"), Json.numOrZero(row, "valueCloseToLiquidation"),
                Json.num(row, "bias"));
        byAxis.computeIfAbsent(axis, a -> new Totals()).add(b);
        ranked.add(b.value, b);
        if (mostImpacted == null || b.closeToLiquidation > mostImpacted.closeToLiquidation) mostImpacted = b;
    }

    @Override
    public void acceptEnvelope(ObjectNode envelope) {
        if (envelope.path("createdAt").isString()) createdAt = envelope.path("createdAt").stringValue();
    }

    @Override
    public Report finish() {
        String totalsAxis = TOTALS_AXIS_PREFERENCE.stream().filter(byAxis::containsKey).findFirst().orElse(null);
        Totals totals = totalsAxis == null ? new Totals() : byAxis.get(totalsAxis);
        Map<String, Object> fields = Json.obj("coin", coin, "createdAt", createdAt, "totalsAxis", totalsAxis,
                "totals", totals.json(),
                "mostImpacted", mostImpacted == null || mostImpacted.closeToLiquidation <= 0 ? null
                        : Json.obj("bucket", mostImpacted.label, "valueCloseToLiquidation", round2(mostImpacted.closeToLiquidation),
                                "shareOfItsValuePct", Format.pct(mostImpacted.closeToLiquidation, mostImpacted.value)));
        Double change = changePct(totals.value, totals.pastValue);
        StringBuilder text = new StringBuilder();
        if (coin != null) text.append(coin).append(": ");
        text.append(money(totals.value)).append(" open in ").append(Format.number(totals.positionCount))
                .append(" positions (").append(Format.percent(Format.pct(totals.longValue, totals.value))).append(" long), ")
                .append(money(totals.closeToLiquidation)).append(" close to liquidation");
        if (change != null) text.append("; value ").append(Format.signedPercent(change)).append(" vs past");
        text.append('.');
        if (mostImpacted != null && mostImpacted.closeToLiquidation > 0) {
            text.append(" Most impacted: ").append(mostImpacted.label).append(" with ")
                    .append(money(mostImpacted.closeToLiquidation)).append(" close to liquidation.");
        }
        if (createdAt != null) text.append(" As of ").append(createdAt).append('.');

        List<BucketLine> lines = new ArrayList<>();
        for (Bucket b : ranked.ranked()) lines.add(new BucketLine(b, Format.pct(b.value, byAxis.get(b.axis).value)));
        List<Section> sections = List.of(new Section.Fields(fields, text.toString()),
                Section.Listing.of("buckets", "Buckets by value", lines, "buckets"));
        return new Report(sections, List.of(Cut.shorten("buckets", 3), Cut.drop("buckets")),
                "lower top");
    }
}
