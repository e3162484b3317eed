package dev.hypertracker.mcp.digest;

import static dev.hypertracker.mcp.digest.Format.money;

import dev.hypertracker.mcp.catalog.Cohort;
import dev.hypertracker.mcp.catalog.SizeBucket;
import dev.hypertracker.mcp.digest.Report.Cut;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The breakdown exports (positions by size, by size cohort, by cohort): the buckets holding most value, bias, value
 * close to liquidation, change against the past values, and the most impacted bucket.
 *
 * <p>A row is keyed by sizeBucketId or sizeSegmentId (both: the position SIZE BUCKET 1-10, shown with its range, never
 * as a cohort), or segmentId (cohort), whichever is present. Rows of the two cohort axes describe the same positions
 * twice, so totals sum one axis only ({@code totalsAxis}: size buckets, else size cohorts, else PnL cohorts) and each
 * bucket's share is of its own axis. "Close to liquidation" is the file's valueCloseToLiquidation: the vendor does not
 * publish how it is measured, and the digest says so.
 */
final class BreakdownDigest implements KindDigest {

    static final String[] KEY_FIELDS = {"sizeBucketId", "sizeSegmentId", "segmentId"};
    static final List<String> TOTALS_AXIS_PREFERENCE = List.of("bucket", "size", "pnl", "other");

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
        private final ExactSum positionCount = new ExactSum(),
                value = new ExactSum(),
                longValue = new ExactSum(),
                closeToLiquidation = new ExactSum(),
                pastPositionCount = new ExactSum(),
                pastValue = new ExactSum();
        private boolean hasPastCount, hasPastValue;

        void add(Bucket b) {
            buckets++;
            positionCount.add(b.positionCount);
            value.add(b.value);
            longValue.add(b.longValue);
            closeToLiquidation.add(b.closeToLiquidation);
            hasPastCount |= !Double.isNaN(b.pastPositionCount);
            hasPastValue |= !Double.isNaN(b.pastValue);
            pastPositionCount.add(b.pastPositionCount);
            pastValue.add(b.pastValue);
        }

        double value() {
            return value.value();
        }

        double positionCount() {
            return positionCount.value();
        }

        double closeToLiquidation() {
            return closeToLiquidation.value();
        }

        double pastValue() {
            return hasPastValue ? pastValue.value() : Double.NaN;
        }

        double pastPositionCount() {
            return hasPastCount ? pastPositionCount.value() : Double.NaN;
        }

