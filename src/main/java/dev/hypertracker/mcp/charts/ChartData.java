package dev.hypertracker.mcp.charts;

import dev.hypertracker.mcp.catalog.Cohort;
import dev.hypertracker.mcp.catalog.Endpoint;
import dev.hypertracker.mcp.digest.Json;
import dev.hypertracker.mcp.digest.Summarizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * What a chart draws, taken from the full upstream rows (the digest keeps only a summary). Shared by the PNG charts
 * and the MCP Apps views, which receive {@link #toJson()}. Values are the API's own figures, unrounded; a series longer
 * than {@link #MAX_SERIES_POINTS} is thinned by keeping each time bucket's lowest and highest point, so the extremes
 * drawn are the series' real extremes.
 */
public sealed interface ChartData {

    /** Points kept over all metrics of a series (about 120 KB of JSON in the result's _meta for the view). */
    int MAX_SERIES_POINTS = 4_000;
    /** Coins kept in a cohort heatmap: the largest by open value. */
    int MAX_HEATMAP_COINS = 40;

    Map<String, Object> toJson();

    /** One metric over time, oldest first. {@code sourcePoints} counts the rows before thinning. */
    record Metric(String name, long[] times, double[] values, int sourcePoints) {
        Map<String, Object> toJson() {
            List<List<Object>> points = new ArrayList<>(times.length);
            for (int i = 0; i < times.length; i++) points.add(List.of(times[i], values[i]));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name);
            m.put("sourcePoints", sourcePoints);
            m.put("points", points);
            return m;
        }
    }

    record Series(String title, List<Metric> metrics) implements ChartData {
        @Override
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", "series");
            m.put("title", title);
            m.put("metrics", metrics.stream().map(Metric::toJson).toList());
            return m;
        }
    }

    /** One coin x cohort cell: long and short value and bias (long share 0-1, as sent, else computed). */
    record Cell(String coin, int cohort, double longValue, double shortValue, double bias) {}

    record CohortHeatmap(String title, List<String> coins, List<Cell> cells) implements ChartData {
        @Override
        public Map<String, Object> toJson() {
            List<Map<String, Object>> cohorts = new ArrayList<>();
            for (Cohort c : Cohort.values()) { // legend order: size cohorts, then PnL
                cohorts.add(Map.of(
                        "id",
                        c.id(),
                        "name",
                        c.displayName(),
                        "axis",
                        c.axis().name().toLowerCase()));
            }
            List<List<Object>> rows = new ArrayList<>(cells.size());
            // bias null when the cohort holds nothing on the coin (JSON has no NaN)
            for (Cell c : cells)
                rows.add(java.util.Arrays.asList(
                        c.coin(), c.cohort(), c.longValue(), c.shortValue(), Double.isNaN(c.bias()) ? null : c.bias()));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", "cohortHeatmap");
            m.put("title", title);
            m.put("coins", coins);
            m.put("cohorts", cohorts);
            m.put("cellFields", List.of("coin", "cohort", "longValue", "shortValue", "bias"));
            m.put("cells", rows);
            return m;
        }
    }

    /** One price bin; {@code mostImpacted} is the cohort name, or null when the file names none. */
    record Bin(
            double priceStart, double priceEnd, double liquidationValue, double positionsCount, String mostImpacted) {}

    record LiquidationMap(String title, String coin, List<Bin> bins) implements ChartData {
        @Override
        public Map<String, Object> toJson() {
            List<Map<String, Object>> out = new ArrayList<>(bins.size());
            for (Bin b : bins) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("priceStart", b.priceStart());
                m.put("priceEnd", b.priceEnd());
                m.put("liquidationValue", b.liquidationValue());
                m.put("positionsCount", b.positionsCount());
                if (b.mostImpacted() != null) m.put("mostImpacted", b.mostImpacted());
                out.add(m);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", "liquidationMap");
            m.put("title", title);
            if (coin != null) m.put("coin", coin);
            m.put("bins", out);
            return m;
        }
    }

    /** The chart of an endpoint's pages, when its kind has one. */
    static java.util.Optional<ChartData> of(Endpoint endpoint, List<JsonNode> pageBodies) {
        return switch (endpoint.digest()) {
            case SERIES -> java.util.Optional.of(series(endpoint, pageBodies));
            case HEATMAP -> java.util.Optional.of(cohortHeatmap(endpoint, pageBodies));
            case LIQUIDATION_HEATMAP -> java.util.Optional.of(liquidationMap(endpoint, pageBodies));
            default -> java.util.Optional.empty();
        };
    }

    /** Fields that identify a point rather than measure something (as in the series digest). */
    Set<String> NOT_METRICS =
            Set.of("id", "coin", "segmentId", "sizeBucketId", "sizeSegmentId", "createdAt", "timestamp", "time");

    List<String> TIME_FIELDS = List.of("createdAt", "timestamp", "time");

    /** The chart of a series endpoint's pages: every numeric field, oldest point first. */
    static Series series(Endpoint endpoint, List<JsonNode> pageBodies) {
        List<JsonNode> rows = Summarizer.rows(endpoint, pageBodies);
        List<long[]> order = new ArrayList<>(); // {time, row index}
        Map<String, Boolean> names = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            long at = time(row);
            if (at == Long.MIN_VALUE) continue;
            order.add(new long[] {at, i});
            for (String field : row.propertyNames()) {
                if (!NOT_METRICS.contains(field) && !Double.isNaN(Json.num(row, field))) names.put(field, true);
            }
        }
        order.sort(Comparator.comparingLong((long[] o) -> o[0]).thenComparingLong(o -> o[1]));
        int perMetric = names.isEmpty() ? 0 : Math.max(100, MAX_SERIES_POINTS / names.size());
        List<Metric> metrics = new ArrayList<>();
        for (String name : names.keySet()) {
            long[] t = new long[order.size()];
            double[] v = new double[order.size()];
            int n = 0;
            for (long[] o : order) {
                double value = Json.num(rows.get((int) o[1]), name);
                if (Double.isNaN(value)) continue;
                t[n] = o[0];
                v[n++] = value;
            }
            metrics.add(thin(name, t, v, n, perMetric));
        }
        return new Series(endpoint.title(), metrics);
    }

    private static long time(JsonNode row) {
        for (String f : TIME_FIELDS) {
            long at = Json.epochMillis(row.get(f));
            if (at != Long.MIN_VALUE) return at;
        }
        return Long.MIN_VALUE;
    }

    /** At most {@code max} points: equal-count buckets, each keeping its lowest and highest point in time order. */
    static Metric thin(String name, long[] t, double[] v, int n, int max) {
        if (n <= max) return new Metric(name, java.util.Arrays.copyOf(t, n), java.util.Arrays.copyOf(v, n), n);
        int buckets = max / 2;
        long[] ot = new long[buckets * 2];
        double[] ov = new double[buckets * 2];
        int k = 0;
        for (int b = 0; b < buckets; b++) {
            int from = (int) ((long) b * n / buckets), to = (int) ((long) (b + 1) * n / buckets);
            int lo = from, hi = from;
            for (int i = from; i < to; i++) {
                if (v[i] < v[lo]) lo = i;
                if (v[i] > v[hi]) hi = i;
            }
            int a = Math.min(lo, hi), c = Math.max(lo, hi);
            ot[k] = t[a];
            ov[k++] = v[a];
            if (c != a) {
                ot[k] = t[c];
                ov[k++] = v[c];
            }
        }
        return new Metric(name, java.util.Arrays.copyOf(ot, k), java.util.Arrays.copyOf(ov, k), n);
    }

    /** The positions heatmap: the largest coins by open value, one cell per cohort the coin has. */
    static CohortHeatmap cohortHeatmap(Endpoint endpoint, List<JsonNode> pageBodies) {
        List<JsonNode> rows = new ArrayList<>(Summarizer.rows(endpoint, pageBodies));
        rows.removeIf(r -> r.get("coin") == null || !r.get("coin").isString());
        // stable: equal values keep upstream order
        rows.sort(Comparator.comparingDouble((JsonNode r) -> -zero(Json.num(r, "totalValue"))));
        List<String> coins = new ArrayList<>();
        List<Cell> cells = new ArrayList<>();
        for (JsonNode row : rows.subList(0, Math.min(MAX_HEATMAP_COINS, rows.size()))) {
            String coin = row.get("coin").stringValue();
            coins.add(coin);
            JsonNode segments = row.get("segments");
            if (segments == null || !segments.isArray()) continue;
            for (JsonNode s : segments) {
                double id = Json.num(s, "segmentId");
                if (Double.isNaN(id) || Cohort.byId((int) id).isEmpty()) continue;
                double longValue = zero(Json.num(s, "totalLongValue")),
                        shortValue = zero(Json.num(s, "totalShortValue"));
                double bias = Json.num(s, "bias");
                if (Double.isNaN(bias))
                    bias = longValue + shortValue == 0 ? Double.NaN : longValue / (longValue + shortValue);
                cells.add(new Cell(coin, (int) id, longValue, shortValue, bias));
            }
        }
        return new CohortHeatmap(endpoint.title(), coins, cells);
    }

    /** The liquidation heatmap file: every price bin in price order. */
    static LiquidationMap liquidationMap(Endpoint endpoint, List<JsonNode> pageBodies) {
        List<Bin> bins = new ArrayList<>();
        for (JsonNode row : Summarizer.rows(endpoint, pageBodies)) {
            double start = Json.num(row, "priceBinStart"), end = Json.num(row, "priceBinEnd");
            if (Double.isNaN(start) || Double.isNaN(end)) continue;
            double cohort = Json.num(row, "mostImpactedSegment");
            String name = Double.isNaN(cohort)
                    ? null
                    : Cohort.byId((int) cohort).map(Cohort::displayName).orElse(null);
            bins.add(new Bin(
                    start, end, zero(Json.num(row, "liquidationValue")), zero(Json.num(row, "positionsCount")), name));
        }
        bins.sort(Comparator.comparingDouble(Bin::priceStart));
        String coin = pageBodies.isEmpty() || pageBodies.get(0).get("coin") == null
                ? null
                : pageBodies.get(0).get("coin").asString();
        return new LiquidationMap(endpoint.title(), coin, bins);
    }

    private static double zero(double v) {
        return Double.isNaN(v) ? 0 : v;
    }
}
