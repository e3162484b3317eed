package dev.hypertracker.mcp.digest;

import dev.hypertracker.mcp.api.Paging;
import dev.hypertracker.mcp.digest.Report.Cut;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Every time series (market overview, perp volume, coin / coin x cohort / coin x size bucket metrics, the hourly
 * export): per numeric field first (the OLDEST point, whatever the upstream order), last (newest), min and max with
 * their times, mean, change; and a trend of the main metric resampled to a few points.
 *
 * <p>Memory: O(1) per metric plus two primitives per point for the trend. Series are at most tens of thousands of
 * points (60 days hourly is 1,440), unlike positions.
 */
final class SeriesDigest implements KindDigest {

    /** Fields that identify a point rather than measure something. */
    static final Set<String> NOT_METRICS =
            Set.of("id", "coin", "segmentId", "sizeBucketId", "sizeSegmentId", "createdAt", "timestamp", "time");
    /** The metric the trend follows: the first of these present, else the first numeric field. */
    static final List<String> MAIN_METRICS = List.of("openInterest", "totalPositionValue", "volume");

    static final int TREND_POINTS = 8;

    /**
     * What a perp-volume point is, in the vendor's words (issue 14), and what the vendor leaves open: the unit and the
     * period a point sums over are not documented, so the digest does not call it hourly or USD.
     */
    static final String VOLUME_MEANING = "volume: per the vendor, \"the total perp trading volume observed at a given "
            + "timestamp\"; its unit and the period each point covers are not documented.";
    /** Where a point's time is: createdAt in API rows, timestamp in the export table. */
    static final String[] TIME_FIELDS = {"createdAt", "timestamp", "time"};

    /** A window whose first point is this late after its start is missing data at the start (cadence is 10-30 min). */
    static final long START_SLACK_MILLIS = 60 * 60_000L;

    private final Map<String, Stats> stats = new LinkedHashMap<>();
    private final long askedFrom;
    private final long askedTo;
    /** Where the route's history begins (the vendor's guide), or Long.MIN_VALUE when no limit is published. */
    private final long historyStart;

    private String mainMetric;
    private long[] trendTimes = new long[256];
    private double[] trendValues = new double[256];
    private int trendSize;
    private long points;
    private long from = Long.MAX_VALUE, to = Long.MIN_VALUE;

    /** One metric's running statistics. Oldest/newest by timestamp; on equal timestamps the earlier row wins. */
    static final class Stats implements Section.Item {
        long n;
        final ExactSum sum = new ExactSum();
        double min = Double.NaN, max = Double.NaN, first = Double.NaN, last = Double.NaN;
        long minAt = Long.MIN_VALUE, maxAt = Long.MIN_VALUE, firstAt = Long.MAX_VALUE, lastAt = Long.MIN_VALUE;

        void add(double v, long at) {
            n++;
            sum.add(v);
            if (Double.isNaN(min) || v < min) {
                min = v;
                minAt = at;
            }
            if (Double.isNaN(max) || v > max) {
                max = v;
                maxAt = at;
            }
            if (at != Long.MIN_VALUE) {
                if (at < firstAt) {
                    firstAt = at;
                    first = v;
                }
                if (at > lastAt) {
                    lastAt = at;
                    last = v;
                }
            }
        }

        /** last - first, exactly (two doubles subtracted would show binary noise). */
        double change() {
            if (!Double.isFinite(first) || !Double.isFinite(last)) return Double.NaN;
            return java.math.BigDecimal.valueOf(last)
                    .subtract(java.math.BigDecimal.valueOf(first))
                    .doubleValue();
        }

        Double changePct() {
            return first == 0 || Double.isNaN(first) ? null : Format.unrounded(change() / Math.abs(first) * 100);
        }

        double mean() {
            return sum.value() / n;
        }