        Map<String, Object> json() {
            return Json.obj(
                    "buckets",
                    buckets,
                    "positionCount",
                    positionCount(),
                    "totalValue",
                    value(),
                    "longValue",
                    longValue.value(),
                    "valueCloseToLiquidation",
                    closeToLiquidation(),
                    "pastPositionCount",
                    Format.unrounded(pastPositionCount()),
                    "pastTotalValue",
                    Format.unrounded(pastValue()),
                    "positionCountChange",
                    Format.unrounded(exactDifference(positionCount(), pastPositionCount())),
                    "valueChange",
                    Format.unrounded(exactDifference(value(), pastValue())),
                    "valueChangePct",
                    changePct(value(), pastValue()));
        }
    }

    /** now - past without binary noise; NaN when either is unknown. */
    static double exactDifference(double now, double past) {
        if (!Double.isFinite(now) || !Double.isFinite(past)) return Double.NaN;
        return java.math.BigDecimal.valueOf(now)
                .subtract(java.math.BigDecimal.valueOf(past))
                .doubleValue();
    }

    static Double changePct(double now, double past) {
        return Double.isNaN(past) || past == 0
                ? null
                : Format.unrounded(exactDifference(now, past) / Math.abs(past) * 100);
    }

    record Bucket(
            String label,
            String axis,
            double positionCount,
            double pastPositionCount,
            double value,
            double pastValue,
            double longValue,
            double closeToLiquidation,
            double bias) {}

    /** A bucket as listed: with its share of its axis's value. */
    record BucketLine(Bucket b, Double sharePct) implements Section.Item {
        @Override
        public Map<String, Object> json() {
            return Json.obj(
                    "bucket",
                    b.label,
                    "axis",
                    b.axis,
                    "positionCount",
                    Format.unrounded(b.positionCount),
                    "totalValue",
                    Format.unrounded(b.value),
                    "valueSharePct",
                    sharePct,
                    "longPct",
                    Format.pct(b.longValue, b.value),
                    "bias",
                    Format.unrounded(b.bias),
                    "valueCloseToLiquidation",
                    Format.unrounded(b.closeToLiquidation),
                    "positionCountChange",
                    Format.unrounded(exactDifference(b.positionCount, b.pastPositionCount)),
                    "valueChangePct",
                    changePct(b.value, b.pastValue));
        }

        @Override
        public String line() {
            Double change = changePct(b.value, b.pastValue);
            return b.label + ": " + money(b.value) + " (" + Format.percent(sharePct) + "), "
                    + Format.number(b.positionCount) + " positions, " + Format.percent(Format.pct(b.longValue, b.value))
                    + " long, " + money(b.closeToLiquidation) + " close to liquidation"
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
        } else if (!keyField.equals("segmentId")) {
            // sizeSegmentId is a position size bucket too (1-10): mapping it onto cohorts would turn 8-10 into PnL
            // cohorts
            label = SizeBucket.byId(id)
                    .map(b -> "size bucket " + b.id() + " (" + b.range() + ")")
                    .orElse("size bucket #" + id);
            axis = "bucket";
        } else {
            Cohort c = CohortLookup.byId(id);
            label = Cohort.labelOf(id);
            axis = c == null ? "other" : c.axis().name().toLowerCase(Locale.ROOT);
        }
        Bucket b = new Bucket(
                label,
                axis,
                Json.numOrZero(row, "positionCount"),
                Json.num(row, "pastPositionCount"),
                Json.numOrZero(row, "totalPositionValue"),
                Json.num(row, "pastTotalPositionValue"),
                Json.numOrZero(row, "totalPositionValueLong"),
                Json.numOrZero(row, "valueCloseToLiquidation"),
                Json.num(row, "bias"));
        byAxis.computeIfAbsent(axis, a -> new Totals()).add(b);
        ranked.add(b.value, b);
        if (mostImpacted == null || b.closeToLiquidation > mostImpacted.closeToLiquidation) mostImpacted = b;
    }

    private static String axisName(String axis) {
        if (axis == null) return "";
        return switch (axis) {
            case "bucket" -> "size-bucket";
            case "size" -> "size-cohort";
            case "pnl" -> "PnL-cohort";
            default -> "";
        };
    }

    @Override
    public void acceptEnvelope(ObjectNode envelope) {
        if (envelope.path("createdAt").isString())
            createdAt = envelope.path("createdAt").stringValue();
    }

    @Override
    public Report finish() {
        String totalsAxis = TOTALS_AXIS_PREFERENCE.stream()
                .filter(byAxis::containsKey)
                .findFirst()
                .orElse(null);
        Totals totals = totalsAxis == null ? new Totals() : byAxis.get(totalsAxis);
        Map<String, Object> fields = Json.obj(
                "coin",
                coin,
                "createdAt",
                createdAt,
                "totalsAxis",
                totalsAxis,
                "totals",
                totals.json(),
                "mostImpacted",
                mostImpacted == null || mostImpacted.closeToLiquidation <= 0
                        ? null
                        : Json.obj(
                                "bucket",
                                mostImpacted.label,
                                "valueCloseToLiquidation",
                                Format.unrounded(mostImpacted.closeToLiquidation),
                                "shareOfItsValuePct",
                                Format.pct(mostImpacted.closeToLiquidation, mostImpacted.value)));
        Double change = changePct(totals.value(), totals.pastValue());
        StringBuilder text = new StringBuilder();
        if (coin != null) text.append(coin).append(": ");
        text.append(money(totals.value()))
                .append(" open value (both sides) in ")
                .append(Format.number(totals.positionCount()))
                .append(" positions, totals over all ")
                .append(totals.buckets)
                .append(' ')
                .append(axisName(totalsAxis))
                .append(" rows; ")
                .append(money(totals.closeToLiquidation()))
                .append(
                        " \"close to liquidation\" as the file reports it (the vendor does not publish how it is measured)");
        if (change != null)
            text.append("; value ").append(Format.signedPercent(change)).append(" vs the file's past values");
        text.append('.');
        if (mostImpacted != null && mostImpacted.closeToLiquidation > 0) {
            text.append(" Most impacted: ")
                    .append(mostImpacted.label)
                    .append(" with ")
                    .append(money(mostImpacted.closeToLiquidation))
                    .append(" close to liquidation.");
        }
        if (createdAt != null) text.append(" As of ").append(createdAt).append('.');

        List<BucketLine> lines = new ArrayList<>();
        for (Bucket b : ranked.ranked())
            lines.add(new BucketLine(b, Format.pct(b.value, byAxis.get(b.axis).value())));
        List<Section> sections = List.of(
                new Section.Fields(fields, text.toString()),
                Section.Listing.of("buckets", "Buckets by value", lines, "buckets"));
        return new Report(sections, List.of(Cut.shorten("buckets", 3), Cut.drop("buckets")), "lower top");
    }
}
