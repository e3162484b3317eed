package dev.hypertracker.mcp.digest;

import static dev.hypertracker.mcp.digest.Format.money;
import static dev.hypertracker.mcp.digest.Format.round2;

import dev.hypertracker.mcp.catalog.Cohort;
import dev.hypertracker.mcp.digest.Report.Cut;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * get_positions_heatmap: per coin (the top coins by value) the cohorts leaning hardest long and short, and the coins
 * where smart and rekt cohorts lean opposite ways. Bias is the long share of value, 0-100%.
 *
 * <p>"Smart" = the profitable PnL cohorts with at least $10K all-time PnL (Money Printer, Smart Money, Grinder);
 * Humble Earner ($0-10K) is left out as too close to break-even to mean skill. "Rekt" = every losing PnL cohort.
 *
 * <p>Focus (issue 14): {@code coin} keeps every cohort on those coins, {@code segmentId} keeps those cohorts on every
 * coin, both together keep those cohorts on those coins. Applied here, to the one cached response.
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
    private long coinCount, divergenceCount, count, countLong, countShort;
    private final ExactSum totalValue = new ExactSum(), longValue = new ExactSum(), shortValue = new ExactSum();
    /** The focused coins and cohort ids in the order asked; empty when not focused. */
    private final List<String> focusCoins;

    private final List<Integer> focusSegments;
    private final List<FocusRow> focus = new ArrayList<>();
    private final Set<String> coinsSeen = new LinkedHashSet<>();
    /** Per focused cohort id: its long value and value over the focused coins, so the text leans every one of them. */
    private final Map<Integer, ExactSum[]> segmentTotals = new LinkedHashMap<>();

    HeatmapDigest(DigestOptions options) {
        this.top = options.top();
        this.openedWithin = options.echo().getOrDefault("openedWithin", "all");
        this.coins = new TopN<>(top);
        this.divergences = new TopN<>(top);
        this.focusCoins =
                echoedList(options, "coin").stream().map(String::valueOf).toList();
        this.focusSegments = echoedList(options, "segmentId").stream()
                .map(v -> Integer.parseInt(String.valueOf(v)))
                .toList();
    }

    private static List<?> echoedList(DigestOptions options, String name) {
        Object v = options.echo().get(name);
        return v == null ? List.of() : v instanceof List<?> l ? l : List.of(v);
    }

    private boolean focused() {
        return !focusCoins.isEmpty() || !focusSegments.isEmpty();
    }

    private boolean inFocus(String coin, int segmentId) {
        return (focusCoins.isEmpty() || focusCoins.contains(coin))
                && (focusSegments.isEmpty() || focusSegments.contains(segmentId));
    }

    /**
     * One cohort on one coin: value and count as the upstream gives them; bias = totalLongValue / totalValue (0-1),
     * computed here from the exact values rather than taken from the upstream's 2-decimal bias.
     */
    record FocusRow(String coin, int segmentId, Cohort.Axis axis, double bias, double totalValue, long count)
            implements Section.Item {
        @Override
        public Map<String, Object> json() {
            return Json.obj(
                    "coin",
                    coin,
                    "segmentId",
                    segmentId,
                    "name",
                    Cohort.byId(segmentId).map(Cohort::displayName).orElse(null),
                    "axis",
                    axis == null ? null : axis.name().toLowerCase(Locale.ROOT),
                    "bias",
                    Double.isNaN(bias) ? null : Format.unrounded(bias),
                    "totalValue",
                    Format.unrounded(totalValue),
                    "count",
                    count);
        }

        @Override
        public String line() {
            return coin + " " + Cohort.labelOf(segmentId) + " ["
                    + (axis == null ? "?" : axis == Cohort.Axis.SIZE ? "size" : "PnL") + " axis]: " + lean(bias)
                    + " of " + money(totalValue) + ", " + Format.count(count) + " positions";
        }
    }

    /** "leans long, 62.1% long" / "leans short, 37.9% long" / "balanced, 50% long". */
    static String lean(double bias) {
        if (Double.isNaN(bias)) return "no value";
        double pct = round2(bias * 100);
        String word = pct > 50 ? "leans long" : pct < 50 ? "leans short" : "balanced";
        return word + ", " + Format.percent(pct) + " long";
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
            return Json.obj(
                    "cohort",
                    Cohort.labelOf(cohort),
                    "longPct",
                    Format.unrounded(bias * 100),
                    "value",
                    Format.unrounded(value));
        }

        String text() {
            return Cohort.labelOf(cohort) + " " + Format.percent(round2(bias * 100)) + " long of " + money(value);
        }
    }

    /**
     * A coin: its value counts both sides (long = short at coin level, so no long share is shown), its positions per
     * side with this server's average per side, and the cohorts leaning hardest.
     */
    record CoinLean(
            String coin,
            double totalValue,
            double longValue,
            double shortValue,
            long countLong,
            long countShort,
            Lean mostLong,
            Lean mostShort)
            implements Section.Item {
        @Override
        public Map<String, Object> json() {
            return Json.obj(
                    "coin",
                    coin,
                    "totalValue",
                    Format.unrounded(totalValue),
                    "countLong",
                    countLong,
                    "countShort",
                    countShort,
                    "averageLongValue",
                    countLong == 0 ? null : Format.unrounded(longValue / countLong),
                    "averageShortValue",
                    countShort == 0 ? null : Format.unrounded(shortValue / countShort),
                    "mostLong",
                    mostLong == null ? null : mostLong.json(),
                    "mostShort",
                    mostShort == null ? null : mostShort.json());
        }

        @Override
        public String line() {
            return coin + " " + money(totalValue) + " both sides, " + Format.count(countLong) + " longs"
                    + (countLong == 0 ? "" : " avg " + money(longValue / countLong)) + " vs " + Format.count(countShort)
                    + " shorts" + (countShort == 0 ? "" : " avg " + money(shortValue / countShort))
                    + (mostLong == null ? "" : "; most long: " + mostLong.text())
                    + (mostShort == null ? "" : "; most short: " + mostShort.text());
        }
    }

    record Divergence(
            String coin, double coinValue, double smartBias, double smartValue, double rektBias, double rektValue)
            implements Section.Item {
        @Override
        public Map<String, Object> json() {
            return Json.obj(
                    "coin",
                    coin,
                    "coinValue",
                    Format.unrounded(coinValue),
                    "smartLongPct",
                    Format.unrounded(smartBias * 100),
                    "smartValue",
                    Format.unrounded(smartValue),
                    "rektLongPct",
                    Format.unrounded(rektBias * 100),
                    "rektValue",
                    Format.unrounded(rektValue));
        }

        @Override
        public String line() {
            return coin + ": smart " + Format.percent(round2(smartBias * 100)) + " long (" + money(smartValue)
                    + ") vs rekt " + Format.percent(round2(rektBias * 100)) + " long (" + money(rektValue) + ")";
        }
    }

    @Override
    public void accept(JsonNode row) {
        String coin = Json.str(row, "coin");
        double value = Json.numOrZero(row, "totalValue");
        double coinLong = Json.numOrZero(row, "totalLongValue");
        double coinShort = Json.numOrZero(row, "totalShortValue");
        long coinPositions = (long) Json.numOrZero(row, "count");
        long coinLongs = (long) Json.numOrZero(row, "countLong");
        long coinShorts = (long) Json.numOrZero(row, "countShort");
        coinCount++;
        if (focused() && coin != null) coinsSeen.add(coin);
        count += coinPositions;
        countLong += coinLongs;
        countShort += coinShorts;
        totalValue.add(value);
        longValue.add(coinLong);
        shortValue.add(coinShort);

        Lean mostLong = null, mostShort = null;
        double smartLong = 0, smartValue = 0, rektLong = 0, rektValue = 0;
        for (JsonNode segment : row.path("segments").values()) {
            int id = (int) Json.numOrZero(segment, "segmentId");
            double segmentValue = Json.numOrZero(segment, "totalValue");
            double segmentLong = Json.numOrZero(segment, "totalLongValue");
            Cohort cohort = CohortLookup.byId(id);
            if (focused() && inFocus(coin, id)) {
                focus.add(new FocusRow(
                        coin,
                        id,
                        cohort == null ? null : cohort.axis(),
                        segmentValue > 0 ? segmentLong / segmentValue : Double.NaN,
                        segmentValue,
                        (long) Json.numOrZero(segment, "count")));
                if (!focusSegments.isEmpty()) {
                    ExactSum[] t =
                            segmentTotals.computeIfAbsent(id, k -> new ExactSum[] {new ExactSum(), new ExactSum()});
                    t[0].add(segmentLong);
                    t[1].add(segmentValue);
                }
            }
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
            coins.add(
                    value, new CoinLean(coin, value, coinLong, coinShort, coinLongs, coinShorts, mostLong, mostShort));
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
        Map<String, Object> fields = Json.obj(
                "openedWithin",
                openedWithin,
                "totals",
                Json.obj(
                        "coinCount",
                        coinCount,
                        "count",
                        count,
                        "countLong",
                        countLong,
                        "countShort",
                        countShort,
                        "totalValue",
                        totalValue.value(),
                        "longValue",
                        longValue.value(),
                        "shortValue",
                        shortValue.value()),
                "divergenceCount",
                divergenceCount);
        String text = "Opened within: " + openedWithin + ". " + Format.count(coinCount) + " coins, "
                + Format.count(count)
                + " positions (" + Format.count(countLong) + " long, " + Format.count(countShort)
                + " short), open value "
                + money(totalValue.value()) + " counting both sides (long " + money(longValue.value()) + " + short "
                + money(shortValue.value())
                + "; every long has a matching short, so this is about 2x the usual one-sided "
                + "open interest). The information is in the cohorts' leans (bias = a cohort's long share of its value) "
                + "and in the counts per side.";
        List<Section> sections = new ArrayList<>();
        sections.add(new Section.Fields(fields, text));
        if (focused()) sections.add(focusListing());
        sections.add(Section.Listing.of(
                "coins",
                "Top coins by value: positions per side with this server's average per "
                        + "side (value / positions), and the cohorts leaning hardest (each holding >=1% of the coin)",
                coins.ranked(),
                "coins"));
        sections.add(Section.Listing.of(
                "divergences",
                Format.count(divergenceCount)
                        + " coins where smart (Money Printer, Smart Money, Grinder) and rekt cohorts lean opposite ways, by coin value",
                divergences.ranked(),
                "divergences"));
        List<Cut> dropOrder = List.of(
                Cut.shorten("coins", 5),
                Cut.shorten("divergences", 5),
                Cut.shorten("coins", 3),
                Cut.shorten("divergences", 3),
                Cut.drop("coins"),
                Cut.drop("divergences"),
                Cut.shorten("focus", 48),
                Cut.shorten("focus", 16));
        return new Report(sections, dropOrder, "lower top, focus on fewer coins or cohorts, or raise maxTokens");
    }

    /**
     * The focused rows: by coin (the order asked, else by the cohort's value), size axis before PnL axis (never to be
     * added), then by value. The heading names what was asked and not found.
     */
    private Section.Listing focusListing() {
        Comparator<FocusRow> order = Comparator.comparingInt(
                        (FocusRow r) -> focusCoins.isEmpty() ? 0 : focusCoins.indexOf(r.coin()))
                .thenComparingInt(r -> focusSegments.isEmpty() ? 0 : focusSegments.indexOf(r.segmentId()))
                .thenComparing(r -> r.axis() == Cohort.Axis.PNL)
                .thenComparing(Comparator.comparingDouble(FocusRow::totalValue).reversed());
        focus.sort(order);
        List<String> missing = new ArrayList<>();
        for (String c : focusCoins) if (!coinsSeen.contains(c)) missing.add(c + " (no open positions in the heatmap)");
        for (int id : focusSegments) {
            if (focus.stream().noneMatch(r -> r.segmentId() == id))
                missing.add(
                        Cohort.labelOf(id) + " (not present" + (focusCoins.isEmpty() ? "" : " on these coins") + ")");
        }
        Map<String, Object> asked = new LinkedHashMap<>();
        if (!focusCoins.isEmpty()) asked.put("coin", String.join(", ", focusCoins));
        if (!focusSegments.isEmpty())
            asked.put(
                    "cohort",
                    String.join(
                            ", ", focusSegments.stream().map(Cohort::labelOf).toList()));
        StringBuilder heading = new StringBuilder("Focus ");
        asked.forEach((k, v) -> heading.append(k).append(' ').append(v).append("; "));
        heading.append(Format.count(focus.size()))
                .append(" cohort rows (bias = long value / value; size and PnL axes are"
                        + " separate partitions of the same positions, never add them)");
        if (!missing.isEmpty()) heading.append(". Not found: ").append(String.join(", ", missing));
        // never cut: each focused cohort's lean over all the coins it holds, whatever the budget leaves of the rows
        for (int id : focusSegments) {
            ExactSum[] t = segmentTotals.get(id);
            if (t == null || t[1].value() <= 0) continue;
            long coinsHeld = focus.stream().filter(r -> r.segmentId() == id).count();
            heading.append(". ")
                    .append(Cohort.labelOf(id))
                    .append(" over its ")
                    .append(Format.count(coinsHeld))
                    .append(coinsHeld == 1 ? " coin: " : " coins: ")
                    .append(lean(t[0].value() / t[1].value()))
                    .append(" of ")
                    .append(money(t[1].value()));
        }
        List<FocusRow> rows = List.copyOf(focus);
        // an empty listing prints nothing; the heading must still say what was not found
        return rows.isEmpty()
                ? new Section.Listing(
                        "focus", heading.toString(), Section.Layout.DESCRIBED, rows, null, "focus rows", 0)
                : Section.Listing.of("focus", heading.toString(), rows, "focus rows");
    }
}