        @Override
        public Map<String, Object> json() {
            return Json.obj(
                    "first",
                    Format.unrounded(first),
                    "last",
                    Format.unrounded(last),
                    "min",
                    Format.unrounded(min),
                    "minAt",
                    time(minAt),
                    "max",
                    Format.unrounded(max),
                    "maxAt",
                    time(maxAt),
                    "mean",
                    Format.unrounded(mean()),
                    "change",
                    Format.unrounded(change()),
                    "changePct",
                    changePct());
        }

        @Override
        public String line() {
            return "first " + Format.number(first) + ", last " + Format.number(last) + " ("
                    + Format.signedPercent(changePct()) + "), min " + Format.number(min) + " at " + textTime(minAt)
                    + ", max " + Format.number(max) + " at " + textTime(maxAt) + ", mean " + Format.number(mean());
        }
    }

    /** A stats item named by its metric in the text. */
    record NamedStats(String metric, Stats stats) implements Section.Item {
        @Override
        public Map<String, Object> json() {
            return stats.json();
        }

        @Override
        public String line() {
            return metric + ": " + stats.line();
        }
    }

    record TrendPoint(long at, double value) implements Section.Item {
        @Override
        public Map<String, Object> json() {
            return Json.obj("at", time(at), "value", Format.unrounded(value));
        }

        @Override
        public String line() {
            return textTime(at) + " " + Format.number(value);
        }
    }

    static String time(long epochMillis) {
        return epochMillis == Long.MIN_VALUE || epochMillis == Long.MAX_VALUE ? null : Format.iso(epochMillis);
    }

    static String textTime(long epochMillis) {
        return epochMillis == Long.MIN_VALUE || epochMillis == Long.MAX_VALUE ? "n/a" : Format.isoMinutes(epochMillis);
    }

    SeriesDigest(DigestOptions options, long historyStart) {
        this.askedFrom = echoedTime(options, "start");
        this.askedTo = echoedTime(options, "end");
        this.historyStart = historyStart;
    }

    private static long echoedTime(DigestOptions options, String name) {
        Object v = options.echo().get(name);
        return v instanceof String s ? Json.epochMillis(s) : Long.MIN_VALUE;
    }

    @Override
    public String coverageGap(Paging paging) {
        boolean pagesLeft = !paging.complete();
        boolean lateStart =
                askedFrom != Long.MIN_VALUE && from != Long.MAX_VALUE && from - askedFrom > START_SLACK_MILLIS;
        boolean beforeHistory =
                askedFrom != Long.MIN_VALUE && historyStart != Long.MIN_VALUE && askedFrom < historyStart;
        if (!pagesLeft && !lateStart && !beforeHistory && points > 0) return null;
        String asked = askedFrom == Long.MIN_VALUE
                ? "the requested window"
                : "the requested " + textTime(askedFrom) + " to "
                        + (askedTo == Long.MIN_VALUE ? "now" : textTime(askedTo));
        String history = beforeHistory
                ? "this route's history begins " + textTime(historyStart)
                        + " (vendor guide), and the API has no points before it"
                : null;
        if (points == 0) {
            if (history != null) return "NOT COVERED: no points in " + asked + ": " + history + ".";
            return pagesLeft ? "NOT COVERED: no points read of " + asked + "." : null;
        }
        String covered = "PARTIAL: the stats cover " + textTime(from) + " to " + textTime(to) + " only, of " + asked;
        if (pagesLeft) {
            return covered + (history == null ? "" : " (" + history + ")") + " (" + Format.count(paging.pagesFetched())
                    + " pages read, more remain: raise maxPages, continue with nextCursor, or shorten the window).";
        }
        if (history != null) return covered + ": " + history + ".";
        return covered + ": the API has no points before " + textTime(from) + " for this query.";
    }

    @Override
    public void accept(JsonNode row) {
        points++;
        String timeField = Json.firstPresent(row, TIME_FIELDS);
        long at = timeField == null ? Long.MIN_VALUE : Json.epochMillis(row.get(timeField));
        if (at != Long.MIN_VALUE) {
            from = Math.min(from, at);
            to = Math.max(to, at);
        }
        row.forEachEntry((field, value) -> {
            if (NOT_METRICS.contains(field) || !isMetricValue(field, value)) return;
            double v = Json.number(field, value);
            if (!Double.isNaN(v)) stats.computeIfAbsent(field, f -> new Stats()).add(v, at);
        });
        if (mainMetric == null) mainMetric = chooseMainMetric();
        if (mainMetric != null && at != Long.MIN_VALUE) {
            double main = numericOrNaN(row.get(mainMetric));
            if (!Double.isNaN(main)) addTrendPoint(at, main);
        }
    }

    /**
     * A number, numeric text ("30500.12": some routes send every number as a string), or a value of a field already
     * known as a metric (then Json.number counts it as unreadable). Other text is a label, not a metric.
     */
    private boolean isMetricValue(String field, JsonNode value) {
        if (value.isNumber() || stats.containsKey(field)) return !value.isNull();
        return value.isString() && !Double.isNaN(numericOrNaN(value));
    }

    /** The value as a number without counting anything: text that is not a number is NaN. */
    private static double numericOrNaN(JsonNode value) {
        if (value == null) return Double.NaN;
        if (value.isNumber()) return value.doubleValue();
        if (!value.isString()) return Double.NaN;
        try {
            return new java.math.BigDecimal(value.stringValue().trim()).doubleValue();
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private String chooseMainMetric() {
        for (String m : MAIN_METRICS) {
            if (stats.containsKey(m)) return m;
        }
        return stats.isEmpty() ? null : stats.keySet().iterator().next();
    }

    private void addTrendPoint(long at, double value) {
        if (trendSize == trendTimes.length) {
            trendTimes = Arrays.copyOf(trendTimes, trendSize * 2);
            trendValues = Arrays.copyOf(trendValues, trendSize * 2);
        }
        trendTimes[trendSize] = at;
        trendValues[trendSize] = value;
        trendSize++;
    }

    /** The main metric in time order at evenly spaced points, the oldest and newest always included. */
    private List<TrendPoint> trend() {
        Integer[] order = new Integer[trendSize];
        for (int i = 0; i < trendSize; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Long.compare(trendTimes[a], trendTimes[b])); // stable: equal times keep row order
        int k = Math.min(TREND_POINTS, trendSize);
        List<TrendPoint> trend = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            int at = k == 1 ? 0 : (int) Math.round((double) i * (trendSize - 1) / (k - 1));
            trend.add(new TrendPoint(trendTimes[order[at]], trendValues[order[at]]));
        }
        return trend;
    }

    @Override
    public Report finish() {
        Map<String, Object> fields =
                Json.obj("points", points, "from", time(from), "to", time(to), "trendMetric", mainMetric);
        String text = Format.count(points) + " points"
                + (points == 0 ? "." : " from " + textTime(from) + " to " + textTime(to) + ".")
                + (stats.containsKey("volume") ? " " + VOLUME_MEANING : "");

        // the main metric first, so that shortening the stats keeps it
        List<String> metrics = new ArrayList<>(stats.keySet());
        if (mainMetric != null) {
            metrics.remove(mainMetric);
            metrics.add(0, mainMetric);
        }
        List<NamedStats> items = new ArrayList<>();
        for (String m : metrics) items.add(new NamedStats(m, stats.get(m)));

        List<TrendPoint> trend = trend();
        List<Section> sections = new ArrayList<>();
        sections.add(new Section.Fields(fields, text));
        String range = points == 0 ? "" : " over " + textTime(from) + " to " + textTime(to);
        sections.add(new Section.Listing(
                "stats",
                "Stats per metric" + range + " (first = oldest)",
                Section.Layout.BULLETS,
                items,
                metrics,
                "metrics",
                items.size()));
        sections.add(Section.Listing.inline("trend", mainMetric + " trend", trend, "trend points"));
        List<Cut> dropOrder = List.of(
                Cut.shorten("stats", 4),
                Cut.shorten("trend", 4),
                Cut.shorten("stats", 2),
                Cut.drop("trend"),
                Cut.shorten("stats", 1),
                Cut.drop("stats"));
        return new Report(sections, dropOrder, "shorten the start/end window");
    }
}
